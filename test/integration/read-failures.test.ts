import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileError, readFiles } from '../../src/index.js';
import { collect, tempDir } from '../helpers/temp.js';

describe('readFiles failures', () => {
  const root = tempDir();
  writeFileSync(join(root, 'a.txt'), 'a');
  writeFileSync(join(root, 'b.txt'), 'bb');
  mkdirSync(join(root, 'dir'));
  execFileSync('mkfifo', [join(root, 'fifo')]);
  symlinkSync(join(root, 'nowhere'), join(root, 'dangling'));

  it('reports a missing file, a directory, a FIFO and a dangling link each with its code, and reads the rest', async () => {
    const results = await collect(readFiles(['a.txt', 'missing', 'dir', 'fifo', 'dangling', 'b.txt'], { cwd: root, recursive: false, jobs: 2 }));
    const byPath = new Map(results.map((r) => [r.path, r]));
    expect(results).toHaveLength(6);
    const code = (path: string): string | undefined => {
      const r = byPath.get(path);
      return r === undefined || r.ok ? undefined : r.error.code;
    };
    expect(code('missing')).toBe('ENOENT');
    expect(code('dir')).toBe('EISDIR');
    expect(code('fifo')).toBe('ERR_NOT_REGULAR_FILE');
    expect(code('dangling')).toBe('ENOENT');
    const a = byPath.get('a.txt');
    const b = byPath.get('b.txt');
    expect(a?.ok === true && a.data.toString()).toBe('a');
    expect(b?.ok === true && b.data.toString()).toBe('bb');
  });

  it('never matches a FIFO through a glob', async () => {
    const results = await collect(readFiles(['*'], { cwd: root }));
    expect(results.map((r) => r.path).sort()).toEqual(['a.txt', 'b.txt']);
  });

  it('with failFast, throws a FileError naming the path', async () => {
    await expect(collect(readFiles(['missing'], { cwd: root, failFast: true }))).rejects.toMatchObject({ name: 'FileError', code: 'ENOENT', path: 'missing' });
    await expect(collect(readFiles(['missing'], { cwd: root, failFast: true }))).rejects.toBeInstanceOf(FileError);
  });
});
