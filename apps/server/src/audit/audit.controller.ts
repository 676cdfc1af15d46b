import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags, ApiOperation } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { AuditRepository } from '@app/persistence';
import { Roles } from '../auth/auth.decorators';
import { API_PREFIX } from '../common/api';

class AuditQueryDto {
  @ApiPropertyOptional({
    enum: ['measurement', 'indicator', 'milestone', 'user', 'token', 'import', 'report', 'review_period', 'objective_update', 'update_contribution'],
  })
  @IsOptional()
  @IsIn(['measurement', 'indicator', 'milestone', 'user', 'token', 'import', 'report', 'review_period', 'objective_update', 'update_contribution'])
  entityType?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) entityId?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) userId?: number;
  @ApiPropertyOptional({ description: 'Page backwards: entries with a smaller id' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) beforeId?: number;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

/** Every write, newest first: who, when, what, before and after. For administrators. */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin')
@Controller(`${API_PREFIX}/audit`)
export class AuditController {
  constructor(private readonly audit: AuditRepository) {}

  @Get()
  @ApiOperation({ summary: 'Read the audit log' })
  list(@Query() q: AuditQueryDto) {
    return this.audit.list({ ...q, limit: q.limit ?? 100 });
  }
}
