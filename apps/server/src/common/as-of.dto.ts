import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsRealDate } from './validators';

export class AsOfQueryDto {
  @ApiPropertyOptional({ format: 'date', example: '2025-12-31', description: 'Status as of this date (default: today, Europe/Paris)' })
  @IsOptional()
  @IsRealDate()
  asOf?: string;

  @ApiPropertyOptional({ enum: ['fr', 'en'], description: 'Language of the answer (wins over Accept-Language; default French)' })
  @IsOptional()
  @IsIn(['fr', 'en'])
  lang?: 'fr' | 'en';
}

/** The status routes: as of a date, or (`period`) as published when that review period was closed. */
export class StatusQueryDto extends AsOfQueryDto {
  // No example: Swagger UI would send it with asOf's, a refused pair.
  @ApiPropertyOptional({
    description: 'A published (closed) review period, e.g. 2026-Q4: the statuses frozen at its closing, instead of the live view (not with asOf)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  period?: string;
}
