import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ALL_REPORT_KINDS, AnyReportKind } from '@app/reports';
import { IsRealDate } from '../../common/validators';
import { ReportedWithServiceRules } from '../../common/validation';

const PERIOD = /^20\d\d(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$/;
const PERIOD_MESSAGE = 'must be a period: 2025-11 (month), 2025-Q4 (quarter), 2025-H2 (half-year) or 2025 (year)';

@ReportedWithServiceRules()
export class CreateReportDto {
  @ApiProperty({ enum: ALL_REPORT_KINDS }) @IsIn(ALL_REPORT_KINDS as unknown as string[]) kind: AnyReportKind;

  @ApiPropertyOptional({
    example: 'CNAM',
    description: 'Focus-area number, body acronym, objective code or region (official code, e.g. 84, or name) (not for roadmap)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  scope?: string;

  @ApiProperty({ example: '2025-Q4' }) @IsString() @Matches(PERIOD, { message: PERIOD_MESSAGE }) period: string;

  @ApiPropertyOptional({ format: 'date', description: 'Default: the end of the period, or today' })
  @IsOptional()
  @IsRealDate()
  asOf?: string;

  @ApiProperty({ enum: ['pdf', 'html'] }) @IsIn(['pdf', 'html']) format: 'pdf' | 'html';
  @ApiPropertyOptional({ enum: ['fr', 'en'], default: 'fr' }) @IsOptional() @IsIn(['fr', 'en']) lang?: 'fr' | 'en';
}

export class ListReportsDto {
  @ApiPropertyOptional({ enum: ALL_REPORT_KINDS }) @IsOptional() @IsIn(ALL_REPORT_KINDS as unknown as string[]) kind?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) scope?: string;
  @ApiPropertyOptional({ example: '2025-Q4' }) @IsOptional() @Matches(PERIOD, { message: PERIOD_MESSAGE }) period?: string;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class ReportFileQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: as an attachment (download)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  download?: 'true' | 'false';
}
