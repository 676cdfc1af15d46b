import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { NotFound } from '@app/common';
import { OUTBOX_STATES, OutboxRecord, OutboxRepository, OutboxState } from '@app/persistence';
import { Roles } from '../auth/auth.decorators';
import { API_PREFIX } from '../common/api';
import { ParseIdPipe } from '../common/validation';

class OutboxQueryDto {
  @ApiPropertyOptional({ enum: OUTBOX_STATES }) @IsOptional() @IsIn(OUTBOX_STATES) state?: OutboxState;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000) page?: number;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

/** A message as administrators read it (the list leaves the bodies out). */
export function outboxMessageDto(m: OutboxRecord) {
  return {
    id: m.id,
    template: m.template,
    to: m.toAddress,
    lang: m.lang,
    subject: m.subject,
    state: m.state,
    attempts: m.attempts,
    nextAttemptAt: m.state === 'pending' ? m.nextAttemptAt : null,
    lastError: m.lastError,
    createdAt: m.createdAt,
    sentAt: m.sentAt,
  };
}

/** The mail outbox, for administrators: every message with its state, newest first. */
@ApiTags('outbox')
@ApiBearerAuth()
@Roles('admin')
@Controller(`${API_PREFIX}/outbox`)
export class OutboxController {
  constructor(private readonly outbox: OutboxRepository) {}

  @Get()
  @ApiOperation({ summary: 'List the mail outbox (filter by state; paged)' })
  async list(@Query() q: OutboxQueryDto) {
    const limit = q.limit ?? 50;
    const page = q.page ?? 1;
    return {
      total: await this.outbox.count(q.state),
      page,
      limit,
      counts: await this.outbox.countsByState(),
      messages: (await this.outbox.list({ state: q.state, limit, offset: (page - 1) * limit })).map(outboxMessageDto),
    };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One message of the outbox, with its text body' })
  async get(@Param('id', ParseIdPipe) id: number) {
    const m = await this.outbox.find(id);
    if (!m) throw new NotFound('not_found.outbox_message', { id: String(id) });
    return { ...outboxMessageDto(m), text: m.text, messageId: m.messageId };
  }
}
