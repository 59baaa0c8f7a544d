import { describe, expect, it } from 'vitest';
import { Mutex } from './pglite-driver.ts';

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
});
