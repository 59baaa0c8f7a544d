import { ConfigError, loadConfig } from '../config.ts';
import { openReadyDatabase } from '../runtime.ts';
import { buildApp } from './app.ts';

/** Server entry: config, database, app, listen; SIGTERM/SIGINT close everything in order. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openReadyDatabase(config);
  const app = await buildApp({ config, database });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      // Answers given while closing end their connection (app.ts), so close() ends when the
      // running requests have. What still stayed open in the tests was the connection of a long
      // poll whose client had gone away, which Node does not count as idle: connections still open
      // 5 s after close() began are cut, so the process exits cleanly (code 0). A request of ours
      // that runs longer than that (a large export) is cut, as the guard would cut it.
      const cut = setTimeout(() => app.server.closeAllConnections(), 5000);
      await app.close(); // stops accepting, lets running requests finish
      clearTimeout(cut);
      await database.close(); // flushes the embedded database
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { database: database.kind, demo: config.demo },
    `Signaal listening on http://${config.host}:${config.port} (${database.kind}${config.demo ? ', demo mode' : ''})`,
  );
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`signaal: ${err.message}\n`);
  } else {
    process.stderr.write(`signaal: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exit(1);
});
