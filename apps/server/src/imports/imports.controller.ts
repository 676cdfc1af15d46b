import { Controller, HttpCode, Post, Query, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiPropertyOptional,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Principal } from '@app/accounts';
import { ValidationFailed } from '@app/common';
import { Lang, localizeProblems } from '@app/presentation';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { API_PREFIX } from '../common/api';
import { RequestLang } from '../common/request-lang';
import { UploadedSpreadsheet, UploadedSpreadsheetFile, UploadInterceptor } from '../common/upload';
import { ImportsService } from './imports.service';

class ImportQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'true', description: 'true: check and report only (default); false: record all rows or none' })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';
}

@ApiTags('imports')
@ApiBearerAuth()
@Roles('admin', 'editor')
@Controller(`${API_PREFIX}/imports`)
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @ApiOperation({ summary: 'Import measurements from a CSV or XLSX file (dry run by default)' })
  @HttpCode(200)
  @UseInterceptors(UploadInterceptor) // size and count limits enforced while streaming, before any parsing
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: { file: { type: 'string', format: 'binary', description: 'CSV (UTF-8, comma or semicolon) or XLSX' } },
    },
  })
  @ApiOkResponse({ description: 'Dry run: every problem with its line. Real run: the import id and rows recorded.' })
  @ApiUnprocessableEntityResponse({ description: 'Real run refused: nothing was recorded; the problems are listed.' })
  async import(
    @CurrentPrincipal() me: Principal,
    @UploadedSpreadsheetFile() file: UploadedSpreadsheet | undefined,
    @Query() q: ImportQueryDto,
    @RequestLang() lang: Lang,
  ) {
    if (!file) throw new ValidationFailed([{ code: 'upload.no_file', field: 'file' }]);
    const report = await this.imports.run(file, q.dryRun !== 'false', me);
    // Each problem: {code, line, field, message}, the message in the request's language ("Ligne 12, Valeur : …").
    return { ...report, problems: localizeProblems(report.problems, lang) };
  }
}
