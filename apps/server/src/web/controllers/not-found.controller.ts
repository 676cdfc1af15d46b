import { Controller, Get, NotFoundException, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { AuthenticatedRequest, Public, WebPage } from '../../auth/auth.decorators';
import { WebContext } from '../web-context';

/** What belongs to the API, the assets or the operators keeps its own (JSON) not-found answer. */
const NOT_PAGES = /^\/(api|assets|health)(\/|$|\?)/;

/**
 * Any other GET that no route answers: the 404 page inside the layout, with the navigation for a
 * signed-in user. The router tries this wildcard last, after every real route. Not under the web
 * pages' exception filter: an unknown API path keeps the API's own error answer.
 */
@WebPage()
@ApiExcludeController()
@Controller()
export class NotFoundPagesController {
  constructor(private readonly web: WebContext) {}

  @Get('*')
  @Public()
  notFound(@Req() req: FastifyRequest & AuthenticatedRequest, @Res() res: FastifyReply) {
    if (NOT_PAGES.test(req.url)) throw new NotFoundException(`Cannot GET ${req.url.split('?')[0]}`);
    this.web.sendError(req, res, req.principal, 404);
  }
}
