import { describe, expect, it } from 'vitest';
import { isReport, mergeReports, type RunReport } from '../../src/runs/merge-reports.js';

function report(index: number, count: number, extra: Partial<RunReport> = {}): RunReport {
  return {
    pario: '0.1.0',
    command: 'hash',
    status: 'ok',
    started: `2026-01-01T00:00:0${index}.000Z`,
    finished: `2026-01-01T00:01:0${index}.000Z`,
    ms: 60_000,
    shard: { index, count, engine: 'kubernetes' },
    counts: { hashed: 10 * index, unchanged: 1 },
    bytesRead: 100 * index,
    failed: 0,
    errors: [],
    ...extra,
  };
}

const merge = (reports: RunReport[], expect?: number) => JSON.parse(mergeReports(reports.map((r, i) => ({ path: `r${i}.json`, report: r })), expect)) as Record<string, unknown>;

describe('pario manifest merge of --report files', () => {
  it('sums the counts and byte totals of the shares, spans their times and lists them', () => {
    const merged = merge([report(2, 3), report(1, 3), report(3, 3, { status: 'failed', failed: 1, errors: [{ path: 'b', code: 'EIO', message: 'x' }] })], 3);
    expect(merged).toMatchObject({
      command: 'hash',
      status: 'failed',
      started: '2026-01-01T00:00:01.000Z',
      finished: '2026-01-01T00:01:03.000Z',
      ms: 62_000,
      counts: { hashed: 60, unchanged: 3 },
      bytesRead: 600,
      failed: 1,
      errors: [{ path: 'b', code: 'EIO', message: 'x' }],
      shards: { count: 3, engine: 'kubernetes' },
    });
    expect((merged['shards'] as { reports: { index: number; file: string }[] }).reports.map((r) => [r.index, r.file])).toEqual([[1, 'r1.json'], [2, 'r0.json'], [3, 'r2.json']]);
  });

  it('fails on a missing share, a share reported twice, a path in two shares, and mixed runs', () => {
    expect(() => merge([report(1, 3), report(3, 3)], 3)).toThrow('share 2 of 3 is missing');
    expect(() => merge([report(1, 4)], 4)).toThrow('shares 2, 3, 4 of 4 are missing');
    expect(() => merge([report(1, 3), report(1, 3)])).toThrow('share 1/3 is reported by both r0.json and r1.json');
    expect(() => merge([report(1, 3), report(2, 3)], 2)).toThrow('expected 2 shares, the reports are of 3');
    const error = { path: 'a/b', code: 'EIO', message: 'x' };
    expect(() => merge([report(1, 2, { errors: [error] }), report(2, 2, { errors: [error] })])).toThrow('"a/b" is reported by both r0.json and r1.json: the shares overlap');
    expect(() => merge([report(1, 2), report(2, 2, { command: 'compress' })])).toThrow('cannot be merged with ones of `pario hash`');
    expect(() => merge([report(1, 2), report(2, 3)])).toThrow('share 2/3 is not one of 2 shares');
    const { shard: _shard, ...plain } = report(1, 1);
    expect(() => merge([report(1, 2), plain])).toThrow('reports of sharded and unsharded runs cannot be merged');
    expect(merge([plain, plain], 2)).toMatchObject({ counts: { hashed: 20, unchanged: 2 } });
    expect(() => merge([plain], 2)).toThrow('expected 2 reports, got 1');
  });

  it('an interrupted share makes the whole run interrupted', () => {
    expect(merge([report(1, 2, { status: 'interrupted' }), report(2, 2, { status: 'failed' })])['status']).toBe('interrupted');
  });

  it('knows a report from a manifest', () => {
    expect(isReport(report(1, 1))).toBe(true);
    expect(isReport({ kind: 'pario-manifest', version: 1, command: 'hash', entries: {} })).toBe(false);
  });
});
