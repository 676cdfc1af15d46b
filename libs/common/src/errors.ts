/**
 * Domain errors: what went wrong, as a stable code with named parameters, never as a sentence. The
 * libraries and services throw them; the edge (the API's exception filter, the web pages, the CLI)
 * turns them into HTTP statuses and into sentences in the reader's language, once, from the message
 * catalogue of @app/presentation. No HTTP framework here: the same errors serve the CLI.
 */

/** What kind of refusal an error is; the edge maps each kind to one HTTP status. */
export type ErrorKind =
  | 'validation' // 400
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'gone' // 410
  | 'too_large' // 413
  | 'unprocessable' // 422
  | 'too_many' // 429
  | 'unavailable'; // 503

/** A message parameter: text, a number, or a list (joined by the catalogue, "DGOS, DNS"). */
export type MessageParam = string | number | readonly string[] | null | undefined;
export type MessageParams = Record<string, MessageParam>;

/**
 * One problem with one input: its code (`validation.not_a_number`), the API field it concerns
 * (`observedAt`; null for the request as a whole) and the parameters of its message.
 */
export interface Problem {
  code: string;
  field: string | null;
  params?: MessageParams;
  /** The spreadsheet line (header = 1) of an import problem; absent elsewhere. */
  line?: number | null;
}

/**
 * A problem already put into words for its reader: what the API returns in `errors` and what the
 * pages show next to each field. `field` stays the API name (`observedAt`; null for the request or
 * the file as a whole), the message uses the field's label ("Date de la valeur : …").
 */
export interface FieldError {
  code: string;
  field: string | null;
  /** The spreadsheet line (header = 1) of an import problem. */
  line?: number | null;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly params: MessageParams = {},
    /** The field the error concerns, when there is one (a conflict on `observedAt`). */
    readonly field: string | null = null,
    /** Extra data the API body carries as is (an import's report). */
    readonly details?: Record<string, unknown>,
  ) {
    // The sentence is the edge's job; the message is for logs and stack traces.
    super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`);
    this.name = new.target.name;
  }

  /** The problems the error carries: its own, unless it lists several (ValidationFailed). */
  get problems(): Problem[] {
    return [{ code: this.code, field: this.field, params: this.params }];
  }
}

/**
 * The request is refused because of its content: every problem found, each with its field, all
 * reported at once (400). From the DTO validation and from the rules that need the database.
 */
export class ValidationFailed extends DomainError {
  constructor(
    private readonly list: Problem[],
    details?: Record<string, unknown>,
  ) {
    super('validation', 'validation.failed', { count: list.length }, null, details);
  }

  override get problems(): Problem[] {
    return this.list;
  }
}

export class NotFound extends DomainError {
  constructor(code: string, params: MessageParams = {}) {
    super('not_found', code, params);
  }
}

export class Conflict extends DomainError {
  constructor(code: string, params: MessageParams = {}, field: string | null = null) {
    super('conflict', code, params, field);
  }
}

export class Forbidden extends DomainError {
  constructor(code: string, params: MessageParams = {}) {
    super('forbidden', code, params);
  }
}

export class Unauthorized extends DomainError {
  constructor(code: string, params: MessageParams = {}) {
    super('unauthorized', code, params);
  }
}

/** A request well formed but that cannot be carried out as a whole (an import with problems: 422). */
export class Unprocessable extends DomainError {
  constructor(
    code: string,
    params: MessageParams = {},
    private readonly list: Problem[] = [],
    details?: Record<string, unknown>,
  ) {
    super('unprocessable', code, params, null, details);
  }

  override get problems(): Problem[] {
    return this.list;
  }
}

/** A service the request needs is not working right now (Chromium for PDFs): 503. */
export class Unavailable extends DomainError {
  constructor(code: string, params: MessageParams = {}) {
    super('unavailable', code, params);
  }
}

const EARLIER = Symbol('problems found before the rules that need the database ran');

/**
 * Problems found in a request's fields (by the DTO) travel with the input to the service, which adds
 * those of its own rules (unit ranges, dates in the future, known bodies) and reports them all at
 * once. A service must throw when there are any, before using the input.
 */
export function withEarlierProblems<T extends object>(input: T, problems: Problem[]): T {
  Object.defineProperty(input, EARLIER, { value: problems, enumerable: false, configurable: true });
  return input;
}

export function earlierProblems(input: unknown): Problem[] {
  return (input && typeof input === 'object' ? (input as Record<symbol, Problem[] | undefined>)[EARLIER] : undefined) ?? [];
}

/** Whether a field is still worth checking: no earlier problem already concerns it. */
export function fieldIsClean(problems: Problem[], field: string): boolean {
  return !problems.some((p) => p.field === field);
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
