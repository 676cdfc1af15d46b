import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '@app/accounts';
import type { Lang } from '@app/presentation';
import { Csrf } from './csrf';
import { webLabels, WebLabels } from '@app/presentation';
import { PageContext, WebRenderer } from './web-renderer';
import { pageLang } from './web-session';
import { FormState, hasErrors } from './forms';

/** Builds what every page needs (language, user, CSRF token, flash) and sends it. */
@Injectable()
export class WebContext {
  constructor(
    private readonly csrf: Csrf,
    private readonly renderer: WebRenderer,
  ) {}

  lang(req: FastifyRequest, res: FastifyReply): Lang {
    return pageLang(req, res);
  }

  labels(req: FastifyRequest, res: FastifyReply): WebLabels {
    return webLabels(pageLang(req, res));
  }

  send(
    req: FastifyRequest,
    res: FastifyReply,
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
    // After a failed submit: the title says so first, and the summary at the top lists every error.
    const formState = context.formState as FormState | undefined;
    const failed = hasErrors(formState);
    const title = failed ? `${this.renderer.labels(lang).errorTitlePrefix}${context.title}` : context.title;
    const errorSummary = failed ? { errors: formState!.errors, message: formState!.message } : null;
    // The breadcrumb names the page, not the error.
    const full: PageContext = { ...context, crumb: (context.crumb as string | undefined) ?? context.title, title, errorSummary, lang, path: req.url, user, csrfToken: this.csrf.token(req, res) };
    res.header('Cache-Control', 'no-store');
    const html = this.renderer.render(page, full);
    res.code(status).type('text/html; charset=utf-8').send(html);
  }
}
