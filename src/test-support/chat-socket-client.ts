import { WebSocket } from 'ws';

export type Frame = { t: string } & Record<string, unknown>;

/**
 * A chat socket as a test (or the bench) sees it: every frame is kept, and next() waits for the
 * first unread frame that matches, so a test reads the conversation in order.
 */
export class SocketClient {
  readonly frames: Frame[] = [];
  private read = 0;
  private waiters: (() => void)[] = [];
  closeCode: number | null = null;
  private readonly closed: Promise<number>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as Frame);
      this.wake();
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code) => {
        this.closeCode = code;
        this.wake();
        resolve(code);
      }),
    );
  }

  /** Opens a socket; rejects with the handshake's HTTP status when the server refuses it. */
  static open(url: string, headers: Record<string, string> = {}): Promise<SocketClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      const client = new SocketClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => {
        reject(Object.assign(new Error(`handshake refused: ${res.statusCode}`), { status: res.statusCode }));
        res.resume();
      });
      ws.once('error', reject);
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }

  send(frame: object): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** The next unread frame that matches (frames before it are passed over), or an error after ms. */
  async next(match: (f: Frame) => boolean = () => true, ms = 5000): Promise<Frame> {
    const deadline = Date.now() + ms;
    for (;;) {
      for (let i = this.read; i < this.frames.length; i++) {
        if (match(this.frames[i]!)) {
          this.read = i + 1;
          return this.frames[i]!;
        }
      }
      const left = deadline - Date.now();
      if (left <= 0 || this.closeCode !== null) {
        throw new Error(`no matching frame within ${ms} ms (closed: ${this.closeCode}); frames: ${JSON.stringify(this.frames.slice(this.read))}`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Resolves with the close code once the server (or close()) has closed the socket. */
  waitClosed(): Promise<number> {
    return this.closed;
  }

  close(): void {
    this.ws.close();
  }
}
