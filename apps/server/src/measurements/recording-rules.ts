import { Injectable } from '@nestjs/common';
import { canRecordFor, Principal } from '@app/accounts';
import { Forbidden, NotFound, Problem } from '@app/common';
import { IndicatorRow, MeasuredTerritory, MilestoneRow, ObjectiveRow, RoadmapRepository } from '@app/persistence';
import { readTerritoryReference, scopeAllows, TERRITORY_REFERENCE_EXAMPLES, territoryLabel } from '@app/territories';
import { valueProblem } from '@app/roadmap';
import { Calendar } from '@app/common';

/** Dates before this are typing mistakes (0224-03-31), not roadmap data. */
export const EARLIEST_DATE = '2000-01-01';

/**
 * The rules every write of recorded data follows, whether it comes from a form, the API or an
 * imported spreadsheet: the thing exists, the user's role and bodies allow it, the value suits
 * the indicator's unit, and dates are real and not in the future.
 */
@Injectable()
export class RecordingRules {
  constructor(
    private readonly roadmap: RoadmapRepository,
    private readonly calendar: Calendar,
  ) {}

  indicator(id: number): { indicator: IndicatorRow; objective: ObjectiveRow } {
    const s = this.roadmap.structure();
    const indicator = s.indicatorsById.get(id);
    if (!indicator) throw new NotFound('not_found.indicator', { id: String(id) });
    return { indicator, objective: s.objectivesByCode.get(indicator.objectiveCode)! };
  }

  milestone(id: number): { milestone: MilestoneRow; objective: ObjectiveRow } {
    const s = this.roadmap.structure();
    const milestone = s.milestonesById.get(id);
    if (!milestone) throw new NotFound('not_found.milestone', { id: String(id) });
    return { milestone, objective: s.objectivesByCode.get(milestone.objectiveCode)! };
  }

  /** Why this user may not record for this objective (a code and its parameters), or null when they may. */
  permissionProblem(principal: Principal, objective: ObjectiveRow): { code: string; params: Record<string, string | string[]> } | null {
    if (canRecordFor(principal, objective)) return null;
    if (principal.role !== 'editor') return { code: 'permission.viewer_cannot_record', params: { role: principal.role } };
    return {
      code: 'permission.body_not_allowed',
      params: {
        bodies: principal.bodies,
        objective: objective.code,
        lead: objective.leadBody,
        objectiveBodies: [objective.leadBody, ...objective.contributingBodies],
      },
    };
  }

  assertCanRecord(principal: Principal, objective: ObjectiveRow): void {
    const problem = this.permissionProblem(principal, objective);
    if (problem) throw new Forbidden(problem.code, problem.params);
  }

  /** Milestones are national: an editor limited to a territory (an ARS) does not move them. */
  assertCanUpdateMilestone(principal: Principal, objective: ObjectiveRow): void {
    this.assertCanRecord(principal, objective);
    if (principal.scope) throw new Forbidden('permission.territory_national_milestone', { scope: territoryLabel(principal.scope) });
  }

  /**
   * The territory a value is for, read from `region:84` / `departement:2A` (absent or empty: the
   * national value), with the problems of the territory and its denominator: a real territory, at a
   * level the indicator is recorded at, and a denominator exactly when the indicator is a weighted rate.
   */
  territoryOf(
    indicator: IndicatorRow,
    territory: string | null | undefined,
    denominator: number | null | undefined,
  ): { territory: MeasuredTerritory | null; problems: Problem[] } {
    // Named in French, as the pages are first (the English name when it has none).
    const name = this.roadmap.structure('fr').indicatorsById.get(indicator.id)?.name ?? indicator.name;
    const problems: Problem[] = [];
    let found: MeasuredTerritory | null = null;
    if (territory !== undefined && territory !== null && territory.trim() !== '') {
      const reading = readTerritoryReference(territory);
      if (!reading.ok && reading.problem === 'bad_reference')
        problems.push({ code: 'territory.bad_reference', field: 'territory', params: TERRITORY_REFERENCE_EXAMPLES });
      else if (!reading.ok) problems.push({ code: `territory.unknown_${reading.level}`, field: 'territory', params: { code: reading.code } });
      else if (!indicator.territorial) problems.push({ code: 'territory.not_territorial', field: 'territory', params: { indicator: name } });
      else if (!indicator.territorial.levels.includes(reading.territory.level)) {
        const code = reading.territory.level === 'departement' ? 'territory.regions_only' : 'territory.departements_only';
        problems.push({ code, field: 'territory', params: { indicator: name, territory: territoryLabel(reading.territory) } });
      } else found = { level: reading.territory.level, code: reading.territory.code };
    }
    const weighted = indicator.territorial?.national === 'weighted_mean';
    const given = denominator !== undefined && denominator !== null;
    if (given && (!weighted || (!found && problems.length === 0))) problems.push({ code: 'territory.denominator_not_read', field: 'denominator' });
    else if (given && denominator <= 0) problems.push({ code: 'territory.denominator_not_positive', field: 'denominator' });
    else if (!given && weighted && found) {
      problems.push({ code: 'territory.denominator_required', field: 'denominator', params: { indicator: name, territory: territoryLabel(found) } });
    }
    return { territory: found, problems };
  }

  /** Why this editor may not record for this territory (null: national), or null when they may. */
  scopeProblem(principal: Principal, territory: MeasuredTerritory | null): { code: string; params: Record<string, string> } | null {
    const decision = scopeAllows(principal.scope, territory);
    if (decision.allowed) return null;
    const scope = territoryLabel(principal.scope!);
    if (decision.reason === 'national_value') return { code: 'permission.territory_national_value', params: { scope } };
    return { code: 'permission.territory_outside_scope', params: { scope, territory: territoryLabel(territory!) } };
  }

  assertScope(principal: Principal, territory: MeasuredTerritory | null): void {
    const problem = this.scopeProblem(principal, territory);
    if (problem) throw new Forbidden(problem.code, problem.params);
  }

  valueErrors(indicator: IndicatorRow, value: number, field = 'value'): Problem[] {
    const problem = valueProblem(indicator.unit, value);
    return problem ? [{ field, ...problem }] : [];
  }

  /** A date a value or a completion describes: real, not before 2000, not after today. */
  pastDateErrors(date: string, field: string, today = this.calendar.today()): Problem[] {
    if (date < EARLIEST_DATE) return [{ code: 'date.too_early', field, params: { earliest: EARLIEST_DATE } }];
    if (date > today) return [{ code: 'date.in_future', field, params: { today } }];
    return [];
  }
}
