// File names that are not UTF-8 on the command line and on the way out (see workers/names.ts for how pario carries
// them). Node decodes process.argv with U+FFFD for such bytes, losing them; Linux keeps the real bytes in
// /proc/self/cmdline. On the way out, a string carrying such bytes is written as those bytes (sha256sum's lines).
import { readFileSync } from 'node:fs';
import { decodeName, rawChunk } from '../system/index.js';
import type { Io, Output } from './context.js';

/** The arguments with every byte kept: an argument Node showed with U+FFFD is taken again from /proc/self/cmdline. */
export function rawArgv(argv: readonly string[]): string[] {
  if (!argv.some((arg) => arg.includes('\uFFFD'))) return [...argv];
  let raw: Buffer;
  try {
    raw = readFileSync('/proc/self/cmdline');
  } catch {
    return [...argv]; // no /proc: the names stay as Node decoded them
  }
  const parts: Buffer[] = [];
  for (let start = 0; start < raw.length; ) {
    let end = raw.indexOf(0, start);
    if (end < 0) end = raw.length;
    parts.push(raw.subarray(start, end));
    start = end + 1;
  }
  const tail = parts.slice(-argv.length);
  // The arguments are the command line's last ones; each must be what Node made of the same bytes, or none is taken.
  if (tail.length !== argv.length || tail.some((bytes, i) => bytes.toString('utf8') !== argv[i])) return [...argv];
  return tail.map((bytes, i) => (argv[i]?.includes('\uFFFD') === true ? decodeName(bytes) : (argv[i] as string)));
}

/** The streams, writing names that are not UTF-8 as their bytes; everything else about them is unchanged. */
export function rawIo(io: Io): Io {
  const stdout = rawOutput(io.stdout);
  const stderr = rawOutput(io.stderr);
  // process.stdin is made when first read: only a command that reads it may touch it (its fd turns non-blocking)
  return { stdout, stderr, get stdin() { return io.stdin; } };
}

const wrapped = new WeakMap<Output, Output>();

function rawOutput(out: Output): Output {
  let proxy = wrapped.get(out);
  if (proxy !== undefined) return proxy;
  const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean =>
    (out.write as (...args: unknown[]) => boolean).call(out, rawChunk(chunk), ...rest);
  proxy = new Proxy(out, {
    get(target, key) {
      if (key === 'write') return write;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  wrapped.set(out, proxy);
  return proxy;
}
