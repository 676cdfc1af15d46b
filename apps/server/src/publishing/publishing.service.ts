import { Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Calendar, Conflict, NotFound, parsePeriod, ValidationFailed } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { AuditRepository, ReportsRepository, ReviewPeriodRecord, ReviewsRepository, RoadmapRepository, Transactor } from '@app/persistence';
import { PdfPrinter, ReportFormat, ReportInputs, ReportReviewInput, ReportsService, ReviewReportInputs } from '@app/reports';
import type { StatusSnapshot } from '@app/snapshots';
import { LABELS, Lang } from '@app/presentation';
import { REVIEW_NOTICE_SINK, ReviewNoticeSink } from '@app/review';
import { JobRunner } from '../operations/job-runner';

/**
 * What closing a period froze, stored in review_publications as JSON: the official review (the
 * validated updates, as validated) and, per language, every input of the period's roadmap report
 * (statuses as of the period's end, values and series, milestones, previous report, changes). The
 * official reports are rendered from it, now and whenever asked again.
 */
export interface PublishedSnapshot {
  version: 1;
  period: string;
  publishedAt: string;
  asOf: string;
  missingAtClosing: string[];
  review: ReportReviewInput;
  reports: Record<Lang, ReportInputs>;
}

/**
 * The official reports made at closing: French and English, HTML and PDF (printing costs seconds;
 * HTML is made first, so a Chromium failure still leaves the pages).
 */
export const OFFICIAL_REPORTS: readonly { lang: Lang; format: ReportFormat }[] = [
  { lang: 'fr', format: 'html' },
  { lang: 'en', format: 'html' },
  { lang: 'fr', format: 'pdf' },
  { lang: 'en', format: 'pdf' },
];

export interface CloseOutcome {
  period: string;
  state: 'closed';
  closedAt: string;
  missingAtClosing: string[];
  snapshotHash: string;
  /** The official reports made; when making them failed, `reportsPending` says so (retry: POST …/publication/reports). */
  reports: { id: string; lang: Lang; format: ReportFormat; url: string }[];
  reportsPending: boolean;
}

export type PublishedStatus = StatusSnapshot & { published: { period: string; publishedAt: string } };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Closing a review period and its publication: the frozen snapshot, the official reports rendered
 * from it (again and again identically), and the published statuses dashboards ask for.
 */
@Injectable()
export class PublishingService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Publishing');
  /** Published statuses never change: one object per period and language (the JSON cache keeps its bytes and ETag). */
  private readonly publishedStatuses = new Map<string, PublishedStatus>();

  constructor(
    private readonly reviews: ReviewsRepository,
    private readonly roadmap: RoadmapRepository,
    private readonly reportsRepo: ReportsRepository,
    private readonly audit: AuditRepository,
    private readonly tx: Transactor,
    private readonly calendar: Calendar,
    private readonly reports: ReportsService,
    private readonly reviewInputs: ReviewReportInputs,
    private readonly printer: PdfPrinter,
    private readonly jobs: JobRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(REVIEW_NOTICE_SINK) private readonly notices: ReviewNoticeSink | null = null,
  ) {}

  /** A period closed whose official reports were not all made (a failure, a crash): made at start, in the background. */
  onApplicationBootstrap(): void {
    if (!this.config.scheduler.enabled) return;
    void this.resumeOfficialReports().catch((e) => this.logger.error({ msg: 'Official reports not checked', error: (e as Error).message }));
  }

  private async resumeOfficialReports(): Promise<void> {
    for (const row of (await this.reviews.listPeriods()).filter((p) => p.state === 'closed')) {
      if ((await this.missingReports(row)).length) {
        void this.makeOfficialReports(row.period).catch((e) =>
          this.logger.error({ msg: 'Official reports not made', period: row.period, error: (e as Error).message }),
        );
      }
    }
  }

  /**
   * Closes a period: refused while an update is not validated, unless `force` (the missing ones are
   * then recorded and listed in the report). Freezes the published snapshot in one transaction, then
   * makes the official reports from it (rendering and printing outside the unit of work).
   */
  async close(period: string, force: boolean, userId: number): Promise<CloseOutcome> {
    const found = await this.period(period);
    if (found.endDate >= this.calendar.today()) throw new Conflict('review.close_before_end', { period: found.period, end: found.endDate });
    const publishedAt = this.calendar.now().toISOString();
    const snapshotHash = await this.tx.run(async () => {
      // Inside the unit: nobody closes, validates or records between the checks and the freeze.
      const row = await this.period(found.period);
      if (row.state === 'closed') throw new Conflict('review.already_closed', { period: row.period, closedOn: row.closedAt!.slice(0, 10) });
      const missing = await this.notValidated(row);
      if (missing.length && !force) throw new Conflict('review.close_needs_validation', { count: missing.length, missing: missing.join(', ') });
      const snapshot = await this.freeze(row, publishedAt, missing);
      // Serialising and hashing are synchronous: nothing else runs inside the unit meanwhile.
      const json = JSON.stringify(snapshot);
      const hash = sha256(json);
      await this.reviews.updatePeriod(row.id, { state: 'closed', closedAt: publishedAt, closedBy: userId, missingAtClosing: missing });
      await this.reviews.insertPublication({ reviewPeriodId: row.id, publishedAt, snapshot: JSON.parse(json), snapshotHash: hash, reportIds: [] });
      await this.audit.record({
        at: publishedAt,
        userId,
        action: 'review.close',
        entityType: 'review_period',
        entityId: row.period,
        before: { state: row.state },
        after: { state: 'closed', force, missingAtClosing: missing, snapshotHash: hash },
      });
      await this.notices?.notify({ kind: 'period_closed', period: row.period });
      return hash;
    });
    this.logger.log({ msg: 'Review period closed', period: found.period, snapshotHash, force });
    // The period stays closed with its snapshot whatever happens next: a failed report is made again
    // by POST …/publication/reports or at the next start.
    const outcome = await this.makeOfficialReports(found.period, []);
    const closed = await this.period(found.period);
    const reports = await this.reportLinks(closed);
    return {
      period: closed.period,
      state: 'closed',
      closedAt: closed.closedAt!,
      missingAtClosing: closed.missingAtClosing ?? [],
      snapshotHash,
      reports,
      reportsPending: outcome.status === 'failed' || (await this.missingReports(closed)).length > 0,
    };
  }

  /** Makes the official reports not made yet, from the snapshot (JobRunner `official-report`, key = the period). */
  async makeOfficialReports(period: string, retryDelaysMs?: number[]) {
    const row = await this.period(period);
    await this.publication(row); // 404 unless published
    return this.jobs.run(
      'official-report',
      row.period,
      async () => {
        const snapshot = await this.snapshot(row);
        for (const wanted of await this.missingReports(row)) {
          // Rendered and printed before the unit of work, which only writes the report's id down.
          const report = await this.reports.archive(snapshot.reports[wanted.lang], wanted.format, { userId: row.closedBy, trigger: 'closing' });
          // Kept as each is made: a failure later leaves the ones already made.
          await this.tx.run(async () => this.reviews.setPublicationReports(row.id, [...(await this.publication(row)).reportIds, report.id]));
        }
        return (await this.publication(row)).reportIds;
      },
      (reportIds) => ({ reportIds }),
      retryDelaysMs === undefined ? {} : { retryDelaysMs },
    );
  }

  /** The publication's summary: when, its hash, the official reports, each objective's status and rating. */
  async summary(period: string, lang: Lang) {
    const row = await this.period(period);
    const publication = await this.publication(row);
    const snapshot = publication.snapshot as PublishedSnapshot;
    const ratings = new Map(snapshot.review.updates.map((u) => [u.objectiveCode, u]));
    return {
      period: row.period,
      state: row.state,
      publishedAt: publication.publishedAt,
      closedBy: row.closedBy,
      snapshotHash: publication.snapshotHash,
      asOf: snapshot.asOf,
      missingAtClosing: snapshot.missingAtClosing,
      reports: await this.reportLinks(row),
      reportsPending: (await this.missingReports(row)).length > 0,
      objectives: snapshot.reports[lang].snapshot.objectives.map((o) => ({
        code: o.code,
        title: o.title,
        leadBody: o.leadBody,
        status: o.status,
        confidence: ratings.get(o.code)?.content.confidence ?? null,
        validated: ratings.has(o.code),
        revisedAfterValidation: ratings.get(o.code)?.revisedAfterValidation ?? false,
      })),
    };
  }

  /**
   * The official report rendered again from the stored snapshot (not archived): the same snapshot
   * gives the same data hash and, in HTML, the same bytes.
   */
  async renderAgain(
    period: string,
    format: ReportFormat,
    lang: Lang,
  ): Promise<{ content: Buffer; dataHash: string; scriptHashes: string[]; fileName: string }> {
    const row = await this.period(period);
    const inputs = (await this.snapshot(row)).reports[lang];
    const { html, scriptHashes, model } = this.reports.render(inputs);
    const content =
      format === 'pdf'
        ? await this.printer.print({
            html,
            headerLabel: `${model.cover.title} · ${model.cover.scopeLabel} · ${model.cover.periodLabel}`,
            pageLabel: { page: LABELS[lang].page, of: LABELS[lang].of },
            lang,
          })
        : Buffer.from(html, 'utf8');
    return { content, dataHash: model.dataHash, scriptHashes, fileName: `${lang === 'fr' ? 'rapport-officiel' : 'official-report'}-${row.period}.${format}` };
  }

  /**
   * The status routes' `?period=`: the statuses published with a period (as of its end), in a
   * language. A period that is not one is a 400; one not published (or given with asOf) too, or a 404.
   */
  async publishedStatus(query: { period: string; asOf?: string }, lang: Lang): Promise<PublishedStatus> {
    if (query.asOf !== undefined) throw new ValidationFailed([{ code: 'status.period_or_as_of', field: 'period' }]);
    const period = parsePeriod(query.period).id; // PeriodError: 400 saying how to write a period
    const row = await this.reviews.findPeriod(period);
    const publication = row && (await this.reviews.findPublication(row.id));
    if (!row || !publication) throw new NotFound('not_found.publication', { period: period.slice(0, 40) });
    let cached = this.publishedStatuses.get(`${row.period}:${lang}:${publication.snapshotHash}`);
    if (!cached) {
      const snapshot = publication.snapshot as PublishedSnapshot;
      cached = { ...snapshot.reports[lang].snapshot, published: { period: row.period, publishedAt: publication.publishedAt } };
      this.publishedStatuses.set(`${row.period}:${lang}:${publication.snapshotHash}`, cached);
    }
    return cached;
  }

  /** The periods published, latest first (the dashboard's period selector). */
  async publishedPeriods(): Promise<{ period: string; publishedAt: string }[]> {
    return (await this.reviews.listPeriods()).filter((p) => p.state === 'closed').map((p) => ({ period: p.period, publishedAt: p.closedAt! }));
  }

  // ── Steps ──────────────────────────────────────────────────────────────────────────────────────

  /** Objective codes without a validated update. */
  private async notValidated(row: ReviewPeriodRecord): Promise<string[]> {
    const validated = new Set((await this.reviews.updatesOf(row.id)).filter((u) => u.state === 'validated').map((u) => u.objectiveCode));
    return this.roadmap
      .structure()
      .objectives.map((o) => o.code)
      .filter((code) => !validated.has(code));
  }

  /** The snapshot: the official review and each language's report inputs, values recorded up to now counted. */
  private async freeze(row: ReviewPeriodRecord, publishedAt: string, missing: string[]): Promise<PublishedSnapshot> {
    const review = await this.reviewInputs.official(row, publishedAt, missing);
    const inputsIn = (lang: Lang) =>
      this.reports.inputs(
        { kind: 'roadmap', period: row.period, asOf: row.endDate, format: 'pdf', lang },
        { recordedUpTo: publishedAt, generatedAt: publishedAt, review },
      );
    return {
      version: 1,
      period: row.period,
      publishedAt,
      asOf: row.endDate,
      missingAtClosing: missing,
      review,
      reports: { fr: await inputsIn('fr'), en: await inputsIn('en') },
    };
  }

  private async period(period: string): Promise<ReviewPeriodRecord> {
    const row = await this.reviews.findPeriod(this.periodId(period));
    if (!row) throw new NotFound('not_found.review_period', { period: period.slice(0, 40) });
    return row;
  }

  /** "2026-q4" → "2026-Q4"; what is not a period is a 400 saying how to write one (as the review routes answer). */
  private periodId(period: string): string {
    return parsePeriod(period).id;
  }

  private async publication(row: ReviewPeriodRecord) {
    const publication = await this.reviews.findPublication(row.id);
    if (!publication) throw new NotFound('not_found.publication', { period: row.period });
    return publication;
  }

  private async snapshot(row: ReviewPeriodRecord): Promise<PublishedSnapshot> {
    return (await this.publication(row)).snapshot as PublishedSnapshot;
  }

  /** The official reports made for a period (summaries: their files stay in the database). */
  private async madeReports(row: ReviewPeriodRecord) {
    const ids = (await this.reviews.findPublication(row.id))?.reportIds ?? [];
    if (!ids.length) return [];
    const summaries = await this.reportsRepo.list({ kind: 'roadmap', period: row.period, limit: 500, offset: 0 });
    return ids.map((id) => summaries.find((r) => r.id === id)).filter((r) => r !== undefined);
  }

  private async missingReports(row: ReviewPeriodRecord) {
    const made = await this.madeReports(row);
    return OFFICIAL_REPORTS.filter((w) => !made.some((r) => r.lang === w.lang && r.format === w.format));
  }

  private async reportLinks(row: ReviewPeriodRecord) {
    return (await this.madeReports(row)).map((r) => ({ id: r.id, lang: r.lang, format: r.format, dataHash: r.dataHash, url: `/api/v1/reports/${r.id}` }));
  }
}
