import type { Lang } from '../lang';

/** The kind of an objective, as the roadmap marks its chapter paragraphs (the API keeps the codes). */
export const OBJECTIVE_KIND_LABELS: Record<Lang, Record<'CONTINUATION' | 'DEVELOPMENT', string>> = {
  fr: { CONTINUATION: 'Poursuite', DEVELOPMENT: 'Nouveauté' },
  en: { CONTINUATION: 'Continuation', DEVELOPMENT: 'Development' },
};
