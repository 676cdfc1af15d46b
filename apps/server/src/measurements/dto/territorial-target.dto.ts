import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { MAX_ABS_VALUE } from '@app/roadmap';
import { IsRealDate } from '../../common/validators';
import { ReportedWithServiceRules } from '../../common/validation';

@ReportedWithServiceRules()
export class SetTerritorialTargetDto {
  @ApiProperty({ example: 'region:84', description: 'The territory the target is for, `region:<code>` or `departement:<code>`' })
  @IsString()
  @MaxLength(40)
  territory: string;

  @ApiProperty({ example: 1200, description: "The value to reach, in the indicator's unit" })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-MAX_ABS_VALUE)
  @Max(MAX_ABS_VALUE)
  value: number;

  @ApiProperty({ example: '2026-12-31', format: 'date', description: 'When it is due' })
  @IsRealDate()
  dueDate: string;

  @ApiPropertyOptional({ example: 'Feuille de route régionale ARS ARA 2024-2027', description: 'Where the target is decided' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  source?: string;
}
