import { describe, expect, it } from 'vitest';
import { spreadByKey } from '../../src/compress/spread.js';
import { collect } from '../helpers/temp.js';

async function* from<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

/** One key (a folder), or none. */
function keyList(key: string | undefined): string[] | undefined {
  return key === undefined ? undefined : [key];
}

describe('spreadByKey (batches that run together write to different folders)', () => {
  it('emits every item once, and neighbours differ in key whenever the lookahead allows', async () => {
    const items = ['a', 'a', 'a', 'b', 'b', 'c', 'a', 'c', 'c', 'd'].map((key, i) => ({ key, i }));
    const out = await collect(spreadByKey(from(items), (x) => keyList(x.key), 1, 4));
    expect(out.map((x) => x.i).sort((p, q) => p - q)).toEqual(items.map((x) => x.i));
    const keys = out.map((x) => x.key).join('');
    expect(keys).toBe('ababacacdc');
    expect(keys).not.toMatch(/(.)\1/); // the input had aaa, bb and cc side by side
    // Within one key the original order is kept (files of a folder stay in walk order).
    for (const key of 'abcd') expect(out.filter((x) => x.key === key).map((x) => x.i)).toEqual(items.filter((x) => x.key === key).map((x) => x.i));
  });

  it('passes undefined keys through in turn and falls back to order when every key is recent', async () => {
    const items = [{ key: undefined, i: 0 }, { key: 'a', i: 1 }, { key: 'a', i: 2 }, { key: undefined, i: 3 }];
    expect((await collect(spreadByKey(from(items), (x) => keyList(x.key), 1, 8))).map((x) => x.i)).toEqual([0, 1, 3, 2]);
    const same = [1, 2, 3].map((i) => ({ key: 'x', i }));
    expect((await collect(spreadByKey(from(same), (x) => keyList(x.key), 1))).map((x) => x.i)).toEqual([1, 2, 3]);
  });

  it('hands out the first item without reading the whole lookahead, and reads only as far as it must', async () => {
    let read = 0;
    async function* counted(): AsyncGenerator<{ key: string; i: number }> {
      for (const [i, key] of ['a', 'a', 'b', 'c', 'd', 'e'].entries()) {
        read += 1;
        yield { key, i };
      }
    }
    const spread = spreadByKey(counted(), (x) => keyList(x.key), 3, 8);
    expect((await spread.next()).value?.i).toBe(0);
    expect(read).toBe(1); // not 8: the first task is not held back while the walk goes on
    expect((await spread.next()).value?.i).toBe(2); // the second 'a' waits: 'a' is among the last 3
    expect(read).toBe(3);
    await spread.return(undefined);
  });

  it('keeps a window of items apart by key (spacing = window - 1), as the compress engine asks', async () => {
    // 2 batches per folder, as a folder of 100 files gives with batches of 64: a window of 4 tasks in flight.
    const items = ['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd', 'e', 'e', 'f', 'f'].map((key, i) => ({ key, i }));
    const keys = (await collect(spreadByKey(from(items), (x) => keyList(x.key), 3, 8))).map((x) => x.key);
    for (let i = 0; i + 4 <= keys.length - 2; i += 1) expect(new Set(keys.slice(i, i + 4)).size).toBe(4);
    expect(keys.slice().sort()).toEqual(items.map((x) => x.key));
  });

  it('keeps batches that write to several folders apart when any of their folders meet', async () => {
    // Batches of a tree of small folders: each spans a few; a folder cut between two batches is in both.
    const items = [['a', 'b'], ['b', 'c'], ['d'], ['c', 'e'], ['f', 'g']].map((keys, i) => ({ keys, i }));
    const out = (await collect(spreadByKey(from(items), (x) => x.keys, 1, 8))).map((x) => x.i);
    expect(out).toEqual([0, 2, 1, 4, 3]);
    for (let i = 1; i < out.length; i += 1) {
      const [p, q] = [items[out[i - 1] as number]?.keys ?? [], items[out[i] as number]?.keys ?? []];
      expect(p.some((k) => q.includes(k)), `${p} / ${q}`).toBe(false);
    }
  });

  it('closes the source when the consumer stops early', async () => {
    let closed = false;
    async function* source(): AsyncGenerator<{ key: string }> {
      try {
        for (;;) yield { key: 'k' };
      } finally {
        closed = true;
      }
    }
    for await (const item of spreadByKey(source(), (x) => keyList(x.key), 1, 4)) {
      expect(item.key).toBe('k');
      break;
    }
    expect(closed).toBe(true);
  });
});
