import { describe, expect, it } from 'vitest';
import { batch } from '../../src/planner/batch.js';
import { runWindow } from '../../src/pool/window.js';
import { reorder } from '../../src/pool/order.js';
import { collect } from '../helpers/temp.js';

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('runWindow', () => {
  it('keeps at most `limit` in flight and yields in completion order', async () => {
    let running = 0;
    let peak = 0;
    const start = async (n: number): Promise<number> => {
      running += 1;
      peak = Math.max(peak, running);
      await delay(n % 3 === 0 ? 15 : 1);
      running -= 1;
      return n;
    };
    const out = await collect(runWindow([0, 1, 2, 3, 4, 5, 6, 7, 8], start, { limit: 3 }));
    expect(peak).toBe(3);
    expect([...out].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(out[0]).not.toBe(0); // 0 is slow: something finished before it
  });

  it('respects maxWeight but always admits one item', async () => {
    let running = 0;
    let peak = 0;
    const start = async (n: number): Promise<number> => {
      running += 1;
      peak = Math.max(peak, running);
      await delay(2);
      running -= 1;
      return n;
    };
    await collect(runWindow([5, 5, 5, 5, 50], start, { limit: 10, maxWeight: 10, weight: (n) => n }));
    expect(peak).toBe(2);
  });

  it('starts urgent items before the rest of the source', async () => {
    const urgent: number[] = [];
    const started: number[] = [];
    const gen = runWindow([1, 2, 3], async (n) => (started.push(n), n), { limit: 1 }, urgent);
    for await (const n of gen) if (n === 1) urgent.push(100);
    expect(started).toEqual([1, 100, 2, 3]);
  });

  it('throws a task rejection and closes the source', async () => {
    let closed = false;
    async function* source(): AsyncGenerator<number> {
      try {
        yield* [1, 2, 3];
      } finally {
        closed = true;
      }
    }
    await expect(collect(runWindow(source(), async (n) => { if (n === 1) throw new Error('boom'); return n; }, { limit: 1 }))).rejects.toThrow('boom');
    expect(closed).toBe(true);
  });
});

describe('batch and reorder', () => {
  it('batch groups and flushes the remainder', async () => {
    async function* items(): AsyncGenerator<number> {
      yield* [1, 2, 3, 4, 5];
    }
    expect(await collect(batch(items(), 2))).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('reorder yields by index and tracks held bytes', async () => {
    async function* items(): AsyncGenerator<{ index: number; result: string }> {
      yield* [2, 0, 3, 1].map((index) => ({ index, result: `r${index}` }));
    }
    const held = { count: 0, bytes: 0 };
    expect(await collect(reorder(items(), held, () => 1))).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect(held.bytes).toBe(0);
  });
});
