import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONFIDENCE_LEVELS, UPDATE_STATES } from '@app/review';

const STATES_OR_NOT_STARTED = [...UPDATE_STATES, 'not_started'];

export class UserRefDto {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'Claire Martin' }) name: string;
}

export class UpdateCountsDto {
  @ApiProperty({ example: 65, description: 'Objectives whose lead body must send an update' }) expected: number;
  @ApiProperty({ example: 12, description: 'Updates submitted or validated' }) submitted: number;
  @ApiProperty({ example: 7 }) validated: number;
}

export class ReviewPeriodDto {
  @ApiProperty({ example: '2026-Q4' }) period: string;
  @ApiProperty({ enum: ['month', 'quarter', 'half', 'year'] }) granularity: string;
  @ApiProperty({ example: '2026-10-01', format: 'date' }) startDate: string;
  @ApiProperty({ example: '2026-12-31', format: 'date' }) endDate: string;
  @ApiProperty({ example: '2027-01-01', format: 'date', description: 'The day collection opens' }) opensOn: string;
  @ApiProperty({ example: '2027-01-15', format: 'date', description: 'The collection deadline' }) deadline: string;
  @ApiProperty({ example: 10, description: 'Days from today (Paris) to the deadline: 0 on the day, negative once passed' }) daysLeft: number;
  @ApiProperty({ enum: ['open', 'closed'] }) state: 'open' | 'closed';
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiPropertyOptional({ type: UserRefDto, nullable: true, description: 'Null when the scheduler opened it' }) openedBy: UserRefDto | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ type: UpdateCountsDto }) counts: UpdateCountsDto;
}

export class ObjectiveUpdateLineDto {
  @ApiProperty({ example: '1-1' }) objectiveCode: string;
  @ApiProperty({ description: "The objective's title, in the language asked for" }) title: string;
  @ApiProperty({ example: 'DNS' }) leadBody: string;
  @ApiProperty({ enum: STATES_OR_NOT_STARTED, description: '`not_started` before the first save' }) state: string;
  @ApiPropertyOptional({ enum: CONFIDENCE_LEVELS, nullable: true }) confidence: string | null;
  @ApiProperty({ description: '0 before the first save' }) version: number;
  @ApiPropertyOptional({ type: UserRefDto, nullable: true, description: 'Who last changed its content' }) updatedBy: UserRefDto | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) updatedAt: string | null;
  @ApiPropertyOptional({ type: UserRefDto, nullable: true }) submittedBy: UserRefDto | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiPropertyOptional({ type: UserRefDto, nullable: true }) validatedBy: UserRefDto | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) validatedAt: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, description: 'Set when the update, or a value of its period, changed after validation' })
  revisedAfterValidationAt: string | null;
}

export class BodyCompletenessDto {
  @ApiProperty({ example: 'CNAM' }) body: string;
  @ApiProperty({ description: 'Objectives it leads' }) expected: number;
  @ApiProperty() submitted: number;
  @ApiProperty() validated: number;
  @ApiProperty({ description: 'Submitted by the deadline (Paris date of the latest submission)' }) onTime: number;
  @ApiProperty({ description: 'Submitted after the deadline' }) late: number;
  @ApiProperty({ type: [String], description: 'Objectives not submitted yet' }) missing: string[];
  @ApiProperty({ enum: ['complete', 'late', 'incomplete', 'in_progress'] }) standing: string;
}

export class ReviewPeriodDetailDto extends ReviewPeriodDto {
  @ApiProperty({ type: [ObjectiveUpdateLineDto], description: 'Every objective, by code' }) objectives: ObjectiveUpdateLineDto[];
  @ApiProperty({ type: [BodyCompletenessDto], description: 'Per lead body: submitted / expected, on time or late' }) bodies: BodyCompletenessDto[];
}

export class UpdateContentDto {
  @ApiPropertyOptional({ enum: CONFIDENCE_LEVELS, nullable: true }) confidence: string | null;
  @ApiPropertyOptional({ nullable: true }) progress: string | null;
  @ApiPropertyOptional({ nullable: true }) difficulties: string | null;
  @ApiPropertyOptional({ nullable: true }) nextSteps: string | null;
  @ApiPropertyOptional({ nullable: true }) decisionsNeeded: string | null;
  @ApiPropertyOptional({ nullable: true }) dataNote: string | null;
}

export class UpdateEventDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: ['save', 'submit', 'validate', 'return', 'revise', 'value_revised'] }) action: string;
  @ApiPropertyOptional({ enum: UPDATE_STATES, nullable: true, description: 'Null for the first save' }) fromState: string | null;
  @ApiProperty({ enum: UPDATE_STATES }) toState: string;
  @ApiPropertyOptional({ nullable: true, description: 'The return reason, or why it was revised after validation' }) reason: string | null;
  @ApiProperty({
    type: UpdateContentDto,
    description:
      'The update as it stood after the event; a `value_revised` event also names the measurement (`measurement`: id, indicator, date, value, reason)',
  })
  content: Record<string, unknown>;
  @ApiProperty({ type: UserRefDto }) by: UserRefDto;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ContributionDto {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'CNAM', description: 'The contributing body that signs it' }) body: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: UserRefDto }) author: UserRefDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class UpdateMeasurementDto {
  @ApiProperty() id: number;
  @ApiProperty() indicatorId: number;
  @ApiProperty({ description: "The indicator's name, in the language asked for" }) indicator: string;
  @ApiProperty() value: number;
  @ApiProperty({ format: 'date' }) observedAt: string;
  @ApiProperty() source: string;
  @ApiPropertyOptional({ nullable: true }) comment: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Why it corrected an earlier version' }) correctionReason: string | null;
  @ApiProperty({ type: UserRefDto }) recordedBy: UserRefDto;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class UpdateMilestoneProgressDto {
  @ApiProperty() id: number;
  @ApiProperty() milestoneId: number;
  @ApiProperty({ description: "The milestone's title, in the language asked for" }) milestone: string;
  @ApiProperty({ enum: ['not_started', 'in_progress', 'done'] }) state: string;
  @ApiPropertyOptional({ format: 'date', nullable: true }) completedOn: string | null;
  @ApiPropertyOptional({ nullable: true }) evidence: string | null;
  @ApiPropertyOptional({ nullable: true }) comment: string | null;
  @ApiProperty({ type: UserRefDto }) recordedBy: UserRefDto;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class UpdateRecordsDto {
  @ApiProperty({ type: [UpdateMeasurementDto], description: "The objective's current values dated within the period" })
  measurements: UpdateMeasurementDto[];
  @ApiProperty({
    type: [UpdateMilestoneProgressDto],
    description: "Its milestones' progress recorded from the period's first day up to today (or to the closing)",
  })
  milestoneUpdates: UpdateMilestoneProgressDto[];
}

export class ObjectiveUpdateDto extends UpdateContentDto {
  @ApiProperty({ example: '2026-Q4' }) period: string;
  @ApiProperty({ enum: ['open', 'closed'] }) periodState: string;
  @ApiProperty({ format: 'date' }) deadline: string;
  @ApiProperty({ example: '1-1' }) objectiveCode: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 'DNS' }) leadBody: string;
  @ApiProperty({ type: [String] }) contributingBodies: string[];
  @ApiProperty({ enum: STATES_OR_NOT_STARTED }) state: string;
  @ApiProperty({ description: 'Send it back as `version` when saving; 0 before the first save' }) version: number;
  @ApiPropertyOptional({ nullable: true, description: "The validator's reason, while the update is returned" }) returnReason: string | null;
  @ApiProperty({ description: 'The update, or a value of its period, changed after validation' }) revisedAfterValidation: boolean;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) revisedAfterValidationAt: string | null;
  @ApiPropertyOptional({ type: UserRefDto, nullable: true }) createdBy: UserRefDto | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) createdAt: string | null;
  @ApiPropertyOptional({ type: UserRefDto, nullable: true }) updatedBy: UserRefDto | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) updatedAt: string | null;
  @ApiPropertyOptional({ type: UserRefDto, nullable: true }) submittedBy: UserRefDto | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiPropertyOptional({ type: UserRefDto, nullable: true }) validatedBy: UserRefDto | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) validatedAt: string | null;
  @ApiProperty({ type: [UpdateEventDto], description: 'Every event, oldest first' }) history: UpdateEventDto[];
  @ApiProperty({ type: [ContributionDto], description: 'Signed contributions of the contributing bodies' }) contributions: ContributionDto[];
  @ApiProperty({ type: UpdateRecordsDto, description: 'The values and milestone progress that belong to this update' }) records: UpdateRecordsDto;
}

/** One period's update of an objective, in its commentary history (latest period first). */
export class ObjectiveReviewHistoryItemDto extends UpdateContentDto {
  @ApiProperty({ example: '2026-Q4' }) period: string;
  @ApiProperty({ enum: ['open', 'closed'] }) periodState: string;
  @ApiProperty({ enum: UPDATE_STATES }) state: string;
  @ApiProperty() version: number;
  @ApiPropertyOptional({ type: UserRefDto, nullable: true }) updatedBy: UserRefDto | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiPropertyOptional({ type: UserRefDto, nullable: true }) validatedBy: UserRefDto | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) validatedAt: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) revisedAfterValidationAt: string | null;
}
