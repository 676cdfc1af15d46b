import { registerDecorator, ValidationOptions } from 'class-validator';
import { isIsoDate } from '@app/status';

/** A real calendar date written YYYY-MM-DD (2023-02-30 is refused); reported as `validation.not_a_date`. */
export function IsRealDate(options?: ValidationOptions): PropertyDecorator {
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isRealDate',
      target: object.constructor,
      propertyName: String(propertyName),
      options,
      validator: { validate: (value: unknown) => typeof value === 'string' && isIsoDate(value) },
    });
}
