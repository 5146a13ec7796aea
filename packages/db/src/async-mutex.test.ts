import { describe, expect, it } from 'vitest';
import { createAsyncMutex } from './async-mutex.js';

describe('createAsyncMutex', () => {
  it('hands the lock out one holder at a time, in order', async () => {
    const mutex = createAsyncMutex();
    const log: string[] = [];
    const hold = async (name: string, ms: number) => {
      const release = await mutex.acquire();
      log.push(`${name}+`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`${name}-`);
      release();
    };
    await Promise.all([hold('a', 20), hold('b', 1), hold('c', 5)]);
    expect(log).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
  });

  it('ignores a second release of the same turn', async () => {
    const mutex = createAsyncMutex();
    const first = await mutex.acquire();
    const second = mutex.acquire();
    let thirdTaken = false;
    const third = mutex.acquire().then((r) => {
      thirdTaken = true;
      return r;
    });
    first();
    const releaseSecond = await second;
    first();
    await new Promise((r) => setTimeout(r, 5));
    expect(thirdTaken).toBe(false);
    releaseSecond();
    (await third)();
  });
});
