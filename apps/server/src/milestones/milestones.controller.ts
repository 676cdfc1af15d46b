import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import type { Lang } from '@app/presentation';
import { RequestLang } from '../common/request-lang';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Principal } from '@app/accounts';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { API_PREFIX } from '../common/api';
import { UpdateMilestoneDto } from './dto/milestone.dto';
import { MilestonesService } from './milestones.service';
import { ParseIdPipe } from '../common/validation';

@ApiTags('milestones')
@ApiBearerAuth()
@Controller(`${API_PREFIX}/milestones`)
export class MilestonesController {
  constructor(private readonly milestones: MilestonesService) {}

  @Get(':id')
  @ApiOperation({ summary: 'Get a milestone with its status and history' })
  @ApiOkResponse({ description: 'The milestone, its state and status today, and every update (who, when, evidence).' })
  @ApiNotFoundResponse()
  get(@Param('id', ParseIdPipe) id: number, @RequestLang() lang: Lang) {
    return this.milestones.get(id, lang);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Update a milestone's state" })
  @Roles('admin', 'editor')
  @ApiOkResponse({ description: 'The milestone after the update.' })
  @ApiForbiddenResponse({ description: 'Your role or bodies do not allow recording for this objective.' })
  update(@CurrentPrincipal() me: Principal, @Param('id', ParseIdPipe) id: number, @Body() body: UpdateMilestoneDto, @RequestLang() lang: Lang) {
    return this.milestones.update(id, body, me, lang);
  }
}
