import { describe, expect, it } from 'vitest';
import { DatabaseBusyError, Mutex } from './pglite-driver.ts';

describe('the PGlite connection lock', () => {
  it('hands the connection to one holder at a time, in order', async () => {
    const m = new Mutex();
    const log: string[] = [];
    const hold = async (name: string, ms: number) => {
      const release = await m.lock();
      log.push(`${name}+`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`${name}-`);
      release();
    };
    await Promise.all([hold('a', 20), hold('b', 1), hold('c', 5)]);
    expect(log).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
  });

  it('refuses a waiter that waited too long, which then never holds the lock, and serves the next', async () => {
    const m = new Mutex();
    const first = await m.lock();
    const impatient = m.lock(20);
    let patientGot = false;
    const patient = m.lock().then((release) => {
      patientGot = true;
      return release;
    });
    await expect(impatient).rejects.toBeInstanceOf(DatabaseBusyError);
    expect(patientGot).toBe(false);
    first();
    const release = await patient;
    // The impatient waiter is gone: after the patient one, the lock is free at once.
    release();
    const again = await Promise.race([m.lock(), new Promise<'busy'>((r) => setTimeout(() => r('busy'), 50))]);
    expect(again).not.toBe('busy');
  });
});
