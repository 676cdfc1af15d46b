import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { CONFIDENCE_LEVELS, CONTRIBUTION_MAX_LENGTH, REASON_MAX_LENGTH, SECTION_MAX_LENGTH } from '@app/review';
import { IsRealDate } from '../../common/validators';
import { ReportedWithServiceRules } from '../../common/validation';

/** `POST /api/v1/reviews`: opening a review period (admins). */
@ReportedWithServiceRules()
export class OpenReviewDto {
  @ApiProperty({
    example: '2026-Q4',
    description: 'The period reviewed: 2026-11 (month), 2026-Q4 (quarter), 2026-H2 (half-year) or 2026 (year); over, or ending today',
  })
  @IsString()
  @MaxLength(40)
  period: string;

  @ApiPropertyOptional({
    example: '2027-01-15',
    format: 'date',
    description: 'The collection deadline (default: REVIEW_DEADLINE_DAY of the month after the period); after the period, not past',
  })
  @IsOptional()
  @IsRealDate()
  deadline?: string;
}

/** `PATCH /api/v1/reviews/:period`: moving a period's collection deadline (admins). */
@ReportedWithServiceRules()
export class ChangeReviewDto {
  @ApiProperty({ example: '2027-01-31', format: 'date', description: 'The new collection deadline: after the period, not past' })
  @IsRealDate()
  deadline: string;
}

const section = (description: string) =>
  ApiPropertyOptional({
    nullable: true,
    maxLength: SECTION_MAX_LENGTH,
    description: `${description} (markdown-light: paragraphs, lists, links; null or "" clears it)`,
  });

/** `PUT /api/v1/reviews/:period/objectives/:code`: saving the update as a draft. Absent fields keep their value. */
export class SaveUpdateDto {
  @ApiPropertyOptional({ enum: CONFIDENCE_LEVELS, nullable: true, description: "The lead body's own judgement, shown beside the computed status" })
  // "" clears it too (a form's empty choice).
  @ValidateIf((o: SaveUpdateDto) => o.confidence !== undefined && o.confidence !== null && o.confidence !== '')
  @IsIn(CONFIDENCE_LEVELS as unknown as string[])
  confidence?: string | null;

  @section('Progress made in the period') @IsOptional() @IsString() @MaxLength(SECTION_MAX_LENGTH) progress?: string | null;
  @section('Difficulties and risks') @IsOptional() @IsString() @MaxLength(SECTION_MAX_LENGTH) difficulties?: string | null;
  @section('Next steps') @IsOptional() @IsString() @MaxLength(SECTION_MAX_LENGTH) nextSteps?: string | null;
  @section('Decisions needed: who must decide what') @IsOptional() @IsString() @MaxLength(SECTION_MAX_LENGTH) decisionsNeeded?: string | null;
  @section('A note on the data') @IsOptional() @IsString() @MaxLength(SECTION_MAX_LENGTH) dataNote?: string | null;

  @ApiPropertyOptional({
    example: 3,
    description: 'The version being edited (from the GET): a save over a newer version is refused (409 review.stale_version)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  version?: number;

  @ApiPropertyOptional({ maxLength: REASON_MAX_LENGTH, description: 'Required to change a validated update: why it is revised' })
  @IsOptional()
  @IsString()
  @MaxLength(REASON_MAX_LENGTH)
  reason?: string;
}

/** `POST …/return`: the validator's reason, which the lead body reads. */
export class ReturnUpdateDto {
  @ApiProperty({ maxLength: REASON_MAX_LENGTH, example: 'Les chiffres de mars manquent ; précisez la décision attendue.' })
  @IsString()
  @MaxLength(REASON_MAX_LENGTH)
  reason: string;
}

/** `POST …/contributions`: a contributing body's signed contribution. */
export class AddContributionDto {
  @ApiProperty({ maxLength: CONTRIBUTION_MAX_LENGTH, example: 'La CNAM a livré le connecteur en mars ; la bascule est prévue en mai.' })
  @IsString()
  @MaxLength(CONTRIBUTION_MAX_LENGTH)
  text: string;
}
