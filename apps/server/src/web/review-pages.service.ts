import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@app/accounts';
import { Calendar, parsePeriod } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { RoadmapRepository } from '@app/persistence';
import {
  badge as statusBadge,
  CONFIDENCE_BADGE_VARIANTS,
  fillLabel,
  formatDate,
  formatDateTime,
  formatNumber,
  formatValue,
  Lang,
  LABELS,
  periodLabel,
  plural,
  renderCommentary,
  REVIEW_LABELS,
  reviewWebLabels,
  UPDATE_STATE_BADGE_VARIANTS,
} from '@app/presentation';
import {
  canValidate,
  canWriteUpdate,
  COMMENTARY_SECTIONS,
  CONFIDENCE_LEVELS,
  CONTRIBUTION_MAX_LENGTH,
  contributingBodyOf,
  daysLeft,
  periodDueToOpen,
  REASON_MAX_LENGTH,
  SECTION_MAX_LENGTH,
} from '@app/review';
import { StatusService } from '@app/snapshots';
import type { Status } from '@app/status';
import type { ObjectiveUpdateLineDto, ReviewPeriodDto } from '../reviews/dto/review-responses.dto';
import { PublishingService } from '../publishing/publishing.service';
import { actorOf, ReviewsService } from '../reviews/reviews.service';
import { FormState } from './forms';
import { PagesService } from './pages.service';

type UpdateState = keyof typeof UPDATE_STATE_BADGE_VARIANTS;
type Confidence = keyof typeof CONFIDENCE_BADGE_VARIANTS;

/** A badge as the status-badge partial draws it: its words always beside its colour. */
export interface PageBadge {
  label: string;
  variant: string | null;
  status: string;
}

/** The data of the review pages (Ma revue, an update, the validation queue, the overview), shaped for their templates. */
@Injectable()
export class ReviewPagesService {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly publishing: PublishingService,
    private readonly pages: PagesService,
    private readonly status: StatusService,
    private readonly roadmap: RoadmapRepository,
    private readonly calendar: Calendar,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ── Badges and words ─────────────────────────────────────────────────────────────────────────

  stateBadge(state: string, lang: Lang): PageBadge {
    const words = REVIEW_LABELS[lang];
    if (state in UPDATE_STATE_BADGE_VARIANTS)
      return { label: words.states[state as UpdateState], variant: UPDATE_STATE_BADGE_VARIANTS[state as UpdateState], status: `update-${state}` };
    return { label: words.notStarted, variant: null, status: 'update-not_started' };
  }

  ratingBadge(confidence: string | null, lang: Lang): PageBadge | null {
    if (!confidence) return null;
    return {
      label: REVIEW_LABELS[lang].confidence[confidence as Confidence],
      variant: CONFIDENCE_BADGE_VARIANTS[confidence as Confidence],
      status: `rating-${confidence}`,
    };
  }

  private async statusBadges(lang: Lang): Promise<Map<string, PageBadge>> {
    const snapshot = await this.status.snapshot(this.calendar.today(), lang);
    return new Map(snapshot.objectives.map((o) => [o.code, statusBadge(o.status as Status, LABELS[lang])]));
  }

  /** "12 jours restants", "dernier jour aujourd'hui", "en retard de 3 jours". */
  timing(daysLeft: number, lang: Lang): { text: string; late: boolean } {
    const l = reviewWebLabels(lang);
    if (daysLeft > 0) return { text: plural(daysLeft, l.daysLeft, lang), late: false };
    if (daysLeft === 0) return { text: l.lastDay, late: false };
    return { text: plural(-daysLeft, l.lateBy, lang), late: true };
  }

  private when(instant: string | null | undefined, lang: Lang): string {
    return formatDateTime(instant ?? null, lang, this.config.timezone);
  }

  private periodSummary(p: ReviewPeriodDto, lang: Lang) {
    return {
      period: p.period,
      state: p.state,
      stateLabel: REVIEW_LABELS[lang].periodStates[p.state],
      deadline: formatDate(p.deadline, lang),
      timing: p.state === 'open' ? this.timing(p.daysLeft, lang) : null,
      closedOn: p.closedAt ? fillLabel(reviewWebLabels(lang).closedOn, { date: this.when(p.closedAt, lang) }) : null,
      counts: p.counts,
      progress: fillLabel(reviewWebLabels(lang).progressOf, { submitted: p.counts.submitted, expected: p.counts.expected }),
      href: `/revue/${p.period}`,
    };
  }

  // ── Ma revue ─────────────────────────────────────────────────────────────────────────────────

  async home(principal: Principal, lang: Lang) {
    const l = reviewWebLabels(lang);
    const actor = actorOf(principal);
    const periods = await this.reviews.listPeriods();
    const statuses = await this.statusBadges(lang);
    const structure = this.roadmap.structure(lang);
    const mine = principal.bodies;
    const openPeriods = periods.filter((p) => p.state === 'open');
    const details = await Promise.all(openPeriods.map((p) => this.reviews.getPeriod(p.period, lang)));
    const open = openPeriods.map((p, k) => {
      const detail = details[k];
      const row = (o: ObjectiveUpdateLineDto) => this.line(p.period, o, statuses, lang);
      const led = detail.objectives.filter((o) => mine.includes(o.leadBody));
      const ledSubmitted = led.filter((o) => o.state === 'submitted' || o.state === 'validated').length;
      const contributed = structure.objectives
        .filter((o) => !mine.includes(o.leadBody) && contributingBodyOf(actor, o))
        .map((o) => ({ ...row(detail.objectives.find((x) => x.objectiveCode === o.code)!), body: contributingBodyOf(actor, o) }));
      return {
        ...this.periodSummary(p, lang),
        heading: fillLabel(l.reviewOf, { period: this.periodWords(p.period, lang) }),
        led: led.map(row),
        ledProgress: fillLabel(l.progressOf, { submitted: ledSubmitted, expected: led.length }),
        contributed,
        queueCount: detail.objectives.filter((o) => o.state === 'submitted').length,
      };
    });
    const queueCount = open.reduce((n, p) => n + p.queueCount, 0);
    const deadlineDay = this.config.review.deadlineDay;
    return {
      isEditor: principal.role === 'editor',
      bodiesText: mine.join(', '),
      ledHeading: fillLabel(l.ledHeading, { bodies: mine.join(', ') }),
      contributedHeading: fillLabel(l.contributedHeading, { bodies: mine.join(', ') }),
      open,
      periods: periods.map((p) => ({ ...this.periodSummary(p, lang), words: this.periodWords(p.period, lang) })),
      canValidate: canValidate(actor),
      queueText: queueCount ? plural(queueCount, l.queueCount, lang) : l.queueEmpty,
      isAdmin: principal.role === 'admin',
      suggestedPeriod: periodDueToOpen(this.config.review, this.calendar.today()).period.id,
      deadlineHint: fillLabel(l.deadlineHint, { day: deadlineDay }),
    };
  }

  private periodWords(period: string, lang: Lang): string {
    return periodLabel(parsePeriod(period), lang);
  }

  private line(period: string, o: ObjectiveUpdateLineDto, statuses: Map<string, PageBadge>, lang: Lang) {
    return {
      code: o.objectiveCode,
      title: o.title,
      leadBody: o.leadBody,
      state: o.state,
      stateBadge: this.stateBadge(o.state, lang),
      statusBadge: statuses.get(o.objectiveCode) ?? null,
      ratingBadge: this.ratingBadge(o.confidence, lang),
      revised: !!o.revisedAfterValidationAt,
      lastChange: o.updatedAt ? `${this.when(o.updatedAt, lang)}${o.updatedBy ? ` · ${o.updatedBy.name}` : ''}` : null,
      submittedBy: o.submittedBy?.name ?? null,
      submittedAt: o.submittedAt,
      submittedAtText: o.submittedAt ? this.when(o.submittedAt, lang) : null,
      href: `/revue/${period}/${o.objectiveCode}`,
    };
  }

  // ── The validation queue ─────────────────────────────────────────────────────────────────────

  async queue(lang: Lang) {
    const statuses = await this.statusBadges(lang);
    const open = (await this.reviews.listPeriods()).filter((p) => p.state === 'open');
    const details = await Promise.all(open.map((p) => this.reviews.getPeriod(p.period, lang)));
    return open
      .flatMap((p, k) =>
        details[k].objectives
          .filter((o) => o.state === 'submitted')
          .map((o) => ({ ...this.line(p.period, o, statuses, lang), period: p.period, periodWords: this.periodWords(p.period, lang) })),
      )
      .sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''));
  }

  // ── The overview ─────────────────────────────────────────────────────────────────────────────

  async overview(period: string, lang: Lang) {
    const l = reviewWebLabels(lang);
    const detail = await this.reviews.getPeriod(period, lang);
    const statuses = await this.statusBadges(lang);
    const lines = detail.objectives.map((o) => this.line(detail.period, o, statuses, lang));
    const bodies = detail.bodies.map((b) => ({
      body: b.body,
      cells: lines.filter((o) => o.leadBody === b.body),
      submittedOfExpected: `${b.submitted} / ${b.expected}`,
      validated: b.validated,
      onTime: b.onTime,
      late: b.late,
      missing: b.missing,
      standing: l.standing[b.standing as keyof typeof l.standing],
      standingBadge: {
        label: l.standing[b.standing as keyof typeof l.standing],
        variant: { complete: 'success', late: 'error', incomplete: 'warning', in_progress: 'info' }[b.standing] ?? null,
        status: `standing-${b.standing}`,
      },
    }));
    const notValidated = detail.objectives.filter((o) => o.state !== 'validated').map((o) => o.objectiveCode);
    return {
      summary: { ...this.periodSummary(detail, lang), words: this.periodWords(detail.period, lang) },
      // Closing (admins, open period): how many updates are not validated yet, which closing anyway lists as missing.
      notValidatedText: notValidated.length ? fillLabel(l.notValidated, { count: notValidated.length, total: detail.objectives.length }) : null,
      publication: detail.state === 'closed' ? await this.publication(detail.period, lang) : null,
      bodies,
      // The table reads as the grid does: by lead body, then by objective.
      lines: bodies.flatMap((b) => b.cells),
      legend: ['not_started', 'draft', 'submitted', 'returned', 'validated'].map((s) => ({ state: s, badge: this.stateBadge(s, lang) })),
    };
  }

  /** A closed period's official reports (pages and PDF) and what was missing at closing. */
  private async publication(period: string, lang: Lang) {
    const l = reviewWebLabels(lang);
    const summary = await this.publishing.summary(period, lang);
    return {
      publishedAt: fillLabel(l.publishedAt, { date: this.when(summary.publishedAt, lang) }),
      reports: summary.reports.map((r) => ({
        href: `/reports/${r.id}/file`,
        label: fillLabel(l.reportLink, { format: r.format.toUpperCase(), lang: l.reportLangs[r.lang as Lang] }),
        lang: r.lang,
      })),
      pending: summary.reportsPending,
      missing: summary.missingAtClosing,
    };
  }

  // ── An objective's update ────────────────────────────────────────────────────────────────────

  async update(period: string, code: string, principal: Principal, lang: Lang, formState?: FormState) {
    const l = reviewWebLabels(lang);
    const words = REVIEW_LABELS[lang];
    const u = await this.reviews.getUpdate(period, code, lang);
    const o = await this.pages.objective(code, principal, lang);
    const actor = actorOf(principal);
    const open = u.periodState === 'open';
    const writer = canWriteUpdate(actor, u);
    const own = !!(u.submittedBy?.id === principal.userId || u.updatedBy?.id === principal.userId);
    const canWrite = open && writer && u.state !== 'submitted';
    const contributor = open ? contributingBodyOf(actor, u) : null;
    const validator = open && canValidate(actor) && u.state === 'submitted';
    const typed = (form: string) => (formState && formState.form === form ? formState : null);
    const updateForm = typed('update');
    const value = (field: string, current: unknown) => (updateForm ? (updateForm.values[field] as string | undefined) : current) ?? '';
    const errorOf = (state: FormState | null, field: string) => state?.errors.find((e) => e.field === field)?.message ?? null;
    const lastReturn = [...u.history].reverse().find((e) => e.action === 'return');
    const units = new Map(o.indicators.map((i) => [i.id, i.unit]));
    return {
      title: fillLabel(l.updateTitle, { code, period: this.periodWords(u.period, lang) }),
      period: u.period,
      periodWords: this.periodWords(u.period, lang),
      updateHeading: fillLabel(l.updateOf, { period: this.periodWords(u.period, lang) }),
      updateWord: words.update,
      ratingLegend: words.confidenceTitle,
      objective: o.objective,
      stateBadge: this.stateBadge(u.state, lang),
      ratingBadge: this.ratingBadge(u.confidence, lang),
      deadline: formatDate(u.deadline, lang),
      timing: open ? this.timing(daysLeft(u.deadline, this.calendar.today()), lang) : null,
      periodClosed: !open,
      returned:
        u.state === 'returned' && u.returnReason
          ? { reason: u.returnReason, by: fillLabel(l.returnedBy, { name: lastReturn?.by.name ?? '', date: this.when(lastReturn?.at, lang) }) }
          : null,
      revised: u.revisedAfterValidation ? fillLabel(l.revisedOn, { date: this.when(u.revisedAfterValidationAt, lang) }) : null,
      submittedNote: u.state === 'submitted' ? fillLabel(l.submittedWaiting, { name: u.submittedBy?.name ?? '', date: this.when(u.submittedAt, lang) }) : null,
      validatedNote: u.state === 'validated' ? fillLabel(l.validatedNote, { name: u.validatedBy?.name ?? '', date: this.when(u.validatedAt, lang) }) : null,
      readOnlyNote: !writer && open ? fillLabel(l.readOnlyNote, { leadBody: u.leadBody }) : null,
      indicators: o.indicators.map((i) => ({ id: i.id, name: i.name, lang: i.lang, latest: i.latest, badge: i.badge, stale: i.stale, unitLabel: i.unitLabel })),
      canRecord: o.canRecord,
      values: u.records.measurements.map((m) => ({
        indicator: m.indicator,
        value: formatValue(m.value, units.get(m.indicatorId) ?? 'count', lang),
        date: formatDate(m.observedAt, lang),
        recordedBy: m.recordedBy.name,
        indicatorId: m.indicatorId,
      })),
      milestones: o.milestones.map((m) => ({
        id: m.id,
        title: m.title,
        lang: m.lang,
        due: m.due,
        state: m.state,
        stateLabel: m.stateLabel,
        badge: m.badge,
        completedOn: m.completedOn,
        evidence: m.evidence,
      })),
      // The recording forms post to the objective page's URL and come back here.
      back: `/revue/${u.period}/${code}`,
      // What the update says, as its readers see it (markdown-light rendered, escaped).
      sections: COMMENTARY_SECTIONS.map((s) => ({ key: s, label: words.sections[s], html: renderCommentary(u[s]) })),
      hasContent: !!u.confidence || COMMENTARY_SECTIONS.some((s) => !!u[s]),
      canWrite,
      revision: canWrite && u.state === 'validated',
      canSubmit: canWrite && u.state !== 'validated',
      updateForm: canWrite
        ? {
            errors: updateForm?.errors ?? [],
            message: updateForm?.message,
            version: updateForm?.values.version ?? u.version,
            ratings: CONFIDENCE_LEVELS.map((level) => ({
              value: level,
              id: `update-confidence-${level}`,
              label: words.confidence[level],
              hint: words.confidenceHint[level],
              checked: value('confidence', u.confidence) === level,
            })),
            ratingError: errorOf(updateForm, 'confidence'),
            fields: COMMENTARY_SECTIONS.map((s) => {
              const text = String(value(s, u[s]));
              const length = text.replace(/\r\n?/g, '\n').trim().length;
              return {
                key: s,
                id: `update-${s}`,
                label: words.sections[s],
                hint: l.sectionHints[s],
                value: text,
                error: errorOf(updateForm, s),
                ...this.counter(length, SECTION_MAX_LENGTH, lang),
              };
            }),
            reason: value('reason', ''),
            reasonError: errorOf(updateForm, 'reason'),
            reasonMax: REASON_MAX_LENGTH,
          }
        : null,
      formatHint: fillLabel(l.formatHint, { max: this.number(SECTION_MAX_LENGTH, lang) }),
      validator,
      ownUpdate: validator && own,
      returnForm:
        validator && !own
          ? { value: typed('return')?.values.reason ?? '', error: errorOf(typed('return'), 'reason'), message: typed('return')?.message }
          : null,
      validateForm: validator && !own ? { message: typed('validate')?.message } : null,
      contributions: u.contributions.map((c) => ({
        by: fillLabel(l.contributionBy, { body: c.body, name: c.author.name, date: this.when(c.createdAt, lang) }),
        html: renderCommentary(c.text),
      })),
      contributionForm: contributor
        ? {
            body: contributor,
            label: fillLabel(l.contributionText, { body: contributor }),
            hint: fillLabel(l.contributionHint, { max: this.number(CONTRIBUTION_MAX_LENGTH, lang) }),
            value: typed('contribution')?.values.text ?? '',
            error: errorOf(typed('contribution'), 'text'),
            message: typed('contribution')?.message,
            ...this.counter(String(typed('contribution')?.values.text ?? '').length, CONTRIBUTION_MAX_LENGTH, lang),
          }
        : null,
      history: [...u.history].reverse().map((e) => ({
        when: this.when(e.at, lang),
        who: e.by.name,
        what: l.actions[e.action as keyof typeof l.actions] ?? e.action,
        from: e.fromState ? words.states[e.fromState as UpdateState] : l.created,
        to: words.states[e.toState as UpdateState],
        reason: e.reason,
      })),
    };
  }

  /** What a character counter says before the page's script takes over. */
  private counter(length: number, max: number, lang: Lang) {
    const l = reviewWebLabels(lang);
    const over = length - max;
    return {
      max,
      counterText: fillLabel(over > 0 ? l.counterOver : l.counter, {
        n: this.number(length, lang),
        max: this.number(max, lang),
        over: this.number(over, lang),
      }),
      counterTemplate: l.counter.replace('{max}', this.number(max, lang)),
      counterOverTemplate: l.counterOver.replace('{max}', this.number(max, lang)),
    };
  }

  private number(n: number, lang: Lang): string {
    return formatNumber(n, lang);
  }
}
