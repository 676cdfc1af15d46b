import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsRealDate } from '../../common/validators';
import { ReportedWithServiceRules } from '../../common/validation';

export const MILESTONE_STATES = ['not_started', 'in_progress', 'done'] as const;

@ReportedWithServiceRules()
export class UpdateMilestoneDto {
  @ApiPropertyOptional({ enum: MILESTONE_STATES })
  @IsOptional()
  @IsIn(MILESTONE_STATES)
  state?: (typeof MILESTONE_STATES)[number];

  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'Required when state is done; not in the future' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsRealDate()
  completedOn?: string | null;

  @ApiPropertyOptional({ description: 'A link (http/https) or a note showing the milestone is delivered', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  evidence?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}
