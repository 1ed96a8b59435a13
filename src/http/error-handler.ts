import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { isKluisError } from '../errors.ts';
import { isListQuery } from '../shared/list.ts';
import type { Operation } from '../policy/policy.schema.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Writes a refused administration to the processing log (guard/capability.ts); the request is over by then. */
export type RefusalLogger = (error: unknown, operation: Operation) => Promise<void>;

/** Maps every error to `{ error: { code, message, details } }`. Never sends a stack trace or SQL. */
export function installErrorHandler(app: FastifyInstance, logRefusal: RefusalLogger): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const [status, body] = describe(error, request);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    if (status === 403) {
      // A read that was refused is a refused consultation; anything else a refused change.
      await logRefusal(error, request.method === 'GET' ? 'consult' : 'modify').catch((failure: unknown) =>
        request.log.error({ err: failure }, 'could not log a refusal'),
      );
    }
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` } }),
  );
}

/**
 * Fastify's `frameworkErrors`: what the router refuses before any route, hook or error handler runs (a URL
 * that does not decode, a path parameter past the router's length limit) answers in the same `{ error }`
 * shape as every other refusal, without echoing the URL.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      void reply.status(400).send({ error: { code: 'validation_failed', message: 'The URL is not valid: it does not decode' } });
      return;
    case 'FST_ERR_MAX_PARAM_LENGTH':
      void reply.status(414).send({ error: { code: 'validation_failed', message: 'A path parameter of the URL is too long' } });
      return;
    default:
      void reply
        .status(500)
        .send({ error: { code: 'internal_error', message: 'Something went wrong on our side; it has been logged' } });
  }
}

function describe(error: FastifyError, request: FastifyRequest): [number, ErrorBody] {
  if (isKluisError(error)) {
    const details = error.details === undefined ? {} : { details: error.details };
    return [error.status, { error: { code: error.code, message: error.message, ...details } }];
  }
  // A race the service's own check could not see (two requests at once); the transaction rolled back.
  if (isUniqueViolation(error)) {
    return [
      409,
      { error: { code: 'conflict', message: 'A conflicting change was made at the same time; nothing was changed, try again' } },
    ];
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => ({
      path: [error.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
      message: v.message,
      ...issueOf(v.keyword, v.params),
    }));
    const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
    const code =
      error.validationContext === 'querystring' && isListQuery(request.routeOptions.schema?.querystring)
        ? 'list_query_invalid'
        : 'validation_failed';
    return [400, { error: { code, message: `Invalid request: ${summary}`, details } }];
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return [413, { error: { code: 'payload_too_large', message: 'The request body is too large' } }];
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return [415, { error: { code: 'unsupported_media_type', message: 'Send JSON (Content-Type: application/json)' } }];
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return [400, { error: { code: 'validation_failed', message: 'The request body is not valid JSON' } }];
    default:
      break;
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return [error.statusCode, { error: { code: 'validation_failed', message: error.message } }];
  }
  return [500, { error: { code: 'internal_error', message: 'Something went wrong on our side; it has been logged' } }];
}

/**
 * What kind of problem a value has, beside the English message: the zod issue's code and its limit or format,
 * so that a page says it in its own language at the field ("Te lang: maximaal 30 tekens").
 */
function issueOf(
  keyword: string,
  params: Record<string, unknown>,
): { issue: string; limit?: number; format?: string; origin?: string; inclusive?: false } {
  const limit = params['maximum'] ?? params['minimum'];
  return {
    issue: keyword,
    ...(typeof limit === 'number' || typeof limit === 'bigint' ? { limit: Number(limit) } : {}),
    ...(typeof params['format'] === 'string' ? { format: params['format'] } : {}),
    ...(typeof params['origin'] === 'string' ? { origin: params['origin'] } : {}),
    // A limit that is itself refused (a positive number: more than 0, not at least 0).
    ...(params['inclusive'] === false ? { inclusive: false as const } : {}),
  };
}
