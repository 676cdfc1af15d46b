import { BadRequestException, ConflictException, Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Principal } from '@app/accounts';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ImportFileError, ImportProblem, ImportRow, parseImportFile } from '@app/imports';
import { AuditRepository, ImportsRepository, IndicatorRow, MeasurementsRepository, ObjectiveRow, RoadmapRepository, Transactor } from '@app/persistence';
import { Calendar } from '@app/common';
import { RecordingRules } from '../measurements/recording-rules';

export interface ResolvedRow {
  line: number;
  indicatorId: number;
  indicatorName: string;
  objectiveCode: string;
  value: number;
  observedAt: string;
  source: string;
  comment: string | null;
  /** A correction: the measurement this row replaces (the current value for that indicator and date), its value and why. */
  correctsId: number | null;
  previousValue: number | null;
  reason: string | null;
}

export interface ImportReport {
  dryRun: boolean;
  fileName: string;
  format: 'csv' | 'xlsx';
  rows: number;
  valid: number;
  /** Of the valid rows, how many correct a value already recorded (they carry a reason). */
  corrections: number;
  problems: ImportProblem[];
  /** What would be (or was) recorded, first rows only. */
  preview: ResolvedRow[];
  importId?: number;
  /** New values recorded. */
  inserted?: number;
  /** Values corrected (new versions; the old ones stay in the history, superseded). */
  corrected?: number;
}

const PREVIEW_ROWS = 50;
const norm = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase();

/**
 * Bulk import of measurements from CSV or XLSX. The file is read by @app/imports (format, columns,
 * per-cell checks); here each row meets the same rules as a single write (indicator exists, the
 * user's bodies allow it, value suits the unit, date real and past, no value already recorded for
 * that date). A dry run reports every problem with its line; a real run writes all rows in one
 * transaction, or none.
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly roadmap: RoadmapRepository,
    private readonly rules: RecordingRules,
    private readonly measurements: MeasurementsRepository,
    private readonly imports: ImportsRepository,
    private readonly audit: AuditRepository,
    private readonly tx: Transactor,
    private readonly calendar: Calendar,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(file: { buffer: Buffer; originalname: string }, dryRun: boolean, principal: Principal): Promise<ImportReport> {
    let parsed;
    try {
      parsed = await parseImportFile(file.buffer, file.originalname, {
        maxBytes: this.config.uploads.maxBytes,
        maxRows: this.config.uploads.maxRows,
      });
    } catch (e) {
      if (e instanceof ImportFileError) throw new BadRequestException(`${file.originalname}: ${e.message}`);
      throw e;
    }
    const problems: ImportProblem[] = [...parsed.problems];
    const badLines = new Set(parsed.problems.map((p) => p.line));
    const resolved: ResolvedRow[] = [];
    const seen = new Map<string, number>();
    const today = this.calendar.today();
    // Each row's indicator is looked up once, for the existing-values query and for the checks.
    const rows = parsed.rows.filter((row) => !badLines.has(row.line)).map((row) => ({ row, found: this.findIndicator(row) }));
    const existing = this.existingDates(rows);
    for (const { row, found } of rows) {
      if ('problem' in found) {
        problems.push({ line: row.line, field: found.field, message: found.problem });
        continue;
      }
      const { problems: rowProblems, corrects } = this.check(row, found, principal, seen, today, existing);
      if (rowProblems.length) problems.push(...rowProblems);
      else resolved.push(this.resolve(row, found.indicator, corrects));
    }
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const report: ImportReport = {
      dryRun,
      fileName: file.originalname,
      format: parsed.format,
      rows: parsed.rows.length,
      valid: resolved.length,
      corrections: resolved.filter((r) => r.correctsId !== null).length,
      problems,
      preview: resolved.slice(0, PREVIEW_ROWS),
    };
    if (dryRun) return report;
    if (problems.length || resolved.length === 0) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: problems.length
          ? `Nothing was imported: ${problems.length} problem(s) to fix first (run a dry run to see them all).`
          : 'Nothing was imported: the file has no data rows.',
        ...report,
      });
    }
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    return this.tx.run(() => {
      const now = this.calendar.now().toISOString();
      const importId = this.imports.insert({
        userId: principal.userId,
        fileName: file.originalname,
        format: parsed.format,
        sha256,
        rowCount: resolved.length,
        createdAt: now,
      });
      // Rows were checked synchronously just before: nothing in this process wrote in between. A write
      // from another process (the CLI) would trip the one-current-value-per-date index and roll back.
      const fresh = resolved.filter((r) => r.correctsId === null);
      const corrections = resolved.filter((r) => r.correctsId !== null);
      this.measurements.insertMany(fresh, { recordedBy: principal.userId, recordedAt: now, importId });
      for (const row of corrections) this.correct(row, principal.userId, now, importId);
      this.audit.record({
        at: now,
        userId: principal.userId,
        action: 'import.commit',
        entityType: 'import',
        entityId: importId,
        before: null,
        after: { fileName: file.originalname, format: parsed.format, sha256, rows: resolved.length, corrections: corrections.length },
      });
      return { ...report, importId, inserted: fresh.length, corrected: corrections.length };
    }, { objectives: new Set(resolved.map((r) => r.objectiveCode)) });
  }

  /**
   * A row that corrects a value: a new version replacing the current one, with the row's reason,
   * audited like a correction made through the API (append-only: the old version stays, superseded).
   */
  private correct(row: ResolvedRow, userId: number, now: string, importId: number): void {
    const before = this.measurements.findById(row.correctsId!)!;
    const id = this.measurements.supersede(row.correctsId!, {
      indicatorId: row.indicatorId,
      value: row.value,
      observedAt: row.observedAt,
      source: row.source,
      comment: row.comment ?? before.comment, // an empty cell keeps the comment, as an absent field does in the API
      recordedBy: userId,
      recordedAt: now,
      correctionReason: row.reason!,
      importId,
    });
    if (id === null) {
      throw new ConflictException(`Line ${row.line}: measurement ${row.correctsId} was corrected meanwhile; nothing was imported: run the import again.`);
    }
    const after = this.measurements.findById(id)!;
    this.audit.record({ at: now, userId, action: 'measurement.correct', entityType: 'measurement', entityId: row.correctsId!, before, after });
  }

  private check(
    row: ImportRow,
    { indicator, objective }: { indicator: IndicatorRow; objective: ObjectiveRow },
    principal: Principal,
    seen: Map<string, number>,
    today: string,
    existing: (indicatorId: number, date: string) => boolean,
  ): { problems: ImportProblem[]; corrects: { id: number; value: number } | null } {
    const at = (field: string, message: string): ImportProblem => ({ line: row.line, field, message });
    const problems: ImportProblem[] = [];
    let corrects: { id: number; value: number } | null = null;
    const reason = row.reason?.trim() || null;
    const permission = this.rules.permissionProblem(principal, objective);
    if (permission) problems.push(at('indicator', permission));
    if (row.value !== null) {
      problems.push(...this.rules.valueErrors(indicator, row.value).map((e) => at('value', e.message)));
    }
    if (row.observedAt) {
      problems.push(...this.rules.pastDateErrors(row.observedAt, 'observedAt', today).map((e) => at('observedAt', e.message)));
      const key = `${indicator.id}|${row.observedAt}`;
      if (seen.has(key)) problems.push(at('observedAt', `duplicates line ${seen.get(key)} (same indicator and date)`));
      else seen.set(key, row.line);
      const id = existing(indicator.id, row.observedAt) ? this.measurements.currentIdOnDate(indicator.id, row.observedAt) : undefined;
      if (id !== undefined && reason) corrects = { id, value: this.measurements.findById(id)!.value };
      else if (id !== undefined) {
        problems.push(
          at(
            'observedAt',
            `indicator ${indicator.id} already has a value for ${row.observedAt} (measurement ${id}); to correct it, say why in a "reason" column ("motif" in French)`,
          ),
        );
      } else if (reason) {
        problems.push(at('reason', `there is no value for ${row.observedAt} to correct: leave the reason empty to record a new value`));
      }
    }
    if (corrects && reason!.length < 3) problems.push(at('reason', 'is too short: say in a few words why the value is corrected'));
    if (!row.source?.trim()) problems.push(at('source', 'is required: say where the figure comes from'));
    return { problems, corrects };
  }

  /**
   * Which (indicator, date) pairs of the file already have a current value: one ranged query per
   * indicator instead of one lookup per row.
   */
  private existingDates(rows: { row: ImportRow; found: ReturnType<ImportsService['findIndicator']> }[]): (indicatorId: number, date: string) => boolean {
    const ranges = new Map<number, { from: string; to: string }>();
    for (const { row, found } of rows) {
      if (!row.observedAt || 'problem' in found) continue;
      const r = ranges.get(found.indicator.id);
      if (!r) ranges.set(found.indicator.id, { from: row.observedAt, to: row.observedAt });
      else {
        if (row.observedAt < r.from) r.from = row.observedAt;
        if (row.observedAt > r.to) r.to = row.observedAt;
      }
    }
    const dates = new Map([...ranges].map(([id, r]) => [id, this.measurements.currentDatesBetween(id, r.from, r.to)]));
    return (indicatorId, date) => dates.get(indicatorId)?.has(date) ?? false;
  }

  private findIndicator(row: ImportRow):
    | { indicator: IndicatorRow & { objectiveCode: string }; objective: ObjectiveRow }
    | { field: string; problem: string } {
    const s = this.roadmap.structure();
    if (row.indicatorId !== null) {
      const indicator = s.indicatorsById.get(row.indicatorId);
      if (!indicator) return { field: 'indicatorId', problem: `no indicator has id ${row.indicatorId}` };
      if (row.objectiveCode && row.objectiveCode !== indicator.objectiveCode) {
        return { field: 'objectiveCode', problem: `indicator ${row.indicatorId} belongs to objective ${indicator.objectiveCode}, not ${row.objectiveCode}` };
      }
      return { indicator, objective: s.objectivesByCode.get(indicator.objectiveCode)! };
    }
    const objective = row.objectiveCode ? s.objectivesByCode.get(row.objectiveCode) : undefined;
    if (!objective) return { field: 'objectiveCode', problem: `no objective has code "${row.objectiveCode ?? ''}"` };
    const wanted = norm(row.indicatorName ?? '');
    const indicator = objective.indicators.find((i) => norm(i.name) === wanted || norm(i.key) === wanted);
    if (!indicator) {
      const names = objective.indicators.map((i) => `"${i.name}" (${i.key})`).join(', ');
      return {
        field: 'indicatorName',
        problem: objective.indicators.length
          ? `objective ${objective.code} has no indicator "${row.indicatorName}"; its indicators: ${names}`
          : `objective ${objective.code} has milestones only, no indicator`,
      };
    }
    return { indicator: { ...indicator, objectiveCode: objective.code }, objective };
  }

  private resolve(row: ImportRow, indicator: IndicatorRow & { objectiveCode: string }, corrects: { id: number; value: number } | null): ResolvedRow {
    return {
      line: row.line,
      indicatorId: indicator.id,
      indicatorName: indicator.name,
      objectiveCode: indicator.objectiveCode,
      value: row.value!,
      observedAt: row.observedAt!,
      source: row.source!.trim(),
      comment: row.comment?.trim() || null,
      correctsId: corrects?.id ?? null,
      previousValue: corrects?.value ?? null,
      reason: corrects ? row.reason!.trim() : null,
    };
  }
}
