import { Injectable } from '@nestjs/common';
import { Principal } from '@app/accounts';
import { Conflict, earlierProblems, fieldIsClean, NotFound, Problem, ValidationFailed } from '@app/common';
import { AuditRepository, BaselinesRepository, MeasuredTerritory, MeasurementRecord, MeasurementsRepository, Transactor } from '@app/persistence';
import { territoryLabel } from '@app/territories';
import { Calendar } from '@app/common';
import { CorrectMeasurementDto, RecordMeasurementDto, SetBaselineDto } from './dto/measurement.dto';
import { mergeLocks } from '@app/review';
import { ValueLocks } from '../reviews/value-locks';
import { RecordingRules } from './recording-rules';

/** Recording values: append-only, one audit entry per write, in the write's own transaction. */
@Injectable()
export class MeasurementsService {
  constructor(
    private readonly measurements: MeasurementsRepository,
    private readonly baselines: BaselinesRepository,
    private readonly audit: AuditRepository,
    private readonly rules: RecordingRules,
    private readonly tx: Transactor,
    private readonly calendar: Calendar,
    private readonly locks: ValueLocks,
  ) {}

  async record(indicatorId: number, input: RecordMeasurementDto, principal: Principal): Promise<MeasurementRecord> {
    const { indicator, objective } = this.rules.indicator(indicatorId);
    this.rules.assertCanRecord(principal, objective);
    const { territory, problems } = this.rules.territoryOf(indicator, input.territory, input.denominator);
    this.checkValueAndDate(input, indicator, input.value, input.observedAt, 'observedAt', problems);
    this.rules.assertScope(principal, territory);
    return this.tx.run(
      async () => {
        const existing = await this.measurements.currentIdOnDate(indicatorId, input.observedAt, territory);
        if (existing) throw this.duplicate(indicatorId, input.observedAt, existing, territory);
        // A value dated in a period whose update is validated revises it: it needs a reason (409 otherwise).
        const reason = input.reason?.trim() || null;
        const locks = this.locks.session();
        const lock = await locks.assertReason(objective, input.observedAt, reason);
        const recordedAt = this.calendar.now().toISOString();
        const id = await this.measurements.insert({
          indicatorId,
          value: input.value,
          observedAt: input.observedAt,
          source: input.source.trim(),
          comment: input.comment?.trim() || null,
          recordedBy: principal.userId,
          recordedAt,
          territoryLevel: territory?.level ?? null,
          territoryCode: territory?.code ?? null,
          denominator: input.denominator ?? null,
        });
        const created = (await this.measurements.findById(id))!;
        const revised = { id, indicatorId, indicator: indicator.name, observedAt: input.observedAt, value: input.value, previousValue: null, reason };
        await locks.recordRevision(lock, revised, principal.userId, recordedAt);
        await this.audit.record({
          at: recordedAt,
          userId: principal.userId,
          action: 'measurement.record',
          entityType: 'measurement',
          entityId: id,
          before: null,
          after: created,
        });
        return created;
      },
      { objectives: [objective.code] },
    );
  }

  /** A correction adds a new version and stamps the old one superseded; both stay in the history. */
  async correct(measurementId: number, input: CorrectMeasurementDto, principal: Principal): Promise<MeasurementRecord> {
    const old = await this.get(measurementId);
    const { indicator, objective } = this.rules.indicator(old.indicatorId);
    this.rules.assertCanRecord(principal, objective);
    // A correction keeps its territory; a scoped editor corrects only within theirs.
    const territory = old.territoryLevel && old.territoryCode ? { level: old.territoryLevel, code: old.territoryCode } : null;
    this.rules.assertScope(principal, territory);
    const value = input.value ?? old.value;
    const observedAt = input.observedAt ?? old.observedAt;
    const denominator = input.denominator ?? old.denominator;
    const { problems } = this.rules.territoryOf(indicator, territory && `${territory.level}:${territory.code}`, denominator);
    this.checkValueAndDate(input, indicator, value, observedAt, 'observedAt', problems);
    return this.tx.run(
      async () => {
        const now = this.calendar.now().toISOString();
        if (!(await this.measurements.markSuperseded(measurementId, now))) {
          const current = (await this.measurements.findById(measurementId))!;
          throw new Conflict('measurement.already_corrected', { measurement: String(measurementId), by: String(current.supersededById ?? '?') });
        }
        if (observedAt !== old.observedAt) {
          const clash = await this.measurements.currentIdOnDate(old.indicatorId, observedAt, territory);
          if (clash) {
            throw new Conflict('measurement.date_taken', { indicator: String(old.indicatorId), date: observedAt, measurement: String(clash) }, 'observedAt');
          }
        }
        const id = await this.measurements.insert({
          indicatorId: old.indicatorId,
          value,
          observedAt,
          source: input.source?.trim() ?? old.source,
          comment: input.comment !== undefined ? input.comment.trim() || null : old.comment,
          recordedBy: principal.userId,
          recordedAt: now,
          supersedesId: measurementId,
          correctionReason: input.reason.trim(),
          territoryLevel: old.territoryLevel,
          territoryCode: old.territoryCode,
          denominator,
        });
        const created = (await this.measurements.findById(id))!;
        // The correction revises the validated updates of both the date it leaves and the date it writes.
        const locks = this.locks.session();
        const lock = mergeLocks(
          await locks.lockOn(objective, old.observedAt),
          observedAt !== old.observedAt ? await locks.lockOn(objective, observedAt) : null,
        );
        const revised = {
          id,
          indicatorId: old.indicatorId,
          indicator: indicator.name,
          observedAt,
          value,
          previousValue: old.value,
          reason: input.reason.trim(),
        };
        await locks.recordRevision(lock, revised, principal.userId, now);
        await this.audit.record({
          at: now,
          userId: principal.userId,
          action: 'measurement.correct',
          entityType: 'measurement',
          entityId: measurementId,
          before: old,
          after: created,
        });
        return created;
      },
      { objectives: [objective.code] },
    );
  }

  async setBaseline(indicatorId: number, input: SetBaselineDto, principal: Principal) {
    const { indicator, objective } = this.rules.indicator(indicatorId);
    this.rules.assertCanRecord(principal, objective);
    // The baseline is the national trajectory's start: not for an editor limited to a territory.
    this.rules.assertScope(principal, null);
    this.checkValueAndDate(input, indicator, input.value, input.date, 'date');
    return this.tx.run(
      async () => {
        const now = this.calendar.now().toISOString();
        const before = (await this.baselines.latestAsOf(indicatorId, now)) ?? null;
        const id = await this.baselines.insert({
          indicatorId,
          value: input.value,
          baselineDate: input.date,
          source: input.source?.trim() || null,
          comment: input.comment?.trim() || null,
          recordedBy: principal.userId,
          recordedAt: now,
        });
        const after = (await this.baselines.latestAsOf(indicatorId, now))!;
        await this.audit.record({ at: now, userId: principal.userId, action: 'baseline.set', entityType: 'indicator', entityId: indicatorId, before, after });
        return { ...after, id };
      },
      { objectives: [objective.code] },
    );
  }

  /**
   * The field problems the DTO found and those of the indicator's rules (unit range, a real past
   * date), all in one 400. A field the DTO already refused is not checked again.
   */
  private checkValueAndDate(
    input: object,
    indicator: Parameters<RecordingRules['valueErrors']>[0],
    value: number,
    date: string,
    dateField: string,
    territoryProblems: Problem[] = [],
  ): void {
    const earlier = earlierProblems(input);
    const errors: Problem[] = [...earlier, ...territoryProblems.filter((p) => fieldIsClean(earlier, p.field!))];
    if (fieldIsClean(earlier, 'value')) errors.push(...this.rules.valueErrors(indicator, value));
    if (fieldIsClean(earlier, dateField)) errors.push(...this.rules.pastDateErrors(date, dateField));
    if (errors.length) throw new ValidationFailed(errors);
  }

  /** A second current value for the same indicator, date and territory: correct the first instead (409). */
  private duplicate(indicatorId: number, date: string, existing: number, territory: MeasuredTerritory | null): Conflict {
    const params = { indicator: String(indicatorId), date, measurement: String(existing) };
    if (!territory) return new Conflict('measurement.duplicate', params, 'observedAt');
    return new Conflict('measurement.territory_duplicate', { ...params, territory: territoryLabel(territory) }, 'observedAt');
  }

  async get(id: number): Promise<MeasurementRecord> {
    const m = await this.measurements.findById(id);
    if (!m) throw new NotFound('not_found.measurement', { id: String(id) });
    return m;
  }
}
