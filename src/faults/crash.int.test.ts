import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPGlite, type Database } from '../db/database.ts';
import { serverProcess, openChatAllWeek, type ServerProcess } from '../test-support/server-process.ts';
import { openTestDatabase, testDbKind, type TestDatabase } from '../test-support/test-database.ts';
import { newKey, publicMelding, sendUntilAcknowledged } from './client.ts';

/**
 * Crash: the server process is killed with SIGKILL at random moments while clients submit
 * meldingen (public form, Idempotency-Key) and chat messages (clientId), and started again on the
 * same data. Clients resend what was not acknowledged, as the web clients do. Afterwards every
 * acknowledged melding and message is stored exactly once, and the chat's numbering has no gaps.
 * On the embedded database this is the data directory surviving a killed process (the WAL is
 * flushed before the answer: pglite-durability.int.test.ts); on PostgreSQL, the server's commit.
 * Each kill is set off by the clients' progress (a share of the meldingen acknowledged, then a
 * random 0-300 ms), not by the clock, so it always lands while they are at work: with timed kills
 * a fast server had finished everything before the first one, and the test proved nothing.
 * Chats keep sending until the last restart is done. Bounded: a fixed number of kills, meldingen
 * and attempts, and chat messages only while the kills last.
 */
const KILLS = 3;
const MELDINGEN = 40;
const CHATS = 3;
const MIN_MESSAGES_PER_CHAT = 6;
const MAX_MESSAGES_PER_CHAT = 200;

const kind = testDbKind();
let server: ServerProcess;
let dataDir: string | undefined;
let pgDatabase: TestDatabase | undefined;

beforeAll(async () => {
  const env: Record<string, string> = { SIGNAAL_INTAKE_RATE_PER_HOUR: '10000', SIGNAAL_CHAT_START_RATE_PER_HOUR: '10000', DB_POOL_SIZE: '4' };
  if (kind === 'pglite') {
    dataDir = await mkdtemp(path.join(tmpdir(), 'signaal-crash-'));
    env.SIGNAAL_DATA_DIR = dataDir;
  } else {
    pgDatabase = await openTestDatabase();
    env.DATABASE_URL = pgDatabase.url!;
  }
  server = await serverProcess(env);
  await server.start();
  await openChatAllWeek(server.url);
}, 400_000);

afterAll(async () => {
  await server?.kill('SIGKILL');
  await pgDatabase?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe(`a server killed with SIGKILL (${kind})`, () => {
  it('keeps every acknowledged melding and chat message exactly once', async () => {
    const chats: string[] = [];
    for (let c = 0; c < CHATS; c++) {
      const started = await sendUntilAcknowledged(`${server.url}/api/public/chat`, {}, { nickname: `Crash ${c}` });
      chats.push(String(started.body.token));
    }

    const acked = { meldingen: new Map<string, string>(), messages: [] as { chat: number; body: string; seq: number }[] };
    let chaosOver = false;
    const restarts: number[] = [];
    let refused = 0;
    const onFailure = () => void refused++;

    const meldingen = (async () => {
      // Two at a time, like two people submitting a form.
      const stories = Array.from({ length: MELDINGEN }, (_, i) => `crash-melding-${i}-${newKey()}`);
      const lanes = [0, 1].map(async (lane) => {
        for (let i = lane; i < stories.length; i += 2) {
          const story = stories[i]!;
          const key = newKey();
          const ack = await sendUntilAcknowledged(`${server.url}/api/public/contacts`, { 'idempotency-key': key }, publicMelding(story), { onFailure });
          acked.meldingen.set(story, String(ack.body.reference));
        }
      });
      await Promise.all(lanes);
    })();

    const messages = Promise.all(
      chats.map(async (token, c) => {
        // One message at a time per chat, in order, each resent with its own clientId, until the
        // chaos is over (and at least a few).
        for (let m = 0; m < MAX_MESSAGES_PER_CHAT && (m < MIN_MESSAGES_PER_CHAT || !chaosOver); m++) {
          const body = `crash-chat-${c}-${m}`;
          const ack = await sendUntilAcknowledged(`${server.url}/api/public/chat/messages`, { 'x-chat-token': token }, { clientId: newKey(), body }, { onFailure });
          acked.messages.push({ chat: c, body, seq: Number(ack.body.seq) });
          if (!chaosOver) await new Promise((r) => setTimeout(r, 100));
        }
      }),
    );

    for (let k = 0; k < KILLS; k++) {
      // Kill k once (k+1)/(KILLS+1) of the meldingen are in: the melding lanes are still busy then.
      const mark = Math.floor(((k + 1) * MELDINGEN) / (KILLS + 1));
      const until = Date.now() + 120_000;
      while (acked.meldingen.size < mark) {
        if (Date.now() > until) throw new Error(`only ${acked.meldingen.size} of ${mark} meldingen acknowledged before kill ${k + 1}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      await new Promise((r) => setTimeout(r, Math.random() * 300));
      await server.kill('SIGKILL');
      const t = Date.now();
      await server.start();
      restarts.push(Date.now() - t);
    }
    chaosOver = true;
    console.log(`restarts took ${restarts.join(', ')} ms; ${refused} attempts refused`);
    await Promise.all([meldingen, messages]);
    await server.kill('SIGTERM');
    // The kills did hit clients in the middle of their work.
    expect(refused).toBeGreaterThan(0);

    const db: Database = kind === 'pglite' ? await openPGlite(path.join(dataDir!, 'pglite')) : pgDatabase!;
    try {
      // The story and chat text are encrypted at rest (ADR 0013): SQL cannot match them, so filter after decryption.
      const contacts = (await db.db.selectFrom('contact').select(['id', 'summary', 'reference']).execute()).filter((c) => c.summary?.startsWith('crash-melding-'));
      expect(contacts).toHaveLength(MELDINGEN);
      for (const [story, reference] of acked.meldingen) {
        expect(contacts.filter((c) => c.summary === story).map((c) => c.reference)).toEqual([reference]);
      }
      const stored = await db.db
        .selectFrom('chat_message')
        .innerJoin('chat_session', 'chat_session.id', 'chat_message.session_id')
        .select(['chat_session.nickname', 'chat_message.seq', 'chat_message.body'])
        .orderBy('chat_session.nickname')
        .orderBy('chat_message.seq')
        .execute()
        .then((rows) => rows.filter((r) => r.body.startsWith('crash-chat-')));
      expect(stored).toHaveLength(acked.messages.length);
      for (let c = 0; c < CHATS; c++) {
        const mine = stored.filter((s) => s.nickname === `Crash ${c}`);
        const sent = acked.messages.filter((a) => a.chat === c).length;
        expect(sent).toBeGreaterThanOrEqual(MIN_MESSAGES_PER_CHAT);
        // In the order sent, numbered 1..n without gaps, and with the number each answer gave.
        expect(mine.map((s) => s.body)).toEqual(Array.from({ length: sent }, (_, m) => `crash-chat-${c}-${m}`));
        expect(mine.map((s) => s.seq)).toEqual(Array.from({ length: sent }, (_, m) => m + 1));
        expect(acked.messages.filter((a) => a.chat === c).map((a) => a.seq)).toEqual(mine.map((s) => s.seq));
      }
      // Every melding was audited in its own transaction: no contact without its audit entry.
      const audited = await db.db.selectFrom('audit_log').select('record_id').where('action', '=', 'contact.create').where('record_id', 'in', contacts.map((c) => String(c.id))).execute();
      expect(audited.map((a) => a.record_id).sort()).toEqual(contacts.map((c) => String(c.id)).sort());
    } finally {
      if (kind === 'pglite') await db.close();
    }
  }, 900_000);
});
