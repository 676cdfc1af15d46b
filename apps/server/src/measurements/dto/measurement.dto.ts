import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { MAX_ABS_VALUE } from '@app/roadmap';
import { IsRealDate } from '../../common/validators';
import { ReportedWithServiceRules } from '../../common/validation';

const finite = { allowNaN: false, allowInfinity: false };

@ReportedWithServiceRules()
export class RecordMeasurementDto {
  @ApiProperty({ example: 182_000_000, description: "The measured value, in the indicator's unit" })
  @IsNumber(finite)
  @Min(-MAX_ABS_VALUE)
  @Max(MAX_ABS_VALUE)
  value: number;

  @ApiProperty({ example: '2024-03-31', format: 'date', description: 'The date the value describes (end of its period); not in the future' })
  @IsRealDate()
  observedAt: string;

  @ApiProperty({ example: 'CNAM, tableau de bord DMP, mars 2024', description: 'Where the figure comes from' })
  @IsString()
  @Length(1, 300)
  source: string;

  @ApiPropertyOptional({ example: 'Provisional figure' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({
    example: 'Figure received after the review',
    description:
      "Needed when the date falls in a review period whose objective's update is validated (409 review.value_locked_needs_reason otherwise): the update is then marked revised after validation",
  })
  @IsOptional()
  @IsString()
  @Length(3, 1000)
  reason?: string;
  @ApiPropertyOptional({
    example: 'region:84',
    description:
      'The territory the value is for, `region:<code>` or `departement:<code>` (official codes: 84, 2A, 971); absent: the national value. Only at the levels the indicator is recorded at; an editor limited to a territory records within it only',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  territory?: string;

  @ApiPropertyOptional({
    example: 412,
    description: "A weighted rate's denominator for the territory (what the percentage is of, e.g. establishments): its weight in the national value",
  })
  @IsOptional()
  @IsNumber(finite)
  @Min(-MAX_ABS_VALUE)
  @Max(MAX_ABS_VALUE)
  denominator?: number;
}

@ReportedWithServiceRules()
export class CorrectMeasurementDto {
  @ApiPropertyOptional({ description: 'The corrected value (default: unchanged)' })
  @IsOptional()
  @IsNumber(finite)
  @Min(-MAX_ABS_VALUE)
  @Max(MAX_ABS_VALUE)
  value?: number;

  @ApiPropertyOptional({ format: 'date', description: 'The corrected date (default: unchanged)' })
  @IsOptional()
  @IsRealDate()
  observedAt?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 300) source?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;

  @ApiPropertyOptional({ description: "The corrected denominator of a territory's weighted rate (default: unchanged)" })
  @IsOptional()
  @IsNumber(finite)
  @Min(-MAX_ABS_VALUE)
  @Max(MAX_ABS_VALUE)
  denominator?: number;

  @ApiProperty({ example: 'Figure revised by CNAM on 15 April', description: 'Why the value is corrected (kept in the history)' })
  @IsString()
  @Length(3, 1000)
  reason: string;
}

@ReportedWithServiceRules()
export class SetBaselineDto {
  @ApiProperty({ example: 12_000_000 })
  @IsNumber(finite)
  @Min(-MAX_ABS_VALUE)
  @Max(MAX_ABS_VALUE)
  value: number;

  @ApiProperty({ example: '2022-12-31', format: 'date', description: 'The date the baseline value describes' })
  @IsRealDate()
  date: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 300) source?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}
