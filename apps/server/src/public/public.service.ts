import { Injectable } from '@nestjs/common';
import { NotFound, parsePeriod } from '@app/common';
import { MeasurementsRepository, ReportRecord, ReportsRepository, ReviewPeriodRecord, ReviewsRepository, RoadmapRepository } from '@app/persistence';
import { territoriesOf, type TerritoryLevel } from '@app/territories';
import type { Lang } from '@app/presentation';
import { OFFICIAL_REPORTS, type PublishedSnapshot } from '../publishing/publishing.service';
import { openDataCsv, openDataSchema } from './open-data';
import { PublicPublication, publicPublication } from './published-view';

/** A published (closed) period as the public reads it: its name and the instant it was published. */
export interface PublishedPeriod {
  period: string;
  publishedAt: string;
  /** What the caches are keyed on: a period closed again after a restore gets a new key. */
  key: string;
}

export interface PublicReportLink {
  id: string;
  lang: Lang;
  format: 'html' | 'pdf';
  url: string;
}

/** One published period, read once from its frozen snapshot: each language's view, the raw snapshot for the charts. */
interface Loaded {
  snapshot: PublishedSnapshot;
  views: Partial<Record<Lang, PublicPublication>>;
  csv?: Buffer;
  /** Indicator id → its territorial values as published (see territorial). */
  territorial: Map<number, PublicTerritorialValues[]>;
}

/** An indicator's values at one territorial level, as of the period's end, as recorded when it was published. */
export interface PublicTerritorialValues {
  level: TerritoryLevel;
  values: { code: string; value: number; observedAt: string }[];
}

/** Periods kept in memory: the latest (every page) and a few older ones (their open data files). */
const KEPT = 4;

/**
 * The public view's data: only what closing froze in review_publications, never live records. The
 * latest published period is read from the database on every request (one small query on the review
 * periods), so a period closed through any instance shows at once; what is derived from a period's
 * snapshot is kept in memory under a key made of the period and its publication instant, which never
 * changes once published.
 */
@Injectable()
export class PublicService {
  private readonly loaded = new Map<string, Loaded>();
  /** Periods whose official reports are all made: their list, which cannot change any more (one entry per period). */
  private readonly completeReports = new Map<string, PublicReportLink[]>();

  constructor(
    private readonly reviews: ReviewsRepository,
    private readonly reportsRepo: ReportsRepository,
    private readonly roadmap: RoadmapRepository,
    private readonly measurements: MeasurementsRepository,
  ) {}

  /** Every published period, latest first. */
  async periods(): Promise<PublishedPeriod[]> {
    return (await this.reviews.listPeriods()).filter((p) => p.state === 'closed' && p.closedAt).map(published);
  }

  /** The latest published period, or null before the first closing. */
  async latest(): Promise<PublishedPeriod | null> {
    return (await this.periods())[0] ?? null;
  }

  /** The latest published period, or a 404 saying nothing is published yet. */
  async latestOrFail(): Promise<PublishedPeriod> {
    const latest = await this.latest();
    if (!latest) throw new NotFound('public.nothing_published', {});
    return latest;
  }

  /** A published period by its id ("2026-Q4", any case); a 404 when it is not published. */
  async period(id: string): Promise<PublishedPeriod> {
    let period: string;
    try {
      period = parsePeriod(id).id;
    } catch {
      throw new NotFound('public.not_published', { period: id.slice(0, 40) });
    }
    const found = (await this.periods()).find((p) => p.period === period);
    if (!found) throw new NotFound('public.not_published', { period });
    return found;
  }

  /** The period's public view in a language. */
  async publication(period: PublishedPeriod, lang: Lang): Promise<PublicPublication> {
    const loaded = await this.load(period);
    return (loaded.views[lang] ??= publicPublication(loaded.snapshot, this.roadmap.structure(lang), lang));
  }

  /** The frozen snapshot itself, for what the staff pages' presentation code draws from it (charts). */
  async snapshot(period: PublishedPeriod): Promise<PublishedSnapshot> {
    return (await this.load(period)).snapshot;
  }

  /** The period's open data file (CSV, from the French view: codes, French titles). */
  async csv(period: PublishedPeriod): Promise<Buffer> {
    const loaded = await this.load(period);
    return (loaded.csv ??= openDataCsv(await this.publication(period, 'fr')));
  }

  schema(period: PublishedPeriod) {
    return openDataSchema(period.period, period.publishedAt);
  }

  /**
   * The official reports made at the period's closing (a report made later by hand is not published).
   * Once all are made the list never changes again, so it is kept; until then it is read each time.
   */
  async reports(period: PublishedPeriod): Promise<PublicReportLink[]> {
    const kept = this.completeReports.get(period.key);
    if (kept) return kept;
    // The list reads the reports table, whose rows carry the files: worth keeping once complete.
    const list = await this.reportsRepo.list({ kind: 'roadmap', period: period.period, limit: 100, offset: 0 });
    const reports = list
      .filter((r) => r.trigger === 'closing' && r.scope === null)
      .sort((a, b) => b.lang.localeCompare(a.lang) || a.format.localeCompare(b.format))
      .map((r) => ({ id: r.id, lang: r.lang as Lang, format: r.format as 'html' | 'pdf', url: `/public/rapports/${r.id}` }));
    if (OFFICIAL_REPORTS.every((o) => reports.some((r) => r.lang === o.lang && r.format === o.format))) this.completeReports.set(period.key, reports);
    return reports;
  }

  /**
   * An indicator's territorial values as published: the snapshot holds the national values only, so
   * these are read as of the period's end counting only the versions current at the publication
   * instant (a value recorded or corrected afterwards is not counted), which nothing can change later.
   * Empty for an indicator without a territorial breakdown or without territorial values.
   */
  async territorial(period: PublishedPeriod, indicatorId: number): Promise<PublicTerritorialValues[]> {
    const loaded = await this.load(period);
    let found = loaded.territorial.get(indicatorId);
    if (!found) {
      found = [];
      for (const level of this.roadmap.structure().indicatorsById.get(indicatorId)?.territorial?.levels ?? []) {
        const codes = territoriesOf(level).map((t) => t.code);
        const rows = await this.measurements.latestPerTerritory(indicatorId, level, codes, loaded.snapshot.asOf, period.publishedAt);
        if (rows.length) found.push({ level, values: rows.map((r) => ({ code: r.code, value: r.value, observedAt: r.observedAt })) });
      }
      loaded.territorial.set(indicatorId, found);
    }
    return found;
  }

  /** An official report's file, only when it belongs to a published period. */
  async report(id: string): Promise<ReportRecord> {
    const report = /^[A-Za-z0-9-]{1,80}$/.test(id) ? await this.reportsRepo.findById(id) : undefined;
    const periods = await this.periods();
    if (!report || report.trigger !== 'closing' || report.kind !== 'roadmap' || !periods.some((p) => p.period === report.period)) {
      throw new NotFound('not_found.report', { id: id.slice(0, 40) });
    }
    return report;
  }

  private async load(period: PublishedPeriod): Promise<Loaded> {
    let loaded = this.loaded.get(period.key);
    if (!loaded) {
      const row = await this.reviews.findPeriod(period.period);
      const publication = row && (await this.reviews.findPublication(row.id));
      if (!publication) throw new NotFound('public.not_published', { period: period.period });
      loaded = { snapshot: publication.snapshot as PublishedSnapshot, views: {}, territorial: new Map() };
      this.loaded.set(period.key, loaded);
      // The oldest entry goes first: memory stays bounded whatever is asked for.
      while (this.loaded.size > KEPT) this.loaded.delete(this.loaded.keys().next().value!);
    }
    return loaded;
  }
}

function published(row: ReviewPeriodRecord): PublishedPeriod {
  return { period: row.period, publishedAt: row.closedAt!, key: `${row.period}@${row.closedAt}` };
}
