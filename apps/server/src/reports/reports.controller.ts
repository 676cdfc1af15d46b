import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Principal } from '@app/accounts';
import { ReportsService } from '@app/reports';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { API_PREFIX } from '../common/api';
import { CreateReportDto, ListReportsDto, ReportFileQueryDto } from './dto/report.dto';
import { reportFileName, sendReport } from './report-file';

@ApiTags('reports')
@ApiBearerAuth()
@Controller(`${API_PREFIX}/reports`)
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @ApiOperation({ summary: 'Generate a progress report (PDF or HTML)' })
  @Roles('admin', 'editor')
  @ApiCreatedResponse({ description: 'The report is generated, stored in the archive and described here (url: the file).' })
  @ApiServiceUnavailableResponse({ description: 'Chromium failed or hung while printing; it was restarted: try again.' })
  async create(@CurrentPrincipal() me: Principal, @Body() body: CreateReportDto) {
    // A Chromium failure is a ReportRenderError: 503 at the edge, like every domain error.
    return await this.reports.generate(body, { userId: me.userId, trigger: 'manual' });
  }

  @Get()
  @ApiOperation({ summary: 'The report archive, newest first' })
  @ApiOkResponse({ description: 'The archive, newest first; filter by kind, scope and period.' })
  async list(@Query() q: ListReportsDto) {
    return (await this.reports.list(q)).map((r) => ({ ...r, url: `/${API_PREFIX}/reports/${r.id}`, fileName: reportFileName(r) }));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Download a report file' })
  @ApiOkResponse({ description: 'The report file (PDF or HTML).' })
  async file(@Param('id') id: string, @Query() q: ReportFileQueryDto, @Res() res: FastifyReply) {
    sendReport(res, await this.reports.get(id), q.download === 'true');
  }
}
