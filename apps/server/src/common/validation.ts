import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ValidationFailed } from '@app/common';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      // class-validator starts messages with the property name; the field is reported separately.
      message: message.replace(new RegExp(`^(property )?${e.property.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `), ''),
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * DTO validation for every route: unknown fields refused, types checked without coercion (the
 * string "12" is not a number), and every problem reported with its field in one 400 response.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new ValidationFailed(flatten(errors)),
  });
}

/** JSON keys that could reach an object's prototype are refused while the body is parsed. */
export function refusePrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
    throw new SyntaxError(`The key "${key}" is not allowed in a request body`);
  }
  return value;
}
