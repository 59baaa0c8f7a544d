// A real server process (node --import tsx src/server/main.ts) for the fault tests and the
// benchmarks: started on a free port of 127.0.0.1, killed with any signal, started again on the
// same data. Unlike e2e/harness.ts it neither builds the web pages nor removes the data directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Generous: on a shared, overloaded 2-core machine a start (tsx, PGlite, migrations) took over 2 minutes.
const READY_TIMEOUT_MS = 300_000;

// Every child still running when this process exits is killed with it, so a crashed or
// interrupted benchmark or test leaves no server behind on a shared machine.
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  port: number;
  pid(): number | undefined;
  /** Everything the process printed, for failure messages. */
  output(): string;
  /** Starts (again) and resolves when /ready answers 200. */
  start(): Promise<void>;
  /** Sends a signal and waits until the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  running(): boolean;
  /** The exit code of the last run (null while running, or when ended by a signal). */
  exitCode(): number | null;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * `env` decides the database: SIGNAAL_DATA_DIR for the embedded one, DATABASE_URL for a server.
 * The port stays the same across restarts, as a client would expect of a service.
 */
export async function serverProcess(env: Record<string, string>, opts: { command?: string[] } = {}): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let output = '';
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;

  const start = async (): Promise<void> => {
    if (running()) throw new Error('server already running');
    // SERVER_NODE_ARGS: extra flags for the server's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p"
    // to profile the servers of a bench run (node refuses --cpu-prof in NODE_OPTIONS).
    const extra = process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const proc = spawn(process.execPath, [...extra, ...(opts.command ?? ['--import', 'tsx', 'src/server/main.ts'])], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', SIGNAAL_DEMO: 'true', ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    children.add(proc);
    proc.once('exit', () => children.delete(proc));
    proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`server exited (${proc.exitCode ?? proc.signalCode}) before ready:\n${output.slice(-4000)}`);
      try {
        const res = await fetch(`${url}/ready`);
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`server not ready after ${READY_TIMEOUT_MS / 1000} s:\n${output.slice(-4000)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const kill = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    if (!child || !running()) return;
    child.kill(signal);
    if (!(await waitForExit(child, 20_000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 5_000);
    }
  };

  return { url, port, pid: () => child?.pid, output: () => output, start, kill, running, exitCode: () => child?.exitCode ?? null };
}

/** A staff session of a demo account over HTTP (demo accounts sign in without two-factor). */
export interface HttpSession {
  headers: Record<string, string>;
}

export const DEMO_PASSWORD = 'demo-signaal-2026';

export async function demoLogin(url: string, email: string): Promise<HttpSession> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { stage: string; csrfToken: string };
  if (body.stage !== 'active') throw new Error(`login ${email}: stage ${body.stage}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { headers: { cookie, 'x-csrf-token': body.csrfToken, 'content-type': 'application/json' } };
}

/** Opens the national chat around the clock (an admin's change through the API). */
export async function openChatAllWeek(url: string): Promise<void> {
  const admin = await demoLogin(url, 'beheer@demo.signaal.example');
  const res = await fetch(`${url}/api/chat/opening-hours/NL`, {
    method: 'PUT',
    headers: admin.headers,
    body: JSON.stringify({ days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' })) }),
  });
  if (res.status !== 200) throw new Error(`opening hours: ${res.status} ${await res.text()}`);
}
