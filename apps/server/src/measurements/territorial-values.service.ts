import { Injectable } from '@nestjs/common';
import { Calendar, ValidationFailed } from '@app/common';
import { RoadmapRepository } from '@app/persistence';
import { Lang, nationalCompletenessText } from '@app/presentation';
import { TerritorialComparisons } from '@app/reports';
import { StatusService } from '@app/snapshots';
import { TerritoryLevel } from '@app/territories';
import { RecordingRules } from './recording-rules';
import { TerritorialValuesDto } from './dto/territorial-values.dto';

/**
 * An indicator's values territory by territory as of a date, for the API: the comparison itself
 * (latest values, ranks, gaps to the national path, own targets and status, the national value
 * derived) is TerritorialComparisons', which the regional report shares; here, the indicator and
 * level asked for are checked and the answer is worded.
 */
@Injectable()
export class TerritorialValuesService {
  constructor(
    private readonly rules: RecordingRules,
    private readonly roadmap: RoadmapRepository,
    private readonly status: StatusService,
    private readonly calendar: Calendar,
    private readonly comparisons: TerritorialComparisons,
  ) {}

  async forIndicator(id: number, requestedLevel: TerritoryLevel | undefined, asOf: string, lang: Lang): Promise<TerritorialValuesDto> {
    const { indicator, objective } = this.rules.indicator(id);
    const breakdown = this.breakdownOf(id, requestedLevel);
    const level = requestedLevel ?? breakdown.levels[0];
    const named = this.roadmap.structure(lang).indicatorsById.get(id)!;
    const nationalStatus = await this.status.indicator(named, asOf);
    const compared = await this.comparisons.compare(indicator, breakdown.national, level, nationalStatus, asOf, this.calendar.cutoff(asOf));
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
      territories: compared.territories,
      ranked: compared.ranked,
      national: { ...compared.national, derived: { ...compared.national.derived, text: nationalCompletenessText(compared.national.derived, lang) } },
    };
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
