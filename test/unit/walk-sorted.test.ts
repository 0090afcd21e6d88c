import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSorted, streamSorted } from '../../src/hash/list.js';
import { compareNames, walkFolder } from '../../src/planner/walk.js';
import { collect, tempDir } from '../helpers/temp.js';

const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

// Names whose byte order differs from a naive folder-by-folder walk: a folder `a` sorts after `a-b` and `a.b`
// ('/' is 0x2F, after '-' and '.'), before `a0`; U+E000 sorts before an astral character in bytes, after in UTF-16.
const FILES = [
  'a-b', 'a.b', 'a/x', 'a/y/z', 'a/y-', 'a0', 'b', 'B', 'ä', '\uE000', '😀', 'new\nline', 'z/a', 'z/😀/1', 'z/\uE000/1', ' lead',
];

function tree(): string {
  const root = tempDir('pario-walk-');
  FILES.forEach((name, i) => {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), String(i));
  });
  return root;
}

describe('sorted walk', () => {
  it('compareNames is UTF-8 byte order, astral characters included', () => {
    const names = ['a', 'a/b', 'a-c', '\uFFFD', '😀', '\uE000', 'Z', 'ä', '文字', '\n', ''];
    for (const x of names) for (const y of names) expect(Math.sign(compareNames(x, y))).toBe(byBytes(x, y));
  });

  it('walks a folder in byte order of the printed paths, as listSorted sorts them', async () => {
    const root = tree();
    const walked = (await collect(walkFolder(root, 'r', { follow: false, excluded: undefined, sorted: true }))).map((f) => f.path);
    const want = FILES.map((f) => `r/${f}`).sort(byBytes);
    expect(walked).toEqual(want);
    const options = { cwd: root, exclude: [], dot: false, follow: false, recursive: true };
    expect((await collect(await streamSorted(['.'], options))).flat().map((f) => f.path)).toEqual([...FILES].sort(byBytes));
    expect((await listSorted(['.'], options)).map((f) => f.path)).toEqual([...FILES].sort(byBytes));
  });

  it('sorts followed folder links by their own name (the folder is listed under both names, as find -L does)', async () => {
    const root = tree();
    symlinkSync(join(root, 'z'), join(root, 'a.link'));
    const walked = (await collect(walkFolder(root, '.', { follow: true, excluded: undefined, sorted: true }))).map((f) => f.path);
    expect(walked).toEqual([...walked].sort(byBytes));
    expect(walked.filter((p) => p.endsWith('/1'))).toEqual(['a.link/\uE000/1', 'a.link/😀/1', 'z/\uE000/1', 'z/😀/1']);
  });
});
