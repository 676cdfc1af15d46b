import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiQuery, ApiTags, ApiOperation } from '@nestjs/swagger';
import { API_PREFIX } from '../common/api';
import { StatusQueryDto } from '../common/as-of.dto';
import { RequestLang } from '../common/request-lang';
import type { Lang } from '@app/presentation';
import { Calendar, NotFound } from '@app/common';
import { StatusService } from '@app/snapshots';
import { BodyDto, BodyObjectivesDto, ObjectiveDto, RoadmapDto } from './dto/roadmap.dto';
import { RoadmapAnswer } from './roadmap-answer';
import { RoadmapService } from './roadmap.service';
import { PublishingService } from '../publishing/publishing.service';

const LANG_QUERY = { name: 'lang', required: false, enum: ['fr', 'en'], description: 'Language of the texts (wins over Accept-Language; default French)' };

@ApiTags('roadmap')
@Controller(API_PREFIX)
export class RoadmapController {
  constructor(
    private readonly roadmap: RoadmapService,
    private readonly status: StatusService,
    private readonly calendar: Calendar,
    private readonly publishing: PublishingService,
    private readonly answer: RoadmapAnswer,
  ) {}

  @Get('roadmap')
  @ApiOperation({ summary: 'The roadmap tree: focus areas, priorities, objectives' })
  @ApiQuery(LANG_QUERY)
  @ApiOkResponse({ type: RoadmapDto, description: 'Focus areas → priorities → objectives, with their bodies.' })
  tree(@Req() req: FastifyRequest, @Res() res: FastifyReply, @RequestLang() lang: Lang): void {
    // Reached when the onRequest hook did not answer (roadmap-answer.ts): the guard let it through.
    this.answer.send(req, res, lang);
  }

  @Get('objectives/:code')
  @ApiOperation({ summary: 'One objective with its indicators, targets, milestones and status' })
  @ApiParam({ name: 'code', example: '1-1' })
  @ApiOkResponse({
    type: ObjectiveDto,
    description: 'The objective from the roadmap, with its status as of a date (default today) merged into its indicators, targets and milestones.',
  })
  @ApiNotFoundResponse({ description: 'No objective has this code.' })
  async objective(@Param('code') code: string, @Query() q: StatusQueryDto, @RequestLang() lang: Lang) {
    const objective = this.roadmap.objective(code, lang);
    // `?period=`: as published when that review period was closed.
    const published = q.period !== undefined ? await this.publishing.publishedStatus({ period: q.period, asOf: q.asOf }, lang) : null;
    const asOf = published?.asOf ?? q.asOf ?? this.calendar.today();
    const status = published ? published.objectives.find((o) => o.code === objective.code) : await this.status.objective(code, asOf, lang);
    if (!status) throw new NotFound('not_found.objective', { code: code.slice(0, 40) });
    return {
      ...objective,
      asOf,
      ...(published ? { published: published.published } : {}),
      status: status.status,
      indicators: objective.indicators.map((i, k) => {
        const { targets, ...indicatorStatus } = status.indicators[k];
        return { ...i, ...indicatorStatus, targets: i.targets.map((t, j) => ({ ...t, ...targets[j] })) };
      }),
      milestones: objective.milestones.map((m, k) => ({ ...m, ...status.milestones[k] })),
    };
  }

  @Get('bodies')
  @ApiOperation({ summary: 'Every body, with what it leads and contributes to' })
  @ApiOkResponse({ type: [BodyDto] })
  bodies(): BodyDto[] {
    return this.roadmap.bodies();
  }

  @Get('bodies/:acronym/objectives')
  @ApiOperation({ summary: 'What a body leads and contributes to' })
  @ApiQuery(LANG_QUERY)
  @ApiParam({ name: 'acronym', example: 'CNAM', description: 'URL-encode acronyms such as "GIE SESAM-Vitale" or "ARS/GRADeS"' })
  @ApiOkResponse({ type: BodyObjectivesDto, description: 'Objectives the body leads or contributes to, with its role.' })
  @ApiNotFoundResponse({ description: 'No body has this acronym.' })
  bodyObjectives(@Param('acronym') acronym: string, @RequestLang() lang: Lang): BodyObjectivesDto {
    return this.roadmap.bodyObjectives(acronym, lang);
  }
}
