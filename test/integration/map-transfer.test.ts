import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPario } from '../../src/index.js';
import type { MapperModule } from '../../src/index.js';
import type bigBuffer from '../fixtures-mappers/big-buffer.js';
import type echoMapper from '../fixtures-mappers/echo.js';
import { collect, tempDir } from '../helpers/temp.js';

const BIG_BUFFER = new URL('../fixtures-mappers/big-buffer.js', import.meta.url) as MapperModule<typeof bigBuffer>;

describe('mapFiles results', () => {
  const root = tempDir();
  const names = ['big-a.txt', 'big-b.txt', 'big-c.txt', 'probe.txt'];
  for (const name of names) writeFileSync(join(root, name), `${name} holds ${name.length} bytes of its name\n`.repeat(3));

  it('moves a returned ArrayBuffer to the main thread (the worker copy is detached) and copies views of reused memory', async () => {
    await using pario = createPario({ jobs: 1 }); // one worker: the probe sees the globals the earlier calls left
    const results = await collect(pario.mapFiles(names.slice(0, 3), BIG_BUFFER, { cwd: root, batchSize: 3 }));
    expect(results).toHaveLength(3);
    for (const result of results) {
      if (!result.ok || !('buffer' in result.value)) throw new Error(`${result.path} failed`);
      const bytes = readFileSync(join(root, result.path));
      const { buffer, echo, part } = result.value;
      expect(buffer).toBeInstanceOf(ArrayBuffer);
      expect(buffer.byteLength).toBe(8 << 20);
      expect(new Uint8Array(buffer).every((b) => b === bytes[0])).toBe(true);
      // `echo` was a view of the worker's reused scratch memory: it arrives as a copy of this file's bytes, not shared.
      expect(Buffer.from(echo).equals(bytes)).toBe(true);
      expect(echo.buffer).toBeInstanceOf(ArrayBuffer);
      // `part` was a small pooled Buffer: copied compactly, not its 8 KiB slab.
      expect(Buffer.from(part).toString()).toBe(result.path);
      expect(part.buffer.byteLength).toBe(part.byteLength);
    }
    const [probe] = await collect(pario.mapFiles(['probe.txt'], BIG_BUFFER, { cwd: root }));
    expect(probe?.ok === true && probe.value).toEqual({ lastByteLength: 0 });
  });

  it('hands a large file its own memory, so returning its bytes moves them without a copy', async () => {
    await using pario = createPario({ jobs: 1 });
    const echo = new URL('../fixtures-mappers/echo.js', import.meta.url) as MapperModule<typeof echoMapper>;
    const big = join(root, 'large.bin');
    writeFileSync(big, Buffer.alloc(3 << 20, 7));
    const [large] = await collect(pario.mapFiles(['large.bin'], echo, { cwd: root, largeFile: 1 << 20 }));
    expect(large?.ok === true && large.value instanceof Uint8Array && Buffer.from(large.value).equals(readFileSync(big))).toBe(true);
    const [probe] = await collect(pario.mapFiles(['probe.txt'], echo, { cwd: root }));
    expect(probe?.ok === true && probe.value).toEqual({ previousByteLength: 0 });
  });
});
