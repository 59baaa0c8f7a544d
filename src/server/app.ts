import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { maintainEmbedded } from '../db/embedded-maintenance.ts';
import { fieldCryptoFromConfig, useFieldCrypto } from '../db/field-crypto.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { SessionService } from './auth/session.service.ts';
import { caseRoutes } from './cases/case.routes.ts';
import { restrictionRoutes } from './cases/restriction.routes.ts';
import { chatRoutes } from './chat/chat.routes.ts';
import { MAX_FRAME_BYTES } from './chat/chat-socket.routes.ts';
import { contactRoutes } from './contacts/contact.routes.ts';
import { healthRoutes } from './health/health.routes.ts';
import { householdRoutes } from './households/household.routes.ts';
import { apiKeyRoutes } from './intake/api-key.routes.ts';
import { intakeRoutes } from './intake/intake.routes.ts';
import { meldcodeRoutes } from './meldcode/meldcode.routes.ts';
import { access } from './plugins/access.plugin.ts';
import { errors } from './plugins/errors.plugin.ts';
import { openapi } from './plugins/openapi.plugin.ts';
import { security } from './plugins/security.plugin.ts';
import { web } from './plugins/web.plugin.ts';
import { measureRoutes } from './measures/measure.routes.ts';
import { shelterRoutes } from './measures/shelter.routes.ts';
import { hwcRoutes } from './measures/hwc.routes.ts';
import { childcareRoutes } from './measures/childcare.routes.ts';
import { mdaRoutes } from './measures/mda.routes.ts';
import { handoverRoutes } from './partners/handover.routes.ts';
import { partnerOrganisationRoutes } from './partners/partner-organisation.routes.ts';
import { publicRoutes } from './public/public.routes.ts';
import { regionRoutes } from './regions/region.routes.ts';
import { publicationRoutes } from './reports/publication.routes.ts';
import { reportRoutes } from './reports/report.routes.ts';
import { statsRoutes } from './stats/stats.routes.ts';
import { retentionRoutes } from './retention/retention.routes.ts';
import { subjectRequestRoutes } from './subject-requests/subject-request.routes.ts';
import { userRoutes } from './users/user.routes.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  logger?: FastifyServerOptions['logger'];
}

export type App = FastifyInstance;

export function sessionCookieName(config: Config): string {
  // The __Host- prefix makes the browser refuse the cookie unless it is Secure, host-only and for
  // path /, so a sibling subdomain cannot set or overwrite it.
  return config.session.secureCookies ? '__Host-signaal_session' : 'signaal_session';
}

/** Log lines carry the route pattern, never the URL itself: query strings may hold names. */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', '*.password', '*.newPassword', '*.currentPassword', '*.code'],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method?: string; routeOptions?: { url?: string }; id?: string }) => ({
        method: req.method,
        route: req.routeOptions?.url,
        id: req.id,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

export async function buildApp({ config, database, logger }: AppDeps): Promise<App> {
  const app = Fastify({
    logger: logger ?? loggerOptions(config.logLevel),
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Graceful shutdown: Fastify closes the connections that are idle when close() begins, but a
  // connection whose request is still running (a chat long poll, woken by the shutdown) would stay
  // open as keep-alive after its answer, and close() waited for it until the process was killed
  // after 15 s. Answers given while closing therefore end their connection.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (closing) reply.header('connection', 'close');
  });

  // The keys of the encrypted fields (ADR 0013); openReadyDatabase sets them too, tests come here.
  const crypto = fieldCryptoFromConfig(config.encryption);
  useFieldCrypto(crypto);
  if (crypto.development) {
    app.log.warn('field encryption uses the built-in DEVELOPMENT key: set SIGNAAL_ENCRYPTION_KEYS and SIGNAAL_BLIND_INDEX_KEY for real data');
  }

  const cookieName = sessionCookieName(config);
  const sessions = new SessionService(database.db, config.session);

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  // The chat's sockets (chat-socket.routes.ts). A frame is one small JSON object: anything larger
  // is refused by ws itself before it is buffered.
  await app.register(websocket, { options: { maxPayload: MAX_FRAME_BYTES } });
  await app.register(access, { db: database.db, sessions, cookieName });
  await app.register(errors);
  await app.register(security);
  await app.register(openapi, { cookieName });

  await app.register(healthRoutes, { database });
  await app.register(publicRoutes, { config, db: database.db });
  await app.register(authRoutes, { config, db: database.db, sessions, cookieName });
  await app.register(userRoutes, { db: database.db });
  await app.register(auditRoutes, { db: database.db });
  await app.register(regionRoutes, { db: database.db });
  await app.register(contactRoutes);
  await app.register(reportRoutes, { db: database.db });
  await app.register(publicationRoutes, { db: database.db, config });
  await app.register(statsRoutes);
  await app.register(caseRoutes);
  await app.register(restrictionRoutes);
  await app.register(householdRoutes);
  await app.register(intakeRoutes, { config, db: database.db });
  await app.register(apiKeyRoutes);
  await app.register(handoverRoutes);
  await app.register(measureRoutes);
  await app.register(shelterRoutes);
  await app.register(hwcRoutes);
  await app.register(childcareRoutes);
  await app.register(mdaRoutes);
  await app.register(partnerOrganisationRoutes);
  await app.register(meldcodeRoutes, { config, db: database.db });
  await app.register(chatRoutes, { config, database, sessions, cookieName });
  await app.register(retentionRoutes, { config, db: database.db });
  await app.register(subjectRequestRoutes, { db: database.db });
  await app.register(web);
  if (database.kind === 'pglite') scheduleEmbeddedMaintenance(app, database);
  return app;
}

/**
 * The embedded database runs no autovacuum (db/embedded-maintenance.ts): the server does its work
 * every few minutes, after a first pass shortly after start (a data directory may come from an
 * import or an older version that was never maintained).
 */
function scheduleEmbeddedMaintenance(app: FastifyInstance, database: Database): void {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;
  // The next pass is timed from the end of the last one, so two passes never overlap.
  const pass = () => {
    running = maintainEmbedded(database.db)
      .then((done) => {
        if (done.length > 0) app.log.info({ done }, 'embedded database maintained');
      })
      .catch((err: unknown) => app.log.warn({ err }, 'embedded database maintenance failed'))
      .finally(() => {
        if (!closed) timer = setTimeout(pass, EMBEDDED_MAINTENANCE_EVERY_MS).unref();
      });
  };
  app.addHook('onReady', async () => {
    timer = setTimeout(pass, 60_000).unref();
  });
  app.addHook('onClose', async () => {
    closed = true;
    clearTimeout(timer);
    await running;
  });
}

const EMBEDDED_MAINTENANCE_EVERY_MS = 5 * 60_000;
