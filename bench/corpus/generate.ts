import { closeSync, linkSync, copyFileSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { binaryBytes } from './binary.js';
import { Rng } from './rng.js';
import { TEXT_SHARE } from './spec.js';
import type { CorpusFile, CorpusSizes } from './spec.js';
import { TextGenerator } from './text.js';

const TEXT_EXT = ['.txt', '.js', '.ts', '.md', '.html', '.css', '.json'];
const BIN_EXT = ['.bin', '.dat', '.db', '.obj'];

function write(root: string, path: string, data: Buffer, out: CorpusFile[]): void {
  const abs = join(root, path);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, data);
  out.push({ path, size: data.byteLength });
}

/** Folder of file `i`: two levels, so trees look like a project (d07/s3/...). */
function folder(i: number, perDir: number): string {
  const d = Math.floor(i / perDir);
  return `d${String(Math.floor(d / 5)).padStart(2, '0')}/s${d % 5}`;
}

function manyFiles(root: string, seed: number, count: number, minBytes: number, sizeOf: (rng: Rng) => number): CorpusFile[] {
  const rng = new Rng(seed);
  const text = new TextGenerator(new Rng(seed ^ 0x5eed));
  const out: CorpusFile[] = [];
  for (let i = 0, total = 0; i < count || total < minBytes; i += 1) {
    const size = sizeOf(rng);
    const isText = rng.float() < TEXT_SHARE;
    const ext = isText ? TEXT_EXT[rng.int(TEXT_EXT.length)] : BIN_EXT[rng.int(BIN_EXT.length)];
    const data = isText ? text.bytes(size, ext === '.txt' || ext === '.md' ? 0.1 : 0.8) : binaryBytes(rng, size);
    write(root, `${folder(i, 100)}/f${String(i).padStart(5, '0')}${ext ?? ''}`, data, out);
    total += size;
  }
  return out;
}

/** 0–4 KiB files, mostly text. */
export function writeTiny(root: string, seed: number, sizes: CorpusSizes): CorpusFile[] {
  return manyFiles(root, seed, sizes.tinyFiles, 0, (rng) => rng.int(4097));
}

/** 1 KiB–256 KiB files, log-uniform sizes skewed small (most files are small, most bytes in the larger ones). */
export function writeSmall(root: string, seed: number, sizes: CorpusSizes): CorpusFile[] {
  return manyFiles(root, seed + 1, sizes.smallFiles, sizes.smallBytes, (rng) => Math.round(1024 * 256 ** (rng.float() ** 2)));
}

/** One big file written in 8 MiB pieces (text or binary), so memory stays small whatever the size. */
export function writeBig(root: string, name: string, seed: number, bytes: number, kind: 'text' | 'bin'): CorpusFile[] {
  const rng = new Rng(seed + (kind === 'text' ? 2 : 3));
  const text = kind === 'text' ? new TextGenerator(rng) : undefined;
  mkdirSync(root, { recursive: true });
  const fd = openSync(join(root, name), 'w');
  try {
    for (let at = 0; at < bytes; ) {
      const n = Math.min(8 << 20, bytes - at);
      const piece = text ? text.bytes(n, 0.5) : binaryBytes(rng, n);
      writeSync(fd, piece);
      at += n;
    }
  } finally {
    closeSync(fd);
  }
  return [{ path: name, size: bytes }];
}

/** Hard-links (or copies) a file of another corpus into this one. */
export function linkInto(fromRoot: string, file: CorpusFile, root: string, as: string): CorpusFile {
  const target = join(root, as);
  mkdirSync(dirname(target), { recursive: true });
  try {
    linkSync(join(fromRoot, file.path), target);
  } catch {
    copyFileSync(join(fromRoot, file.path), target);
  }
  return { path: as, size: file.size };
}
