export type Lang = 'fr' | 'en';
export const LANGS: readonly Lang[] = ['fr', 'en'];

export function isLang(value: unknown): value is Lang {
  return value === 'fr' || value === 'en';
}

/**
 * The language of an API answer: `?lang=fr|en` first, then the best of `Accept-Language` (q-values
 * honoured), French when neither names one we speak: the users are French ministry staff.
 */
export function negotiateLang(query: unknown, acceptLanguage: string | undefined): Lang {
  if (isLang(query)) return query;
  if (!acceptLanguage) return 'fr';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((r) => Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((r) => r.lang).find(isLang) ?? 'fr';
}
