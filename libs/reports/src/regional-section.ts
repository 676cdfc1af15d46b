import type { IndicatorStatusView, ObjectiveStatusView } from '@app/snapshots';
import {
  Badge,
  badge,
  byCode,
  fillLabel,
  formatDate,
  formatValue,
  Labels,
  Lang,
  nationalCompletenessText,
  ordinal,
  plural,
  TERRITORIAL_LABELS,
} from '@app/presentation';
import { REGIONAL_REPORT_LABELS, RegionalReportLabels } from '@app/presentation/labels/regional-report';
import { classifyByValue, departementsOfRegion, findTerritory, territoryMapView, TerritoryMapView } from '@app/territories';
import type { ComparedTerritory, TerritorialComparison } from './territorial-comparison';

/** What a regional report is made from, beside the status snapshot: each territorial indicator compared. */
export interface RegionalInputs {
  /** The region's official code. */
  region: string;
  indicators: {
    indicatorId: number;
    /** The 18 regions compared; null for an indicator not recorded by region. */
    regions: TerritorialComparison | null;
    /** The region's départements (only them: the ranks count all 101), when the indicator is recorded by département. */
    departements: TerritorialComparison | null;
  }[];
}

interface Fact {
  term: string;
  value: string;
  badge: Badge | null;
}

export interface RegionalIndicatorView {
  anchor: string;
  code: string;
  name: string;
  lang: Lang;
  facts: Fact[];
  map: TerritoryMapView;
  mapNote: string;
  /** The region's départements, when the indicator is recorded by département. */
  departements: {
    rows: { name: string; code: string; value: string; rank: string; gap: string; targets: string; badge: Badge | null }[];
    rankNote: string;
  } | null;
  noDepartementValue: string | null;
}

export interface RegionalSection {
  words: RegionalReportLabels;
  region: { code: string; name: string };
  intro: string;
  summary: { code: string; name: string; lang: Lang; value: string; rank: string; gap: string; targets: string; badge: Badge | null; national: string }[];
  indicators: RegionalIndicatorView[];
  withoutData: { code: string; name: string; lang: Lang; national: string }[];
  withoutDataIntro: string;
  milestonesNote: string;
  milestones: { code: string; label: string; lang: Lang; due: string; state: string; badge: Badge }[];
}

/** The outline drawn around the region on its map: the République's red, apart from the blue value classes and the grey borders between regions. */
const OUTLINE = '#e1000f';

interface Context {
  region: string;
  regionName: string;
  asOf: string;
  lang: Lang;
  labels: Labels;
  words: RegionalReportLabels;
}

/** The regional report's own part (pure): the region's values against the others and the national path, and the national milestones of its objectives. */
export function regionalSection(inputs: RegionalInputs, inScope: ObjectiveStatusView[], asOf: string, lang: Lang, labels: Labels): RegionalSection {
  const words = REGIONAL_REPORT_LABELS[lang];
  const regionName = findTerritory('region', inputs.region)?.name ?? inputs.region;
  const c: Context = { region: inputs.region, regionName, asOf, lang, labels, words };
  const comparisons = new Map(inputs.indicators.map((i) => [i.indicatorId, i]));
  const compared = inScope.flatMap((o) =>
    o.indicators
      .filter((i) => comparisons.get(i.id)?.regions)
      .map((i) => ({ o, i, cmp: comparisons.get(i.id)!.regions!, dep: comparisons.get(i.id)!.departements })),
  );
  const withData = compared.filter((x) => x.cmp.territories.some((t) => t.value !== null));
  return {
    words,
    region: { code: inputs.region, name: regionName },
    intro: fillLabel(words.essentialsIntro, { region: regionName, date: formatDate(asOf, lang), count: plural(compared.length, words.indicatorsCount, lang) }),
    summary: compared.map(({ o, i, cmp }) => {
      const own = regionRow(cmp, inputs.region);
      return {
        code: o.code,
        name: i.name,
        lang: i.lang,
        value: own && own.value !== null ? valueOn(own.value, own.observedAt!, i.unit, c) : words.noValue,
        rank: rankText(own, cmp, c),
        gap: gapText(own, cmp, i.unit, c, false),
        targets: targetsText(own, i.unit, c),
        badge: own?.status ? badge(own.status, labels) : null,
        national: cmp.national.recorded ? valueOn(cmp.national.recorded.value, cmp.national.recorded.observedAt, i.unit, c) : '–',
      };
    }),
    indicators: withData.map(({ o, i, cmp, dep }) => indicatorView(o, i, cmp, dep, c)),
    withoutData: compared
      .filter((x) => !withData.includes(x))
      .map(({ o, i, cmp }) => ({
        code: o.code,
        name: i.name,
        lang: i.lang,
        national: cmp.national.recorded ? valueOn(cmp.national.recorded.value, cmp.national.recorded.observedAt, i.unit, c) : '–',
      })),
    withoutDataIntro: fillLabel(words.withoutDataIntro, { date: formatDate(asOf, lang) }),
    milestonesNote: fillLabel(words.milestonesNote, { count: plural(inScope.length, words.objectivesCount, lang) }),
    milestones: inScope
      .flatMap((o) => o.milestones.map((m) => ({ o, m })))
      .sort((a, b) => byCode(a.o.code, b.o.code) || a.m.dueDate.localeCompare(b.m.dueDate))
      .map(({ o, m }) => ({
        code: o.code,
        label: m.title,
        lang: m.lang,
        due: formatDate(m.dueDate, lang),
        state: labels.states[m.state],
        badge: badge(m.status, labels),
      })),
  };
}

function indicatorView(
  o: ObjectiveStatusView,
  i: IndicatorStatusView,
  cmp: TerritorialComparison,
  dep: TerritorialComparison | null,
  c: Context,
): RegionalIndicatorView {
  const { words, labels, lang } = c;
  const own = regionRow(cmp, c.region);
  const date = formatDate(c.asOf, lang);
  const facts: Fact[] = [
    {
      term: words.regionValue,
      value: own && own.value !== null ? valueOn(own.value, own.observedAt!, i.unit, c) : fillLabel(words.noValueOn, { date }),
      badge: null,
    },
    { term: words.rank, value: rankText(own, cmp, c), badge: null },
    { term: words.gap, value: gapText(own, cmp, i.unit, c, true), badge: null },
    { term: words.ownTargets, value: targetsText(own, i.unit, c), badge: null },
    ...(own?.status ? [{ term: words.ownStatus, value: '', badge: badge(own.status, labels) }] : []),
    {
      term: words.nationalRecorded,
      value: cmp.national.recorded ? valueOn(cmp.national.recorded.value, cmp.national.recorded.observedAt, i.unit, c) : '–',
      badge: null,
    },
    { term: words.nationalDerived, value: derivedText(cmp, i.unit, c), badge: null },
    { term: words.nationalStatus, value: '', badge: badge(cmp.national.status, labels) },
  ];
  return {
    anchor: `indicator-${i.id}`,
    code: o.code,
    name: i.name,
    lang: i.lang,
    facts,
    map: regionMap(i, cmp, c),
    mapNote: fillLabel(words.mapHighlight, { region: c.regionName }),
    departements:
      dep && dep.territories.some((t) => t.value !== null)
        ? {
            rows: dep.territories.map((t) => departementRow(t, dep, i.unit, c)),
            rankNote: fillLabel(words.departementsRankNote, { count: dep.ranked, date: formatDate(dep.national.derived.date, lang) }),
          }
        : null,
    noDepartementValue: dep && !dep.territories.some((t) => t.value !== null) ? fillLabel(words.noDepartementValue, { date }) : null,
  };
}

function departementRow(t: ComparedTerritory, dep: TerritorialComparison, unit: string, c: Context) {
  return {
    name: t.name,
    code: t.code,
    value: t.value !== null ? valueOn(t.value, t.observedAt!, unit, c) : c.words.noValue,
    rank: t.rank !== null ? fillLabel(c.words.departementRankOf, { rank: ordinal(t.rank, c.lang), count: dep.ranked }) : '–',
    gap: gapText(t, dep, unit, c, false),
    targets: targetsText(t, unit, c),
    badge: t.status ? badge(t.status, c.labels) : null,
  };
}

/** The 18 regions coloured by value, the report's region outlined. */
function regionMap(i: IndicatorStatusView, cmp: TerritorialComparison, c: Context): TerritoryMapView {
  const withValue = cmp.territories.filter((t): t is ComparedTerritory & { value: number } => t.value !== null);
  const { classes, data } = classifyByValue(withValue, c.lang, (v) => formatValue(v, i.unit, c.lang));
  const caption = fillLabel(c.words.mapCaption, { indicator: i.name, date: formatDate(c.asOf, c.lang) });
  const id = `region-${i.id}`;
  const map = territoryMapView({
    id,
    level: 'region',
    title: caption,
    caption,
    source: fillLabel(c.words.mapSource, { date: formatDate(c.asOf, c.lang) }),
    lang: c.lang,
    classes,
    data,
  });
  return { ...map, svg: outlineRegion(map.svg, id, c.region) };
}

/**
 * Draws the region's outline over the map: its départements stroked thick, then drawn again with
 * their own fill and thin borders, which hides the inner half of the stroke and the borders between
 * its own départements, so that only a contour around the region remains. The shapes are reused
 * (`<use>`) with the transform of the layer they sit in: metropolitan France is shifted right of the
 * overseas insets, whose shapes are placed in absolute coordinates.
 */
export function outlineRegion(svg: string, mapId: string, region: string): string {
  const metropolitanShift = /<g transform="(translate\([^)]*\))"/.exec(svg)?.[1];
  const departements = departementsOfRegion(region);
  const layer = (list: readonly { code: string }[], transform: string | undefined) => {
    if (list.length === 0) return '';
    const uses = list.map((d) => `<use href="#${mapId}-d-${d.code}"/>`).join('');
    return (
      `<g${transform ? ` transform="${transform}"` : ''} stroke-linejoin="round">` +
      `<g stroke="${OUTLINE}" stroke-width="7">${uses}</g><g stroke="#ffffff" stroke-width="0.35">${uses}</g></g>`
    );
  };
  const outline =
    `<g class="territory-map__outline" aria-hidden="true" pointer-events="none">` +
    layer(
      departements.filter((d) => !d.overseas),
      metropolitanShift,
    ) +
    layer(
      departements.filter((d) => d.overseas),
      undefined,
    ) +
    `</g>`;
  return svg.replace(/<\/svg>$/, `${outline}</svg>`);
}

function regionRow(cmp: TerritorialComparison, region: string): ComparedTerritory | undefined {
  return cmp.territories.find((t) => t.code === region);
}

function valueOn(value: number, date: string, unit: string, c: Context): string {
  return fillLabel(c.words.valueOn, { value: formatValue(value, unit, c.lang), date: formatDate(date, c.lang) });
}

/** "2ᵉ sur 18"; among fewer when not every territory reported at the comparison date; "non classée" for a value older than that date. */
function rankText(own: ComparedTerritory | undefined, cmp: TerritorialComparison, c: Context): string {
  if (!own || own.value === null) return '–';
  const compared = cmp.national.derived.date;
  if (own.rank === null) return fillLabel(c.words.notRanked, { date: formatDate(own.observedAt, c.lang), compared: formatDate(compared, c.lang) });
  const rank = ordinal(own.rank, c.lang);
  return cmp.ranked === cmp.territories.length
    ? fillLabel(c.words.rankOf, { rank, count: cmp.ranked })
    : fillLabel(c.words.rankAmongReported, { rank, count: cmp.ranked, date: formatDate(compared, c.lang) });
}

/** "+15 points" for a rate in percent (with the path's expected value when asked); "sans objet" for a count. */
function gapText(own: ComparedTerritory | undefined, cmp: TerritorialComparison, unit: string, c: Context, withPath: boolean): string {
  if (cmp.rule !== 'weighted_mean') return c.words.gapNotApplicable;
  if (!own || own.gapToNationalPath === null) return '–';
  const gap = own.gapToNationalPath;
  const sign = gap > 0 ? '+' : gap < 0 ? '−' : '';
  const text =
    unit === 'percent' ? fillLabel(plural(Math.abs(gap), c.words.gapPoints, c.lang), { sign }) : `${sign}${formatValue(Math.abs(gap), unit, c.lang)}`;
  return withPath && cmp.national.expected !== null
    ? fillLabel(c.words.gapWithPath, { gap: text, expected: formatValue(cmp.national.expected, unit, c.lang) })
    : text;
}

function targetsText(own: ComparedTerritory | undefined, unit: string, c: Context): string {
  if (!own || own.targets.length === 0) return c.words.noOwnTarget;
  return own.targets
    .map((t) => fillLabel(c.words.targetDue, { value: formatValue(t.value, unit, c.lang), date: formatDate(t.dueDate, c.lang) }))
    .join(c.lang === 'fr' ? ' ; ' : '; ');
}

/** "41,3 % — complète (18 régions sur 18)"; partial: its words and the subtotal; national only: not derived. */
function derivedText(cmp: TerritorialComparison, unit: string, c: Context): string {
  const d = cmp.national.derived;
  if (d.rule === 'national_only') return c.words.nationalNotDerived;
  const rule = TERRITORIAL_LABELS[c.lang][d.rule === 'sum' ? 'nationalRuleSum' : 'nationalRuleWeightedMean'];
  const text = nationalCompletenessText(d, c.lang);
  const value =
    d.value !== null
      ? `${formatValue(d.value, unit, c.lang)} — ${text}`
      : d.subtotal !== null
        ? fillLabel(c.words.nationalDerivedPartial, { text, subtotal: formatValue(d.subtotal, unit, c.lang) })
        : text;
  return `${value} (${rule})`;
}
