import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
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
