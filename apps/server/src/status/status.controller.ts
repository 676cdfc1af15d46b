import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { API_PREFIX } from '../common/api';
import { StatusQueryDto } from '../common/as-of.dto';
import { JsonCache } from '../common/json-cache';
import { RequestLang } from '../common/request-lang';
import type { Lang } from '@app/presentation';
import { StatusService } from '@app/snapshots';
import { PublishingService } from '../publishing/publishing.service';
import { StatusSnapshotDto } from './status.dto';

@ApiTags('status')
@ApiBearerAuth()
@Controller(`${API_PREFIX}/status`)
export class StatusController {
  // A snapshot after a write reuses the views of the objectives it did not touch: their JSON too.
  private readonly json = new JsonCache('objectives');

  constructor(
    private readonly status: StatusService,
    private readonly publishing: PublishingService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Statuses and counts as of a date' })
  @ApiOkResponse({
    type: StatusSnapshotDto,
    description:
      "For a date (or, with period, as published when that review period was closed: `published` says so): counts of objectives per status for the roadmap, each focus area, priority and body; every objective with its status and each target's status, latest value, expected value, ratio and forecast at the current pace; stale indicators and indicators without data.",
  })
  async get(@Query() q: StatusQueryDto, @Req() req: FastifyRequest, @Res() res: FastifyReply, @RequestLang() lang: Lang): Promise<void> {
    // A published period answers from the snapshot frozen at its closing (with `published`), else the live view.
    if (q.period !== undefined) return this.json.send(req, res, await this.publishing.publishedStatus({ period: q.period, asOf: q.asOf }, lang));
    // The French snapshot is its own object: cached bytes and ETag per language.
    this.json.send(req, res, await this.status.snapshot(q.asOf, lang));
  }
}
