import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { regions } from '@app/territories';
import { API_PREFIX } from '../common/api';
import { JsonCache } from '../common/json-cache';
import { TerritoriesDto, toTerritoriesDto } from './dto/territories.dto';

@ApiTags('territories')
@Controller(API_PREFIX)
export class TerritoriesController {
  private readonly json = new JsonCache();
  // The geography is the installed package's: it cannot change while the process runs, so the
  // answer is mapped once and its bytes and ETag are computed on the first request only.
  private readonly territories: TerritoriesDto = toTerritoriesDto(regions());

  @Get('territories')
  @ApiOperation({ summary: 'The official geography: the 18 regions with their 101 départements' })
  @ApiOkResponse({
    type: TerritoriesDto,
    description: 'Regions and départements with their official codes (code officiel géographique) and French names, overseas included.',
  })
  list(@Req() req: FastifyRequest, @Res() res: FastifyReply): void {
    this.json.send(req, res, this.territories);
  }
}
