// The visitor's side of a chat: long poll with resume, an outbox that resends until stored.
// Everything lives in this object, in memory: no cookie, no storage. wipe() forgets it all.

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
const MAX_BACKOFF_MS = 10_000;
const TYPING_EVERY_MS = 3_000;

function newClientId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
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

  /** Asks for news until the chat ends; after a lost connection, resumes after the last message it has. */
  async run(): Promise<void> {
    // One loop per chat, also when React runs an effect twice.
    if (this.running) return;
    this.running = true;
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
          const res = await fetch('/api/public/chat/messages', { method: 'POST', headers: this.headers(true), credentials: 'omit', body: JSON.stringify(p), signal: this.abort.signal });
          if (res.status === 201) {
            const { seq } = (await res.json()) as { seq: number };
            const rest = this.snap.pending.slice(1);
            const known = this.snap.messages.some((m) => m.seq === seq);
            const messages = known ? this.snap.messages : [...this.snap.messages, { seq, sender: 'visitor' as const, body: p.body, sentAt: new Date().toISOString() }].sort((a, b) => a.seq - b.seq);
            this.set({ pending: rest, messages, connected: true });
            backoff = 1000;
          } else if (res.status >= 400 && res.status < 500) {
            // Ended, or refused as invalid: resending cannot help.
            this.set({ pending: [] });
          } else {
            throw new Error(String(res.status));
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

  typing(): void {
    const now = Date.now();
    if (this.snap.status !== 'active' || now - this.lastTyping < TYPING_EVERY_MS) return;
    this.lastTyping = now;
    void fetch('/api/public/chat/typing', { method: 'POST', headers: this.headers(), credentials: 'omit' }).catch(() => undefined);
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
