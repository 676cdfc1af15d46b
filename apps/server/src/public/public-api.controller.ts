import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { NotFound } from '@app/common';
import type { Lang } from '@app/presentation';
import { Public } from '../auth/auth.decorators';
import { API_PREFIX } from '../common/api';
import { RequestLang } from '../common/request-lang';
import {
  openDataLinks,
  PublicationDto,
  PublicObjectiveDto,
  PublicOpenDataLinkDto,
  PublicRoadmapDto,
  toObjectiveDto,
  toPublicationDto,
  toRoadmapDto,
} from './public.dto';
import { PublicService } from './public.service';
import { PUBLIC_MAX_AGE, publicCache } from './public-http';

/**
 * The read API's public subset (PUBLIC_SITE): what the public pages show, as JSON, without sign-in.
 * Only the last published period (and every published period's open data).
 */
@ApiTags('public')
@Public()
@Controller(`${API_PREFIX}/public`)
export class PublicApiController {
  constructor(private readonly publics: PublicService) {}

  @Get('publication')
  @ApiOperation({ summary: 'The last published period: when, its counts per status, its official reports and open data' })
  @ApiOkResponse({ type: PublicationDto })
  @ApiNotFoundResponse({ description: 'Nothing published yet (public.nothing_published)' })
  async publication(@RequestLang() lang: Lang, @Res({ passthrough: true }) res: FastifyReply): Promise<PublicationDto> {
    const latest = await this.publics.latestOrFail();
    publicCache(res, PUBLIC_MAX_AGE.data);
    return toPublicationDto(await this.publics.publication(latest, lang), await this.publics.reports(latest));
  }

  @Get('roadmap')
  @ApiOperation({ summary: 'The roadmap tree with each objective’s published status (last published period)' })
  @ApiOkResponse({ type: PublicRoadmapDto })
  async roadmap(@RequestLang() lang: Lang, @Res({ passthrough: true }) res: FastifyReply): Promise<PublicRoadmapDto> {
    const latest = await this.publics.latestOrFail();
    publicCache(res, PUBLIC_MAX_AGE.data);
    return toRoadmapDto(await this.publics.publication(latest, lang));
  }

  @Get('objectives/:code')
  @ApiOperation({ summary: 'One objective as published: targets, values, milestones, the lead body’s validated update' })
  @ApiOkResponse({ type: PublicObjectiveDto })
  @ApiNotFoundResponse({ description: 'Unknown objective code, or nothing published yet' })
  async objective(@Param('code') code: string, @RequestLang() lang: Lang, @Res({ passthrough: true }) res: FastifyReply): Promise<PublicObjectiveDto> {
    const latest = await this.publics.latestOrFail();
    const publication = await this.publics.publication(latest, lang);
    const objective = publication.objectives.find((o) => o.code === code);
    if (!objective) throw new NotFound('not_found.objective', { code: code.slice(0, 40) });
    const territorial = [];
    for (const i of objective.indicators) territorial.push(await this.publics.territorial(latest, i.id));
    publicCache(res, PUBLIC_MAX_AGE.data);
    return toObjectiveDto(publication, objective, territorial);
  }

  @Get('open-data')
  @ApiOperation({ summary: 'Every published period’s open data files: CSV and its Table Schema' })
  @ApiOkResponse({ type: [PublicOpenDataLinkDto] })
  async openData(@Res({ passthrough: true }) res: FastifyReply): Promise<PublicOpenDataLinkDto[]> {
    const periods = await this.publics.periods();
    publicCache(res, PUBLIC_MAX_AGE.data);
    return periods.map(openDataLinks);
  }

  @Get('open-data/:file')
  @ApiOperation({ summary: 'A published period’s open data: `2026-Q4.csv` (UTF-8, comma-separated) or `2026-Q4.schema.json` (Table Schema)' })
  @ApiProduces('text/csv', 'application/schema+json')
  @ApiOkResponse({ description: 'The CSV file, or the Table Schema describing its columns' })
  @ApiNotFoundResponse({ description: 'A period not published, or a name that is neither <period>.csv nor <period>.schema.json' })
  async openDataFile(@Param('file') file: string, @Res() res: FastifyReply) {
    const match = /^(.{1,40})\.(csv|schema\.json)$/.exec(file);
    if (!match) throw new NotFound('public.unknown_file', {});
    const period = await this.publics.period(match[1]);
    // A published period's data never changes: it may be kept a day.
    publicCache(res, PUBLIC_MAX_AGE.file);
    if (match[2] === 'csv') {
      res.header('Content-Type', 'text/csv; charset=utf-8');
      res.header('Content-Disposition', `attachment; filename="feuille-de-route-${period.period}.csv"`);
      res.send(await this.publics.csv(period));
    } else {
      res.header('Content-Type', 'application/schema+json; charset=utf-8');
      res.header('Content-Disposition', `inline; filename="feuille-de-route-${period.period}.schema.json"`);
      res.send(JSON.stringify(this.publics.schema(period), null, 2));
    }
  }
}
