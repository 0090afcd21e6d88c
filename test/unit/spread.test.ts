import { describe, expect, it } from 'vitest';
import { spreadByKey } from '../../src/compress/spread.js';
import { collect } from '../helpers/temp.js';

async function* from<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

describe('spreadByKey (batches that run together write to different folders)', () => {
  it('emits every item once, and neighbours differ in key whenever the lookahead allows', async () => {
    const items = ['a', 'a', 'a', 'b', 'b', 'c', 'a', 'c', 'c', 'd'].map((key, i) => ({ key, i }));
    const out = await collect(spreadByKey(from(items), (x) => x.key, 1, 4));
    expect(out.map((x) => x.i).sort((p, q) => p - q)).toEqual(items.map((x) => x.i));
    const keys = out.map((x) => x.key).join('');
    expect(keys).toBe('ababacacdc');
    expect(keys).not.toMatch(/(.)\1/); // the input had aaa, bb and cc side by side
    // Within one key the original order is kept (files of a folder stay in walk order).
    for (const key of 'abcd') expect(out.filter((x) => x.key === key).map((x) => x.i)).toEqual(items.filter((x) => x.key === key).map((x) => x.i));
  });

  it('passes undefined keys through in turn and falls back to order when every key is recent', async () => {
    const items = [{ key: undefined, i: 0 }, { key: 'a', i: 1 }, { key: 'a', i: 2 }, { key: undefined, i: 3 }];
    expect((await collect(spreadByKey(from(items), (x) => x.key, 1, 8))).map((x) => x.i)).toEqual([0, 1, 3, 2]);
    const same = [1, 2, 3].map((i) => ({ key: 'x', i }));
    expect((await collect(spreadByKey(from(same), (x) => x.key, 1))).map((x) => x.i)).toEqual([1, 2, 3]);
  });
});
