import { Injectable } from '@nestjs/common';
import { Principal } from '@app/accounts';
import { Calendar, earlierProblems, fieldIsClean, Problem, ValidationFailed } from '@app/common';
import { AuditRepository, TerritorialTargetRecord, TerritorialTargetsRepository, Transactor } from '@app/persistence';
import { SetTerritorialTargetDto } from './dto/territorial-target.dto';
import { RecordingRules } from './recording-rules';

/**
 * A territory's own target for an indicator (an ARS sets its region's): recorded beside the roadmap's
 * national targets, which stay the data file's. Same rules as a value: the user's bodies, a real
 * territory at a level the indicator is recorded at, the editor's scope; audited in the same unit of work.
 */
@Injectable()
export class TerritorialTargetsService {
  constructor(
    private readonly rules: RecordingRules,
    private readonly targets: TerritorialTargetsRepository,
    private readonly audit: AuditRepository,
    private readonly tx: Transactor,
    private readonly calendar: Calendar,
  ) {}

  async set(indicatorId: number, input: SetTerritorialTargetDto, principal: Principal): Promise<TerritorialTargetRecord> {
    const { indicator, objective } = this.rules.indicator(indicatorId);
    this.rules.assertCanRecord(principal, objective);
    const earlier = earlierProblems(input);
    const errors: Problem[] = [...earlier];
    const { territory, problems } = this.rules.territoryOf(indicator, input.territory, undefined);
    // A target has no denominator (a weighted rate's target is the rate itself): only the territory's problems count.
    if (fieldIsClean(earlier, 'territory')) errors.push(...problems.filter((p) => p.field === 'territory'));
    if (fieldIsClean(earlier, 'value')) errors.push(...this.rules.valueErrors(indicator, input.value));
    if (errors.length) throw new ValidationFailed(errors);
    // A target is a territory's: never the national one, which the roadmap sets.
    if (!territory) throw new ValidationFailed([{ code: 'validation.required', field: 'territory' }]);
    this.rules.assertScope(principal, territory);
    return this.tx.run(
      async () => {
        const now = this.calendar.now().toISOString();
        const id = await this.targets.insert({
          indicatorId,
          territoryLevel: territory.level,
          territoryCode: territory.code,
          value: input.value,
          dueDate: input.dueDate,
          source: input.source?.trim() || null,
          recordedBy: principal.userId,
          recordedAt: now,
        });
        const created = (await this.targets.findById(id))!;
        await this.audit.record({
          at: now,
          userId: principal.userId,
          action: 'territorial_target.set',
          entityType: 'indicator',
          entityId: indicatorId,
          before: null,
          after: created,
        });
        return created;
      },
      { objectives: [objective.code] },
    );
  }
}
