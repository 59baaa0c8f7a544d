// The visitor's side of a chat: a WebSocket (or, where none opens, a long poll) with resume, and
// an outbox that resends until stored. Everything lives in this object, in memory: no cookie, no
// storage. wipe() forgets it all.

export interface ChatMessage {
  seq: number;
  sender: 'visitor' | 'worker' | 'system';
  body: string;
  sentAt: string;
}

export interface PendingMessage {
  clientId: string;
  body: string;
}

export interface ChatView {
  status: 'waiting' | 'active' | 'ended';
  leftMessage: boolean;
  position: number | null;
  estimateMinutes: number | null;
  workerTyping: boolean;
  endedBy: 'visitor' | 'worker' | null;
  messages: ChatMessage[];
}

export interface ChatSnapshot extends ChatView {
  pending: PendingMessage[];
  connected: boolean;
}

const POLL_SECONDS = 25;
/** A sent frame without acknowledgement after this long is sent again (same id: stored once). */
const ACK_TIMEOUT_MS = 10_000;
/** Sockets that fail before they ever open, in a row, before this chat falls back to long polling. */
const SOCKET_ATTEMPTS = 2;
const MAX_BACKOFF_MS = 10_000;
const TYPING_EVERY_MS = 3_000;

function newClientId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A frame from the chat socket, or 'closed' when the socket went away while a send waited. */
interface SocketFrame {
  t: 'view' | 'ack' | 'error' | 'closed';
  clientId?: string;
  seq?: number;
  retry?: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ChatClient {
  private token: string;
  private snap: ChatSnapshot;
  private readonly listeners = new Set<() => void>();
  private stopped = false;
  private flushing = false;
  private running = false;
  private lastTyping = 0;
  private readonly abort = new AbortController();
  /** The open socket, or null (connecting, reconnecting, or long polling instead). */
  private socket: WebSocket | null = null;
  /** Called with each acknowledgement or refusal that arrives over the socket. */
  private onAck: ((frame: SocketFrame) => void) | null = null;

  constructor(token: string, first: ChatView) {
    this.token = token;
    this.snap = { ...first, messages: [], pending: [], connected: true };
    this.merge(first);
  }

  snapshot = (): ChatSnapshot => this.snap;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private set(next: Partial<ChatSnapshot>): void {
    this.snap = { ...this.snap, ...next };
    for (const fn of this.listeners) fn();
  }

  /** Messages are kept by number: a repeat is ignored, order is the server's. */
  private merge(v: ChatView): void {
    const bySeq = new Map(this.snap.messages.map((m) => [m.seq, m]));
    for (const m of v.messages) bySeq.set(m.seq, m);
    const messages = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    this.set({ status: v.status, leftMessage: v.leftMessage, position: v.position, estimateMinutes: v.estimateMinutes, workerTyping: v.workerTyping, endedBy: v.endedBy, messages });
  }

  private lastSeq(): number {
    return this.snap.messages.at(-1)?.seq ?? 0;
  }

  private headers(json = false): Record<string, string> {
    return json ? { 'x-chat-token': this.token, 'content-type': 'application/json' } : { 'x-chat-token': this.token };
  }

  /**
   * Follows the chat until it ends: over a WebSocket, and after a lost connection a new one that
   * resumes after the last message it has. Where a socket cannot open at all (an old browser, a
   * proxy that refuses upgrades), the same by long polling.
   */
  async run(): Promise<void> {
    // One loop per chat, also when React runs an effect twice.
    if (this.running) return;
    this.running = true;
    let failures = 0;
    let backoff = 1000;
    while (!this.over() && typeof WebSocket !== 'undefined') {
      const opened = await this.follow();
      if (this.over()) return;
      failures = opened ? 0 : failures + 1;
      if (!opened && failures >= SOCKET_ATTEMPTS) break;
      this.set({ connected: false });
      await sleep(opened ? 500 : backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
    if (!this.over()) await this.poll();
  }

  /** The chat ended, or this tab forgot it: nothing more to follow. */
  private over(): boolean {
    return this.stopped || this.snap.status === 'ended';
  }

  /**
   * One socket, until it closes; resolves whether it worked: answered the hello. (A proxy may
   * accept the upgrade and then pass nothing: that counts as a socket that failed.)
   */
  private follow(): Promise<boolean> {
    return new Promise((resolve) => {
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      let worked = false;
      let ws: WebSocket;
      try {
        ws = new WebSocket(`${scheme}://${location.host}/api/public/chat/socket`);
      } catch {
        resolve(false);
        return;
      }
      const stop = (): void => ws.close();
      this.abort.signal.addEventListener('abort', stop);
      ws.onopen = () => {
        // The token goes in the first frame: never in the URL, which ends up in logs.
        ws.send(JSON.stringify({ t: 'hello', token: this.token, after: this.lastSeq() }));
      };
      ws.onmessage = (event: MessageEvent<string>) => {
        let frame: SocketFrame;
        try {
          frame = JSON.parse(event.data) as SocketFrame;
        } catch {
          return;
        }
        if (frame.t === 'view') {
          worked = true;
          const first = this.socket !== ws;
          this.socket = ws;
          this.merge(frame as unknown as ChatView);
          if (!this.snap.connected) this.set({ connected: true });
          // Whatever waited in the outbox while the line was down goes now.
          if (first) void this.flush();
          // An ended chat has nothing more to say: the socket is closed, run() returns.
          if (this.snap.status === 'ended') ws.close();
        } else if (frame.t === 'ack' || (frame.t === 'error' && frame.clientId)) {
          this.onAck?.(frame);
        }
      };
      ws.onclose = (event: CloseEvent) => {
        this.abort.signal.removeEventListener('abort', stop);
        if (this.socket === ws) this.socket = null;
        this.onAck?.({ t: 'closed' });
        // 4404: the chat is gone (ended and deleted, or never existed): nothing to resume.
        if (event.code === 4404) this.set({ status: 'ended', connected: true });
        resolve(worked);
      };
    });
  }

  /** Long polling: the same view, one request at a time, for where no socket opens. */
  private async poll(): Promise<void> {
    let backoff = 1000;
    while (!this.stopped && this.snap.status !== 'ended') {
      try {
        const q = new URLSearchParams({
          after: String(this.lastSeq()),
          status: this.snap.status,
          position: String(this.snap.position ?? 0),
          typing: String(this.snap.workerTyping),
          wait: String(POLL_SECONDS),
        });
        const res = await fetch(`/api/public/chat/events?${q.toString()}`, { headers: this.headers(), credentials: 'omit', cache: 'no-store', signal: this.abort.signal });
        if (res.status === 404) {
          this.set({ status: 'ended', connected: true });
          break;
        }
        if (!res.ok) throw new Error(String(res.status));
        this.merge((await res.json()) as ChatView);
        if (!this.snap.connected) this.set({ connected: true });
        backoff = 1000;
      } catch {
        if (this.stopped) break;
        this.set({ connected: false });
        await sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  send(body: string): void {
    this.set({ pending: [...this.snap.pending, { clientId: newClientId(), body }] });
    void this.flush();
  }

  /** One message at a time, in order; each is resent with the same id until the server has it. */
  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    let backoff = 1000;
    try {
      while (!this.stopped && this.snap.pending.length > 0) {
        const p = this.snap.pending[0]!;
        try {
          const answer = this.socket ? await this.sendOverSocket(this.socket, p) : await this.sendOverHttp(p);
          if (answer.seq !== undefined) {
            const seq = answer.seq;
            const rest = this.snap.pending.slice(1);
            // The socket does not push one's own message back: it is shown from its acknowledgement.
            const known = this.snap.messages.some((m) => m.seq === seq);
            const messages = known ? this.snap.messages : [...this.snap.messages, { seq, sender: 'visitor' as const, body: p.body, sentAt: new Date().toISOString() }].sort((a, b) => a.seq - b.seq);
            this.set({ pending: rest, messages, connected: true });
            backoff = 1000;
          } else if (answer.refused) {
            // Ended, or refused as invalid: resending cannot help.
            this.set({ pending: [] });
          } else {
            throw new Error('not stored');
          }
        } catch {
          if (this.stopped) break;
          this.set({ connected: false });
          await sleep(backoff);
          backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async sendOverHttp(p: PendingMessage): Promise<{ seq?: number; refused?: boolean }> {
    const res = await fetch('/api/public/chat/messages', { method: 'POST', headers: this.headers(true), credentials: 'omit', body: JSON.stringify(p), signal: this.abort.signal });
    if (res.status === 201) return { seq: ((await res.json()) as { seq: number }).seq };
    if (res.status >= 400 && res.status < 500) return { refused: true };
    return {};
  }

  /** Sends one message frame and waits for its acknowledgement, a refusal, or a lost line. */
  private sendOverSocket(ws: WebSocket, p: PendingMessage): Promise<{ seq?: number; refused?: boolean }> {
    return new Promise((resolve) => {
      const done = (answer: { seq?: number; refused?: boolean }): void => {
        clearTimeout(timer);
        this.onAck = null;
        resolve(answer);
      };
      const timer = setTimeout(() => done({}), ACK_TIMEOUT_MS);
      this.onAck = (frame) => {
        if (frame.t === 'closed') done({});
        else if (frame.clientId !== p.clientId) return;
        else if (frame.t === 'ack') done({ seq: frame.seq });
        else done(frame.retry ? {} : { refused: true });
      };
      try {
        ws.send(JSON.stringify({ t: 'send', clientId: p.clientId, body: p.body }));
      } catch {
        done({});
      }
    });
  }

  typing(): void {
    const now = Date.now();
    if (this.snap.status !== 'active' || now - this.lastTyping < TYPING_EVERY_MS) return;
    this.lastTyping = now;
    if (this.socket) this.socket.send(JSON.stringify({ t: 'typing' }));
    else void fetch('/api/public/chat/typing', { method: 'POST', headers: this.headers(), credentials: 'omit' }).catch(() => undefined);
  }

  /** Ends the chat on the server (keepalive: also when the page is being left) and forgets it. */
  async end(): Promise<void> {
    const ending = fetch('/api/public/chat/end', { method: 'POST', headers: this.headers(), credentials: 'omit', keepalive: true }).catch(() => undefined);
    this.wipe();
    await ending;
  }

  /** Forgets the token and every message: nothing of the chat stays in this tab. */
  wipe(): void {
    this.stopped = true;
    this.abort.abort();
    this.token = '';
    this.set({ messages: [], pending: [], status: 'ended' });
    this.listeners.clear();
  }
}
