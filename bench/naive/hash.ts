import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fg from 'fast-glob';
import pLimit from 'p-limit';
import { makeHasher } from './digest.js';
import type { HashAlgo } from './digest.js';

/** fast-glob + p-limit + fs.promises.readFile + a hash on the main thread; lines `HEX  path` in completion order. */
export async function hashMany(algo: HashAlgo, dir: string, concurrency: number): Promise<string> {
  const limit = pLimit(concurrency);
  const files = await fg('**/*', { cwd: dir, dot: true, onlyFiles: true });
  const lines = await Promise.all(
    files.map((rel) =>
      limit(async () => {
        const h = makeHasher(algo);
        h.update(await readFile(join(dir, rel)));
        return `${h.hex()}  ${rel}\n`;
      }),
    ),
  );
  return lines.join('');
}

/** One big file through a read stream (1 MiB chunks), as a user would hash it. */
export async function hashOne(algo: HashAlgo, file: string): Promise<string> {
  const h = makeHasher(algo);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return `${h.hex()}  ${file}\n`;
}
