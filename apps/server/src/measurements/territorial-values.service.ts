import { Injectable } from '@nestjs/common';
import { Calendar, ValidationFailed } from '@app/common';
import {
  MeasuredTerritory,
  MeasurementsRepository,
  RoadmapRepository,
  TerritorialMeasuredValue,
  TerritorialTargetRecord,
  TerritorialTargetsRepository,
} from '@app/persistence';
import { evaluateIndicator, Status } from '@app/status';
import { Lang, nationalCompletenessText } from '@app/presentation';
import { StatusService } from '@app/snapshots';
import { deriveNationalValue, rankTerritories, TerritorialValue, territoriesOf, TerritoryLevel } from '@app/territories';
import { RecordingRules } from './recording-rules';
import { TerritorialValuesDto } from './dto/territorial-values.dto';

/**
 * An indicator's values territory by territory as of a date: each one's latest value, its rank among
 * those that reported at the comparison date, its gap to the national path (rates only: a count of a
 * region is not comparable to the nation's), and the national value derived from them beside the one
 * recorded nationally.
 */
@Injectable()
export class TerritorialValuesService {
  constructor(
    private readonly rules: RecordingRules,
    private readonly roadmap: RoadmapRepository,
    private readonly measurements: MeasurementsRepository,
    private readonly status: StatusService,
    private readonly calendar: Calendar,
    private readonly targets: TerritorialTargetsRepository,
  ) {}

  async forIndicator(id: number, requestedLevel: TerritoryLevel | undefined, asOf: string, lang: Lang): Promise<TerritorialValuesDto> {
    const { indicator, objective } = this.rules.indicator(id);
    const breakdown = this.breakdownOf(id, requestedLevel);
    const level = requestedLevel ?? breakdown.levels[0];
    const cutoff = this.calendar.cutoff(asOf);
    const territories = territoriesOf(level);
    const rows = await this.measurements.latestPerTerritory(
      id,
      level,
      territories.map((t) => t.code),
      asOf,
      cutoff,
    );
    const values: TerritorialValue[] = rows.map((r) => ({ code: r.code, value: r.value, observedAt: r.observedAt, denominator: r.denominator }));
    const derived = deriveNationalValue(breakdown.national, level, values);
    const compared = values.filter((v) => v.observedAt === derived.date);
    const ranks = rankTerritories(compared, indicator.direction);
    const nationalStatus = await this.status.indicator(this.roadmap.structure(lang).indicatorsById.get(id)!, asOf);
    const path = nationalStatus.targets.find((t) => t.id === nationalStatus.currentTargetId)?.expected ?? null;
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const targetsByCode = groupByCode(await this.targets.currentAt(id, level, cutoff));
    const statuses = new Map<string, Status>();
    for (const [code, own] of targetsByCode) {
      const status = await this.ownStatus(indicator, { level, code }, own, byCode.get(code), asOf, cutoff);
      statuses.set(code, status);
    }
    const named = this.roadmap.structure(lang).indicatorsById.get(id)!;
    return {
      indicatorId: id,
      objectiveCode: objective.code,
      name: named.name,
      lang: named.lang,
      unit: indicator.unit,
      direction: indicator.direction,
      asOf,
      level,
      levels: breakdown.levels,
      rule: breakdown.national,
      denominatorName: named.territorial?.denominator ?? null,
      territories: territories.map((t) => {
        const row = byCode.get(t.code);
        const rates = breakdown.national === 'weighted_mean';
        return {
          code: t.code,
          name: t.name,
          overseas: t.overseas,
          regionCode: t.regionCode ?? null,
          value: row?.value ?? null,
          observedAt: row?.observedAt ?? null,
          denominator: row?.denominator ?? null,
          measurementId: row?.id ?? null,
          rank: ranks.get(t.code) ?? null,
          targets: (targetsByCode.get(t.code) ?? []).map((g) => ({ value: g.value, dueDate: g.dueDate, source: g.source })),
          status: statuses.get(t.code) ?? null,
          gapToNationalPath: rates && row && path !== null ? row.value - path : null,
        };
      }),
      ranked: compared.length,
      national: {
        derived: { ...derived, text: nationalCompletenessText(derived, lang) },
        recorded: nationalStatus.latest ? { value: nationalStatus.latest.value, observedAt: nationalStatus.latest.date } : null,
        expected: path,
        status: nationalStatus.status,
      },
    };
  }

  /**
   * A territory's status toward its own targets, as the national engine computes one: from its first
   * value (its baseline) to its latest, on the indicator's path method.
   */
  private async ownStatus(
    indicator: { id: number; direction: 'increase' | 'decrease'; method: 'linear' | 'cagr' },
    territory: MeasuredTerritory,
    own: TerritorialTargetRecord[],
    latest: TerritorialMeasuredValue | undefined,
    asOf: string,
    cutoff: string,
  ): Promise<Status> {
    const first = latest ? await this.measurements.firstForTerritory(indicator.id, territory, asOf, cutoff) : undefined;
    return evaluateIndicator({
      targets: own.map((g) => ({ value: g.value, dueDate: g.dueDate, exclusive: false })),
      direction: indicator.direction,
      method: indicator.method,
      baseline: first ? { value: first.value, date: first.observedAt } : null,
      latest: latest ? { value: latest.value, date: latest.observedAt } : null,
      asOf,
      thresholds: this.status.thresholds,
    }).status;
  }

  /** The indicator's breakdown; a national-only indicator, or a level it is not recorded at, is a 400 that says so. */
  private breakdownOf(id: number, level: TerritoryLevel | undefined) {
    const french = this.roadmap.structure('fr').indicatorsById.get(id)!;
    const breakdown = french.territorial;
    if (!breakdown) throw new ValidationFailed([{ code: 'territory.not_territorial', field: 'level', params: { indicator: french.name } }]);
    if (level && !breakdown.levels.includes(level)) {
      throw new ValidationFailed([{ code: 'territory.level_not_offered', field: 'level', params: { indicator: french.name, allowed: breakdown.levels } }]);
    }
    return breakdown;
  }
}

function groupByCode(targets: TerritorialTargetRecord[]): Map<string, TerritorialTargetRecord[]> {
  const byCode = new Map<string, TerritorialTargetRecord[]>();
  for (const target of targets) byCode.set(target.territoryCode, [...(byCode.get(target.territoryCode) ?? []), target]);
  return byCode;
}
