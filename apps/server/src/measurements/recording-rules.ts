import { Injectable } from '@nestjs/common';
import { canRecordFor, Principal } from '@app/accounts';
import { Forbidden, NotFound, Problem } from '@app/common';
import { IndicatorRow, MilestoneRow, ObjectiveRow, RoadmapRepository } from '@app/persistence';
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
