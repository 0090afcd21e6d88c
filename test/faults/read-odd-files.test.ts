import { constants } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFiles } from '../../src/index.js';
import type { ReadResult } from '../../src/index.js';
import { collect, tempDir } from '../helpers/temp.js';

const byPath = (results: ReadResult[]): Map<string, ReadResult> => new Map(results.map((r) => [r.path, r]));
const codeOf = (r: ReadResult | undefined): string | undefined => (r === undefined ? 'absent' : r.ok ? undefined : r.error.code);

describe('odd files on the read path', () => {
  const root = tempDir();

  it('a socket, a device, a looping link and a dangling link are per-file failures; nothing hangs, the rest is read', async () => {
    const server = createServer();
    const sock = join(root, 'sock');
    await new Promise<void>((resolve) => server.listen(sock, resolve));
    symlinkSync('loop-b', join(root, 'loop-a'));
    symlinkSync('loop-a', join(root, 'loop-b'));
    symlinkSync('nowhere', join(root, 'dangling'));
    execFileSync('mkfifo', [join(root, 'fifo')]);
    writeFileSync(join(root, 'plain'), 'plain');
    try {
      const results = byPath(await collect(readFiles(['sock', '/dev/null', 'loop-a', 'dangling', 'fifo', 'plain'], { cwd: root, jobs: 2 })));
      expect(codeOf(results.get('sock'))).toBe('ENXIO'); // open(2) of a socket fails with ENXIO
      expect(codeOf(results.get('/dev/null'))).toBe('ERR_NOT_REGULAR_FILE');
      expect(codeOf(results.get('loop-a'))).toBe('ELOOP');
      expect(codeOf(results.get('dangling'))).toBe('ENOENT');
      expect(codeOf(results.get('fifo'))).toBe('ERR_NOT_REGULAR_FILE');
      const plain = results.get('plain');
      expect(plain?.ok === true && plain.data.toString()).toBe('plain');
      // Through a glob, none of the special files is even matched.
      const globbed = await collect(readFiles(['*'], { cwd: root }));
      expect(globbed.map((r) => r.path)).toEqual(['plain']);
    } finally {
      server.close();
    }
  });

  it('reads 0-byte files, names with spaces, newline, backslash and CR, and paths longer than 255 bytes', async () => {
    const dir = join(root, 'names');
    const deep = join(dir, ...Array.from({ length: 6 }, (_, i) => `${'d'.repeat(60)}${i}`));
    mkdirSync(deep, { recursive: true });
    const names = ['empty', 'new\nline', 'back\\slash', 'car\rriage', 'a b', 'ünï'];
    for (const name of names) writeFileSync(join(dir, name), name === 'empty' ? '' : name);
    writeFileSync(join(deep, 'leaf.txt'), 'deep');
    // A folder argument is walked by pario itself: fast-glob's matcher would drop the names with a newline or CR.
    const results = await collect(readFiles(['.'], { cwd: dir }));
    const got = new Map(results.map((r) => [r.path, r.ok ? r.data.toString() : `error ${r.error.code}`]));
    for (const name of names) expect(got.get(name), JSON.stringify(name)).toBe(name === 'empty' ? '' : name);
    const leaf = [...got.keys()].find((p) => p.endsWith('leaf.txt'));
    expect(leaf?.length).toBeGreaterThan(255);
    expect(got.get(leaf ?? '')).toBe('deep');
  });

  it('a sparse file larger than the largest Buffer is a clear per-file failure, not a crash', async () => {
    // Node 20's largest Buffer is 4 GiB; Node 22 and 24 allow 2^53 - 1 bytes, more than any file system here can hold
    // in one file: there is no such file to read on those, and the case is Node 20's.
    if (constants.MAX_LENGTH > 2 ** 44) return;
    const huge = join(root, 'huge.sparse');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, constants.MAX_LENGTH + 4096);
    closeSync(fd);
    writeFileSync(join(root, 'small'), 'small');
    const results = byPath(await collect(readFiles(['huge.sparse', 'small'], { cwd: root })));
    expect(codeOf(results.get('huge.sparse'))).toBe('ERR_FS_FILE_TOO_LARGE');
    expect(codeOf(results.get('small'))).toBeUndefined();
  });
});
