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
import { TerritorialValuesDto, TerritorialValuesQueryDto } from './dto/territorial-values.dto';
import { TerritorialValuesService } from './territorial-values.service';
import { TerritorialTargetsService } from './territorial-targets.service';
import { SetTerritorialTargetDto } from './dto/territorial-target.dto';
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
    private readonly territorial: TerritorialValuesService,
    private readonly territorialTargets: TerritorialTargetsService,
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

  @Get(':id/territories')
  @ApiOperation({ summary: "An indicator's values by region or département, and the national value derived from them" })
  @ApiOkResponse({
    type: TerritorialValuesDto,
    description:
      'Per territory its latest value as of asOf (date, denominator), rank and gap to the national path; the national value derived by the rule (complete or partial, with counts) beside the recorded one.',
  })
  @ApiNotFoundResponse()
  territories(@Param('id', ParseIdPipe) id: number, @Query() q: TerritorialValuesQueryDto, @RequestLang() lang: Lang): Promise<TerritorialValuesDto> {
    return this.territorial.forIndicator(id, q.level, q.asOf ?? this.calendar.today(), lang);
  }

  @Post(':id/territorial-targets')
  @ApiOperation({ summary: "Set a territory's own target for an indicator (an ARS for its region)" })
  @Roles('admin', 'editor')
  @ApiCreatedResponse({ description: 'The target recorded; for a territory and due date, the latest recorded applies.' })
  @ApiForbiddenResponse({ description: 'Your bodies or your territory do not allow it.' })
  setTerritorialTarget(@CurrentPrincipal() me: Principal, @Param('id', ParseIdPipe) id: number, @Body() body: SetTerritorialTargetDto) {
    return this.territorialTargets.set(id, body, me);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every version of every value of an indicator, and its baselines' })
  @ApiOkResponse({
    description:
      'Every value ever recorded, national and territorial (territoryLevel, territoryCode, denominator), corrections and superseded versions included, with who/when/why; and every baseline.',
  })
  async history(@Param('id', ParseIdPipe) id: number, @RequestLang() lang: Lang) {
    const { objective } = this.rules.indicator(id);
    const indicator = this.roadmap.structure(lang).indicatorsById.get(id)!;
    return {
      indicator: { id, name: indicator.name, lang: indicator.lang, unit: indicator.unit, objectiveCode: objective.code },
      measurements: await this.measurements.history(id, { territories: true }),
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
