import { describe, expect, it } from 'vitest';
import { Pace } from '../../workers/pace.js';

/** Runs `n` calls through the pace, each taking `ms` when made synchronously; how many were synchronous. */
function calls(pace: Pace, n: number, ms: number): number {
  let sync = 0;
  for (let i = 0; i < n; i += 1) {
    if (!pace.sync()) continue;
    sync += 1;
    pace.took(ms);
  }
  return sync;
}

describe('Pace: synchronous calls while they stay fast', () => {
  it('keeps fast calls synchronous', () => {
    const pace = new Pace(1, 100, 4);
    expect(calls(pace, 1000, 0.01)).toBe(1000);
  });

  it('after a batch where most calls were slow, sends the next `spell` through the pool, then tries again', () => {
    const pace = new Pace(1, 100, 4);
    expect(calls(pace, 4, 5)).toBe(4); // the batch that finds the mount slow
    expect(calls(pace, 100, 5)).toBe(0); // the spell: none synchronous
    expect(calls(pace, 4, 0.01)).toBe(4); // tried again, fast again: it stays synchronous
    expect(calls(pace, 100, 0.01)).toBe(100);
  });

  it('a few slow calls in a batch (a big folder now and then) do not switch', () => {
    const pace = new Pace(1, 100, 4);
    for (let i = 0; i < 10; i += 1) {
      expect(calls(pace, 2, 5)).toBe(2);
      expect(calls(pace, 2, 0.01)).toBe(2);
    }
  });
});
