import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { Principal } from '@app/accounts';
import { ValidationFailed } from '@app/common';
import {
  AuditRepository,
  BaselinesRepository,
  MeasurementRecord,
  MeasurementsRepository,
  Transactor,
} from '@app/persistence';
import { Calendar } from '@app/common';
import { CorrectMeasurementDto, RecordMeasurementDto, SetBaselineDto } from './dto/measurement.dto';
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
  ) {}

  record(indicatorId: number, input: RecordMeasurementDto, principal: Principal): MeasurementRecord {
    const { indicator, objective } = this.rules.indicator(indicatorId);
    this.rules.assertCanRecord(principal, objective);
    const errors = [...this.rules.valueErrors(indicator, input.value), ...this.rules.pastDateErrors(input.observedAt, 'observedAt')];
    if (errors.length) throw new ValidationFailed(errors);
    return this.tx.run(() => {
      const existing = this.measurements.currentIdOnDate(indicatorId, input.observedAt);
      if (existing) {
        throw new ConflictException(
          `Indicator ${indicatorId} already has a value for ${input.observedAt} (measurement ${existing}); correct it instead (POST /api/v1/measurements/${existing}/corrections).`,
        );
      }
      const recordedAt = this.calendar.now().toISOString();
      const id = this.measurements.insert({
        indicatorId,
        value: input.value,
        observedAt: input.observedAt,
        source: input.source.trim(),
        comment: input.comment?.trim() || null,
        recordedBy: principal.userId,
        recordedAt,
      });
      const created = this.measurements.findById(id)!;
      this.audit.record({
        at: recordedAt,
        userId: principal.userId,
        action: 'measurement.record',
        entityType: 'measurement',
        entityId: id,
        before: null,
        after: created,
      });
      return created;
    }, { objectives: [objective.code] });
  }

  /** A correction adds a new version and stamps the old one superseded; both stay in the history. */
  correct(measurementId: number, input: CorrectMeasurementDto, principal: Principal): MeasurementRecord {
    const old = this.get(measurementId);
    const { indicator, objective } = this.rules.indicator(old.indicatorId);
    this.rules.assertCanRecord(principal, objective);
    const value = input.value ?? old.value;
    const observedAt = input.observedAt ?? old.observedAt;
    const errors = [...this.rules.valueErrors(indicator, value), ...this.rules.pastDateErrors(observedAt, 'observedAt')];
    if (errors.length) throw new ValidationFailed(errors);
    return this.tx.run(() => {
      const now = this.calendar.now().toISOString();
      if (!this.measurements.markSuperseded(measurementId, now)) {
        const current = this.measurements.findById(measurementId)!;
        throw new ConflictException(
          `Measurement ${measurementId} was already corrected${current.supersededById ? ` by measurement ${current.supersededById}` : ''}; correct the latest version.`,
        );
      }
      if (observedAt !== old.observedAt) {
        const clash = this.measurements.currentIdOnDate(old.indicatorId, observedAt);
        if (clash) {
          throw new ConflictException(`Indicator ${old.indicatorId} already has a value for ${observedAt} (measurement ${clash}).`);
        }
      }
      const id = this.measurements.insert({
        indicatorId: old.indicatorId,
        value,
        observedAt,
        source: input.source?.trim() ?? old.source,
        comment: input.comment !== undefined ? input.comment.trim() || null : old.comment,
        recordedBy: principal.userId,
        recordedAt: now,
        supersedesId: measurementId,
        correctionReason: input.reason.trim(),
      });
      const created = this.measurements.findById(id)!;
      this.audit.record({
        at: now,
        userId: principal.userId,
        action: 'measurement.correct',
        entityType: 'measurement',
        entityId: measurementId,
        before: old,
        after: created,
      });
      return created;
    }, { objectives: [objective.code] });
  }

  setBaseline(indicatorId: number, input: SetBaselineDto, principal: Principal) {
    const { indicator, objective } = this.rules.indicator(indicatorId);
    this.rules.assertCanRecord(principal, objective);
    const errors = [...this.rules.valueErrors(indicator, input.value), ...this.rules.pastDateErrors(input.date, 'date')];
    if (errors.length) throw new ValidationFailed(errors);
    return this.tx.run(() => {
      const now = this.calendar.now().toISOString();
      const before = this.baselines.latestAsOf(indicatorId, now) ?? null;
      const id = this.baselines.insert({
        indicatorId,
        value: input.value,
        baselineDate: input.date,
        source: input.source?.trim() || null,
        comment: input.comment?.trim() || null,
        recordedBy: principal.userId,
        recordedAt: now,
      });
      const after = this.baselines.latestAsOf(indicatorId, now)!;
      this.audit.record({ at: now, userId: principal.userId, action: 'baseline.set', entityType: 'indicator', entityId: indicatorId, before, after });
      return { ...after, id };
    }, { objectives: [objective.code] });
  }

  get(id: number): MeasurementRecord {
    const m = this.measurements.findById(id);
    if (!m) throw new NotFoundException(`No measurement with id ${id}.`);
    return m;
  }
}
