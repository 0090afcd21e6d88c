// AsyncWriter: queued chunks land in order at their offsets, back-pressure holds the producer, write errors surface.
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AsyncWriter } from '../../workers/async-writer.js';
import { tempDir } from '../helpers/temp.js';

describe('AsyncWriter', () => {
  it('writes every chunk in order (more chunks than one writev takes, empty ones included)', async () => {
    const path = join(tempDir(), 'out');
    const fd = openSync(path, 'wx');
    const chunks = Array.from({ length: 1500 }, (_, i) => randomBytes(i % 7 === 0 ? 0 : 1 + (i * 37) % 3000));
    const writer = new AsyncWriter(fd, 64 << 10);
    for (const chunk of chunks) {
      writer.push(chunk);
      await writer.drained();
    }
    await writer.flush();
    closeSync(fd);
    expect(readFileSync(path).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('drained() waits while more than the bound is queued', async () => {
    const fd = openSync(join(tempDir(), 'out'), 'wx');
    const writer = new AsyncWriter(fd, 1024);
    for (let i = 0; i < 64; i++) writer.push(Buffer.alloc(4096, i));
    const queued = (writer as unknown as { queued: number }).queued;
    expect(queued).toBeGreaterThan(1024);
    await writer.drained();
    expect((writer as unknown as { queued: number }).queued).toBeLessThan(1024);
    await writer.flush();
    closeSync(fd);
  });

  it('a write error rejects flush() and drained(), and push() throws it afterwards; settle() never rejects', async () => {
    const dir = tempDir();
    const fd = openSync(join(dir, 'ro'), 'w');
    closeSync(fd);
    const readOnly = openSync(join(dir, 'ro'), 'r'); // writes fail with EBADF
    const writer = new AsyncWriter(readOnly);
    writer.push(Buffer.from('abc'));
    await writer.settle();
    await expect(writer.flush()).rejects.toMatchObject({ code: 'EBADF' });
    await expect(writer.drained()).rejects.toMatchObject({ code: 'EBADF' });
    expect(() => writer.push(Buffer.from('d'))).toThrow(/EBADF/);
    closeSync(readOnly);
  });
});
