import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPario, readFiles } from '../../src/index.js';
import type { ReadResult } from '../../src/index.js';
import { FIXTURES } from '../helpers/paths.js';
import { collect, tempDir } from '../helpers/temp.js';
import { makeTree } from '../helpers/tree.js';

const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, { size: number; sha256: string }>;
const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

function okOnly(results: ReadResult[]): Map<string, Buffer> {
  const map = new Map<string, Buffer>();
  for (const r of results) {
    if (!r.ok) throw new Error(`${r.path}: ${r.error.code} ${r.error.message}`);
    expect(map.has(r.path), `${r.path} twice`).toBe(false);
    map.set(r.path, r.data);
  }
  return map;
}

describe('readFiles', () => {
  it('reads every fixture exactly once, with the bytes fixtures/expected.json records', async () => {
    const files = okOnly(await collect(readFiles(['basic'], { cwd: FIXTURES, dot: true, jobs: 2 })));
    expect([...files.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [path, data] of files) {
      expect(data.byteLength).toBe(expected[path]?.size);
      expect(sha256(data)).toBe(expected[path]?.sha256);
    }
  });

  // Issue 18 item 3: a folder means every file under it, dot files included; a glob leaves them out unless `dot`.
  it('a folder includes dot files; a glob leaves them out unless asked', async () => {
    const files = okOnly(await collect(readFiles(['basic'], { cwd: FIXTURES })));
    expect([...files.keys()].some((p) => p.includes('.hidden'))).toBe(true);
    expect(files.size).toBe(Object.keys(expected).length);
    const globbed = okOnly(await collect(readFiles(['basic/**'], { cwd: FIXTURES })));
    expect([...globbed.keys()].some((p) => p.includes('.hidden'))).toBe(false);
    expect(globbed.size).toBe(Object.keys(expected).length - 1);
    const dotted = okOnly(await collect(readFiles(['basic/**'], { cwd: FIXTURES, dot: true })));
    expect(dotted.size).toBe(Object.keys(expected).length);
  });

  it('applies !negations and excludes (a name without a slash matches at any depth)', async () => {
    const files = okOnly(await collect(readFiles(['basic/**', '!**/*.gz'], { cwd: FIXTURES, exclude: ['*.json'] })));
    const names = [...files.keys()];
    expect(names.some((p) => p.endsWith('.gz') || p.endsWith('.json'))).toBe(false);
    expect(names).toContain('basic/hello.txt');
  });

  it('returns 20,000 generated files exactly once, byte-equal to readFileSync, and orders them on request', async () => {
    const root = tempDir();
    const paths = makeTree(root, 20_000, 4096, 7);
    await using pario = createPario({ jobs: 2 });
    const files = okOnly(await collect(pario.readFiles(['**'], { cwd: root })));
    expect(files.size).toBe(paths.length);
    for (const path of paths) expect(files.get(path)?.equals(readFileSync(join(root, path))), path).toBe(true);
    const listed = [...paths].reverse().slice(0, 5000);
    const ordered = await collect(pario.readFiles(listed, { cwd: root, ordered: true, batchSize: 7 }));
    expect(ordered.map((r) => r.path)).toEqual(listed);
    expect(pario.progress().files).toBeGreaterThanOrEqual(25_000);
  });

  it('reads files above largeFile in ranges by several workers and files that overflow a batch later', async () => {
    const root = tempDir();
    makeTree(root, 40, 3 << 20, 3);
    const files = okOnly(await collect(readFiles(['**'], { cwd: root, largeFile: 1 << 20, maxInFlightBytes: 1 << 20, jobs: 2 })));
    expect(files.size).toBe(40);
    for (const [path, data] of files) expect(data.equals(readFileSync(join(root, path))), path).toBe(true);
  });
});
