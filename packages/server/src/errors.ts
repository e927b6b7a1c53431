import type { FastifyError, FastifyInstance } from 'fastify';

/** Every error code the API returns, with its HTTP status and what it means (README lists the same). */
export const errorCodes = {
  VALIDATION_FAILED: { status: 400, doc: 'A parameter, query field, header or body field is missing or invalid; the message names it.' },
  MALFORMED_BODY: { status: 400, doc: 'The body is not valid JSON (or empty where JSON was declared).' },
  IMPORT_INVALID: { status: 400, doc: 'An imported Polis export is malformed; the message names the file, line and field.' },
  AUTH_REQUIRED: { status: 401, doc: 'The route needs a moderator or admin key in `Authorization: Bearer <key>`.' },
  AUTH_INVALID: { status: 401, doc: 'The key given is not this conversation\'s moderator key nor the admin key.' },
  PARTICIPANT_TOKEN_INVALID: { status: 401, doc: 'The participant token is unknown in this conversation.' },
  PARTICIPANT_REQUIRED: { status: 401, doc: 'The route needs a participant token or an xid.' },
  XID_SIGNATURE_INVALID: { status: 401, doc: 'The conversation requires signed xids and this xid is unsigned, malformed or its signature does not match (another conversation, xid, expiry or secret).' },
  XID_SIGNATURE_EXPIRED: { status: 401, doc: 'The signed xid is past its expiry; the embedding platform must sign it again.' },
  FORBIDDEN: { status: 403, doc: 'The key is valid but does not allow this action (e.g. a moderator key of another conversation).' },
  DATA_NOT_OPEN: { status: 403, doc: "The conversation's data is not open (`dataOpen`): other participants' votes, authors and report exports need its moderator key." },
  XID_NOT_ALLOWED: { status: 403, doc: 'The conversation uses an xid allow-list and this xid is not on it, or it requires an xid.' },
  NOT_FOUND: { status: 404, doc: 'No such route.' },
  CONVERSATION_NOT_FOUND: { status: 404, doc: 'No conversation with this id.' },
  STATEMENT_NOT_FOUND: { status: 404, doc: 'No statement with this id in the conversation.' },
  PARTICIPANT_NOT_FOUND: { status: 404, doc: 'No participant with this pid in the conversation.' },
  MATH_NOT_READY: { status: 404, doc: 'The math has not run yet for this conversation (no votes, or still computing).' },
  CONVERSATION_EXISTS: { status: 409, doc: 'A conversation with this id already exists.' },
  CONVERSATION_CLOSED: { status: 409, doc: 'The conversation is closed: no new votes or statements.' },
  STATEMENT_DUPLICATE: { status: 409, doc: 'The same statement (ignoring case and spacing) already exists.' },
  STATEMENT_REJECTED: { status: 409, doc: 'The statement was rejected by a moderator and cannot be voted on.' },
  STATEMENT_NOT_ACCEPTED: { status: 409, doc: 'Strict moderation: the statement awaits moderation and cannot be voted on yet.' },
  STATEMENT_LIMIT: { status: 409, doc: 'The conversation has reached its statement limit (rejected statements do not count).' },
  STATEMENT_ALLOWANCE: { status: 409, doc: 'The participant has submitted as many statements to this conversation as one participant may.' },
  ID_SPACE_FULL: { status: 409, doc: 'Every statement or participant id up to 2³¹−1 is taken in the conversation (ids stay int32, also after imports).' },
  UNCERTAINTY_RUNNING: { status: 409, doc: 'An uncertainty job is already queued or running for this conversation; wait for it to finish.' },
  BODY_TOO_LARGE: { status: 413, doc: 'The request body exceeds the size limit.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, doc: 'The Content-Type is not application/json.' },
  RATE_LIMITED: { status: 429, doc: 'Too many writes from this address or participant, or too many open event streams from this address; retry after the time given.' },
  INTERNAL_ERROR: { status: 500, doc: 'Unexpected server error (details are logged, never returned).' },
  UNAVAILABLE: { status: 503, doc: 'The server is busy (too many open event streams on the conversation or the server); retry after the time given.' },
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** An error the API reports as `{ statusCode, code, message }`. */
export class ApiError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = errorCodes[code].status;
  }
}

export function apiError(code: ErrorCode, message: string): ApiError {
  return new ApiError(code, message);
}

/** Fastify's own error codes mapped to ours. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_BODY',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_BODY',
  FST_ERR_CTP_INVALID_TYPE: 'MALFORMED_BODY',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
  FST_ERR_BAD_URL: 'VALIDATION_FAILED',
  FST_ERR_MAX_PARAM_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_ASYNC_CONSTRAINT: 'VALIDATION_FAILED',
};

/** The single error handler: every error becomes `{ statusCode, code, message }`; 5xx messages are hidden. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    const body = toErrorBody(error);
    if (body.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    if (body.code === 'RATE_LIMITED' && 'retryAfter' in error) reply.header('retry-after', String((error as { retryAfter: unknown }).retryAfter));
    return reply.code(body.statusCode).type('application/json; charset=utf-8').send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    reply.code(404).send({ statusCode: 404, code: 'NOT_FOUND', message: `no route ${request.method} ${path.slice(0, 200)}` });
  });
}

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
}

export function toErrorBody(error: FastifyError | ApiError | Error): ErrorBody {
  if (error instanceof ApiError) return { statusCode: error.statusCode, code: error.code, message: error.message };
  const fe = error as FastifyError;
  if (fe.validation) {
    return { statusCode: 400, code: 'VALIDATION_FAILED', message: `${fe.validationContext ?? 'request'}: ${describeValidation(fe)}` };
  }
  const mapped = fe.code ? fastifyCodes[fe.code] : undefined;
  if (mapped) return { statusCode: errorCodes[mapped].status, code: mapped, message: fe.message };
  if (fe.statusCode === 429) return { statusCode: 429, code: 'RATE_LIMITED', message: fe.message };
  // JSON.parse failures and other client errors carry a 4xx status from Fastify.
  if (fe.statusCode !== undefined && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { statusCode: 400, code: 'MALFORMED_BODY', message: fe.message };
  }
  return { statusCode: 500, code: 'INTERNAL_ERROR', message: 'internal server error' };
}

function describeValidation(error: FastifyError): string {
  const first = error.validation?.[0];
  if (!first) return error.message;
  const where = first.instancePath ? first.instancePath.replace(/^\//, '').replaceAll('/', '.') : '';
  const params = first.params as Record<string, unknown>;
  let what = first.message ?? 'is invalid';
  if (typeof params.additionalProperty === 'string') what = `has unknown property '${params.additionalProperty}'`;
  if (typeof params.missingProperty === 'string') return `${where ? where + '.' : ''}${params.missingProperty} is required`;
  if (Array.isArray(params.allowedValues)) what = `must be one of ${params.allowedValues.join(', ')}`;
  // Header values (keys, tokens) are never echoed.
  const echo = typeof params.additionalProperty !== 'string' && error.validationContext !== 'headers';
  return `${where || 'value'} ${what}${echo ? gotValue((first as { data?: unknown }).data) : ''}`;
}

// The value a field was refused for (present when Ajv runs verbose), shortened for the message.
function gotValue(data: unknown): string {
  if (data === undefined || (typeof data === 'object' && data !== null)) return '';
  const text = JSON.stringify(data);
  return `, got ${text.length > 60 ? `${text.slice(0, 57)}…` : text}`;
}
