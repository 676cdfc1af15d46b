import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { canRecordFor, Principal } from '@app/accounts';
import { Calendar, NotFound } from '@app/common';
import {
  MeasuredValue,
  MeasurementRecord,
  MeasurementsRepository,
  MilestoneUpdateRecord,
  MilestoneUpdatesRepository,
  ObjectiveRow,
  ReviewsRepository,
  RoadmapRepository,
} from '@app/persistence';
import { commentaryHistory, openUpdateLinks } from './review-history';
import {
  Badge,
  badge as statusBadge,
  FORECAST_LABELS,
  forecastSentence,
  formatDate,
  OBJECTIVE_KIND_LABELS,
  formatValue,
  indicatorChart,
  Lang,
  LABELS,
  milestoneCharts,
  summaryChartSpec,
  timelineChartSpec,
} from '@app/presentation';
import { ObjectiveStatusView, StatusService, StatusSnapshot } from '@app/snapshots';
import { addDays, daysBetween, Status, STATUS_ORDER } from '@app/status';

export interface DashboardFilter {
  asOf?: string;
  focusArea?: number;
  priority?: number;
  body?: string;
}

const DUE_SOON_DAYS = 90;
const badge = (status: Status, lang: Lang): Badge => statusBadge(status, LABELS[lang]);

/** The data of each page, shaped for its template. */
@Injectable()
export class PagesService {
  constructor(
    private readonly roadmap: RoadmapRepository,
    private readonly status: StatusService,
    private readonly measurements: MeasurementsRepository,
    private readonly milestoneUpdates: MilestoneUpdatesRepository,
    private readonly calendar: Calendar,
    private readonly reviews: ReviewsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  today(): string {
    return this.calendar.today();
  }

  /** `published`: the statuses frozen when a review period was closed, instead of the live view. */
  async dashboard(filter: DashboardFilter, lang: Lang, published: StatusSnapshot | null = null) {
    const asOf = published?.asOf ?? filter.asOf ?? this.calendar.today();
    // The roadmap's texts (titles, names) in the page's language.
    const s = this.roadmap.structure(lang);
    const snapshot = published ?? (await this.status.snapshot(asOf, lang));
    const objectives = snapshot.objectives.filter(
      (o) =>
        (!filter.focusArea || o.focusArea === filter.focusArea) &&
        (!filter.priority || o.priority === filter.priority) &&
        (!filter.body || o.leadBody === filter.body || o.contributingBodies.includes(filter.body)),
    );
    const codes = new Set(objectives.map((o) => o.code));
    const focusAreas = s.focusAreas.filter((f) => objectives.some((o) => o.focusArea === f.number));
    const labels = LABELS[lang];
    return {
      asOf,
      filter,
      objectiveCodes: [...codes],
      total: objectives.length,
      counts: STATUS_ORDER.map((st) => ({ badge: badge(st, lang), count: objectives.filter((o) => o.status === st).length })).filter((c) => c.count > 0),
      focusAreaCards: focusAreas.map((f) => {
        const list = objectives.filter((o) => o.focusArea === f.number);
        return {
          number: f.number,
          title: f.title,
          lang: f.lang,
          total: list.length,
          counts: STATUS_ORDER.map((st) => ({ badge: badge(st, lang), count: list.filter((o) => o.status === st).length })).filter((c) => c.count > 0),
        };
      }),
      summaryChart: objectives.length ? summaryChartSpec(objectives, focusAreas, labels) : null,
      timelineChart: objectives.length ? timelineChartSpec(objectives, focusAreas, 'focusArea', lang, labels) : null,
      milestoneCharts: objectives.length ? milestoneCharts(objectives, focusAreas, asOf, lang) : null,
      ...this.dueSoon(objectives, asOf, lang),
      stale: snapshot.stale.filter((x) => codes.has(x.objectiveCode)).map((x) => ({ ...x, latest: formatDate(x.latestObservedAt, lang) })),
      options: {
        focusAreas: s.focusAreas.map((f) => ({ value: f.number, label: `${f.number}. ${f.title}`, selected: f.number === filter.focusArea })),
        priorities: s.focusAreas.flatMap((f) =>
          f.priorities.map((p) => ({ value: p.number, label: `${p.number}. ${p.title}`, selected: p.number === filter.priority })),
        ),
        bodies: s.bodies.map((b) => ({ value: b.acronym, label: b.acronym, selected: b.acronym === filter.body })),
      },
    };
  }

  async tree(lang: Lang) {
    const snapshot = await this.status.snapshot(this.calendar.today());
    const statusOf = new Map(snapshot.objectives.map((o) => [o.code, o.status]));
    return this.roadmap.structure(lang).focusAreas.map((f) => ({
      number: f.number,
      title: f.title,
      subtitle: f.subtitle,
      lang: f.lang,
      counts: STATUS_ORDER.map((st) => ({
        badge: badge(st, lang),
        count: f.priorities.flatMap((p) => p.objectives).filter((o) => statusOf.get(o.code) === st).length,
      })).filter((c) => c.count > 0),
      priorities: f.priorities.map((p) => ({
        number: p.number,
        title: p.title,
        lang: p.lang,
        objectives: p.objectives.map((o) => ({ code: o.code, title: o.title, lang: o.lang, leadBody: o.leadBody, badge: badge(statusOf.get(o.code)!, lang) })),
      })),
    }));
  }

  async objective(code: string, principal: Principal, lang: Lang, asOf = this.calendar.today()) {
    const o = this.roadmap.structure(lang).objectivesByCode.get(code);
    if (!o) throw new NotFound('not_found.objective', { code: code.slice(0, 40) });
    const status = await this.status.objective(code, asOf, lang);
    const cutoff = this.calendar.cutoff(asOf);
    const labels = LABELS[lang];
    const canRecord = canRecordFor(principal, o);
    // One query after the other: a page holds one database connection at a time, however many indicators it shows.
    const updates = await this.reviews.updatesOfObjective(o.id);
    const openPeriods = principal ? await this.reviews.openPeriods() : [];
    const measured: { series: MeasuredValue[]; history: MeasurementRecord[] }[] = [];
    for (const i of status.indicators) {
      measured.push({ series: await this.measurements.seriesAsOf(i.id, asOf, cutoff), history: await this.measurements.history(i.id) });
    }
    const milestoneHistories: MilestoneUpdateRecord[][] = [];
    for (const m of status.milestones) milestoneHistories.push(await this.milestoneUpdates.history(m.id));
    return {
      asOf,
      canRecord,
      forecastHeading: FORECAST_LABELS[lang].heading,
      // The lead body's validated updates, period by period (the "Points de situation" section).
      commentaryHistory: commentaryHistory(updates, lang, this.config.timezone),
      openUpdates: openUpdateLinks(openPeriods, o.code, lang),
      objective: {
        code: o.code,
        title: o.title,
        lang: o.lang,
        kind: o.kind && OBJECTIVE_KIND_LABELS[lang][o.kind],
        description: o.description,
        summary: o.summary,
        leadBody: o.leadBody,
        contributingBodies: o.contributingBodies,
        badge: badge(status.status, lang),
      },
      indicators: status.indicators.map((i, k) => {
        const row = o.indicators[k];
        const series = measured[k].series.map((m) => ({ date: m.observedAt, value: m.value }));
        const history = measured[k].history;
        return {
          id: i.id,
          name: i.name,
          lang: i.lang,
          unit: i.unit,
          unitLabel: labels.units[i.unit] || '',
          frequency: labels.frequency[i.frequency],
          badge: badge(i.status, lang),
          stale: i.stale,
          latest: i.latest ? `${formatValue(i.latest.value, i.unit, lang)} (${formatDate(i.latest.date, lang)})` : null,
          // The one value is not also shown as its own baseline: there is no baseline yet (insufficient_data).
          baseline:
            i.baseline && !(i.baseline.origin === 'first_measurement' && i.baseline.date === i.latest?.date)
              ? `${formatValue(i.baseline.value, i.unit, lang)} (${formatDate(i.baseline.date, lang)})`
              : null,
          targets: i.targets.map((t, j) => ({
            text: `${t.exclusive ? `${labels.moreThan} ` : ''}${formatValue(t.value, i.unit, lang)}`,
            due: formatDate(t.dueDate, lang),
            expected: formatValue(t.expected, i.unit, lang),
            badge: badge(t.status, lang),
            forecast: forecastSentence(t.forecast, i.unit, lang),
            source: row.targets[j].sourceText,
            sourceLang: row.targets[j].lang,
          })),
          chart: indicatorChart(status, i, series, lang, labels),
          history: history.map((m) => ({
            id: m.id,
            value: formatValue(m.value, i.unit, lang),
            rawValue: m.value,
            observedAt: m.observedAt,
            observedAtLabel: formatDate(m.observedAt, lang),
            source: m.source,
            comment: m.comment,
            recordedBy: m.recordedByName,
            recordedAt: m.recordedAt,
            reason: m.correctionReason,
            superseded: m.supersededAt !== null,
            supersededById: m.supersededById,
          })),
        };
      }),
      milestones: status.milestones.map((m, k) => ({
        id: m.id,
        title: m.title,
        lang: m.lang,
        due: formatDate(m.dueDate, lang),
        source: o.milestones[k].sourceText,
        state: m.state,
        stateLabel: labels.states[m.state],
        completedOn: m.completedOn,
        completedOnLabel: m.completedOn ? formatDate(m.completedOn, lang) : null,
        evidence: m.evidence,
        evidenceIsLink: !!m.evidence && /^https?:\/\//i.test(m.evidence),
        badge: badge(m.status, lang),
        daysLate: m.daysLate,
        history: milestoneHistories[k].map((u) => ({
          state: labels.states[u.state],
          completedOn: u.completedOn ? formatDate(u.completedOn, lang) : null,
          evidence: u.evidence,
          comment: u.comment,
          recordedBy: u.recordedByName,
          recordedAt: u.recordedAt,
        })),
      })),
    };
  }

  bodies(lang: Lang) {
    const s = this.roadmap.structure();
    return s.bodies.map((b) => ({
      acronym: b.acronym,
      slug: slug(b.acronym),
      name: lang === 'fr' ? b.name : b.englishName,
      leads: s.objectives.filter((o) => o.leadBody === b.acronym).length,
      contributes: s.objectives.filter((o) => o.contributingBodies.includes(b.acronym)).length,
    }));
  }

  async body(acronymOrSlug: string, lang: Lang) {
    const s = this.roadmap.structure();
    const body = s.bodies.find((b) => slug(b.acronym) === slug(acronymOrSlug));
    if (!body) throw new NotFound('not_found.body', { acronym: acronymOrSlug.slice(0, 40) });
    const asOf = this.calendar.today();
    const snapshot = await this.status.snapshot(asOf, lang);
    const mine = snapshot.objectives.filter((o) => o.leadBody === body.acronym || o.contributingBodies.includes(body.acronym));
    const codes = new Set(mine.map((o) => o.code));
    const row = (o: ObjectiveStatusView) => ({ code: o.code, title: o.title, lang: o.lang, leadBody: o.leadBody, badge: badge(o.status, lang) });
    const labels = LABELS[lang];
    return {
      body: { acronym: body.acronym, name: lang === 'fr' ? body.name : body.englishName, inGlossary: body.inGlossary },
      led: mine.filter((o) => o.leadBody === body.acronym).map(row),
      contributed: mine.filter((o) => o.leadBody !== body.acronym).map(row),
      milestoneCharts: mine.length
        ? milestoneCharts(
            mine,
            s.focusAreas.filter((f) => mine.some((o) => o.focusArea === f.number)),
            asOf,
            lang,
          )
        : null,
      toUpdate: {
        stale: snapshot.stale
          .filter((x) => codes.has(x.objectiveCode))
          .map((x) => ({ ...x, latest: formatDate(x.latestObservedAt, lang), frequency: labels.frequency[x.frequency as 'monthly'] })),
        noData: snapshot.noData.filter((x) => codes.has(x.objectiveCode)),
        milestones: mine
          .flatMap((o) => o.milestones.map((m) => ({ o, m })))
          .filter(({ m }) => m.state !== 'done' && m.daysUntilDue <= DUE_SOON_DAYS)
          .sort((a, b) => a.m.dueDate.localeCompare(b.m.dueDate))
          .map(({ o, m }) => ({ code: o.code, title: m.title, lang: m.lang, due: formatDate(m.dueDate, lang), badge: badge(m.status, lang) })),
      },
    };
  }

  private dueSoon(objectives: ObjectiveStatusView[], asOf: string, lang: Lang) {
    const horizon = addDays(asOf, DUE_SOON_DAYS);
    const labels = LABELS[lang];
    const items = objectives.flatMap((o) => [
      ...o.indicators.flatMap((i) =>
        i.targets
          .filter((t) => t.status === 'missed' || (t.dueDate >= asOf && t.dueDate <= horizon && !['achieved', 'on_track'].includes(t.status)))
          .map((t) => ({
            code: o.code,
            what: `${i.name}${labels.colon}${formatValue(t.value, i.unit, lang)}`,
            dueDate: t.dueDate,
            status: t.status,
            kind: labels.target,
          })),
      ),
      ...o.milestones
        .filter((m) => m.status === 'missed' || (m.dueDate >= asOf && m.dueDate <= horizon && !['achieved', 'on_track'].includes(m.status)))
        .map((m) => ({ code: o.code, what: m.title, dueDate: m.dueDate, status: m.status, kind: labels.milestone })),
    ]);
    const shape = (x: (typeof items)[number]) => ({
      ...x,
      due: formatDate(x.dueDate, lang),
      badge: badge(x.status, lang),
      daysLeft: daysBetween(asOf, x.dueDate),
    });
    return {
      // What falls due soon, soonest first; then what is already missed, most recent first.
      dueSoon: items
        .filter((x) => x.status !== 'missed')
        .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
        .map(shape),
      missed: items
        .filter((x) => x.status === 'missed')
        .sort((a, b) => b.dueDate.localeCompare(a.dueDate))
        .map(shape),
    };
  }
}

export const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');
export type { StatusSnapshot, ObjectiveRow };
