import { Inject, Injectable } from '@nestjs/common';
import { NotFound, parsePeriod } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  badge,
  CONFIDENCE_BADGE_VARIANTS,
  fillLabel,
  formatDate,
  formatDateTime,
  formatValue,
  indicatorChart,
  LABELS,
  Lang,
  OBJECTIVE_KIND_LABELS,
  periodLabel,
  renderCommentary,
  REVIEW_LABELS,
  webLabels,
} from '@app/presentation';
import { STATUS_ORDER, type Status, type StatusCounts } from '@app/status';
import { PagesService } from '../web/pages.service';
import { PublishedPeriod, PublicService, PublicTerritorialValues } from './public.service';
import type { TerritoryMapView } from '@app/territories';
import { indicatorTerritoryMap } from '../web/territory-maps';
import type { PublicIndicator, PublicObjective } from './published-view';

const statusCounts = (counts: StatusCounts, lang: Lang) =>
  STATUS_ORDER.filter((s) => (counts[s] ?? 0) > 0).map((s) => ({ badge: badge(s, LABELS[lang]), count: counts[s] }));

/**
 * The public pages' data, shaped for templates/web/public: from the last published period's frozen
 * snapshot only, through the staff pages' presentation code (charts, badges, formats).
 */
@Injectable()
export class PublicPagesService {
  constructor(
    private readonly publics: PublicService,
    private readonly pages: PagesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** What every public page shows of the period: "Données publiées : 4ᵉ trimestre 2026, validées le 20 janvier 2027". */
  header(period: PublishedPeriod, lang: Lang) {
    const words = webLabels(lang);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: this.config.timezone }).format(new Date(period.publishedAt));
    return {
      banner: fillLabel(words.publicBanner, { period: periodLabel(parsePeriod(period.period), lang), date: formatDate(day, lang) }),
      publishedAtLabel: formatDateTime(period.publishedAt, lang, this.config.timezone),
    };
  }

  /** Statuses of focus areas, priorities and objectives, and the staff dashboard's charts, as published. */
  async dashboard(period: PublishedPeriod, lang: Lang, focusArea: number | undefined) {
    const snapshot = (await this.publics.snapshot(period)).reports[lang].snapshot;
    const publication = await this.publics.publication(period, lang);
    const data = await this.pages.dashboard({ focusArea }, lang, snapshot);
    return {
      asOf: publication.asOf,
      total: data.total,
      counts: data.counts,
      focusAreaCards: data.focusAreaCards,
      summaryChart: data.summaryChart,
      timelineChart: data.timelineChart,
      milestoneCharts: data.milestoneCharts,
      focusAreaOptions: data.options.focusAreas,
      priorities: publication.focusAreas
        .filter((f) => !focusArea || f.number === focusArea)
        .flatMap((f) => f.priorities.map((p) => ({ ...p, counts: statusCounts(countOf(p.objectives.map((o) => o.status)), lang) }))),
    };
  }

  /** Focus areas → priorities → objectives, each with its published status. */
  async tree(period: PublishedPeriod, lang: Lang) {
    const publication = await this.publics.publication(period, lang);
    return publication.focusAreas.map((f) => ({
      ...f,
      counts: statusCounts(f.counts, lang),
      priorities: f.priorities.map((p) => ({ ...p, objectives: p.objectives.map((o) => ({ ...o, badge: badge(o.status, LABELS[lang]) })) })),
    }));
  }

  /** An objective as published: its targets and values (with the staff page's chart), milestones, and the lead body's validated update. */
  async objective(period: PublishedPeriod, code: string, lang: Lang) {
    const publication = await this.publics.publication(period, lang);
    const objective = publication.objectives.find((o) => o.code === code);
    const inputs = (await this.publics.snapshot(period)).reports[lang];
    const status = inputs.snapshot.objectives.find((o) => o.code === code);
    if (!objective || !status) throw new NotFound('not_found.objective', { code: code.slice(0, 40) });
    const labels = LABELS[lang];
    const maps: TerritoryMapView[][] = [];
    for (const i of objective.indicators) maps.push(this.maps(i, await this.publics.territorial(period, i.id), publication.asOf, lang));
    return {
      objective: { ...objective, badge: badge(objective.status, labels), kindLabel: objective.kind && OBJECTIVE_KIND_LABELS[lang][objective.kind] },
      indicators: objective.indicators.map((i, k) => ({
        ...i,
        badge: badge(i.status, labels),
        frequencyLabel: labels.frequency[i.frequency as 'monthly'],
        latestLabel: i.latest ? `${formatValue(i.latest.value, i.unit, lang)} (${formatDate(i.latest.date, lang)})` : null,
        baselineLabel: i.baseline ? `${formatValue(i.baseline.value, i.unit, lang)} (${formatDate(i.baseline.date, lang)})` : null,
        targets: i.targets.map((t) => ({
          text: `${t.exclusive ? `${labels.moreThan} ` : ''}${formatValue(t.value, i.unit, lang)}`,
          due: formatDate(t.dueDate, lang),
          expected: formatValue(t.expected, i.unit, lang),
          badge: badge(t.status, labels),
          source: t.sourceText,
        })),
        chart: i.values.length ? indicatorChart(status, status.indicators[k], i.values, lang, labels) : null,
        maps: maps[k],
      })),
      milestones: objective.milestones.map((m) => ({
        ...m,
        due: formatDate(m.dueDate, lang),
        stateLabel: labels.states[m.state as 'done'],
        completedOnLabel: m.completedOn ? formatDate(m.completedOn, lang) : null,
        badge: badge(m.status, labels),
      })),
      commentary: this.commentary(objective, lang),
    };
  }

  /** The official reports of the period, each named in words. */
  async reports(period: PublishedPeriod, lang: Lang) {
    const words = webLabels(lang);
    const name = periodLabel(parsePeriod(period.period), lang);
    return (await this.publics.reports(period)).map((r) => ({
      ...r,
      label: fillLabel(words.publicReportDownload, { period: name, lang: words.publicReportLang[r.lang], format: r.format.toUpperCase() }),
      hreflang: r.lang,
    }));
  }

  /** Every published period's open data files. */
  async openData(lang: Lang) {
    const words = webLabels(lang);
    return (await this.publics.periods()).map((p) => {
      const name = periodLabel(parsePeriod(p.period), lang);
      return {
        period: name,
        publishedAt: formatDateTime(p.publishedAt, lang, this.config.timezone),
        csv: { href: `/api/v1/public/open-data/${p.period}.csv`, label: fillLabel(words.publicOpenDataCsv, { period: name }) },
        schema: { href: `/api/v1/public/open-data/${p.period}.schema.json`, label: fillLabel(words.publicOpenDataSchema, { period: name }) },
      };
    });
  }

  /** An indicator's published territorial values as choropleth maps coloured by value, with their tables. */
  private maps(indicator: PublicIndicator, territorial: PublicTerritorialValues[], asOf: string, lang: Lang): TerritoryMapView[] {
    const words = webLabels(lang);
    return territorial.map(({ level, values }) =>
      indicatorTerritoryMap({
        id: `map-${indicator.id}-${level}`,
        level,
        caption: fillLabel(words.publicMapCaption[level], { indicator: indicator.name }),
        source: fillLabel(words.publicMapSource, { date: formatDate(asOf, lang) }),
        unit: indicator.unit,
        lang,
        values,
      }),
    );
  }

  /** The lead body's update as validated: its rating and sections as safe HTML (markdown-light, escaped). */
  private commentary(objective: PublicObjective, lang: Lang) {
    const c = objective.commentary;
    if (!c) return null;
    const words = REVIEW_LABELS[lang];
    return {
      rating: c.confidence
        ? { label: words.confidence[c.confidence], variant: CONFIDENCE_BADGE_VARIANTS[c.confidence], status: `rating-${c.confidence}` }
        : null,
      revised: c.revisedAfterValidation,
      sections: c.sections.map((s) => ({ label: words.sections[s.section], html: renderCommentary(s.text) })),
    };
  }
}

function countOf(statuses: Status[]): StatusCounts {
  const counts = {} as StatusCounts;
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
}
