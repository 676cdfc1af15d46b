/**
 * French typography for a French report: a non-breaking space before « : ; ! ? » and after «, a
 * narrow one before %, and ordinals of periods written "4ᵉ trimestre". Only a space already typed is
 * made non-breaking, so "https://", "10:00" or "?lang=en" stay as they are. People's comments are
 * shown exactly as they were typed.
 */
export function frenchText(text: string): string {
  return text
    .replace(/ ([:;!?»])/g, '\u00a0$1')
    .replace(/« /g, '«\u00a0')
    .replace(/(\d) %/g, '$1\u202f%')
    .replace(/\b([2-9]|1\d)e (trimestre|semestre|axe|priorité)/g, '$1\u1d49 $2');
}

/** Keys whose strings are not prose: identifiers, colours, people's own words (a commentary's `html`), and a map's SVG markup (its French texts are set where it is drawn). */
const VERBATIM = new Set(['id', 'type', 'status', 'state', 'kind', 'color', 'background', 'text', 'comment', 'request', 'statuses', 'lang', 'html', 'svg']);

/** The same value with frenchText applied to every string of prose in it. */
export function frenchTypography<T>(value: T): T {
  const walk = (v: unknown, key: string | null): unknown => {
    if (key !== null && VERBATIM.has(key)) return v;
    if (typeof v === 'string') return frenchText(v);
    if (Array.isArray(v)) return v.map((x) => walk(x, null));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(value, null) as T;
}
