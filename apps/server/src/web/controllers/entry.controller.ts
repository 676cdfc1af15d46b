import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Principal } from '@app/accounts';
import { FieldError, NotFound } from '@app/common';
import { readNumber } from '@app/imports';
import { RoadmapRepository } from '@app/persistence';
import { AuthenticatedRequest, Roles } from '../../auth/auth.decorators';
import { createValidationPipe } from '../../common/validation';
import { CorrectMeasurementDto, RecordMeasurementDto } from '../../measurements/dto/measurement.dto';
import { MeasurementsService } from '../../measurements/measurements.service';
import { UpdateMilestoneDto } from '../../milestones/dto/milestone.dto';
import { MilestonesService } from '../../milestones/milestones.service';
import { Lang } from '@app/presentation';
import { FormState, refusalOf, refusedForm } from '../forms';
import { TerritorialPagesService } from '../territorial-pages.service';
import { WebContext } from '../web-context';
import { WebPages } from '../web-pages.decorator';

type PageRequest = FastifyRequest & AuthenticatedRequest;
type Form = Record<string, string | undefined>;

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : undefined);
const optional = (v: unknown) => text(v) || undefined;
const RECORD_FIELDS = ['territory', 'value', 'denominator', 'observedAt', 'source', 'comment', 'reason'] as const;
const CORRECT_FIELDS = ['value', 'observedAt', 'reason', 'comment'] as const;
const MILESTONE_FIELDS = ['state', 'completedOn', 'evidence', 'comment'] as const;

/**
 * The entry forms (record, correct, milestone). They go through the same DTO validation and
 * services as the API; on a problem the objective page comes back with each error next to its
 * field and what was typed kept.
 */
@WebPages()
@Roles('admin', 'editor')
@Controller()
export class EntryController {
  private readonly pipe = createValidationPipe();

  constructor(
    private readonly measurements: MeasurementsService,
    private readonly milestones: MilestonesService,
    private readonly roadmap: RoadmapRepository,
    private readonly pages: TerritorialPagesService,
    private readonly web: WebContext,
  ) {}

  /**
   * Every form of an objective page posts to the page's own URL, naming itself in `form`
   * (`record-<indicator>`, `correct-<measurement>`, `milestone-<milestone>`): after a failed
   * submit the address bar still shows the objective, which reloads.
   */
  @Post('objectives/:code')
  async submit(@Req() req: PageRequest, @Res() res: FastifyReply, @Param('code') code: string, @Body() body: Form) {
    const s = this.roadmap.structure();
    const objective = s.objectivesByCode.get(code);
    const m = /^(record|correct|milestone)-(\d{1,9})$/.exec(String(body.form ?? ''));
    if (!objective) throw new NotFound('not_found.objective', { code: code.slice(0, 40) });
    if (!m) throw new NotFound('not_found.route', { method: req.method, path: req.url.split('?')[0].slice(0, 200) });
    const [form, what, id] = [m[0], m[1], Number(m[2])];
    if (what === 'record') {
      if (s.indicatorsById.get(id)?.objectiveCode !== code) throw new NotFound('not_found.indicator', { id: String(id) });
      return this.handle(
        req,
        res,
        code,
        form,
        body,
        RECORD_FIELDS,
        async () => {
          const dto = await this.validate(RecordMeasurementDto, {
            value: this.number(body.value),
            observedAt: text(body.observedAt),
            source: text(body.source),
            comment: optional(body.comment),
            // Needed only for a date inside a review period whose update is validated (the service says so).
            reason: optional(body.reason),
            // Empty: the national value. A scoped editor's territory is checked by the service, as through the API.
            territory: optional(body.territory),
            denominator: this.number(body.denominator),
          });
          await this.measurements.record(id, dto, req.principal!);
        },
        `#indicator-${id}`,
      );
    }
    if (what === 'correct') {
      const measurement = await this.measurements.get(id);
      if (s.indicatorsById.get(measurement.indicatorId)?.objectiveCode !== code) throw new NotFound('not_found.measurement', { id: String(id) });
      return this.handle(
        req,
        res,
        code,
        form,
        body,
        CORRECT_FIELDS,
        async () => {
          const dto = await this.validate(CorrectMeasurementDto, {
            value: body.value === undefined || body.value === '' ? undefined : this.number(body.value),
            observedAt: optional(body.observedAt),
            reason: text(body.reason),
            comment: optional(body.comment),
          });
          await this.measurements.correct(id, dto, req.principal!);
        },
        `#indicator-${measurement.indicatorId}`,
      );
    }
    if (s.milestonesById.get(id)?.objectiveCode !== code) throw new NotFound('not_found.milestone', { id: String(id) });
    return this.handle(
      req,
      res,
      code,
      form,
      body,
      MILESTONE_FIELDS,
      async () => {
        const dto = await this.validate(UpdateMilestoneDto, {
          state: text(body.state),
          completedOn: text(body.state) === 'done' ? (optional(body.completedOn) ?? null) : optional(body.completedOn),
          evidence: optional(body.evidence) ?? null,
          comment: optional(body.comment),
        });
        await this.milestones.update(id, dto, req.principal!);
      },
      `#milestone-${id}`,
    );
  }

  private async handle(
    req: PageRequest,
    res: FastifyReply,
    code: string,
    form: string,
    body: Form,
    fields: readonly string[],
    work: () => Promise<void>,
    anchor: string,
  ) {
    try {
      await work();
      // Sent from an update's review page (`back`): the editor goes back there.
      const back = reviewPageOf(body.back, code);
      res.redirect(
        back ? (form.startsWith('milestone') ? `${back}?done=milestone#milestones` : `${back}?done=recorded#records`) : `/objectives/${code}?saved=1${anchor}`,
        303,
      );
    } catch (e) {
      const lang = this.web.lang(req, res);
      const state = this.formState(form, body, fields, e, lang);
      if (!state) throw e;
      const data = await this.pages.objective(code, req.principal as Principal, lang, state);
      this.web.send(
        req,
        res,
        req.principal,
        'objective',
        { title: `${data.objective.code} · ${data.objective.title}`, nav: 'roadmap', ...data, formState: state },
        refusalOf(e, lang)!.status,
      );
    }
  }

  private formState(form: string, body: Form, fields: readonly string[], e: unknown, lang: Lang): FormState | null {
    const refusal = refusalOf(e, lang);
    if (!refusal) return null;
    return refusedForm(form, Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'form')), refusal, lang, { fields });
  }

  /** Typed numbers: "1234.5", or French "1 234,5". Anything else stays a string the DTO refuses. */
  private number(v: string | undefined): unknown {
    if (v === undefined || v.trim() === '') return undefined;
    return readNumber(v, true) ?? readNumber(v, false) ?? v;
  }

  private async validate<T>(metatype: new () => T, value: Record<string, unknown>): Promise<T> {
    const clean = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
    return (await this.pipe.transform(clean, { type: 'body', metatype })) as T;
  }
}

/** The review page of this objective's update that a form came from (`/revue/2025-Q4/1-1`), or null. */
function reviewPageOf(back: string | undefined, code: string): string | null {
  const m = /^\/revue\/([0-9A-Za-z-]{4,10})\/([0-9]{1,2}-[0-9]{1,2})$/.exec(back ?? '');
  return m && m[2] === code ? back! : null;
}

export type { FieldError };
