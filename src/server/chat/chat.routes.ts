import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import type { SessionService } from '../auth/session.service.ts';
import { chatAdminRoutes } from './chat-admin.routes.ts';
import { chatConsoleRoutes } from './chat-console.routes.ts';
import { chatPagesRoutes } from './chat-pages.routes.ts';
import { chatPublicRoutes } from './chat-public.routes.ts';
import { chatSocketRoutes } from './chat-socket.routes.ts';
import { openChatBus } from './chat.bus.ts';
import { runChatMaintenance } from './chat.jobs.ts';

/** How often each process runs the chat's maintenance (abandoned chats, transcript retention). */
const MAINTENANCE_EVERY_MS = 60_000;

/** The chat module: public visitor routes, the workers' console routes, admin, and its jobs. */
export async function chatRoutes(app: FastifyInstance, opts: { config: Config; database: Database; sessions: SessionService; cookieName: string }): Promise<void> {
  const { config, database } = opts;
  const bus = await openChatBus(database);
  const routeOpts = { config, db: database.db, bus };
  await chatPublicRoutes(app, routeOpts);
  await chatConsoleRoutes(app, routeOpts);
  await chatAdminRoutes(app, routeOpts);
  await chatPagesRoutes(app, routeOpts);
  await chatSocketRoutes(app, { db: database.db, bus, sessions: opts.sessions, cookieName: opts.cookieName });

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      running = runChatMaintenance(database.db, bus, { retentionDays: config.chat.retentionDays }).catch((err: unknown) => app.log.error({ err }, 'chat maintenance failed'));
    }, MAINTENANCE_EVERY_MS);
    timer.unref();
  });
  app.addHook('preClose', async () => {
    bus.shutdown();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
    await bus.close();
  });
}
