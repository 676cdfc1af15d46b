import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Principal } from '@app/accounts';
import type { Lang } from '@app/presentation';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { API_PREFIX } from '../common/api';
import { RequestLang } from '../common/request-lang';
import { CloseReviewDto, PublicationQueryDto, RenderPublicationQueryDto } from './publishing.dto';
import { PublishingService } from './publishing.service';

@ApiTags('reviews')
@ApiBearerAuth()
@Controller(`${API_PREFIX}/reviews/:period`)
export class PublishingController {
  constructor(private readonly publishing: PublishingService) {}

  @Post('close')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Close a review period: freeze its published snapshot and make its official report' })
  @ApiOkResponse({ description: 'Closed: the snapshot hash, the missing updates (when forced) and the official reports made from the snapshot.' })
  @ApiConflictResponse({ description: 'Some updates are not validated (review.close_needs_validation, listing them), or the period is already closed.' })
  close(@CurrentPrincipal() me: Principal, @Param('period') period: string, @Body() body: CloseReviewDto) {
    return this.publishing.close(period, body.force === true, me.userId);
  }

  @Get('publication')
  @ApiOperation({ summary: 'A published period: when, its hash, its official reports, each objective’s status and rating' })
  @ApiOkResponse({ description: 'The publication of a closed period (404 while the period is open).' })
  publication(@Param('period') period: string, @Query() _q: PublicationQueryDto, @RequestLang() lang: Lang) {
    return this.publishing.summary(period, lang);
  }

  @Post('publication/reports')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Make the official reports a closing could not make (after a failure), from the snapshot' })
  async retryReports(@Param('period') period: string, @RequestLang() lang: Lang) {
    await this.publishing.makeOfficialReports(period, []);
    return this.publishing.summary(period, lang);
  }

  @Post('publication/render')
  @HttpCode(200)
  @Roles('admin', 'validator', 'editor')
  @ApiOperation({ summary: 'Render the official report again from the stored snapshot (not archived): same data hash, same HTML' })
  @ApiOkResponse({ description: 'The report file; X-Data-Hash carries its data hash.' })
  async render(@Param('period') period: string, @Query() q: RenderPublicationQueryDto, @Res() res: FastifyReply) {
    const format = q.format ?? 'html';
    const out = await this.publishing.renderAgain(period, format, q.lang ?? 'fr');
    res.header('X-Data-Hash', out.dataHash);
    res.header('Content-Disposition', `inline; filename="${out.fileName}"`);
    res.header('X-Content-Type-Options', 'nosniff');
    if (format === 'pdf') res.header('Content-Type', 'application/pdf');
    else {
      res.header('Content-Type', 'text/html; charset=utf-8');
      res.header(
        'Content-Security-Policy',
        `default-src 'none'; script-src ${out.scriptHashes.join(' ')}; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'`,
      );
    }
    res.send(out.content);
  }
}
