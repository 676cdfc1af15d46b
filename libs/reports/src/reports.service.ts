import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Calendar, earlierProblems, fieldIsClean, NotFound, OPERATIONS_METRICS, OperationsMetrics, Problem, ValidationFailed } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  AuditRepository,
  MeasurementsRepository,
  MilestoneUpdatesRepository,
  ReportRecord,
  ReportsRepository,
  ReportSummary,
  RoadmapRepository,
  Transactor,
} from '@app/persistence';
import { StatusService } from '@app/snapshots';
import { addDays, isIsoDate, Status } from '@app/status';
import { LABELS, Lang, LANGS } from '@app/presentation';
import { PdfPrinter } from './pdf-printer';
import { parsePeriod, Period, PeriodError } from '@app/common';
import type { ObjectiveStatusView } from '@app/snapshots';
import { regions } from '@app/territories';
import {
  ALL_REPORT_KINDS,
  AnyReportKind,
  buildReportModel,
  objectivesInScope,
  RecordedChange,
  ReportInputs,
  ReportModel,
  RoadmapOutline,
} from './report-model';
import type { RegionalInputs } from './regional-section';
import { TerritorialComparisons } from './territorial-comparison';
import { ReviewReportInputs } from './review-inputs';
import type { ReportReviewInput } from './review-section';
import { ReportRenderer } from './renderer';

export type ReportFormat = 'html' | 'pdf';
export interface ReportOrder {
  kind: AnyReportKind;
  scope?: string | null;
  period: string;
  /** Default: the end of the period, or today if the period is not over. */
  asOf?: string;
  format: ReportFormat;
  lang?: Lang;
}
export interface ReportAuthor {
  userId: number | null;
  trigger: 'manual' | 'schedule' | 'cli' | 'closing';
}
/** How a report's inputs are taken: by default as of the end of asOf, with the period's review as it stands. */
export interface ReportInputOptions {
  /** Values recorded up to this instant count (a review's closing counts what its collection brought in). */
  recordedUpTo?: string;
  generatedAt?: string;
  /** The review to show (closing passes the validated one); by default, the report period's review as it stands. */
  review?: ReportReviewInput | null;
}
export type GeneratedReport = ReportSummary & { url: string };

/**
 * Generates, stores and serves progress reports. The figures come from the status snapshot as of
 * the report's date (so the same asOf always gives the same numbers and data hash); HTML and PDF
 * come from the same rendered page.
 */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly status: StatusService,
    private readonly roadmap: RoadmapRepository,
    private readonly measurements: MeasurementsRepository,
    private readonly milestoneUpdates: MilestoneUpdatesRepository,
    private readonly reports: ReportsRepository,
    private readonly audit: AuditRepository,
    private readonly tx: Transactor,
    private readonly calendar: Calendar,
    private readonly renderer: ReportRenderer,
    private readonly printer: PdfPrinter,
    private readonly reviewInputs: ReviewReportInputs,
    private readonly comparisons: TerritorialComparisons,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(OPERATIONS_METRICS) private readonly metrics?: OperationsMetrics,
  ) {}

  /** Checks an order and fills its defaults; every problem is reported with its field. */
  resolve(order: ReportOrder): { kind: AnyReportKind; scope: string | null; period: Period; asOf: string; format: ReportFormat; lang: Lang } {
    // Problems the API's DTO found come first; a field it refused is not checked again.
    const errors: Problem[] = [...earlierProblems(order)];
    const clean = (field: string) => fieldIsClean(errors, field);
    if (!ALL_REPORT_KINDS.includes(order.kind) && clean('kind'))
      errors.push({ code: 'validation.not_one_of', field: 'kind', params: { allowed: [...ALL_REPORT_KINDS] } });
    if (!['html', 'pdf'].includes(order.format) && clean('format'))
      errors.push({ code: 'validation.not_one_of', field: 'format', params: { allowed: ['html', 'pdf'] } });
    const lang = order.lang ?? 'fr';
    if (!LANGS.includes(lang) && clean('lang')) errors.push({ code: 'validation.not_one_of', field: 'lang', params: { allowed: [...LANGS] } });
    let period: Period | undefined;
    try {
      if (clean('period')) period = parsePeriod(order.period);
    } catch (e) {
      if (!(e instanceof PeriodError)) throw e;
      errors.push(...e.problems);
    }
    const today = this.calendar.today();
    const asOf = order.asOf ?? (period ? (period.end < today ? period.end : today) : today);
    if (!clean('asOf')) {
      // already reported
    } else if (!isIsoDate(asOf)) errors.push({ code: 'validation.not_a_date', field: 'asOf' });
    else if (asOf > today) errors.push({ code: 'report.as_of_in_future', field: 'asOf', params: { today } });
    else if (period && (asOf < period.start || asOf > period.end)) {
      errors.push({ code: 'report.as_of_outside_period', field: 'asOf', params: { earliest: period.start, date: period.end } });
    }
    let scope = order.kind === 'roadmap' || typeof order.scope !== 'string' ? null : order.scope.trim();
    if (order.kind === 'roadmap' && order.scope && clean('scope')) errors.push({ code: 'report.scope_not_for_roadmap', field: 'scope' });
    if (order.kind !== 'roadmap' && ALL_REPORT_KINDS.includes(order.kind) && clean('scope')) {
      const found = this.canonicalScope(order.kind, scope);
      if (found === null) errors.push(this.scopeProblem(order.kind, scope));
      scope = found;
    }
    if (errors.length) throw new ValidationFailed(errors);
    return { kind: order.kind, scope, period: period!, asOf, format: order.format, lang };
  }

  /** The model of a report (its figures), without rendering or storing it. */
  async model(order: ReportOrder, generatedAt = this.calendar.now().toISOString()): Promise<ReportModel> {
    return buildReportModel(await this.inputs(order, { generatedAt }));
  }

  /**
   * Everything a report is made from, as plain JSON: closing stores it (the published snapshot), and
   * rendering it again gives the same page.
   */
  async inputs(order: ReportOrder, options: ReportInputOptions = {}): Promise<ReportInputs> {
    const r = this.resolve(order);
    const review = options.review !== undefined ? options.review : await this.reviewInputs.forPeriod(r.period.id);
    // A period under review, reported as of its end: the values its collection brings in count (recorded up to now).
    const collecting = review !== null && !review.official && r.asOf === r.period.end;
    const recordedUpTo = options.recordedUpTo ?? (collecting ? this.calendar.now().toISOString() : undefined);
    const cutoff = recordedUpTo ?? this.calendar.cutoff(r.asOf);
    // The roadmap's texts (titles, names) in the report's language.
    const snapshot = recordedUpTo ? await this.status.snapshotRecordedUpTo(r.asOf, cutoff, r.lang) : await this.status.snapshot(r.asOf, r.lang);
    const outline = this.outline(r.lang);
    const inScope = objectivesInScope(r, snapshot, outline);
    const series: Record<number, { date: string; value: number }[]> = {};
    for (const o of inScope) {
      for (const i of o.indicators) {
        series[i.id] = (await this.measurements.seriesAsOf(i.id, r.asOf, cutoff)).map((m) => ({ date: m.observedAt, value: m.value }));
      }
    }
    const prev = await this.reports.previous(r.kind, r.scope, r.asOf);
    // Since what the previous report counted: an official one counted what was recorded up to its period's closing.
    const since =
      (prev?.trigger === 'closing' ? await this.reviewInputs.publishedAt(prev.period) : null) ??
      this.calendar.cutoff(prev ? prev.asOf : addDays(r.period.start, -1));
    return {
      request: r,
      snapshot,
      roadmap: outline,
      series,
      previous: prev ? { id: prev.id, asOf: prev.asOf, createdAt: prev.createdAt, statuses: prev.statuses as Record<string, Status> } : null,
      // Since the previous report; for the first one of its kind, since the start of its period.
      recorded: await this.recordedBetween(since, cutoff, r.asOf, r.lang),
      generatedAt: options.generatedAt ?? this.calendar.now().toISOString(),
      timeZone: this.config.timezone,
      ministry: this.config.publisher.ministry.join(' '),
      review,
      revisions: await this.reviewInputs.revisionsBetween(since, cutoff),
      // Only a regional report carries them: the other kinds' stored inputs stay as they were.
      ...(r.kind === 'region' ? { regional: await this.regionalInputs(r.scope!, inScope, r.asOf, cutoff) } : {}),
    };
  }

  /**
   * Each territorial indicator's regions compared as of asOf (the national path and value from the
   * report's own snapshot), and the region's départements where it is recorded by département.
   */
  private async regionalInputs(region: string, inScope: ObjectiveStatusView[], asOf: string, cutoff: string): Promise<RegionalInputs> {
    const defined = this.roadmap.structure().indicatorsById;
    const indicators: RegionalInputs['indicators'] = [];
    for (const national of inScope.flatMap((o) => o.indicators)) {
      const breakdown = defined.get(national.id)?.territorial;
      if (!breakdown) continue;
      const compare = (level: 'region' | 'departement') =>
        breakdown.levels.includes(level) ? this.comparisons.compare(national, breakdown.national, level, national, asOf, cutoff) : Promise.resolve(null);
      const departements = await compare('departement');
      indicators.push({
        indicatorId: national.id,
        regions: await compare('region'),
        // The region's own départements only: their ranks were taken among all 101.
        departements: departements && { ...departements, territories: departements.territories.filter((t) => t.regionCode === region) },
      });
    }
    return { region, indicators };
  }

  /** Renders an order to HTML (the same page the PDF is printed from). */
  async html(order: ReportOrder): Promise<{ html: string; scriptHashes: string[]; model: ReportModel }> {
    return this.render(await this.inputs(order));
  }

  /** Renders stored inputs: the same inputs give the same page, byte for byte. */
  render(inputs: ReportInputs): { html: string; scriptHashes: string[]; model: ReportModel } {
    const model = buildReportModel(inputs);
    return { ...this.renderer.render(model), model };
  }

  async generate(order: ReportOrder, author: ReportAuthor, options: ReportInputOptions = {}): Promise<GeneratedReport> {
    const r = this.resolve(order);
    return this.timed(r, async () => this.store(await this.inputs(order, options), r.format, author));
  }

  /** Renders (and prints, for a PDF) a report from its inputs, and archives it: the unit of work only writes it down. */
  archive(inputs: ReportInputs, format: ReportFormat, author: ReportAuthor): Promise<GeneratedReport> {
    return this.timed({ kind: inputs.request.kind, format }, () => this.store(inputs, format, author));
  }

  /** The time a report takes and its failures go to the server's metrics (the CLI has none). */
  private timed<T>(report: { kind: string; format: string }, work: () => Promise<T>): Promise<T> {
    return this.metrics ? this.metrics.timeReport(report, work) : work();
  }

  private async store(inputs: ReportInputs, format: ReportFormat, author: ReportAuthor): Promise<GeneratedReport> {
    const started = Date.now();
    const r = { ...inputs.request, format };
    const { html, scriptHashes, model } = this.render(inputs);
    const content =
      r.format === 'pdf'
        ? await this.printer.print({
            html,
            headerLabel: `${model.cover.title} · ${model.cover.scopeLabel} · ${model.cover.periodLabel}`,
            pageLabel: { page: LABELS[r.lang].page, of: LABELS[r.lang].of },
            lang: r.lang,
          })
        : Buffer.from(html, 'utf8');
    const at = this.calendar.now();
    const now = at.toISOString();
    const record: ReportRecord = {
      id: this.reports.newId(at),
      kind: r.kind,
      scope: r.scope,
      period: r.period.id,
      asOf: r.asOf,
      format: r.format,
      lang: r.lang,
      trigger: author.trigger,
      createdAt: now,
      createdBy: author.userId,
      dataHash: model.dataHash,
      fileHash: createHash('sha256').update(content).digest('hex'),
      byteSize: content.length,
      content,
      statuses: model.statuses,
      scriptHashes,
    };
    const summary = await this.tx.run(async () => {
      await this.reports.insert(record);
      const { content: _c, statuses: _s, scriptHashes: _h, ...meta } = record;
      await this.audit.record({
        at: now,
        userId: author.userId,
        action: 'report.generate',
        entityType: 'report',
        entityId: record.id,
        before: null,
        after: meta,
      });
      return meta;
    });
    this.logger.log({
      msg: 'Report generated',
      id: record.id,
      kind: r.kind,
      scope: r.scope,
      period: r.period.id,
      asOf: r.asOf,
      format: r.format,
      bytes: content.length,
      ms: Date.now() - started,
    });
    return { ...summary, url: `/api/v1/reports/${record.id}` };
  }

  /** One report per body (what it leads and contributes to), with progress reported as it goes. */
  async generateForEveryBody(
    order: Omit<ReportOrder, 'kind' | 'scope'>,
    author: ReportAuthor,
    onProgress: (done: number, total: number, body: string) => void = () => undefined,
    { signal, ...options }: ReportInputOptions & { signal?: AbortSignal } = {},
  ): Promise<GeneratedReport[]> {
    const bodies = this.outline('en').bodies.map((b) => b.acronym);
    const out: GeneratedReport[] = [];
    for (const [i, acronym] of bodies.entries()) {
      // A stopping server ends the series between two reports; the scheduler makes it again at start.
      signal?.throwIfAborted();
      out.push(await this.generate({ ...order, kind: 'body', scope: acronym }, author, options));
      this.logger.log({ msg: `Body report ${i + 1}/${bodies.length} (${acronym})`, period: order.period });
      onProgress(i + 1, bodies.length, acronym);
    }
    return out;
  }

  async get(id: string): Promise<ReportRecord> {
    // Ids are UUIDs; anything else (../../etc/passwd) cannot name a report.
    const report = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) ? await this.reports.findById(id) : undefined;
    if (!report) throw new NotFound('not_found.report', { id: id.slice(0, 80) });
    return report;
  }

  async list(filter: { kind?: string; scope?: string; period?: string; limit?: number; offset?: number }): Promise<ReportSummary[]> {
    return this.reports.list({ ...filter, limit: filter.limit ?? 50, offset: filter.offset ?? 0 });
  }

  /** Starts Chromium ahead of the first report (the server does this in the background). */
  async warmUp(): Promise<void> {
    await this.printer.print({ html: '<html><body data-charts-ready="true"></body></html>', headerLabel: '', pageLabel: { page: '', of: '' }, lang: 'fr' });
  }

  /** The scope as stored ("cnam" → "CNAM", "ars-grades" → "ARS/GRADeS"), or null if there is none such. */
  private canonicalScope(kind: AnyReportKind, scope: string | null): string | null {
    if (!scope) return null;
    const s = this.roadmap.structure();
    const slug = (x: string) => x.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    switch (kind) {
      case 'focus_area':
        return s.focusAreas.some((f) => String(f.number) === scope) ? scope : null;
      case 'body':
        return s.bodies.find((b) => slug(b.acronym) === slug(scope))?.acronym ?? null;
      case 'objective':
        return s.objectivesByCode.has(scope) ? scope : null;
      case 'region':
        return regionCode(scope);
      default:
        return null;
    }
  }

  private scopeProblem(kind: AnyReportKind, scope: string | null): Problem {
    return scope
      ? { code: 'report.scope_unknown', field: 'scope', params: { scope: scope.slice(0, 60), expected: kind } }
      : { code: 'report.scope_required', field: 'scope', params: { expected: kind } };
  }

  private outline(lang: Lang): RoadmapOutline {
    const s = this.roadmap.structure(lang);
    return {
      focusAreas: s.focusAreas.map((f) => ({
        number: f.number,
        title: f.title,
        subtitle: f.subtitle,
        lang: f.lang,
        priorities: f.priorities.map((p) => ({ number: p.number, title: p.title, lang: p.lang })),
      })),
      bodies: s.bodies.map((b) => ({ acronym: b.acronym, name: b.name, englishName: b.englishName })),
    };
  }

  private async recordedBetween(from: string, to: string, asOf: string, lang: Lang): Promise<RecordedChange> {
    const s = this.roadmap.structure(lang);
    const values = await this.measurements.recordedBetween(from, to);
    const milestoneUpdates = await this.milestoneUpdates.recordedBetween(from, to);
    return {
      values: values
        // Values as they stand at the cut-off: a value corrected since shows once, as corrected.
        .filter((m) => m.observedAt <= asOf && s.indicatorsById.has(m.indicatorId) && !(m.supersededAt && m.supersededAt <= to))
        .map((m) => {
          const i = s.indicatorsById.get(m.indicatorId)!;
          return {
            indicatorId: m.indicatorId,
            objectiveCode: i.objectiveCode,
            indicatorName: i.name,
            unit: i.unit,
            value: m.value,
            observedAt: m.observedAt,
            recordedAt: m.recordedAt,
            correction: m.supersedesId !== null,
            comment: m.correctionReason ?? m.comment,
          };
        }),
      milestonesCompleted: milestoneUpdates
        .filter((u) => u.state === 'done' && s.milestonesById.has(u.milestoneId))
        .map((u) => {
          const m = s.milestonesById.get(u.milestoneId)!;
          return { milestoneId: u.milestoneId, objectiveCode: m.objectiveCode, title: m.title, completedOn: u.completedOn! };
        }),
    };
  }
}

/** A region's official code from its code ("84", "1" for "01") or its name, whatever the case and accents ("bretagne"); null if none. */
function regionCode(scope: string): string | null {
  const key = (x: string) =>
    x
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-');
  const code = /^\d$/.test(scope) ? `0${scope}` : scope;
  return regions().find((r) => r.code === code || key(r.name) === key(scope))?.code ?? null;
}
