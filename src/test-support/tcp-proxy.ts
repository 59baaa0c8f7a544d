import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 between the app and PostgreSQL that a test can cut: `cut()` drops
 * every open connection and refuses new ones (accepted and closed at once) until `restore()`.
 * This takes "the database" away from one app without stopping the shared server.
 */
export interface TcpProxy {
  port: number;
  /** The database URL with host and port replaced by the proxy's. */
  url: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
  /** Connections dropped or refused while cut. */
  dropped(): number;
}

export async function tcpProxy(targetUrl: string): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  const targetPort = Number(target.port || 5432);
  const targetHost = target.hostname;
  const open = new Set<Socket>();
  let down = false;
  let dropped = 0;

  const server: Server = createServer((client) => {
    if (down) {
      dropped++;
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    open.add(client);
    open.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  return {
    port,
    url: url.toString(),
    cut() {
      down = true;
      for (const s of open) {
        dropped++;
        s.destroy();
      }
      open.clear();
    },
    restore() {
      down = false;
    },
    dropped: () => dropped,
    async close() {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
