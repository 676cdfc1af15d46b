import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Principal } from '@app/accounts';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ImportFileError, ImportProblem, ImportRow, parseImportFile, ParsedImport } from '@app/imports';
import {
  AuditRepository,
  ImportsRepository,
  IndicatorRow,
  MeasuredTerritory,
  MeasurementsRepository,
  ObjectiveRow,
  RoadmapRepository,
  Transactor,
} from '@app/persistence';
import { readTerritoryReference, territoryLabel } from '@app/territories';
import { Calendar, Conflict, Unprocessable, ValidationFailed } from '@app/common';
import { mergeLocks } from '@app/review';
import { RecordingRules } from '../measurements/recording-rules';
import { RevisedValue, ValueLocks, ValueLockSession } from '../reviews/value-locks';

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
  /** The territory the value is for (both null: national), and a weighted rate's denominator. */
  territoryLevel: MeasuredTerritory['level'] | null;
  territoryCode: string | null;
  denominator: number | null;
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
const norm = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();

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
    private readonly locks: ValueLocks,
  ) {}

  async run(file: { buffer: Buffer; originalname: string }, dryRun: boolean, principal: Principal): Promise<ImportReport> {
    let parsed: ParsedImport;
    try {
      parsed = await parseImportFile(file.buffer, file.originalname, {
        maxBytes: this.config.uploads.maxBytes,
        maxRows: this.config.uploads.maxRows,
      });
    } catch (e) {
      // The file as a whole is refused (400), named in the message: « report.pdf » : un PDF n'est pas accepté…
      if (e instanceof ImportFileError)
        throw new ValidationFailed([{ code: e.code, field: 'file', params: { ...e.params, fileName: file.originalname.slice(0, 100) } }]);
      throw e;
    }
    const badLines = new Set(parsed.problems.map((p) => p.line));
    // Each row's indicator is looked up once, for the existing-values query and for the checks.
    const rows = parsed.rows.filter((row) => !badLines.has(row.line)).map((row) => ({ row, found: this.findIndicator(row) }));
    if (dryRun) return (await this.checkRows(file.originalname, parsed, rows, principal, true)).report;
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    // The unit's scope: the objectives of the file's rows. It commits only when every row passed
    // the checks, so these are exactly the objectives it wrote values for.
    const objectives = new Set(rows.flatMap(({ found }) => ('problem' in found ? [] : [found.objective.code])));
    // Checked and written in one unit of work: no other write comes between the checks and the
    // rows they let through (a value recorded meanwhile for the same date, an update validated).
    return this.tx.run(
      async () => {
        const { report, resolved, revising, locks } = await this.checkRows(file.originalname, parsed, rows, principal, false);
        const { problems } = report;
        if (problems.length || resolved.length === 0) {
          throw problems.length
            ? new Unprocessable('import.nothing_imported', { count: problems.length }, problems, { ...report })
            : new Unprocessable('import.no_rows', {}, [], { ...report });
        }
        const now = this.calendar.now().toISOString();
        const importId = await this.imports.insert({
          userId: principal.userId,
          fileName: file.originalname,
          format: parsed.format,
          sha256,
          rowCount: resolved.length,
          createdAt: now,
        });
        const fresh = resolved.filter((r) => r.correctsId === null);
        const corrections = resolved.filter((r) => r.correctsId !== null);
        // New values dated in a validated update's period are written one by one: their revision event names each.
        await this.measurements.insertMany(
          fresh.filter((r) => !revising.has(r)),
          { recordedBy: principal.userId, recordedAt: now, importId },
        );
        for (const row of revising) await this.recordRevising(row, locks, principal.userId, now, importId);
        for (const row of corrections) await this.correct(row, principal.userId, now, importId, locks);
        await this.audit.record({
          at: now,
          userId: principal.userId,
          action: 'import.commit',
          entityType: 'import',
          entityId: importId,
          before: null,
          after: { fileName: file.originalname, format: parsed.format, sha256, rows: resolved.length, corrections: corrections.length },
        });
        return { ...report, importId, inserted: fresh.length, corrected: corrections.length };
      },
      { objectives },
    );
  }

  /**
   * Every row against the rules and what is recorded: the report, the rows to write, those of them
   * that are new values dated in a validated update's period (`revising`), and the value locks met.
   */
  private async checkRows(
    fileName: string,
    parsed: ParsedImport,
    rows: { row: ImportRow; found: ReturnType<ImportsService['findIndicator']> }[],
    principal: Principal,
    dryRun: boolean,
  ): Promise<{ report: ImportReport; resolved: ResolvedRow[]; revising: Set<ResolvedRow>; locks: ValueLockSession }> {
    const problems: ImportProblem[] = [...parsed.problems];
    const resolved: ResolvedRow[] = [];
    const revising = new Set<ResolvedRow>();
    const seen = new Map<string, number>();
    const today = this.calendar.today();
    const existing = await this.existingDates(rows);
    // Validated updates per objective, looked up once for the whole file (dry run and real run alike).
    const locks = this.locks.session();
    for (const { row, found } of rows) {
      if ('problem' in found) {
        problems.push({ line: row.line, ...found.problem });
        continue;
      }
      const { problems: rowProblems, corrects, revises, territory } = await this.check(row, found, principal, seen, today, existing, locks);
      if (rowProblems.length) problems.push(...rowProblems);
      else {
        const r = this.resolve(row, found.indicator, corrects, revises, territory);
        resolved.push(r);
        if (revises) revising.add(r);
      }
    }
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const report: ImportReport = {
      dryRun,
      fileName,
      format: parsed.format,
      rows: parsed.rows.length,
      valid: resolved.length,
      corrections: resolved.filter((r) => r.correctsId !== null).length,
      problems,
      preview: resolved.slice(0, PREVIEW_ROWS),
    };
    return { report, resolved, revising, locks };
  }

  /**
   * A row that corrects a value: a new version replacing the current one, with the row's reason,
   * audited like a correction made through the API (append-only: the old version stays, superseded).
   */
  private async correct(row: ResolvedRow, userId: number, now: string, importId: number, locks: ValueLockSession): Promise<void> {
    const before = (await this.measurements.findById(row.correctsId!))!;
    const id = await this.measurements.supersede(row.correctsId!, {
      indicatorId: row.indicatorId,
      value: row.value,
      observedAt: row.observedAt,
      source: row.source,
      comment: row.comment ?? before.comment, // an empty cell keeps the comment, as an absent field does in the API
      recordedBy: userId,
      recordedAt: now,
      correctionReason: row.reason!,
      importId,
      territoryLevel: row.territoryLevel,
      territoryCode: row.territoryCode,
      denominator: row.denominator ?? before.denominator,
    });
    if (id === null) {
      throw new Conflict('import.correction_conflict', { line: row.line, measurement: String(row.correctsId) });
    }
    const after = (await this.measurements.findById(id))!;
    const objective = { id: this.roadmap.structure().objectivesByCode.get(row.objectiveCode)!.id };
    const lock = mergeLocks(
      await locks.lockOn(objective, before.observedAt),
      before.observedAt !== row.observedAt ? await locks.lockOn(objective, row.observedAt) : null,
    );
    await locks.recordRevision(lock, revisedValue(row, id, before.value), userId, now);
    await this.audit.record({ at: now, userId, action: 'measurement.correct', entityType: 'measurement', entityId: row.correctsId!, before, after });
  }

  /** A new value in a validated update's period: recorded with the row's reason, the update marked revised. */
  private async recordRevising(row: ResolvedRow, locks: ValueLockSession, userId: number, now: string, importId: number): Promise<void> {
    const id = await this.measurements.insert({
      indicatorId: row.indicatorId,
      value: row.value,
      observedAt: row.observedAt,
      source: row.source,
      comment: row.comment,
      recordedBy: userId,
      recordedAt: now,
      importId,
      territoryLevel: row.territoryLevel,
      territoryCode: row.territoryCode,
      denominator: row.denominator,
    });
    await locks.recordRevision(await this.lockOf(locks, row), revisedValue(row, id, null), userId, now);
  }

  private async lockOf(locks: ValueLockSession, row: ResolvedRow) {
    return locks.lockOn(this.roadmap.structure().objectivesByCode.get(row.objectiveCode)!, row.observedAt);
  }

  private async check(
    row: ImportRow,
    { indicator, objective }: { indicator: IndicatorRow; objective: ObjectiveRow },
    principal: Principal,
    seen: Map<string, number>,
    today: string,
    existing: (indicatorId: number, date: string, territory: MeasuredTerritory | null) => boolean,
    locks: ValueLockSession,
  ): Promise<{ problems: ImportProblem[]; corrects: { id: number; value: number } | null; revises: boolean; territory: MeasuredTerritory | null }> {
    const at = (field: string, code: string, params?: ImportProblem['params']): ImportProblem => ({ line: row.line, field, code, ...(params && { params }) });
    const problems: ImportProblem[] = [];
    let corrects: { id: number; value: number } | null = null;
    let revises = false;
    const reason = row.reason?.trim() || null;
    const permission = this.rules.permissionProblem(principal, objective);
    if (permission) problems.push(at('indicator', permission.code, permission.params));
    // The territory (none: national) and its denominator, then whether this editor may record there.
    const { territory, problems: territorial } = this.rules.territoryOf(indicator, row.territory, row.denominator);
    problems.push(...territorial.map((p) => ({ ...p, line: row.line })));
    const scope = territorial.length ? null : this.rules.scopeProblem(principal, territory);
    if (scope) problems.push(at('territory', scope.code, scope.params));
    if (row.value !== null) problems.push(...this.rules.valueErrors(indicator, row.value).map((e) => ({ ...e, line: row.line })));
    if (row.observedAt) problems.push(...this.rules.pastDateErrors(row.observedAt, 'observedAt', today).map((e) => ({ ...e, line: row.line })));
    // What is recorded on that date is looked up only for a territory that was read (none: the national value).
    if (row.observedAt && territorial.length === 0) {
      const key = `${indicator.id}|${territory ? `${territory.level}:${territory.code}` : ''}|${row.observedAt}`;
      if (seen.has(key)) problems.push(at('observedAt', 'import.duplicate_line', { line: seen.get(key)! }));
      else seen.set(key, row.line);
      // A value already there is corrected when the row says why; otherwise the row is refused, saying how to correct it.
      const id = existing(indicator.id, row.observedAt, territory)
        ? await this.measurements.currentIdOnDate(indicator.id, row.observedAt, territory)
        : undefined;
      // A new value dated in a period whose update is validated needs a reason too (the column of corrections).
      const lock = await locks.lockOn(objective, row.observedAt);
      revises = id === undefined && lock.revises.length > 0;
      if (id !== undefined && reason) corrects = { id, value: (await this.measurements.findById(id))!.value };
      else if (id !== undefined) {
        const params = { indicator: String(indicator.id), date: row.observedAt, measurement: String(id) };
        if (territory) problems.push(at('observedAt', 'import.territory_already_recorded', { ...params, territory: territoryLabel(territory) }));
        else problems.push(at('observedAt', 'import.already_recorded', params));
      } else if (lock.needsReason && !reason) {
        problems.push(at('reason', 'review.value_locked_needs_reason', { date: row.observedAt, period: lock.lockedBy!.period, objective: objective.code }));
      } else if (reason && !revises) {
        problems.push(at('reason', 'import.nothing_to_correct', { date: row.observedAt }));
      }
    }
    if ((corrects || revises) && reason && reason.length < 3) problems.push(at('reason', 'import.reason_too_short'));
    if (!row.source?.trim()) problems.push(at('source', 'import.source_required'));
    return { problems, corrects, revises, territory };
  }

  /**
   * Which (indicator, territory, date) triples of the file already have a current value: one ranged
   * query per indicator and level (national, region, département) instead of one lookup per row.
   */
  private async existingDates(
    rows: { row: ImportRow; found: ReturnType<ImportsService['findIndicator']> }[],
  ): Promise<(indicatorId: number, date: string, territory: MeasuredTerritory | null) => boolean> {
    const ranges = new Map<string, { id: number; level: MeasuredTerritory['level'] | null; from: string; to: string }>();
    for (const { row, found } of rows) {
      if (!row.observedAt || 'problem' in found) continue;
      const reading = row.territory ? readTerritoryReference(row.territory) : null;
      if (reading && !reading.ok) continue;
      const level = reading?.territory.level ?? null;
      const key = `${found.indicator.id}|${level ?? ''}`;
      const r = ranges.get(key);
      if (!r) ranges.set(key, { id: found.indicator.id, level, from: row.observedAt, to: row.observedAt });
      else {
        if (row.observedAt < r.from) r.from = row.observedAt;
        if (row.observedAt > r.to) r.to = row.observedAt;
      }
    }
    const dates = new Map<string, Set<string>>();
    for (const [key, r] of ranges) {
      dates.set(
        key,
        r.level ? await this.measurements.territoryDatesBetween(r.id, r.level, r.from, r.to) : await this.measurements.currentDatesBetween(r.id, r.from, r.to),
      );
    }
    return (indicatorId, date, territory) =>
      dates.get(`${indicatorId}|${territory?.level ?? ''}`)?.has(territory ? `${territory.code}|${date}` : date) ?? false;
  }

  private findIndicator(
    row: ImportRow,
  ): { indicator: IndicatorRow & { objectiveCode: string }; objective: ObjectiveRow } | { problem: Omit<ImportProblem, 'line'> } {
    const s = this.roadmap.structure();
    if (row.indicatorId !== null) {
      const indicator = s.indicatorsById.get(row.indicatorId);
      if (!indicator) return { problem: { field: 'indicatorId', code: 'import.unknown_indicator', params: { id: String(row.indicatorId) } } };
      if (row.objectiveCode && row.objectiveCode !== indicator.objectiveCode) {
        const params = { id: String(row.indicatorId), objective: indicator.objectiveCode, given: row.objectiveCode };
        return { problem: { field: 'objectiveCode', code: 'import.indicator_objective_mismatch', params } };
      }
      return { indicator, objective: s.objectivesByCode.get(indicator.objectiveCode)! };
    }
    const objective = row.objectiveCode ? s.objectivesByCode.get(row.objectiveCode) : undefined;
    if (!objective) return { problem: { field: 'objectiveCode', code: 'import.unknown_objective', params: { code: row.objectiveCode ?? '' } } };
    const wanted = norm(row.indicatorName ?? '');
    // A spreadsheet names the indicator in English or in French, or by its key.
    const french = new Map((this.roadmap.structure('fr').objectivesByCode.get(objective.code)?.indicators ?? []).map((i) => [i.id, norm(i.name)]));
    const indicator = objective.indicators.find((i) => norm(i.name) === wanted || norm(i.key) === wanted || french.get(i.id) === wanted);
    if (!indicator) {
      if (!objective.indicators.length)
        return { problem: { field: 'indicatorName', code: 'import.objective_without_indicators', params: { objective: objective.code } } };
      const indicators = objective.indicators.map((i) => `${i.name} (${i.key})`);
      return {
        problem: {
          field: 'indicatorName',
          code: 'import.unknown_indicator_name',
          params: { objective: objective.code, name: row.indicatorName ?? '', indicators },
        },
      };
    }
    return { indicator: { ...indicator, objectiveCode: objective.code }, objective };
  }

  private resolve(
    row: ImportRow,
    indicator: IndicatorRow & { objectiveCode: string },
    corrects: { id: number; value: number } | null,
    revises: boolean,
    territory: MeasuredTerritory | null,
  ): ResolvedRow {
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
      reason: corrects || (revises && row.reason?.trim()) ? row.reason!.trim() : null,
      territoryLevel: territory?.level ?? null,
      territoryCode: territory?.code ?? null,
      denominator: row.denominator,
    };
  }
}

/** The value a row records in a validated update's period, as the update's revision notes it. */
function revisedValue(row: ResolvedRow, id: number, previousValue: number | null): RevisedValue {
  return { id, indicatorId: row.indicatorId, indicator: row.indicatorName, observedAt: row.observedAt, value: row.value, previousValue, reason: row.reason };
}
