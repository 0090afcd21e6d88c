// Helpers of the codec jobs around an open input: positional reads into a reused buffer, the end-of-read check.
import { closeSync, fstatSync } from 'node:fs';
import { WHOLE_READ_MAX } from './compress-protocol.js';
import { endsAt, readUpTo } from './open.js';
import type { InputFile } from './open.js';
import { FILE_CHANGED } from './protocol.js';

export type { InputFile } from './open.js';

let slot = Buffer.allocUnsafeSlow(1 << 20);

/** The worker's reused read buffer, grown as needed (one task runs at a time per worker). Never transferred. */
export function readWhole(file: InputFile): Uint8Array {
  if (slot.byteLength < file.size) slot = Buffer.allocUnsafeSlow(Math.max(file.size, Math.min(slot.byteLength * 2, WHOLE_READ_MAX)));
  const n = readUpTo(file.fd, slot.subarray(0, file.size), 0);
  return slot.subarray(0, n);
}

/**
 * After reading: the bytes read must be the size fstat gave at open, and size and mtime must not have moved since.
 * Otherwise the bytes may mix two versions (a read racing a truncate can even return zeros), so the file fails with
 * ERR_FILE_CHANGED instead of becoming a silently wrong output.
 */
export function assertUnchanged(file: InputFile, bytesRead: number): void {
  // /proc, /sys and debugfs files say 0 or 4096 bytes whatever they hold: an empty or cut output would be wrong.
  const pseudo = (what: string): Error => {
    const message = `fstat says ${file.size} bytes but ${what} (a /proc or /sys file?); pipe it through standard input instead`;
    return Object.assign(new Error(message), { code: FILE_CHANGED });
  };
  if (file.size === 0 && bytesRead === 0 && !endsAt(file.fd, 0)) throw pseudo('the file has content');
  const now = fstatSync(file.fd);
  if (bytesRead !== file.size || now.size !== file.size || now.mtimeMs !== file.mtimeMs) {
    if (bytesRead < file.size && now.size === file.size && now.mtimeMs === file.mtimeMs) throw pseudo(`reading ends at ${bytesRead}`);
    const message = `file changed while being read (${file.size} bytes at open, ${bytesRead} read, ${now.size} now)`;
    throw Object.assign(new Error(message), { code: FILE_CHANGED });
  }
}

export function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch { /* nothing to do */ }
}

/** A thrown value as data: { code, message } with the code kept (structured clone would drop it). */
export function describe(error: unknown): { code: string; message: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'ERR_PARIO_JOB';
  const message = error instanceof Error ? error.message : String(error);
  return { code, message };
}
