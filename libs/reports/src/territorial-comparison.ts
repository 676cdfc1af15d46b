import { Injectable } from '@nestjs/common';
import { MeasuredTerritory, MeasurementsRepository, TerritorialMeasuredValue, TerritorialTargetRecord, TerritorialTargetsRepository } from '@app/persistence';
import type { IndicatorStatusView } from '@app/snapshots';
import { StatusService } from '@app/snapshots';
import { evaluateIndicator, Status } from '@app/status';
import { deriveNationalValue, NationalRule, NationalValue, rankTerritories, TerritorialValue, territoriesOf, TerritoryLevel } from '@app/territories';

/** One territory of the level compared: its latest value, rank, gap to the national path, own targets and status. */
export interface ComparedTerritory {
  code: string;
  name: string;
  overseas: boolean;
  /** A département's region; null on a region. */
  regionCode: string | null;
  value: number | null;
  observedAt: string | null;
  denominator: number | null;
  measurementId: number | null;
  /** 1 is the best in the indicator's direction, among the territories that reported at the comparison date. */
  rank: number | null;
  targets: { value: number; dueDate: string; source: string | null }[];
  /** Its status toward its own targets; null without one. */
  status: Status | null;
  /** Rates only: the value minus the national path's expected value at asOf. */
  gapToNationalPath: number | null;
}

/** An indicator's territories of one level compared as of a date, with the national value beside them. */
export interface TerritorialComparison {
  level: TerritoryLevel;
  rule: NationalRule;
  territories: ComparedTerritory[];
  /** How many territories are ranked (those that reported at the comparison date). */
  ranked: number;
  national: {
    /** Derived from the territories by the rule (complete, partial or none). */
    derived: NationalValue;
    /** The latest value recorded nationally as of asOf. */
    recorded: { value: number; observedAt: string } | null;
    /** The national path's expected value at asOf (current target). */
    expected: number | null;
    status: Status;
  };
}

/** What the comparison reads of an indicator: its identity, direction and path method. */
export interface ComparedIndicator {
  id: number;
  direction: 'increase' | 'decrease';
  method: 'linear' | 'cagr';
}

/**
 * An indicator's values territory by territory as of a date: each one's latest value, its rank among
 * those that reported at the comparison date, its gap to the national path (rates only: a count of a
 * region is not comparable to the nation's), its own targets and status, and the national value
 * derived from them beside the one recorded nationally. Shared by the API's comparison
 * (GET /api/v1/indicators/:id/territories) and the regional report, which the CLI makes too: hence
 * here, outside the server.
 */
@Injectable()
export class TerritorialComparisons {
  constructor(
    private readonly measurements: MeasurementsRepository,
    private readonly targets: TerritorialTargetsRepository,
    private readonly status: StatusService,
  ) {}

  /**
   * `national` is the indicator's national status as of asOf (its path and latest value); only what
   * was recorded by `cutoff` counts.
   */
  async compare(
    indicator: ComparedIndicator,
    rule: NationalRule,
    level: TerritoryLevel,
    national: Pick<IndicatorStatusView, 'targets' | 'currentTargetId' | 'latest' | 'status'>,
    asOf: string,
    cutoff: string,
  ): Promise<TerritorialComparison> {
    const territories = territoriesOf(level);
    const rows = await this.measurements.latestPerTerritory(
      indicator.id,
      level,
      territories.map((t) => t.code),
      asOf,
      cutoff,
    );
    const values: TerritorialValue[] = rows.map((r) => ({ code: r.code, value: r.value, observedAt: r.observedAt, denominator: r.denominator }));
    const derived = deriveNationalValue(rule, level, values);
    const compared = values.filter((v) => v.observedAt === derived.date);
    const ranks = rankTerritories(compared, indicator.direction);
    const path = national.targets.find((t) => t.id === national.currentTargetId)?.expected ?? null;
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const targetsByCode = groupByCode(await this.targets.currentAt(indicator.id, level, cutoff));
    const statuses = new Map<string, Status>();
    for (const [code, own] of targetsByCode) statuses.set(code, await this.ownStatus(indicator, { level, code }, own, byCode.get(code), asOf, cutoff));
    // A gap to the national path means something for rates only.
    const rates = rule === 'weighted_mean';
    return {
      level,
      rule,
      territories: territories.map((t) => {
        const row = byCode.get(t.code);
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
        derived,
        recorded: national.latest ? { value: national.latest.value, observedAt: national.latest.date } : null,
        expected: path,
        status: national.status,
      },
    };
  }

  /**
   * A territory's status toward its own targets, as the national engine computes one: from its first
   * value (its baseline) to its latest, on the indicator's path method.
   */
  private async ownStatus(
    indicator: ComparedIndicator,
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
}

function groupByCode(targets: TerritorialTargetRecord[]): Map<string, TerritorialTargetRecord[]> {
  const byCode = new Map<string, TerritorialTargetRecord[]>();
  for (const target of targets) byCode.set(target.territoryCode, [...(byCode.get(target.territoryCode) ?? []), target]);
  return byCode;
}
