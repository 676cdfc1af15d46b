import { DomainError, ErrorKind, ValidationFailed } from '@app/common';
import { fieldLabel, Lang, localizeError, problemParts } from '@app/presentation';
import { httpStatusOf } from '../common/error-filter';

/** One error of a submitted form, as the page shows it. */
export interface FormError {
  field: string;
  /** What is wrong, shown beside the field. */
  message: string;
  /** The line of the error summary: the field's label, then what is wrong ("Valeur : …"). */
  text: string;
  /** The id of the input the summary links to; absent when the error belongs to no input. */
  target?: string;
}

/** What a failed form sends back to its page: errors (summary at the top, each beside its field) and what was typed. */
export interface FormState {
  form: string;
  errors: FormError[];
  values: Record<string, unknown>;
  /** An error that is about the whole form (a conflict, a refusal), not one field. */
  message?: string;
}

/** A problem found by a page itself: its field, what is wrong, and (when already put so) the summary's line. */
export interface PageError {
  field: string | null;
  message: string;
  text?: string;
}

/** Why a submit was refused, in words, and the status the page answers with. */
export interface Refusal {
  errors: PageError[];
  message?: string;
  status: number;
}

/** Never sent back to a page, even after a failed submit. */
const SECRET_FIELDS = new Set(['_csrf', 'password', 'currentPassword', 'newPassword']);
const COLON: Record<Lang, string> = { fr: '\u00a0: ', en: ': ' };

/** The refusals a form shows on its page; anything else (not found, a fault) is an error page. */
const FORM_REFUSALS = new Set<ErrorKind>(['validation', 'conflict', 'forbidden', 'unprocessable', 'gone', 'too_large']);

/**
 * A refusal a form shows rather than an error page (invalid input, a conflict, a permission on
 * what was asked), in the page's language from the message catalogue, or null for anything else.
 * The one place that reads the services' errors. Each problem keeps its sentence alone (shown by
 * its field) and its full line with the field's label (the summary's).
 */
export function refusalOf(e: unknown, lang: Lang): Refusal | null {
  if (!(e instanceof DomainError) || !FORM_REFUSALS.has(e.kind)) return null;
  const status = httpStatusOf(e);
  if (e.kind === 'unprocessable') return { errors: [], message: localizeError(e, lang).message, status };
  const parts = e.problems.map((p) => problemParts(p, lang));
  if (e instanceof ValidationFailed) return { errors: parts.map((p) => ({ field: p.field, message: p.text, text: p.message })), status };
  // One problem: on its field when it has one (a value already recorded on that date), else about the whole form.
  const [only] = parts;
  return only?.field
    ? { errors: [{ field: only.field, message: only.text, text: only.message }], status }
    : { errors: [], message: localizeError(e, lang).message, status };
}

/**
 * The state of a failed form. Inputs are named `<form>-<field>` (e.g. `record-12-value`), so every
 * error links to its input; `targets` overrides that for fields drawn differently (checkbox groups),
 * and an error of a field the form does not have (`fields`) links nowhere.
 */
export function failedForm(
  form: string,
  body: Record<string, unknown>,
  errors: readonly PageError[],
  lang: Lang,
  options: { message?: string; fields?: readonly string[]; targets?: Record<string, string> } = {},
): FormState {
  const values = Object.fromEntries(Object.entries(body).filter(([k]) => !SECRET_FIELDS.has(k)));
  return {
    form,
    values,
    message: options.message,
    errors: errors.map((e) => {
      const field = e.field ?? '';
      const known = field && (!options.fields || options.fields.includes(field));
      const label = field ? fieldLabel(field, lang) : '';
      return {
        field,
        message: e.message,
        text: ('text' in e && e.text) || (label ? `${label}${COLON[lang]}${e.message}` : e.message),
        target: options.targets?.[field] ?? (known ? `${form}-${field}` : undefined),
      };
    }),
  };
}

/** A failed form from a refusal: its field errors and its message about the whole form. */
export function refusedForm(
  form: string,
  body: Record<string, unknown>,
  refusal: Refusal,
  lang: Lang,
  options: { fields?: readonly string[]; targets?: Record<string, string> } = {},
): FormState {
  return failedForm(form, body, refusal.errors, lang, { ...options, message: refusal.message });
}

/** A blank form: no error, nothing typed. */
export const blankForm = (form: string, values: Record<string, unknown> = {}): FormState => ({ form, errors: [], values });

export const hasErrors = (state: FormState | undefined | null): boolean => !!state && (state.errors.length > 0 || !!state.message);
