import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';

/**
 * The one error handler. Known errors answer with their code and a Dutch message; everything
 * else is a 500 that says only "internal error" and the request id, so no stack trace, SQL or
 * personal data in an exception message ever reaches a client. The full error goes to the log
 * (whose serializers keep personal data out).
 */
async function errorsPlugin(app: FastifyInstance): Promise<void> {
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    const requestId = req.id;
    if (hasZodFastifySchemaValidationErrors(err)) {
      return reply.status(400).send({
        code: 'validation_failed',
        message: 'De invoer is niet geldig',
        requestId,
        details: err.validation.map((v) => ({ path: v.instancePath, message: v.message })),
      });
    }
    if (err instanceof AppError) {
      if (err.audit) await app.auditDenied(req, { ...err.audit, outcome: 'denied' });
      return reply.status(err.statusCode).send({
        code: err.code,
        message: err.message,
        requestId,
        ...(err.details !== undefined ? { details: err.details } : {}),
      });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response did not match its schema');
      return reply.status(500).send({ code: 'internal_error', message: 'Interne fout', requestId });
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status < 500) {
      // Fastify's own client errors (malformed JSON, body too large, wrong content type, rate limit).
      const code =
        status === 413 ? 'payload_too_large'
        : status === 415 ? 'unsupported_media_type'
        : status === 429 ? 'rate_limited'
        : 'validation_failed';
      const message =
        status === 429 ? 'Te veel pogingen. Probeer het later opnieuw.' : status === 413 ? 'De invoer is te groot' : 'De invoer is niet geldig';
      return reply.status(status).send({ code, message, requestId });
    }
    const unavailable = isDatabaseUnavailable(err);
    req.log.error({ err }, unavailable ? 'database unavailable' : 'unhandled error');
    if (unavailable) {
      return reply.status(503).send({ code: 'service_unavailable', message: 'Tijdelijk niet beschikbaar', requestId });
    }
    return reply.status(500).send({ code: 'internal_error', message: 'Interne fout', requestId });
  });

  app.setNotFoundHandler(async (req, reply) => {
    return reply.status(404).send({ code: 'not_found', message: 'Niet gevonden', requestId: req.id });
  });
}

/**
 * node-postgres reports a pool that cannot hand out a connection in time, and a connection cut
 * while connecting, as plain errors without a code: they mean "database not reachable now" (503,
 * retry later), not a bug (500).
 */
const POOL_MESSAGES = [
  /^timeout exceeded when trying to connect$/,
  /^Connection terminated due to connection timeout$/,
  /^Connection terminated unexpectedly$/,
  // A transaction whose connection dropped: Kysely's rollback on that dead client fails with this,
  // and it is what the request sees (src/faults/database-gone.pg.int.test.ts).
  /^Client has encountered a connection error and is not queryable$/,
];

export function isDatabaseUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = 'code' in err ? String((err as { code: unknown }).code) : '';
  // SIGNAAL_DB_BUSY: the embedded database's one connection was not free in time (pglite-driver.ts).
  if (['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '08006', '08001', '08003', 'SIGNAAL_DB_BUSY'].includes(code)) return true;
  // The database's disk is full (SQLSTATE disk_full; ENOSPC from the embedded database's own WAL
  // flush): the write was rolled back, and it can succeed once there is room. Not a bug: 503.
  if (code === '53100' || code === 'ENOSPC') return true;
  const message = err instanceof Error ? err.message : '';
  return POOL_MESSAGES.some((m) => m.test(message));
}

export const errors = fp(errorsPlugin, { name: 'signaal-errors', dependencies: ['signaal-access'] });
