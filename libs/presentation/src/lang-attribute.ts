import type { Lang } from './lang';

/**
 * RGAA 8.7: a text in another language than its page's says so. ` lang="en"` for an English text
 * (a missing translation) on a French page, ` lang="fr"` for a French one on an English page, and
 * nothing when the text is in the page's language. Used by the `langAttr` helper of both renderers:
 * `<h1{{langAttr objective.lang}}>`.
 */
export function langAttribute(textLang: unknown, pageLang: Lang): string {
  return (textLang === 'fr' || textLang === 'en') && textLang !== pageLang ? ` lang="${textLang}"` : '';
}
