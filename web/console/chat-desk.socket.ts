import { ApiError } from './api.client.ts';
import type { ChatDetail } from './chat-desk.api.ts';

// The chat desk's one WebSocket (/api/chat/socket): it follows every open chat of the worker and
// sends their messages. Where no socket opens (a proxy that refuses upgrades), `failed` becomes
// true and the panels follow their chats by long polling, as before.

const ACK_TIMEOUT_MS = 10_000;
const MAX_BACKOFF_MS = 10_000;
/** Sockets that fail before ever opening, in a row, before the desk falls back to long polling. */
const ATTEMPTS = 2;

interface Watcher {
  after: number;
  onChat: (detail: ChatDetail) => void;
  onGone: () => void;
  onFallback: () => void;
}

interface Frame {
  t: 'ready' | 'chat' | 'gone' | 'ack' | 'error';
  chatId?: string;
  id?: string;
  clientId?: string;
  seq?: number;
  status?: number;
  code?: string;
  message?: string;
}

export class DeskSocket {
  private ws: WebSocket | null = null;
  private open = false;
  private closed = false;
  failed = false;
  private failures = 0;
  private backoff = 1000;
  private readonly watchers = new Map<string, Watcher>();
  private readonly acks = new Map<string, { resolve: (seq: number) => void; reject: (err: Error) => void }>();

  constructor() {
    if (typeof WebSocket === 'undefined') this.failed = true;
    else this.connect();
  }

  private connect(): void {
    if (this.closed) return;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    let opened = false;
    let ws: WebSocket;
    try {
      ws = new WebSocket(`${scheme}://${location.host}/api/chat/socket`);
    } catch {
      this.fallBack();
      return;
    }
    this.ws = ws;
    // The socket counts as working once the server's first frame ('ready') arrived: a proxy may
    // accept the upgrade and then pass nothing.
    ws.onmessage = (event: MessageEvent<string>) => {
      if (!opened) {
        opened = true;
        this.open = true;
        this.failures = 0;
        this.backoff = 1000;
        // After a reconnect every chat resumes after the last message its panel has.
        for (const [chatId, w] of this.watchers) ws.send(JSON.stringify({ t: 'watch', chatId, after: w.after }));
      }
      this.onFrame(event);
    };
    ws.onclose = (event: CloseEvent) => this.onClose(event, opened);
  }

  private onFrame(event: MessageEvent<string>): void {
    let f: Frame;
    try {
      f = JSON.parse(event.data) as Frame;
    } catch {
      return;
    }
    if (f.t === 'chat' && f.id) {
      const w = this.watchers.get(f.id);
      if (!w) return;
      const detail = f as unknown as ChatDetail;
      w.after = Math.max(w.after, ...detail.messages.map((m) => m.seq));
      w.onChat(detail);
    } else if (f.t === 'gone' && f.chatId) {
      this.watchers.get(f.chatId)?.onGone();
    } else if (f.t === 'ack' && f.clientId) {
      this.acks.get(f.clientId)?.resolve(f.seq!);
    } else if (f.t === 'error') {
      const err = new ApiError(f.status ?? 0, f.code ?? 'error', f.message ?? '');
      if (f.clientId) this.acks.get(f.clientId)?.reject(err);
      else if (f.chatId && f.status === 404) this.watchers.get(f.chatId)?.onGone();
    }
  }

  private onClose(event: CloseEvent, opened: boolean): void {
    this.open = false;
    this.ws = null;
    for (const a of this.acks.values()) a.reject(new ApiError(0, 'network_error', 'Network error'));
    this.acks.clear();
    if (this.closed) return;
    // 4401: signed out or the session ended; the next request of the page says so.
    if (event.code === 4401) return this.fallBack();
    if (!opened && ++this.failures >= ATTEMPTS) return this.fallBack();
    setTimeout(() => this.connect(), this.backoff);
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
  }

  private fallBack(): void {
    this.failed = true;
    for (const w of this.watchers.values()) w.onFallback();
    this.watchers.clear();
  }

  /** Follows one chat from `after`; returns the stop. */
  watch(chatId: string, after: number, handlers: Omit<Watcher, 'after'>): () => void {
    const w: Watcher = { after, ...handlers };
    this.watchers.set(chatId, w);
    if (this.open) this.ws?.send(JSON.stringify({ t: 'watch', chatId, after }));
    return () => {
      if (this.watchers.get(chatId) !== w) return;
      this.watchers.delete(chatId);
      if (this.open) this.ws?.send(JSON.stringify({ t: 'unwatch', chatId }));
    };
  }

  /** Whether a message can go over the socket now (else the panel posts it). */
  get connected(): boolean {
    return this.open;
  }

  /** Sends a message; resolves with its number once stored, rejects with an ApiError. */
  send(chatId: string, clientId: string, body: string): Promise<number> {
    return new Promise((resolve, reject) => {
      if (!this.open || !this.ws) return reject(new ApiError(0, 'network_error', 'Network error'));
      const timer = setTimeout(() => finish(() => reject(new ApiError(0, 'network_error', 'Network error'))), ACK_TIMEOUT_MS);
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        this.acks.delete(clientId);
        settle();
      };
      this.acks.set(clientId, { resolve: (seq) => finish(() => resolve(seq)), reject: (err) => finish(() => reject(err)) });
      this.ws.send(JSON.stringify({ t: 'send', chatId, clientId, body }));
    });
  }

  typing(chatId: string): boolean {
    if (!this.open) return false;
    this.ws?.send(JSON.stringify({ t: 'typing', chatId }));
    return true;
  }

  close(): void {
    this.closed = true;
    this.ws?.close();
  }
}
