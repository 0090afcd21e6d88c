import { randomFillSync } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPario, readFile } from '../../src/index.js';
import { tempDir } from '../helpers/temp.js';

describe('readFile', () => {
  const root = tempDir();
  const big = join(root, 'big.bin');
  // 256 MiB: random 1 MiB blocks, each stamped with its index so a misplaced range cannot compare equal.
  const fd = openSync(big, 'w');
  const block = Buffer.alloc(1 << 20);
  for (let i = 0; i < 256; i += 1) {
    randomFillSync(block);
    block.writeUInt32LE(i, 0);
    writeSync(fd, block);
  }
  closeSync(fd);
  const want = readFileSync(big);

  it.each([1, 2, 4])('reads a 256 MiB file byte for byte with %i worker(s)', async (jobs) => {
    const got = await readFile(big, { jobs });
    expect(got.byteLength).toBe(want.byteLength);
    expect(got.equals(want)).toBe(true);
  });

  it('on a handle, reads small and empty files too, and throws FileError with the code for a missing one', async () => {
    await using pario = createPario({ jobs: 2 });
    const empty = join(root, 'empty');
    closeSync(openSync(empty, 'w'));
    expect((await pario.readFile(empty)).byteLength).toBe(0);
    await expect(pario.readFile(join(root, 'missing'))).rejects.toMatchObject({ name: 'FileError', code: 'ENOENT' });
    await expect(readFile(root)).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it.skipIf(process.platform !== 'linux')('on a handle as without one, a file whose size says 0 (/proc) is read to its end', async () => {
    await using pario = createPario({ jobs: 2 });
    for (const got of [await pario.readFile('/proc/self/status'), await readFile('/proc/self/status')]) {
      expect(got.toString()).toMatch(/^Name:\t/);
    }
  });
});
