import { describe, expect, it } from 'vitest';
import { runOrdered } from '../../src/pool/order.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('runOrdered', () => {
  it('consumes in source order while tasks finish out of order, never more than `limit` outstanding', async () => {
    let outstanding = 0;
    let peak = 0;
    const seen: number[] = [];
    await runOrdered([5, 1, 4, 0, 3, 2, 1, 0], async (n) => {
      outstanding++;
      peak = Math.max(peak, outstanding);
      await sleep(n * 3);
      return n * 10;
    }, (result) => {
      outstanding--;
      seen.push(result);
    }, 3);
    expect(seen).toEqual([50, 10, 40, 0, 30, 20, 10, 0]);
    expect(peak).toBeLessThanOrEqual(3);
  });

  it('a failed task rejects after every started task settled, and closes the source', async () => {
    const settled: number[] = [];
    const started: number[] = [];
    let closed = false;
    async function* source(): AsyncGenerator<number> {
      try {
        for (let i = 0; i < 100; i++) yield i;
      } finally {
        closed = true;
      }
    }
    await expect(runOrdered(source(), async (n) => {
      started.push(n);
      await sleep(n === 1 ? 1 : 10);
      settled.push(n);
      if (n === 1) throw Object.assign(new Error('boom'), { code: 'EBOOM' });
      return n;
    }, () => undefined, 4)).rejects.toMatchObject({ code: 'EBOOM' });
    expect(closed).toBe(true);
    // Every task started was waited for (the one scheduler's in-order stage starts no task once the failure is next).
    expect(settled.sort((a, b) => a - b)).toEqual(started.sort((a, b) => a - b));
    expect(started.slice(0, 4).sort((a, b) => a - b)).toEqual([0, 1, 2, 3]);
  });
});
