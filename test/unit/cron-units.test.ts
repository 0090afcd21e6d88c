import { describe, expect, it } from 'vitest';
import { parseDuration, parseShard, parseSize } from '../../src/runs/units.js';
import { leftOutBy, shardOf } from '../../src/runs/select.js';
import { OptionError } from '../../src/errors.js';

describe('cron units', () => {
  it('parses durations', () => {
    expect(parseDuration('older-than', '1d')).toBe(86_400_000);
    expect(parseDuration('older-than', '2h30m')).toBe(9_000_000);
    expect(parseDuration('older-than', '90')).toBe(90_000);
    expect(parseDuration('older-than', '1w')).toBe(7 * 86_400_000);
    expect(() => parseDuration('older-than', '1 day')).toThrow(OptionError);
    expect(() => parseDuration('older-than', '')).toThrow(/older-than/);
  });

  it('parses sizes in powers of 1024', () => {
    expect(parseSize('min-size', '4096')).toBe(4096);
    expect(parseSize('min-size', '10k')).toBe(10_240);
    expect(parseSize('min-size', '5M')).toBe(5 * 1024 ** 2);
    expect(parseSize('min-size', '2GiB')).toBe(2 * 1024 ** 3);
    expect(() => parseSize('min-size', '-1')).toThrow(OptionError);
  });

  it('parses shards and refuses K outside 1…N', () => {
    expect(parseShard('3/8')).toEqual({ index: 3, count: 8 });
    expect(() => parseShard('0/8')).toThrow(OptionError);
    expect(() => parseShard('9/8')).toThrow(OptionError);
    expect(() => parseShard('a/b')).toThrow(OptionError);
  });

  it('--shard k/8 for k = 1…8 partitions 100,000 paths: none missed, none doubled, roughly even', () => {
    const counts = new Array<number>(9).fill(0);
    let checked = 0;
    for (let i = 0; i < 100_000; i += 1) {
      const path = `logs/host${i % 97}/app-${i}.log`;
      const k = shardOf(path, 8);
      counts[k] = (counts[k] ?? 0) + 1;
      if (i % 50 !== 0) continue;
      // The selection stage agrees: exactly one of the 8 shards takes the file.
      const taken = [1, 2, 3, 4, 5, 6, 7, 8].filter((s) => leftOutBy({ path, abs: `/r/${path}`, index: i }, { shard: { index: s, count: 8 } }, '/r', 0) === undefined);
      if (taken.length !== 1 || taken[0] !== k) throw new Error(`${path}: taken by shards ${taken.join(',')}`);
      checked += 1;
    }
    expect(checked).toBe(2000);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(100_000);
    for (let k = 1; k <= 8; k += 1) expect(Math.abs((counts[k] ?? 0) - 12_500)).toBeLessThan(600);
    expect(shardOf('a', 1)).toBe(1);
  });

  it('filters by age and size from stat', () => {
    const now = 1_000_000_000;
    const file = (ageMs: number, size: number) =>
      ({ path: 'x', abs: '/x', index: 0, stat: { size, mtimeMs: now - ageMs, mtimeNs: '0', ino: 1 } });
    expect(leftOutBy(file(2 * 86_400_000, 10), { olderThanMs: 86_400_000 }, '/', now)).toBeUndefined();
    expect(leftOutBy(file(3_600_000, 10), { olderThanMs: 86_400_000 }, '/', now)).toMatch(/older-than/);
    expect(leftOutBy(file(3_600_000, 10), { newerThanMs: 7_200_000 }, '/', now)).toBeUndefined();
    expect(leftOutBy(file(3_600_000, 10), { minSize: 11 }, '/', now)).toMatch(/min-size/);
    expect(leftOutBy(file(3_600_000, 10), { maxSize: 9 }, '/', now)).toMatch(/max-size/);
  });
});
