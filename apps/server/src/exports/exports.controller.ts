import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags, ApiOperation } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import type { Lang } from '@app/presentation';
import { API_PREFIX } from '../common/api';
import { AsOfQueryDto } from '../common/as-of.dto';
import { RequestLang } from '../common/request-lang';
import { CsvSeparator, ExportFile, ExportFormat, ExportsService } from './exports.service';

class ExportQueryDto extends AsOfQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx', 'json'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx', 'json'])
  format?: ExportFormat;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'measurements: every version, corrections included' })
  @IsOptional()
  @IsIn(['true', 'false'])
  allVersions?: 'true' | 'false';

  @ApiPropertyOptional({
    enum: ['semicolon', 'comma'],
    description: 'CSV: `semicolon` (decimal comma, what French Excel opens) or `comma` (decimal point). Default: semicolon in French, comma in English.',
  })
  @IsOptional()
  @IsIn(['semicolon', 'comma'])
  separator?: CsvSeparator;
}

@ApiTags('exports')
@ApiBearerAuth()
@Controller(`${API_PREFIX}/exports`)
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('measurements')
  @ApiOperation({ summary: 'Export measurements (CSV, XLSX or JSON)' })
  @ApiOkResponse({ description: 'Current values as of a date (or every version), as CSV, XLSX or JSON.' })
  async measurements(@Query() q: ExportQueryDto, @RequestLang() lang: Lang, @Res() res: FastifyReply) {
    const options = { lang, separator: q.separator, asOf: q.asOf, allVersions: q.allVersions === 'true' };
    send(res, await this.exports.measurementsFile(q.format ?? 'csv', options));
  }

  @Get('status')
  @ApiOperation({ summary: 'Export targets and milestones with their status (CSV, XLSX or JSON)' })
  @ApiOkResponse({ description: 'Every target and milestone with its status as of a date, as CSV, XLSX or JSON.' })
  async status(@Query() q: ExportQueryDto, @RequestLang() lang: Lang, @Res() res: FastifyReply) {
    send(res, await this.exports.statusFile(q.format ?? 'csv', { lang, separator: q.separator, asOf: q.asOf }));
  }
}

function send(res: FastifyReply, file: ExportFile): void {
  res.header('Content-Type', file.contentType);
  res.header('Content-Disposition', `attachment; filename="${file.fileName}"`);
  res.send(file.body);
}
