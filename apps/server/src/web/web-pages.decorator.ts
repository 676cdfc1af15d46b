import { applyDecorators, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { WebPage } from '../auth/auth.decorators';
import { CsrfGuard } from './csrf';
import { WebExceptionFilter } from './web-exception.filter';

/** Marks a controller as web pages: session cookie, CSRF-checked forms, errors shown as pages. */
export const WebPages = () => applyDecorators(WebPage(), UseGuards(CsrfGuard), UseFilters(WebExceptionFilter), ApiExcludeController());
