import { BadRequestException, HttpStatus } from '@nestjs/common';

/** One problem with one input field ("value", "observedAt", "line 12 value" …). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * The single shape of every validation failure the API returns (400):
 * { statusCode, error, message, errors: [{ field, message }] }, whether it comes from the DTO
 * ValidationPipe or from a rule that needs the database (unit ranges, permissions per row).
 */
export class ValidationFailed extends BadRequestException {
  constructor(
    readonly errors: FieldError[],
    message = `Invalid request: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
  ) {
    super({ statusCode: HttpStatus.BAD_REQUEST, error: 'Bad Request', message, errors });
  }
}
