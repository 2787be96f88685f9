import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './app-error';
import { constraintMessage, errorMessage, Lang, pickLang } from './messages';

/** Thrown by the global ValidationPipe; turned into a field -> message map in the caller's language. */
export class ValidationFailed extends Error {
  constructor(public readonly errors: ValidationError[]) {
    super('VALIDATION_FAILED');
  }
}

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  fields?: Record<string, string>;
  requestId: string;
}

function flatten(errors: ValidationError[], lang: Lang, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints && Object.keys(e.constraints).length) {
      // whitelist errors name the unknown field itself
      const [name, text] = Object.entries(e.constraints)[0];
      const values = (e.contexts?.[name] as { values?: string } | undefined)?.values;
      out[path] = constraintMessage(name, text, lang, values);
    }
    if (e.children?.length) flatten(e.children, lang, path, out);
  }
  return out;
}

const FASTIFY_CODES: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'MALFORMED_JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'MALFORMED_JSON' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'MALFORMED_JSON' },
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  FST_PARTS_LIMIT: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  FST_FILES_LIMIT: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  FST_FIELDS_LIMIT: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
};

const STATUS_CODES: Record<number, string> = {
  400: 'VALIDATION_FAILED', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'NOT_FOUND',
  409: 'CONFLICT', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 429: 'TOO_MANY_ATTEMPTS', 503: 'SERVICE_UNAVAILABLE',
};

/** Builds the single error body shape used by every error answer. */
export function toErrorBody(exception: unknown, lang: Lang, requestId: string): { body: ErrorBody; headers: Record<string, string> } {
  let status = 500;
  let code = 'INTERNAL';
  let params: Record<string, string | number> = {};
  let fields: Record<string, string> | undefined;
  let headers: Record<string, string> = {};

  if (exception instanceof ValidationFailed) {
    status = 400;
    code = 'VALIDATION_FAILED';
    fields = flatten(exception.errors, lang);
  } else if (exception instanceof AppError) {
    status = exception.status;
    code = exception.code;
    params = exception.params;
    headers = exception.headers ?? {};
    if (exception.fields) {
      fields = {};
      for (const [k, v] of Object.entries(exception.fields)) {
        fields[k] = typeof v === 'string' ? v : v[lang] || errorMessage(code, lang, params);
      }
    }
  } else if (exception instanceof HttpException) {
    status = exception.getStatus();
    code = STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');
    if (status === 404) code = 'ROUTE_NOT_FOUND';
  } else if (exception && typeof exception === 'object' && 'code' in exception) {
    const fcode = String((exception as { code: unknown }).code);
    const known = FASTIFY_CODES[fcode];
    const sc = Number((exception as { statusCode?: unknown }).statusCode);
    if (known) {
      status = known.status;
      code = known.code;
    } else if (sc >= 400 && sc < 500) {
      status = sc;
      code = STATUS_CODES[sc] ?? 'VALIDATION_FAILED';
    }
  }
  const body: ErrorBody = { statusCode: status, code, message: errorMessage(code, lang, params), requestId };
  if (fields) body.fields = fields;
  return { body, headers };
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const lang = pickLang(req.headers['accept-language']);
    const { body, headers } = toErrorBody(exception, lang, String(req.id));
    if (body.statusCode >= 500) {
      req.log.error({ err: exception }, 'unhandled error');
    }
    for (const [k, v] of Object.entries(headers)) reply.header(k, v);
    void reply.status(body.statusCode).type('application/json; charset=utf-8').send(body);
  }
}
