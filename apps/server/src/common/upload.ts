import { CallHandler, createParamDecorator, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DomainError, ValidationFailed } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';

/** A file received from a form or the API: its bytes and the name it had on the user's machine. */
export interface UploadedSpreadsheet {
  buffer: Buffer;
  originalname: string;
}

interface UploadRequest {
  upload?: UploadedSpreadsheet;
}

/**
 * Reads a multipart/form-data request (@fastify/multipart): one file in the field "file" and a
 * few text fields, which become the request body (a form's CSRF token travels there). Sizes and
 * counts are limited while the request streams in, before anything is parsed: a file over
 * MAX_UPLOAD_BYTES is refused with 413 without being held in memory whole.
 */
@Injectable()
export class UploadInterceptor implements NestInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async intercept(context: ExecutionContext, next: CallHandler) {
    const req = context.switchToHttp().getRequest<FastifyRequest & UploadRequest>();
    if (!req.isMultipart()) return next.handle();
    const fields: Record<string, string> = {};
    try {
      const parts = req.parts({ limits: { fileSize: this.config.uploads.maxBytes, files: 1, fields: 10, parts: 12 } });
      for await (const part of parts) {
        if (part.type === 'file') {
          const buffer = await part.toBuffer();
          if (part.fieldname !== 'file') {
            throw new ValidationFailed([{ code: 'upload.unexpected_field', field: 'file', params: { name: part.fieldname.slice(0, 40) } }]);
          }
          req.upload = { buffer, originalname: part.filename };
        } else {
          fields[part.fieldname] = String(part.value);
        }
      }
    } catch (e) {
      throw uploadError(e, this.config.uploads.maxBytes);
    }
    (req as { body: unknown }).body = fields;
    return next.handle();
  }
}

/** The uploaded file, if the request held one (read by UploadInterceptor). */
export const UploadedSpreadsheetFile = createParamDecorator((_data: unknown, ctx: ExecutionContext): UploadedSpreadsheet | undefined => {
  return ctx.switchToHttp().getRequest<UploadRequest>().upload;
});

/** @fastify/multipart's limit errors carry a status but are not domain errors: make them ones. */
function uploadError(e: unknown, maxBytes: number): unknown {
  if (e instanceof DomainError) return e;
  const error = e as { code?: string; statusCode?: number; message?: string };
  if (error.code === 'FST_REQ_FILE_TOO_LARGE') return new DomainError('too_large', 'upload.too_large', { max: maxBytes }, 'file');
  if (error.code === 'FST_FILES_LIMIT' || error.code === 'FST_FIELDS_LIMIT' || error.code === 'FST_PARTS_LIMIT') {
    return new DomainError('too_large', 'upload.too_many_parts');
  }
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return new DomainError('validation', 'upload.unreadable', { detail: error.message?.slice(0, 200) }, 'file');
  }
  return e;
}
