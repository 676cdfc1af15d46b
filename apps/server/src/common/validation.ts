import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { MessageParams, Problem, ValidationFailed, withEarlierProblems } from '@app/common';

/** The arguments a DTO gave a rule (`@Length(1, 300)` → [1, 300]), read from class-validator's metadata. */
function ruleArgs(target: object | undefined, property: string, rule: string): unknown[] {
  if (!target) return [];
  const metadata = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  return metadata.find((m) => m.propertyName === property && m.name === rule)?.constraints ?? [];
}

const lengthOf = (value: unknown) => (typeof value === 'string' || Array.isArray(value) ? value.length : 0);

/** One failed class-validator rule as a problem with a stable code and its parameters. */
function problemOf(e: ValidationError, field: string, rule: string): Problem {
  const args = ruleArgs(e.target, e.property, rule);
  const at = (code: string, params?: MessageParams): Problem => ({ code, field, ...(params && { params }) });
  switch (rule) {
    case 'isNumber':
      return at('validation.not_a_number');
    case 'isInt':
      return at('validation.not_an_integer');
    case 'isString':
      return at('validation.not_text');
    case 'isBoolean':
      return at('validation.not_a_boolean');
    case 'isArray':
      return at('validation.not_a_list');
    case 'arrayUnique':
      return at('validation.repeated_items');
    case 'isEmail':
      return at('validation.not_an_email');
    case 'isRealDate':
    case 'isDateString':
    case 'isISO8601':
      return at('validation.not_a_date');
    case 'isIn':
      return at('validation.not_one_of', { allowed: ((args[0] as unknown[]) ?? []).map(String) });
    case 'min':
      return at('validation.too_small', { min: Number(args[0]) });
    case 'max':
      return at('validation.too_large', { max: Number(args[0]) });
    case 'minLength':
      return at('validation.too_short', { min: Number(args[0]), length: lengthOf(e.value) });
    case 'maxLength':
      return at('validation.too_long', { max: Number(args[0]), length: lengthOf(e.value) });
    case 'isLength': {
      const [min, max] = args.map(Number);
      return lengthOf(e.value) < min
        ? at('validation.too_short', { min, length: lengthOf(e.value) })
        : at('validation.too_long', { max, length: lengthOf(e.value) });
    }
    case 'whitelistValidation':
      return at('validation.unknown_field');
    case 'matches':
      return field === 'period' ? at('period.invalid', { text: String(e.value).slice(0, 40) }) : at('validation.invalid', { rule });
    default:
      return at('validation.invalid', { rule });
  }
}

/** When a field breaks several rules, its type is what to fix first ("12" as text, not its length). */
const TYPE_RULES = ['isNumber', 'isInt', 'isString', 'isBoolean', 'isArray', 'isEmail', 'isRealDate', 'isIn'];
const priority = (rule: string) => (TYPE_RULES.includes(rule) ? 0 : 1);

/**
 * class-validator's findings as problems: one per field (a missing field is "required", not also
 * "not a number"), each with a code from the rule that failed, every field at once.
 */
export function problemsOf(errors: ValidationError[], parent = ''): Problem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const rules = Object.keys(e.constraints ?? {});
    let own: Problem[];
    if (rules.includes('whitelistValidation')) own = [problemOf(e, field, 'whitelistValidation')];
    else if (rules.length && (e.value === undefined || e.value === null || e.value === '')) own = [{ code: 'validation.required', field }];
    else own = rules.length ? [problemOf(e, field, [...rules].sort((a, b) => priority(a) - priority(b))[0])] : [];
    return [...own, ...problemsOf(e.children ?? [], field)];
  });
}

const ALL_PROBLEMS_AT_ONCE = Symbol('DTO whose problems go to the service with its own');

/**
 * Marks a body DTO whose service checks more rules (needing the database: unit ranges, dates in
 * the future, known bodies): problems of its fields do not stop the request at the pipe, they go to
 * the service with the input (see withEarlierProblems), which reports them with its own, at once.
 */
export function ReportedWithServiceRules(): ClassDecorator {
  return (target) => {
    (target as unknown as Record<symbol, boolean>)[ALL_PROBLEMS_AT_ONCE] = true;
  };
}

/**
 * `?lang=fr|en` chooses the language of any answer (see request-lang.ts): it is not a field of the
 * route's query DTO, so it is set aside before the DTO is checked, unless the DTO declares it.
 */
const BUILT_IN = new Set<unknown>([Object, String, Number, Boolean, Array]);

class LangAwareValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A body DTO takes a JSON object: an array or a bare value is refused as such, not field by field.
    if (
      metadata.type === 'body' &&
      typeof metadata.metatype === 'function' &&
      !BUILT_IN.has(metadata.metatype) &&
      (value === null || typeof value !== 'object' || Array.isArray(value))
    ) {
      throw new ValidationFailed([{ code: 'request.body_not_object', field: null }]);
    }
    if (metadata.type === 'query' && metadata.metatype && value && typeof value === 'object' && 'lang' in value && !declares(metadata.metatype, 'lang')) {
      const { lang: _lang, ...rest } = value as Record<string, unknown>;
      return super.transform(rest, metadata);
    }
    try {
      return await super.transform(value, metadata);
    } catch (e) {
      const metatype = metadata.metatype as unknown as Record<symbol, boolean> | undefined;
      if (!(e instanceof ValidationFailed) || metadata.type !== 'body' || !metatype?.[ALL_PROBLEMS_AT_ONCE] || !value || typeof value !== 'object') throw e;
      const input = plainToInstance(metadata.metatype as new () => object, value, { enableImplicitConversion: false }) as object;
      return withEarlierProblems(input, e.problems);
    }
  }
}

// class-validator keys its metadata by constructor, typed `Function` in its own API.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
function declares(metatype: Function, property: string): boolean {
  return getMetadataStorage()
    .getTargetValidationMetadatas(metatype, '', true, false)
    .some((m) => m.propertyName === property);
}

/**
 * DTO validation for every route: unknown fields refused, types checked without coercion (the
 * string "12" is not a number), and every problem reported with its field in one 400 response.
 */
export function createValidationPipe(): ValidationPipe {
  return new LangAwareValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    forbidUnknownValues: true,
    // The target and value let each problem name the rule's limits and what was typed.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => new ValidationFailed(problemsOf(errors)),
  });
}

/** JSON keys that could reach an object's prototype are refused while the body is parsed. */
export function refusePrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
    throw new ValidationFailed([{ code: 'request.forbidden_key', field: null, params: { key } }]);
  }
  return value;
}

/** A numeric id in a route (`/indicators/:id`): a positive whole number, or a 400 saying so. */
@Injectable()
export class ParseIdPipe implements PipeTransform<unknown, number> {
  transform(value: unknown, meta: ArgumentMetadata): number {
    if (typeof value === 'string' && /^\d{1,15}$/.test(value) && Number(value) > 0) return Number(value);
    if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value; // already a number (the global pipe converts)
    throw new ValidationFailed([{ code: 'validation.not_an_id', field: meta.data ?? 'id' }]);
  }
}
