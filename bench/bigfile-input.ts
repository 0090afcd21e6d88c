// A large, realistic benchmark input: whole files from /usr/lib, /usr/share and /usr/include (ELF, text, data) in a
// fixed order, repeated until the size is reached. Reused when it already exists with the right size.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mkdirSync } from 'node:fs';

function* walk(dir: string): Generator<string> {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      const info = statSync(path, { throwIfNoEntry: false });
      if (info?.isDirectory() === true) yield* walk(path);
      else if (info?.isFile() === true && info.size > 0 && info.size < 64 << 20) yield path;
    } catch {
      // unreadable: skip
    }
  }
}

export function makeInput(path: string, sizeMiB: number): string {
  const size = sizeMiB * 1024 * 1024;
  if (existsSync(path) && statSync(path).size === size) return path;
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  let written = 0;
  try {
    while (written < size) {
      for (const root of ['/usr/share', '/usr/include', '/usr/lib']) {
        for (const file of walk(root)) {
          let data: Buffer;
          try {
            data = readFileSync(file);
          } catch {
            continue;
          }
          const n = Math.min(data.length, size - written);
          writeSync(fd, data, 0, n, written);
          written += n;
          if (written >= size) return path;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return path;
}
