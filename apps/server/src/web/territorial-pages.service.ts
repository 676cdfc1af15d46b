import { Injectable } from '@nestjs/common';
import type { Principal } from '@app/accounts';
import { RoadmapRepository, type IndicatorRow } from '@app/persistence';
import { badge, fillLabel, formatDate, formatNumber, formatValue, LABELS, type Lang, type WebLabels } from '@app/presentation';
import type { Status } from '@app/status';
import { findTerritory, regions, scopeAllows, territoriesOf, territoryLabel, type TerritoryLevel } from '@app/territories';
import { TerritorialValuesDto } from '../measurements/dto/territorial-values.dto';
import { TerritorialValuesService } from '../measurements/territorial-values.service';
import type { FormState } from './forms';
import { PagesService } from './pages.service';
import { indicatorTerritoryMap } from './territory-maps';
import { WebRenderer } from './web-renderer';

type Comparison = TerritorialValuesDto;

/**
 * The staff objective page with its territorial parts: per indicator recorded by territory, the "Par
 * territoire" block (a map per level with its table, the ranking, the national value derived beside
 * the recorded one) and the value form's territory and denominator fields, limited to what the user may
 * record (an editor limited to a territory sees it and what lies within, never the national value).
 */
@Injectable()
export class TerritorialPagesService {
  constructor(
    private readonly pages: PagesService,
    private readonly comparisons: TerritorialValuesService,
    private readonly roadmap: RoadmapRepository,
    private readonly renderer: WebRenderer,
  ) {}

  /** `formState`: a refused value form, whose chosen territory stays selected. */
  async objective(code: string, principal: Principal | undefined, lang: Lang, formState?: FormState) {
    const data = await this.pages.objective(code, principal as Principal, lang);
    const rows = this.roadmap.structure(lang).indicatorsById;
    const scoped = !!principal?.scope;
    const indicators = [];
    // One indicator after the other: a page holds one database connection at a time.
    for (const i of data.indicators) {
      const row = rows.get(i.id)!;
      const typed = formState?.form === `record-${i.id}` ? String(formState.values.territory ?? '') : undefined;
      indicators.push({
        ...i,
        territorial: row.territorial ? await this.block(row, data.asOf, lang) : null,
        entry: data.canRecord ? entryFields(row, principal?.scope ?? null, typed, this.renderer.labels(lang)) : null,
      });
    }
    return {
      ...data,
      indicators,
      // Milestones and the national values' corrections are national: not for an editor limited to a territory.
      canUpdateMilestones: data.canRecord && !scoped,
      canCorrectNational: data.canRecord && !scoped,
    };
  }

  /**
   * The dashboard's region filter: the region's latest value of each indicator recorded by region among
   * the filtered objectives, its rank, its own targets' status, beside the national values.
   */
  async region(code: string, objectiveCodes: ReadonlySet<string>, asOf: string, lang: Lang) {
    const words = this.renderer.labels(lang);
    const region = findTerritory('region', code)!;
    const indicators = this.roadmap
      .structure(lang)
      .objectives.filter((o) => objectiveCodes.has(o.code))
      .flatMap((o) => o.indicators.filter((i) => i.territorial?.levels.includes('region')).map((i) => ({ objectiveCode: o.code, indicator: i })));
    const rows = [];
    for (const { objectiveCode, indicator } of indicators) {
      const c = await this.comparisons.forIndicator(indicator.id, 'region', asOf, lang);
      const mine = c.territories.find((t) => t.code === code)!;
      const format = (v: number | null) => formatValue(v, c.unit, lang);
      rows.push({
        objectiveCode,
        indicatorId: indicator.id,
        name: indicator.name,
        lang: indicator.lang,
        value: mine.value === null ? words.regionNoValue : `${format(mine.value)} (${formatDate(mine.observedAt, lang)})`,
        rank: mine.rank === null ? '–' : fillLabel(words.regionRankOf, { rank: mine.rank, n: c.ranked }),
        badge: mine.status ? badge(mine.status as Status, LABELS[lang]) : null,
        national: c.national.recorded ? `${format(c.national.recorded.value)} (${formatDate(c.national.recorded.observedAt, lang)})` : '–',
        derived: c.rule === 'national_only' ? words.nationalDerivedNotDerived : derivedText(c, words, lang),
      });
    }
    return {
      code,
      title: fillLabel(words.regionSectionTitle, { region: `${region.name} (${code})` }),
      intro: fillLabel(words.regionSectionIntro, { date: formatDate(asOf, lang) }),
      hasStatus: rows.some((r) => r.badge),
      rows,
    };
  }

  /** The region filter's choices: the 18 regions by code. */
  regionOptions(selected: string | undefined) {
    return regions().map((r) => ({ value: r.code, label: `${r.name} (${r.code})`, selected: r.code === selected }));
  }

  /** The "Par territoire" block of one indicator, as of the page's date. */
  private async block(row: IndicatorRow, asOf: string, lang: Lang) {
    const words = this.renderer.labels(lang);
    const comparisons: Comparison[] = [];
    for (const level of row.territorial!.levels) comparisons.push(await this.comparisons.forIndicator(row.id, level, asOf, lang));
    const reported = comparisons.filter((c) => c.territories.some((t) => t.value !== null));
    return {
      rule: fillLabel(words.byTerritoryRule, { rule: ruleWords(row.territorial!.national, words) }),
      none: reported.length ? null : fillLabel(words.byTerritoryNone, { date: formatDate(asOf, lang) }),
      levels: reported.map((c) => this.level(row, c, lang)),
    };
  }

  private level(row: IndicatorRow, c: Comparison, lang: Lang) {
    const words = this.renderer.labels(lang);
    const format = (v: number | null) => formatValue(v, c.unit, lang);
    const statuses = new Map(c.territories.filter((t) => t.status !== null).map((t) => [t.code, t.status as Status]));
    const withValue = c.territories.filter((t) => t.value !== null);
    const hasTargets = statuses.size > 0;
    const hasGap = withValue.some((t) => t.gapToNationalPath !== null);
    const ranked = [...withValue].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.code.localeCompare(b.code));
    return {
      level: c.level,
      map: indicatorTerritoryMap({
        id: `map-${row.id}-${c.level}`,
        level: c.level,
        caption: fillLabel(words.territorialMapCaption[c.level], { indicator: c.name }),
        source: fillLabel(words.territorialMapSource, { date: formatDate(c.asOf, lang) }),
        unit: c.unit,
        lang,
        values: withValue.map((t) => ({ code: t.code, value: t.value! })),
        statuses,
      }),
      national: nationalLines(c, words, lang),
      ranking: {
        heading: words.territorialRanking[c.level],
        fold: c.level === 'departement',
        summary: fillLabel(words.territorialRankingShow, { n: ranked.length }),
        hasGap,
        hasTargets,
        rows: ranked.map((t) => ({
          rank: t.rank ?? null,
          unranked: t.rank === null ? words.territorialStale : null,
          name: t.name,
          code: t.code,
          value: format(t.value),
          date: formatDate(t.observedAt, lang),
          gap: t.gapToNationalPath === null ? '–' : gapText(t.gapToNationalPath, c.unit, lang),
          targets: t.targets.map((g) => `${format(g.value)} (${formatDate(g.dueDate, lang)})`).join(', ') || '–',
          badge: t.status ? badge(t.status as Status, LABELS[lang]) : null,
        })),
      },
    };
  }
}

/** The national value derived from the territories beside the recorded one (and the national path, for rates). */
function nationalLines(c: Comparison, words: WebLabels, lang: Lang) {
  const format = (v: number | null) => formatValue(v, c.unit, lang);
  const derived = c.rule === 'national_only' ? words.nationalDerivedNotDerived : derivedText(c, words, lang);
  const recorded = c.national.recorded;
  const lines = [
    { label: words.nationalDerived[c.level], text: derived, derived: true },
    { label: words.nationalRecorded, text: recorded ? `${format(recorded.value)} (${formatDate(recorded.observedAt, lang)})` : '–', derived: false },
  ];
  if (c.rule === 'weighted_mean' && c.national.expected !== null) lines.push({ label: words.nationalPath, text: format(c.national.expected), derived: false });
  return lines;
}

/** "1 234 (complète (18 régions sur 18), 30 avril 2025)", or "partielle : 12 régions sur 18 (sous-total … : 950)". */
function derivedText(c: Comparison, words: WebLabels, lang: Lang): string {
  const derived = c.national.derived;
  const format = (v: number | null) => formatValue(v, c.unit, lang);
  if (derived.completeness === 'complete') return `${format(derived.value)} (${derived.text}, ${formatDate(derived.date, lang)})`;
  if (derived.completeness === 'partial') return fillLabel(words.nationalDerivedPartial, { completeness: derived.text, subtotal: format(derived.subtotal) });
  return derived.text;
}

/** A rate's gap to the national path: "+2,5 points", "−1 point" (a difference of percentages is in points). */
function gapText(gap: number, unit: string, lang: Lang): string {
  const sign = gap > 0 ? '+' : gap < 0 ? '−' : '';
  if (unit !== 'percent') return `${sign}${formatValue(Math.abs(gap), unit, lang)}`;
  const size = Math.abs(gap);
  const word = (lang === 'fr' ? size < 2 : size === 1) ? 'point' : 'points';
  return `${sign}${formatNumber(size, lang)}\u00a0${word}`;
}

function ruleWords(rule: 'sum' | 'weighted_mean' | 'national_only', words: WebLabels): string {
  return rule === 'sum' ? words.nationalRuleSum : rule === 'weighted_mean' ? words.nationalRuleWeightedMean : words.nationalRuleNationalOnly;
}

/**
 * The value form's territorial fields for a user who may record for the objective: the territories
 * offered (national first for a national editor; for an editor limited to a territory, that territory
 * and what lies within it, at the indicator's levels) and the denominator of a weighted rate; or,
 * when such an editor can record nothing for this indicator, `blocked`: why (the form is not drawn).
 */
export function entryFields(row: IndicatorRow, scope: Principal['scope'], typed: string | undefined, words: WebLabels) {
  const levels: TerritoryLevel[] = row.territorial?.levels ?? [];
  const choose = (level: TerritoryLevel) =>
    territoriesOf(level)
      .filter((t) => scopeAllows(scope, { level, code: t.code }).allowed)
      .map((t) => ({ value: `${level}:${t.code}`, label: `${t.name} (${t.code})` }));
  const groups = levels
    .map((level) => ({ label: level === 'region' ? words.territoryRegions : words.territoryDepartements, options: choose(level) }))
    .filter((g) => g.options.length > 0);
  const national = scope ? [] : [{ value: '', label: words.territoryNationalOption }];
  if (national.length + groups.reduce((n, g) => n + g.options.length, 0) === 0) {
    const why = levels.length ? words.scopedOtherLevel : words.scopedNationalOnly;
    return { blocked: fillLabel(why, { scope: territoryLabel(scope!) }), territory: null, denominator: null };
  }
  const selected = (value: string) => value === (typed ?? (scope ? `${scope.level}:${scope.code}` : ''));
  return {
    blocked: null,
    territory: levels.length
      ? {
          hint: scope ? fillLabel(words.territoryFieldScopedHint, { scope: territoryLabel(scope) }) : words.territoryFieldHint,
          options: national.map((o) => ({ ...o, selected: selected(o.value) })),
          groups: groups.map((g) => ({ ...g, options: g.options.map((o) => ({ ...o, selected: selected(o.value) })) })),
        }
      : null,
    denominator:
      row.territorial?.national === 'weighted_mean'
        ? { label: fillLabel(words.denominatorField, { name: row.territorial.denominator ?? '' }), hint: words.denominatorFieldHint }
        : null,
  };
}
