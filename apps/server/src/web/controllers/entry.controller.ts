import { Controller, Param, Post, Req, Res, Body } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Principal } from '@app/accounts';
import { Conflict, FieldError, Forbidden, NotFound, ValidationFailed } from '@app/common';
import { Lang, localizeError, localizeProblems } from '@app/presentation';
import { readNumber } from '@app/imports';
import { RoadmapRepository } from '@app/persistence';
import { AuthenticatedRequest, Roles } from '../../auth/auth.decorators';
import { httpStatusOf } from '../../common/error-filter';
import { createValidationPipe, ParseIdPipe } from '../../common/validation';
import { CorrectMeasurementDto, RecordMeasurementDto } from '../../measurements/dto/measurement.dto';
import { MeasurementsService } from '../../measurements/measurements.service';
import { UpdateMilestoneDto } from '../../milestones/dto/milestone.dto';
import { MilestonesService } from '../../milestones/milestones.service';
import { FormState, PagesService } from '../pages.service';
import { WebContext } from '../web-context';
import { WebPages } from '../web-pages.decorator';

type PageRequest = FastifyRequest & AuthenticatedRequest;
type Form = Record<string, string | undefined>;

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : undefined);
const optional = (v: unknown) => text(v) || undefined;

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
    private readonly pages: PagesService,
    private readonly web: WebContext,
  ) {}

  @Post('indicators/:id/measurements')
  async record(@Req() req: PageRequest, @Res() res: FastifyReply, @Param('id', ParseIdPipe) id: number, @Body() body: Form) {
    const code = this.objectiveOfIndicator(id);
    await this.handle(req, res, code, `record-${id}`, body, async () => {
      const dto = await this.validate(RecordMeasurementDto, { value: this.number(body.value), observedAt: text(body.observedAt), source: text(body.source), comment: optional(body.comment) });
      this.measurements.record(id, dto, req.principal!);
    }, `#indicator-${id}`);
  }

  @Post('measurements/:id/corrections')
  async correct(@Req() req: PageRequest, @Res() res: FastifyReply, @Param('id', ParseIdPipe) id: number, @Body() body: Form) {
    const measurement = this.measurements.get(id);
    const code = this.objectiveOfIndicator(measurement.indicatorId);
    await this.handle(req, res, code, `correct-${id}`, body, async () => {
      const dto = await this.validate(CorrectMeasurementDto, {
        value: body.value === undefined || body.value === '' ? undefined : this.number(body.value),
        observedAt: optional(body.observedAt),
        reason: text(body.reason),
        comment: optional(body.comment),
      });
      this.measurements.correct(id, dto, req.principal!);
    }, `#indicator-${measurement.indicatorId}`);
  }

  @Post('milestones/:id')
  async milestone(@Req() req: PageRequest, @Res() res: FastifyReply, @Param('id', ParseIdPipe) id: number, @Body() body: Form) {
    const milestone = this.roadmap.structure().milestonesById.get(id);
    if (!milestone) throw new NotFound('not_found.milestone', { id: String(id) });
    await this.handle(req, res, milestone.objectiveCode, `milestone-${id}`, body, async () => {
      const dto = await this.validate(UpdateMilestoneDto, {
        state: text(body.state),
        completedOn: text(body.state) === 'done' ? (optional(body.completedOn) ?? null) : optional(body.completedOn),
        evidence: optional(body.evidence) ?? null,
        comment: optional(body.comment),
      });
      this.milestones.update(id, dto, req.principal!);
    }, `#milestone-${id}`);
  }

  private async handle(req: PageRequest, res: FastifyReply, code: string, form: string, body: Form, work: () => Promise<void>, anchor: string) {
    try {
      await work();
      res.redirect(`/objectives/${code}?saved=1${anchor}`, 303);
    } catch (e) {
      const lang = this.web.lang(req, res);
      const state = this.formState(form, body, e, lang);
      if (!state) throw e;
      const data = this.pages.objective(code, req.principal as Principal, lang);
      this.web.send(req, res, req.principal, 'objective', { title: `${data.objective.code} · ${data.objective.title}`, nav: 'roadmap', ...data, formState: state }, httpStatusOf(e));
    }
  }

  /**
   * The form as it came back: every problem next to its field, in the page's language, from the
   * same catalogue as the API. A conflict about a field (a value already recorded on that date)
   * shows at that field; a refusal about the whole form (permission) above it.
   */
  private formState(form: string, body: Form, e: unknown, lang: Lang): FormState | null {
    const values = Object.fromEntries(Object.entries(body).filter(([k]) => k !== '_csrf'));
    if (e instanceof ValidationFailed) return { form, errors: localizeProblems(e.problems, lang), values };
    if (e instanceof Conflict || e instanceof Forbidden) {
      const { message, errors } = localizeError(e, lang);
      return e.field ? { form, errors, values } : { form, errors: [], values, message };
    }
    return null;
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

  private objectiveOfIndicator(id: number): string {
    const indicator = this.roadmap.structure().indicatorsById.get(id);
    if (!indicator) throw new NotFound('not_found.indicator', { id: String(id) });
    return indicator.objectiveCode;
  }
}

export type { FieldError };
