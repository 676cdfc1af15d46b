import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import { Principal } from '@app/accounts';
import { BaselinesRepository, MeasurementsRepository, RoadmapRepository } from '@app/persistence';
import type { Lang } from '@app/presentation';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { API_PREFIX } from '../common/api';
import { AsOfQueryDto } from '../common/as-of.dto';
import { RequestLang } from '../common/request-lang';
import { Calendar } from '@app/common';
import { StatusService } from '@app/snapshots';
import { RecordMeasurementDto, SetBaselineDto } from './dto/measurement.dto';
import { MeasurementsService } from './measurements.service';
import { RecordingRules } from './recording-rules';
import { ParseIdPipe } from '../common/validation';

@ApiTags('indicators')
@ApiBearerAuth()
@Controller(`${API_PREFIX}/indicators`)
export class IndicatorsController {
  constructor(
    private readonly service: MeasurementsService,
    private readonly rules: RecordingRules,
    private readonly status: StatusService,
    private readonly measurements: MeasurementsRepository,
    private readonly baselines: BaselinesRepository,
    private readonly calendar: Calendar,
    private readonly roadmap: RoadmapRepository,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'An indicator with its targets, status and values' })
  @ApiOkResponse({ description: 'The indicator, its targets and its status as of a date, with the values a chart draws.' })
  @ApiNotFoundResponse()
  async get(@Param('id', ParseIdPipe) id: number, @Query() q: AsOfQueryDto, @RequestLang() lang: Lang) {
    const { objective } = this.rules.indicator(id);
    const indicator = this.roadmap.structure(lang).indicatorsById.get(id)!; // its name and targets' words in `lang`
    const asOf = q.asOf ?? this.calendar.today();
    const cutoff = this.calendar.cutoff(asOf);
    const status = await this.status.indicator(indicator, asOf);
    const series = await this.measurements.seriesAsOf(id, asOf, cutoff);
    return {
      objectiveCode: objective.code,
      asOf,
      ...status,
      targets: indicator.targets.map((t, k) => ({ ...t, ...status.targets[k] })),
      measurements: series.map((m) => ({ id: m.id, value: m.value, observedAt: m.observedAt })),
    };
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every version of every value of an indicator, and its baselines' })
  @ApiOkResponse({ description: 'Every value ever recorded, corrections and superseded versions included, with who/when/why; and every baseline.' })
  async history(@Param('id', ParseIdPipe) id: number, @RequestLang() lang: Lang) {
    const { objective } = this.rules.indicator(id);
    const indicator = this.roadmap.structure(lang).indicatorsById.get(id)!;
    return {
      indicator: { id, name: indicator.name, lang: indicator.lang, unit: indicator.unit, objectiveCode: objective.code },
      measurements: await this.measurements.history(id),
      baselines: await this.baselines.history(id),
    };
  }

  @Post(':id/measurements')
  @ApiOperation({ summary: 'Record a value' })
  @Roles('admin', 'editor')
  @ApiCreatedResponse({ description: 'The stored measurement, with who recorded it and when.' })
  @ApiForbiddenResponse({ description: 'Your role or bodies do not allow recording for this objective.' })
  @ApiConflictResponse({ description: 'A value for this date exists: correct it instead.' })
  record(@CurrentPrincipal() me: Principal, @Param('id', ParseIdPipe) id: number, @Body() body: RecordMeasurementDto) {
    return this.service.record(id, body, me);
  }

  @Put(':id/baseline')
  @ApiOperation({ summary: "Set an indicator's baseline" })
  @Roles('admin', 'editor')
  @ApiOkResponse({ description: 'The baseline (value, date) the trajectory starts from; without one, the first value is used.' })
  setBaseline(@CurrentPrincipal() me: Principal, @Param('id', ParseIdPipe) id: number, @Body() body: SetBaselineDto) {
    return this.service.setBaseline(id, body, me);
  }
}
