import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FORECAST_KINDS, STATUS_ORDER } from '@app/status';
import type { ForecastKind, Status } from '@app/status';

/** The documented shape of GET /api/v1/status: StatusService's snapshot, sent as it is cached (one serialisation per version). */

export class PaceDto {
  @ApiProperty({
    enum: ['linear', 'cagr'],
    description: "linear, or cagr (compound) when the indicator's method is cagr and every value and the target are > 0",
  })
  method: 'linear' | 'cagr';
  @ApiProperty({ example: 73_200_000, description: 'Linear: change per year in the unit. cagr: yearly growth rate (0.1 = +10 % a year).' })
  perYear: number;
  @ApiProperty({ example: '2024-12-31', format: 'date', description: 'Date of the oldest value the pace is measured over' }) from: string;
  @ApiProperty({ example: '2025-12-31', format: 'date', description: 'Date of the latest value' }) to: string;
  @ApiProperty({ example: 5, description: 'How many values the pace is measured over (at most 5)' }) values: number;
}

export class TargetForecastDto {
  @ApiProperty({
    enum: FORECAST_KINDS,
    description:
      'reached: the latest value reaches the target. on_pace / late: at the pace of the last year (least squares through the latest value and ' +
      'the last value on or before 3, 6, 9 and 12 months before it), reached on or before / after the due date. never: the pace is flat, goes ' +
      'the wrong way, or gets there only after 2100-12-31. insufficient_data: fewer than two values on distinct dates up to asOf.',
  })
  kind: ForecastKind;
  @ApiPropertyOptional({ format: 'date', description: 'reached: the date of the latest value, which reaches the target' }) on?: string;
  @ApiPropertyOptional({ format: 'date', example: '2028-03-15', description: 'on_pace, late: the first day the projection reaches the target' })
  reachedOn?: string;
  @ApiPropertyOptional({
    example: 15,
    description: 'on_pace: 0. late: calendar months from the due date to reachedOn (December 2026 → March 2028 = 15), at least 1',
  })
  monthsLate?: number;
  @ApiPropertyOptional({
    nullable: true,
    example: 346_000_000,
    description: 'on_pace, late, never: the value projected for the due date; null when the due date is before the latest value',
  })
  expectedAtDue?: number | null;
  @ApiPropertyOptional({ type: PaceDto, description: 'on_pace, late, never: how the pace was measured' }) pace?: PaceDto;
}

export class TargetStatusDto {
  @ApiProperty() id: number;
  @ApiProperty({ example: 400_000_000 }) value: number;
  @ApiProperty({ description: 'True for "more than N": reached only when exceeded' }) exclusive: boolean;
  @ApiProperty({ example: '2026-12-31', format: 'date' }) dueDate: string;
  @ApiProperty({ enum: STATUS_ORDER }) status: Status;
  @ApiProperty({ nullable: true }) latestValue: number | null;
  @ApiProperty({ nullable: true, description: 'Where the trajectory says the value should be on the date of the latest value' }) expected: number | null;
  @ApiProperty({ nullable: true, description: 'Progress made over progress expected' }) ratio: number | null;
  @ApiProperty({ type: TargetForecastDto }) forecast: TargetForecastDto;
}

export class IndicatorStatusDto {
  @ApiProperty() id: number;
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['fr', 'en'] }) lang: 'fr' | 'en';
  @ApiProperty({ example: 'documents_per_year' }) unit: string;
  @ApiProperty({ enum: ['increase', 'decrease'] }) direction: string;
  @ApiProperty({ enum: ['monthly', 'quarterly', 'yearly'] }) frequency: string;
  @ApiProperty({ enum: ['linear', 'cagr'] }) method: string;
  @ApiProperty({ nullable: true, description: '{ value, date, source }: a starting value the roadmap states' }) declaredBaseline: object | null;
  @ApiProperty({ enum: STATUS_ORDER }) status: Status;
  @ApiProperty({ description: 'The latest value is older than the frequency allows' }) stale: boolean;
  @ApiProperty({ nullable: true, description: '{ value, date, origin: set | declared | first_measurement }' }) baseline: object | null;
  @ApiProperty({ nullable: true, description: '{ value, date }: the latest value on or before asOf' }) latest: object | null;
  @ApiProperty({ description: 'The target the indicator is judged against' }) currentTargetId: number;
  @ApiProperty({ type: [TargetStatusDto] }) targets: TargetStatusDto[];
}

export class ObjectiveStatusDto {
  @ApiProperty({ example: '1-1' }) code: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['fr', 'en'] }) lang: 'fr' | 'en';
  @ApiProperty() focusArea: number;
  @ApiProperty() priority: number;
  @ApiProperty() leadBody: string;
  @ApiProperty({ type: [String] }) contributingBodies: string[];
  @ApiProperty({ enum: STATUS_ORDER }) status: Status;
  @ApiProperty({ type: [IndicatorStatusDto] }) indicators: IndicatorStatusDto[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Each milestone with its state, status, days late and days until due' })
  milestones: object[];
}

export class StatusSnapshotDto {
  @ApiProperty({ format: 'date' }) asOf: string;
  @ApiProperty({ enum: ['fr', 'en'] }) lang: 'fr' | 'en';
  @ApiProperty({ description: 'Values recorded after this instant are not counted' }) recordedUpTo: string;
  @ApiProperty({ description: '{ onTrack, atRisk }: the progress-ratio thresholds' }) thresholds: object;
  @ApiProperty({ description: '{ objectives, counts }: objectives per status for the whole roadmap' }) roadmap: object;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Per focus area: number, title, objectives, counts' }) focusAreas: object[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Per priority: number, title, focusArea, objectives, counts' }) priorities: object[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Per body: acronym, counts of what it leads and contributes to' }) bodies: object[];
  @ApiProperty({ type: [ObjectiveStatusDto] }) objectives: ObjectiveStatusDto[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Indicators whose latest value is stale' }) stale: object[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Indicators without any value' }) noData: object[];
  @ApiPropertyOptional({ description: 'With ?period=: { period, publishedAt }, the review period whose closing froze these statuses' })
  published?: object;
}
