import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp.js';

/** File names that checksum tools must escape or quote; each file holds different bytes. */
export const TRICKY_NAMES = [
  'plain.txt',
  'with space.txt',
  ' leading space',
  'ünïcødé-文字-🎉.bin',
  'back\\slash',
  'new\nline',
  'carriage\rreturn',
  'all\\three\n\r',
  '*star',
  'paren) = x',
  'empty',
  'sub/nested.txt',
] as const;

/** Byte order of the UTF-8 names: what `LC_ALL=C sort` gives, and the order pario prints. */
export function byteOrder(names: readonly string[]): string[] {
  return [...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/**
 * A fresh folder holding TRICKY_NAMES, inside a temp folder of its own (removed after the file's tests): tests may
 * write checksum files to `dir/..` without touching anything outside.
 */
export function makeTrickyTree(prefix = 'pario-hash-'): string {
  const dir = join(tempDir(prefix), 'tree');
  mkdirSync(join(dir, 'sub'), { recursive: true });
  TRICKY_NAMES.forEach((name, i) => writeFileSync(join(dir, name), name === 'empty' ? '' : `${name}:${i}\n`.repeat(i * 97 + 1)));
  return dir;
}
