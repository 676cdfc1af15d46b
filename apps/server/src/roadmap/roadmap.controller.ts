import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { API_PREFIX } from '../common/api';
import { BodyDto, BodyObjectivesDto, ObjectiveDto, RoadmapDto } from './dto/roadmap.dto';
import { RoadmapService } from './roadmap.service';

@ApiTags('roadmap')
@Controller(API_PREFIX)
export class RoadmapController {
  constructor(private readonly roadmap: RoadmapService) {}

  @Get('roadmap')
  @ApiOkResponse({ type: RoadmapDto, description: 'Focus areas → priorities → objectives, with their bodies.' })
  tree(): RoadmapDto {
    return this.roadmap.tree();
  }

  @Get('objectives/:code')
  @ApiParam({ name: 'code', example: '1-1' })
  @ApiOkResponse({ type: ObjectiveDto })
  @ApiNotFoundResponse({ description: 'No objective has this code.' })
  objective(@Param('code') code: string): ObjectiveDto {
    return this.roadmap.objective(code);
  }

  @Get('bodies')
  @ApiOkResponse({ type: [BodyDto] })
  bodies(): BodyDto[] {
    return this.roadmap.bodies();
  }

  @Get('bodies/:acronym/objectives')
  @ApiParam({ name: 'acronym', example: 'CNAM', description: 'URL-encode acronyms such as "GIE SESAM-Vitale" or "ARS/GRADeS"' })
  @ApiOkResponse({ type: BodyObjectivesDto, description: 'Objectives the body leads or contributes to, with its role.' })
  @ApiNotFoundResponse({ description: 'No body has this acronym.' })
  bodyObjectives(@Param('acronym') acronym: string): BodyObjectivesDto {
    return this.roadmap.bodyObjectives(acronym);
  }
}
