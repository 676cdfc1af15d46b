import type { FieldError } from '@app/common';
import { fieldLabel, Lang } from '@app/presentation';

/** One error of a submitted form, as the page shows it: its field's label, and the id of the input to link to. */
export interface FormError {
  field: string;
  message: string;
  label: string;
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

/** Never sent back to a page, even after a failed submit. */
const SECRET_FIELDS = new Set(['_csrf', 'password', 'currentPassword', 'newPassword']);

/**
 * The state of a failed form. Inputs are named `<form>-<field>` (e.g. `record-12-value`), so every
 * error links to its input; `targets` overrides that for fields drawn differently (checkbox groups).
 */
export function failedForm(
  form: string,
  body: Record<string, unknown>,
  errors: FieldError[],
  lang: Lang,
  options: { message?: string; fields?: readonly string[]; targets?: Record<string, string> } = {},
): FormState {
  const values = Object.fromEntries(Object.entries(body).filter(([k]) => !SECRET_FIELDS.has(k)));
  return {
    form,
    values,
    message: options.message,
    errors: errors.map((e) => {
      const known = !options.fields || options.fields.includes(e.field);
      return { ...e, label: fieldLabel(e.field, lang), target: options.targets?.[e.field] ?? (known ? `${form}-${e.field}` : undefined) };
    }),
  };
}

/** A blank form: no error, nothing typed. */
export const blankForm = (form: string, values: Record<string, unknown> = {}): FormState => ({ form, errors: [], values });

export const hasErrors = (state: FormState | undefined | null): boolean => !!state && (state.errors.length > 0 || !!state.message);
