import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '@app/accounts';
import type { Lang } from '@app/presentation';
import { Csrf } from './csrf';
import { fill, SiteLabels, WebLabels } from '@app/presentation';
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
    return this.renderer.labels(pageLang(req, res));
  }

  site(req: FastifyRequest, res: FastifyReply): SiteLabels {
    return this.renderer.site(pageLang(req, res));
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
    const full: PageContext = {
      ...context,
      crumb: (context.crumb as string | undefined) ?? context.title,
      title,
      errorSummary,
      lang,
      path: req.url,
      user,
      csrfToken: this.csrf.token(req, res),
    };
    res.header('Cache-Control', 'no-store');
    const html = this.renderer.render(page, full);
    res.code(status).type('text/html; charset=utf-8').send(html);
  }

  /**
   * An error page (403, 404, 4xx, 5xx) in the full layout. `detail` is the refusal's message from the
   * catalogue, shown for other 4xx and a 503 (it says what was wrong); 'csrf' is an expired form.
   */
  sendError(req: FastifyRequest, res: FastifyReply, principal: Principal | undefined, status: number, detail?: string): void {
    const lang = pageLang(req, res);
    const labels = this.renderer.labels(lang);
    const site = this.renderer.site(lang);
    const page =
      status === 404
        ? { heading: site.notFoundTitle, message: site.notFoundText, help: site.notFoundHelp }
        : status === 403
          ? detail === 'csrf'
            ? { heading: site.formExpiredTitle, message: labels.formExpired }
            : { heading: site.forbiddenTitle, message: labels.forbidden, help: site.forbiddenHelp }
          : status < 500
            ? { heading: site.badRequestTitle, message: detail ?? labels.serverError }
            : // A service that is unavailable (503, e.g. the PDF printer) says which; other faults say nothing of their inside.
              { heading: site.serverErrorTitle, message: (status === 503 && detail) || labels.serverError, help: site.serverErrorHelp };
    this.send(req, res, principal, 'error', { ...page, title: `${page.heading} (${fill(site.errorCode, status)})`, crumb: page.heading, status }, status);
  }
}
