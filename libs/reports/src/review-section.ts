import type { ObjectiveStatusView } from '@app/snapshots';
import { COMMENTARY_SECTIONS, completenessByBody, ObjectiveUpdateLine, UpdateContent, UpdateState } from '@app/review';
import {
  Badge,
  badge,
  byCode,
  CONFIDENCE_BADGE_VARIANTS,
  fillLabel,
  plural,
  formatDate,
  formatDateTime,
  Labels,
  Lang,
  periodLabel,
  renderCommentary,
  REVIEW_LABELS,
  REVIEW_REPORT_LABELS,
  UPDATE_STATE_BADGE_VARIANTS,
  VARIANT_COLORS,
} from '@app/presentation';
import { parsePeriod, Period } from '@app/common';

/**
 * What a report shows of the period's review: the lead bodies' updates (rating and commentary) with
 * their state, the review's completeness, and the revisions made after validation since the previous
 * report. For a period still open it is the latest updates, each with its state; for the official
 * report (closing), only what was validated, as validated.
 */
export interface ReportReviewInput {
  period: string;
  /** At closing: only validated updates, as validated; the others are listed as missing. */
  official: boolean;
  deadline: string;
  /** The Paris day on which completeness is judged (today, or the closing day). */
  judgedOn: string;
  /** The instant the official report's snapshot was frozen (null for a period still open). */
  publishedAt: string | null;
  /** One line per objective (the update's actual state, its submission day): completeness. */
  lines: ObjectiveUpdateLine[];
  /** The updates shown: every update of an open period; the validated ones of a closed one. */
  updates: { objectiveCode: string; state: UpdateState; content: UpdateContent; revisedAfterValidation: boolean }[];
  /** Objective codes whose update was not validated at closing. */
  missingAtClosing: string[];
}

/** A revision after validation, of any period's update, since the previous report. */
export interface ReportRevision {
  period: string;
  objectiveCode: string;
  action: 'revise' | 'value_revised';
  at: string;
  reason: string | null;
}

export interface ObjectiveUpdateView {
  rating: Badge | null;
  /** The update's state, on a report of a period still open. */
  mark: Badge | null;
  revised: boolean;
  /** Commentary sections that have text, as safe HTML (`html` is kept verbatim by the typography). */
  sections: { title: string; html: string }[];
  /** Instead of the update: why there is none. */
  none: string | null;
}

export interface FirstPage {
  note: string;
  decisions: { code: string; title: string; lang: Lang; leadBody: string; html: string }[];
  rated: { code: string; title: string; lang: Lang; leadBody: string; rating: Badge; status: Badge }[];
  lateMilestones: { code: string; title: string; lang: Lang; leadBody: string; due: string; badge: Badge; note: string }[];
  /** "In all, 42 milestones are late…": every missed one, whenever it fell due; null when none is. */
  lateTotal: string | null;
  completeness: {
    deadline: string;
    rows: { body: string; expected: number; submitted: number; validated: number; onTime: number; late: number; missing: string; standing: Badge }[];
  } | null;
  missingAtClosing: { body: string; codes: string }[];
}

const colored = (status: string, label: string, variant: keyof typeof VARIANT_COLORS | null): Badge =>
  ({ status, label, ...VARIANT_COLORS[variant ?? 'grey'], variant: variant === 'grey' ? null : variant }) as unknown as Badge;

/** Each in-scope objective's update as the report shows it. */
export function objectiveUpdates(review: ReportReviewInput | null, inScope: ObjectiveStatusView[], lang: Lang): Map<string, ObjectiveUpdateView> {
  const out = new Map<string, ObjectiveUpdateView>();
  if (!review) return out;
  const words = REVIEW_LABELS[lang];
  const more = REVIEW_REPORT_LABELS[lang];
  const byObjective = new Map(review.updates.map((u) => [u.objectiveCode, u]));
  for (const o of inScope) {
    const u = byObjective.get(o.code);
    if (!u) {
      out.set(o.code, { rating: null, mark: null, revised: false, sections: [], none: review.official ? more.noUpdateOfficial : more.noUpdateOpen });
      continue;
    }
    const c = u.content.confidence;
    out.set(o.code, {
      rating: c ? colored(`confidence-${c}`, words.confidence[c], CONFIDENCE_BADGE_VARIANTS[c]) : null,
      mark: review.official ? null : colored(`update-${u.state}`, words.states[u.state], UPDATE_STATE_BADGE_VARIANTS[u.state]),
      revised: u.revisedAfterValidation,
      sections: COMMENTARY_SECTIONS.filter((s) => u.content[s]).map((s) => ({ title: words.sections[s], html: renderCommentary(u.content[s]) })),
      none: null,
    });
  }
  return out;
}

/** The page a director reads first: decisions needed, objectives in difficulty, late milestones, completeness. */
export function firstPage(
  review: ReportReviewInput | null,
  inScope: ObjectiveStatusView[],
  period: Period,
  lang: Lang,
  labels: Labels,
  timeZone: string,
): FirstPage {
  const more = REVIEW_REPORT_LABELS[lang];
  const words = REVIEW_LABELS[lang];
  const codes = new Set(inScope.map((o) => o.code));
  const sorted = [...inScope].sort((a, b) => byCode(a.code, b.code));
  const updates = new Map((review?.updates ?? []).map((u) => [u.objectiveCode, u]));
  const ref = (o: ObjectiveStatusView) => ({ code: o.code, title: o.title, lang: o.lang, leadBody: o.leadBody });
  const note = !review
    ? more.noReview
    : review.official
      ? fillLabel(more.officialNote, { period: periodLabel(parsePeriod(review.period), lang), date: formatDateTime(review.publishedAt!, lang, timeZone) })
      : fillLabel(more.openNote, { period: periodLabel(parsePeriod(review.period), lang), deadline: formatDate(review.deadline, lang) });
  const lines = (review?.lines ?? []).filter((l) => codes.has(l.objectiveCode));
  return {
    note,
    decisions: sorted
      .filter((o) => updates.get(o.code)?.content.decisionsNeeded)
      .map((o) => ({ ...ref(o), html: renderCommentary(updates.get(o.code)!.content.decisionsNeeded) })),
    rated: sorted
      .filter((o) => ['compromised', 'difficulties'].includes(updates.get(o.code)?.content.confidence ?? ''))
      // Compromised first, then in difficulty; by code within each.
      .sort((a, b) => (updates.get(a.code)!.content.confidence === 'compromised' ? 0 : 1) - (updates.get(b.code)!.content.confidence === 'compromised' ? 0 : 1))
      .map((o) => {
        const c = updates.get(o.code)!.content.confidence!;
        return { ...ref(o), rating: colored(`confidence-${c}`, words.confidence[c], CONFIDENCE_BADGE_VARIANTS[c]), status: badge(o.status, labels) };
      }),
    lateMilestones: sorted.flatMap((o) =>
      [...o.milestones]
        // Missed during the period (older ones are known: the milestone section lists them all), or threatened.
        .filter((m) => (m.status === 'missed' && m.dueDate >= period.start) || (m.status === 'at_risk' && m.state === 'not_started'))
        .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
        .map((m) => ({
          code: o.code,
          title: m.title,
          lang: m.lang,
          leadBody: o.leadBody,
          due: formatDate(m.dueDate, lang),
          badge: badge(m.status, labels),
          note:
            m.status === 'missed'
              ? fillLabel(more.missedBy, { days: plural(m.daysLate ?? 0, more.days, lang) })
              : m.daysUntilDue > 0
                ? fillLabel(more.dueIn, { days: plural(m.daysUntilDue, more.days, lang) })
                : more.dueToday,
        })),
    ),
    lateTotal: ((n) => (n ? fillLabel(n === 1 ? more.lateTotalOne : more.lateTotal, { count: n }) : null))(
      inScope.reduce((n, o) => n + o.milestones.filter((m) => m.status === 'missed').length, 0),
    ),
    completeness: review
      ? {
          deadline: formatDate(review.deadline, lang),
          rows: completenessByBody(lines, review.deadline, review.judgedOn, review.official).map((b) => ({
            body: b.body,
            expected: b.expected,
            submitted: b.submitted,
            validated: b.validated,
            onTime: b.onTime,
            late: b.late,
            missing: [...b.missing].sort(byCode).join(', '),
            standing: colored(
              `standing-${b.standing}`,
              more.standing[b.standing],
              b.standing === 'complete' ? 'success' : b.standing === 'late' ? 'error' : b.standing === 'incomplete' ? 'warning' : 'info',
            ),
          })),
        }
      : null,
    // One line per lead body: a forced closing may leave many (each objective's section says so too).
    missingAtClosing: review?.official
      ? [...new Set(sorted.filter((o) => review.missingAtClosing.includes(o.code)).map((o) => o.leadBody))].sort().map((body) => ({
          body,
          codes: sorted
            .filter((o) => o.leadBody === body && review.missingAtClosing.includes(o.code))
            .map((o) => o.code)
            .join(', '),
        }))
      : [],
  };
}

/** Revisions after validation since the previous report, for the objectives in scope. */
export function revisionRows(revisions: readonly ReportRevision[], codes: Set<string>, lang: Lang, timeZone: string) {
  const more = REVIEW_REPORT_LABELS[lang];
  return revisions
    .filter((r) => codes.has(r.objectiveCode))
    .sort((a, b) => byCode(a.objectiveCode, b.objectiveCode) || a.at.localeCompare(b.at))
    .map((r) => ({
      code: r.objectiveCode,
      period: periodLabel(parsePeriod(r.period), lang),
      what: more.revisionKinds[r.action],
      at: formatDateTime(r.at, lang, timeZone),
      comment: r.reason,
    }));
}
