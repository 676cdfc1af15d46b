import type { ObjectiveUpdateRow } from '@app/persistence';
import { CONFIDENCE_BADGE_VARIANTS, fillLabel, formatDateTime, Lang, periodLabel, renderCommentary, REVIEW_LABELS, reviewWebLabels } from '@app/presentation';
import { parsePeriod } from '@app/common';
import { COMMENTARY_SECTIONS } from '@app/review';

type Confidence = keyof typeof CONFIDENCE_BADGE_VARIANTS;

/**
 * An objective's commentary history for its page: each validated update, latest period first, with
 * the body's rating and the sections as safe HTML (markdown-light, escaped), and who validated it.
 */
export function commentaryHistory(updates: readonly (ObjectiveUpdateRow & { period: string })[], lang: Lang, timeZone: string) {
  const words = REVIEW_LABELS[lang];
  const l = reviewWebLabels(lang);
  return updates
    .filter((u) => u.state === 'validated')
    .map((u) => ({
      period: u.period,
      periodWords: periodLabel(parsePeriod(u.period), lang),
      rating: u.confidence
        ? {
            label: words.confidence[u.confidence as Confidence],
            variant: CONFIDENCE_BADGE_VARIANTS[u.confidence as Confidence],
            status: `rating-${u.confidence}`,
          }
        : null,
      revised: !!u.revisedAfterValidationAt,
      validated: fillLabel(l.validatedByOn, { name: u.validatedByName ?? '', date: formatDateTime(u.validatedAt, lang, timeZone) }),
      sections: COMMENTARY_SECTIONS.filter((s) => !!u[s]).map((s) => ({ label: words.sections[s], html: renderCommentary(u[s]) })),
      href: `/revue/${u.period}/${u.objectiveCode}`,
    }));
}

/** Links to this objective's update in each open review, for a signed-in reader of the objective page. */
export function openUpdateLinks(periods: readonly { period: string }[], code: string, lang: Lang) {
  const l = reviewWebLabels(lang);
  return periods.map((p) => ({ href: `/revue/${p.period}/${code}`, text: fillLabel(l.currentUpdate, { period: periodLabel(parsePeriod(p.period), lang) }) }));
}
