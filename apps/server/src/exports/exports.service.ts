import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ExportColumn, ExportStyle, toCsv, toXlsx } from '@app/imports';
import { EXPORT_LABELS, LABELS, Lang, RATIO_DECIMALS, TERRITORIAL_LABELS, valueDecimals } from '@app/presentation';
import { findTerritory } from '@app/territories';
import type { MilestoneState, Status } from '@app/status';
import { MeasurementRecord, MeasurementsRepository, RoadmapRepository } from '@app/persistence';
import { Calendar } from '@app/common';
import { StatusService } from '@app/snapshots';

export type ExportFormat = 'csv' | 'xlsx' | 'json';
export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

interface MeasurementLine extends MeasurementRecord {
  objectiveCode: string;
  indicatorName: string;
  unit: string;
}

interface StatusLine {
  objectiveCode: string;
  objectiveTitle: string;
  leadBody: string;
  objectiveStatus: Status;
  kind: 'target' | 'milestone';
  item: string;
  unit: string | null;
  dueDate: string;
  targetValue: number | null;
  latestValue: number | null;
  expected: number | null;
  ratio: number | null;
  state: MilestoneState | null;
  status: Status;
}

/** How a CSV is written: `;` with decimal commas (French Excel) or `,` with decimal points. */
export type CsvSeparator = 'semicolon' | 'comma';

export interface ExportOptions {
  lang: Lang;
  /** CSV only; by default `;` in French, `,` in English. */
  separator?: CsvSeparator;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function measurementColumns(lang: Lang): ExportColumn<MeasurementLine>[] {
  const h = EXPORT_LABELS[lang].measurements;
  const t = TERRITORIAL_LABELS[lang];
  return [
    { header: h.measurementId, value: (m) => m.id },
    { header: h.indicatorId, value: (m) => m.indicatorId },
    { header: h.objectiveCode, value: (m) => m.objectiveCode },
    { header: h.indicatorName, value: (m) => m.indicatorName },
    { header: h.unit, value: (m) => EXPORT_LABELS[lang].units[m.unit] ?? m.unit },
    { header: h.value, value: (m) => m.value, decimals: (m) => valueDecimals(m.unit) },
    { header: h.observedAt, value: (m) => m.observedAt, type: 'date' },
    { header: h.source, value: (m) => m.source },
    { header: h.comment, value: (m) => m.comment },
    // The territory as the import reads it (region:84), its name for the reader, and a weighted rate's denominator.
    { header: t.exportTerritory, value: (m) => (m.territoryLevel ? `${m.territoryLevel}:${m.territoryCode}` : null) },
    { header: t.exportTerritoryName, value: (m) => (m.territoryLevel ? (findTerritory(m.territoryLevel, m.territoryCode!)?.name ?? null) : null) },
    { header: t.exportDenominator, value: (m) => m.denominator },
    { header: h.recordedAt, value: (m) => m.recordedAt, type: 'datetime' },
    { header: h.recordedBy, value: (m) => m.recordedByEmail },
    { header: h.supersedesId, value: (m) => m.supersedesId },
    { header: h.correctionReason, value: (m) => m.correctionReason },
    { header: h.supersededAt, value: (m) => m.supersededAt, type: 'datetime' },
  ];
}

function statusColumns(lang: Lang): ExportColumn<StatusLine>[] {
  const h = EXPORT_LABELS[lang].status;
  const statusLabel = (s: Status) => LABELS[lang].statuses[s] ?? s;
  const decimals = (r: StatusLine) => valueDecimals(r.unit ?? 'count');
  return [
    { header: h.objectiveCode, value: (r) => r.objectiveCode },
    { header: h.objectiveTitle, value: (r) => r.objectiveTitle },
    { header: h.leadBody, value: (r) => r.leadBody },
    { header: h.objectiveStatus, value: (r) => statusLabel(r.objectiveStatus) },
    { header: h.kind, value: (r) => EXPORT_LABELS[lang].kinds[r.kind] },
    { header: h.item, value: (r) => r.item },
    { header: h.unit, value: (r) => (r.unit ? (EXPORT_LABELS[lang].units[r.unit] ?? r.unit) : null) },
    { header: h.dueDate, value: (r) => r.dueDate, type: 'date' },
    { header: h.targetValue, value: (r) => r.targetValue, decimals },
    { header: h.latestValue, value: (r) => r.latestValue, decimals },
    { header: h.expected, value: (r) => r.expected, decimals },
    { header: h.ratio, value: (r) => r.ratio, decimals: RATIO_DECIMALS },
    { header: h.state, value: (r) => (r.state ? capitalise(LABELS[lang].states[r.state] ?? r.state) : null) },
    { header: h.status, value: (r) => statusLabel(r.status) },
  ];
}

/** Measurements and statuses as CSV, XLSX or JSON; text cells are neutralised against formula injection. */
@Injectable()
export class ExportsService {
  constructor(
    private readonly roadmap: RoadmapRepository,
    private readonly measurements: MeasurementsRepository,
    private readonly status: StatusService,
    private readonly calendar: Calendar,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async measurementsFile(format: ExportFormat, options: ExportOptions & { asOf?: string; allVersions?: boolean }): Promise<ExportFile> {
    const asOf = options.asOf ?? this.calendar.today();
    const s = this.roadmap.structure(options.lang); // indicator names in the export's language
    const rows = (options.allVersions ? await this.measurements.allVersions() : await this.measurements.allCurrentAsOf(asOf, this.calendar.cutoff(asOf)))
      .filter((m) => s.indicatorsById.has(m.indicatorId))
      .map((m) => {
        const i = s.indicatorsById.get(m.indicatorId)!;
        return { ...m, objectiveCode: i.objectiveCode, indicatorName: i.name, unit: i.unit };
      });
    const files = EXPORT_LABELS[options.lang].files;
    const name = options.allVersions ? files.allVersions : `${files.measurements}-${asOf}`;
    return this.file(name, format, EXPORT_LABELS[options.lang].sheets.measurements, rows, measurementColumns(options.lang), options);
  }

  async statusFile(format: ExportFormat, options: ExportOptions & { asOf?: string }): Promise<ExportFile> {
    const snapshot = await this.status.snapshot(options.asOf, options.lang); // titles and names in the export's language
    const lines: StatusLine[] = snapshot.objectives.flatMap((o) => {
      const base = { objectiveCode: o.code, objectiveTitle: o.title, leadBody: o.leadBody, objectiveStatus: o.status };
      return [
        ...o.indicators.flatMap((i) =>
          i.targets.map((t) => ({
            ...base,
            kind: 'target' as const,
            item: i.name,
            unit: i.unit,
            dueDate: t.dueDate,
            targetValue: t.value,
            latestValue: t.latestValue,
            expected: t.expected,
            ratio: t.ratio,
            state: null,
            status: t.status,
          })),
        ),
        ...o.milestones.map((m) => ({
          ...base,
          kind: 'milestone' as const,
          item: m.title,
          unit: null,
          dueDate: m.dueDate,
          targetValue: null,
          latestValue: null,
          expected: null,
          ratio: null,
          state: m.state,
          status: m.status,
        })),
      ];
    });
    const name = `${EXPORT_LABELS[options.lang].files.status}-${snapshot.asOf}`;
    if (format === 'json') return json(name, snapshot);
    return this.file(name, format, EXPORT_LABELS[options.lang].sheets.status, lines, statusColumns(options.lang), options);
  }

  private async file<T>(name: string, format: ExportFormat, sheet: string, rows: T[], columns: ExportColumn<T>[], options: ExportOptions): Promise<ExportFile> {
    if (format === 'json') return json(name, rows);
    const style: ExportStyle = { dates: options.lang === 'fr' ? 'fr' : 'iso', timeZone: this.config.timezone };
    if (format === 'xlsx') {
      return {
        fileName: `${name}.xlsx`,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: await toXlsx([{ name: sheet, rows, columns }], style),
      };
    }
    const separator = (options.separator ?? (options.lang === 'fr' ? 'semicolon' : 'comma')) === 'semicolon' ? ';' : ',';
    return { fileName: `${name}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(rows, columns, { separator, ...style }) };
  }
}

function json(name: string, data: unknown): ExportFile {
  return { fileName: `${name}.json`, contentType: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(data, null, 2)) };
}
