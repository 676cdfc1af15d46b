import { Injectable } from '@nestjs/common';
import { ExportColumn, toCsv, toXlsx } from '@app/imports';
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
  objectiveStatus: string;
  kind: 'target' | 'milestone';
  item: string;
  dueDate: string;
  targetValue: number | null;
  latestValue: number | null;
  expected: number | null;
  ratio: number | null;
  state: string | null;
  status: string;
}

const MEASUREMENT_COLUMNS: ExportColumn<MeasurementLine>[] = [
  { header: 'measurementId', value: (m) => m.id },
  { header: 'indicatorId', value: (m) => m.indicatorId },
  { header: 'objectiveCode', value: (m) => m.objectiveCode },
  { header: 'indicatorName', value: (m) => m.indicatorName },
  { header: 'unit', value: (m) => m.unit },
  { header: 'value', value: (m) => m.value },
  { header: 'observedAt', value: (m) => m.observedAt },
  { header: 'source', value: (m) => m.source },
  { header: 'comment', value: (m) => m.comment },
  { header: 'recordedAt', value: (m) => m.recordedAt },
  { header: 'recordedBy', value: (m) => m.recordedByEmail },
  { header: 'supersedesId', value: (m) => m.supersedesId },
  { header: 'correctionReason', value: (m) => m.correctionReason },
  { header: 'supersededAt', value: (m) => m.supersededAt },
];

const STATUS_COLUMNS: ExportColumn<StatusLine>[] = [
  { header: 'objectiveCode', value: (r) => r.objectiveCode },
  { header: 'objectiveTitle', value: (r) => r.objectiveTitle },
  { header: 'leadBody', value: (r) => r.leadBody },
  { header: 'objectiveStatus', value: (r) => r.objectiveStatus },
  { header: 'kind', value: (r) => r.kind },
  { header: 'item', value: (r) => r.item },
  { header: 'dueDate', value: (r) => r.dueDate },
  { header: 'targetValue', value: (r) => r.targetValue },
  { header: 'latestValue', value: (r) => r.latestValue },
  { header: 'expected', value: (r) => r.expected },
  { header: 'ratio', value: (r) => r.ratio },
  { header: 'state', value: (r) => r.state },
  { header: 'status', value: (r) => r.status },
];

/** Measurements and statuses as CSV, XLSX or JSON; text cells are neutralised against formula injection. */
@Injectable()
export class ExportsService {
  constructor(
    private readonly roadmap: RoadmapRepository,
    private readonly measurements: MeasurementsRepository,
    private readonly status: StatusService,
    private readonly calendar: Calendar,
  ) {}

  async measurementsFile(format: ExportFormat, options: { asOf?: string; allVersions?: boolean }): Promise<ExportFile> {
    const asOf = options.asOf ?? this.calendar.today();
    const s = this.roadmap.structure();
    const rows = (options.allVersions ? this.measurements.allVersions() : this.measurements.allCurrentAsOf(asOf, this.calendar.cutoff(asOf)))
      .filter((m) => s.indicatorsById.has(m.indicatorId))
      .map((m) => {
        const i = s.indicatorsById.get(m.indicatorId)!;
        return { ...m, objectiveCode: i.objectiveCode, indicatorName: i.name, unit: i.unit };
      });
    const name = options.allVersions ? 'measurements-all-versions' : `measurements-${asOf}`;
    return this.file(name, format, 'measurements', rows, MEASUREMENT_COLUMNS);
  }

  async statusFile(format: ExportFormat, asOf?: string): Promise<ExportFile> {
    const snapshot = this.status.snapshot(asOf);
    const lines: StatusLine[] = snapshot.objectives.flatMap((o) => {
      const base = { objectiveCode: o.code, objectiveTitle: o.title, leadBody: o.leadBody, objectiveStatus: o.status };
      return [
        ...o.indicators.flatMap((i) =>
          i.targets.map((t) => ({
            ...base,
            kind: 'target' as const,
            item: i.name,
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
    if (format === 'json') return json(`status-${snapshot.asOf}`, snapshot);
    return this.file(`status-${snapshot.asOf}`, format, 'status', lines, STATUS_COLUMNS);
  }

  private async file<T>(name: string, format: ExportFormat, sheet: string, rows: T[], columns: ExportColumn<T>[]): Promise<ExportFile> {
    if (format === 'json') return json(name, rows);
    if (format === 'xlsx') {
      return {
        fileName: `${name}.xlsx`,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: await toXlsx([{ name: sheet, rows, columns }]),
      };
    }
    return { fileName: `${name}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(rows, columns) };
  }
}

function json(name: string, data: unknown): ExportFile {
  return { fileName: `${name}.json`, contentType: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(data, null, 2)) };
}
