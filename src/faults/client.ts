// A client as the web forms and the chat tab behave: every submission carries its own key
// (Idempotency-Key for a contact, clientId for a chat message) and is resent with that same key
// after a network error or a 5xx until the server acknowledges it. Used by the fault tests.
import { randomUUID } from 'node:crypto';

export interface Ack {
  status: number;
  body: Record<string, unknown>;
}

export interface SendOptions {
  /** Stop retrying after this many attempts (bounds every test). */
  attempts?: number;
  /** Called after each failed attempt, e.g. to count 503s. */
  onFailure?: (what: { status: number | 'network'; code?: string }) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** POSTs JSON until a 2xx; a 4xx is final (the request itself is wrong). */
export async function sendUntilAcknowledged(url: string | (() => string), headers: Record<string, string>, body: unknown, opts: SendOptions = {}): Promise<Ack> {
  const attempts = opts.attempts ?? 400;
  for (let attempt = 1; ; attempt++) {
    let status: number | 'network' = 'network';
    let code: string | undefined;
    try {
      const res = await fetch(typeof url === 'function' ? url() : url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      status = res.status;
      const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (res.status >= 200 && res.status < 300) return { status: res.status, body: json };
      code = typeof json.code === 'string' ? json.code : undefined;
      if (res.status < 500 && res.status !== 429) throw new Error(`${res.status} ${JSON.stringify(json)}`);
    } catch (err) {
      if (status !== 'network') throw err;
    }
    opts.onFailure?.({ status, ...(code ? { code } : {}) });
    if (attempt >= attempts) throw new Error(`not acknowledged after ${attempts} attempts (last: ${status})`);
    await sleep(Math.min(50 * attempt, 500));
  }
}

/** A public-form melding with a unique story, so it can be found exactly once afterwards. */
export function publicMelding(story: string) {
  return {
    kind: 'melding',
    reporterType: 'particulier',
    violenceType: 'partnergeweld',
    story,
    reporterName: 'Testmelder',
    reporterContact: '0612345678',
  };
}

export function newKey(): string {
  return randomUUID();
}
