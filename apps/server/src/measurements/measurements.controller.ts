import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Principal } from '@app/accounts';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { API_PREFIX } from '../common/api';
import { CorrectMeasurementDto } from './dto/measurement.dto';
import { MeasurementsService } from './measurements.service';
import { ParseIdPipe } from '../common/validation';

@ApiTags('measurements')
@ApiBearerAuth()
@Controller(`${API_PREFIX}/measurements`)
export class MeasurementsController {
  constructor(private readonly service: MeasurementsService) {}

  @Get(':id')
  @ApiOperation({ summary: 'Get one measurement' })
  get(@Param('id', ParseIdPipe) id: number) {
    return this.service.get(id);
  }

  @Post(':id/corrections')
  @ApiOperation({ summary: 'Correct a measurement (adds a new version)' })
  @Roles('admin', 'editor')
  @ApiCreatedResponse({ description: 'The new version; the corrected one stays in the history, marked superseded.' })
  @ApiConflictResponse({ description: 'This version was already corrected: correct the latest one.' })
  correct(@CurrentPrincipal() me: Principal, @Param('id', ParseIdPipe) id: number, @Body() body: CorrectMeasurementDto) {
    return this.service.correct(id, body, me);
  }
}
