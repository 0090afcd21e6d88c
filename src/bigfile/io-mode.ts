// --io auto: parallel positional reads unless the file lives on a rotational disk (where they thrash: BLAKE3 #32,
// hashdeep #325). Linux only; anything unknown counts as non-rotational.
import { readFileSync } from 'node:fs';
import type { IoMode } from './options.js';

/** Whether the block device with this st_dev is a spinning disk, per /sys/dev/block/MAJ:MIN[/..]/queue/rotational. */
export function isRotational(dev: number, sysRoot = '/sys'): boolean {
  const d = BigInt(dev); // glibc's gnu_dev_major / gnu_dev_minor
  const major = ((d >> 8n) & 0xfffn) | ((d >> 32n) & ~0xfffn);
  const minor = (d & 0xffn) | ((d >> 12n) & ~0xffn);
  const base = `${sysRoot}/dev/block/${major}:${minor}`;
  for (const candidate of [`${base}/queue/rotational`, `${base}/../queue/rotational`]) {
    try {
      return readFileSync(candidate, 'utf8').trim() === '1';
    } catch {
      // a partition has no queue/ of its own: try its parent disk; no sysfs at all: not rotational
    }
  }
  return false;
}

export function resolveIo(io: IoMode, dev: number): 'parallel' | 'sequential' {
  if (io !== 'auto') return io;
  return isRotational(dev) ? 'sequential' : 'parallel';
}
