import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Principal } from '@app/accounts';
import type { Lang } from '@app/reports';
import { Csrf } from './csrf';
import { webLabels, WebLabels } from './labels';
import { PageContext, WebRenderer } from './web-renderer';
import { pageLang } from './web-session';

/** Builds what every page needs (language, user, CSRF token, flash) and sends it. */
@Injectable()
export class WebContext {
  constructor(
    private readonly csrf: Csrf,
    private readonly renderer: WebRenderer,
  ) {}

  lang(req: Request, res: Response): Lang {
    return pageLang(req, res);
  }

  labels(req: Request, res: Response): WebLabels {
    return webLabels(pageLang(req, res));
  }

  send(
    req: Request,
    res: Response,
    principal: Principal | undefined,
    page: string,
    context: { title: string; lang?: Lang; [key: string]: unknown },
    status = 200,
  ): void {
    const lang = context.lang ?? pageLang(req, res);
    const user = principal
      ? {
          name: principal.name,
          email: principal.email,
          role: principal.role,
          bodies: principal.bodies,
          canRecord: principal.role === 'admin' || principal.role === 'editor',
          isAdmin: principal.role === 'admin',
        }
      : null;
    const full: PageContext = { ...context, lang, path: req.originalUrl, user, csrfToken: this.csrf.token(req, res) };
    const html = this.renderer.render(page, full);
    res.status(status).type('html').send(html);
  }
}
