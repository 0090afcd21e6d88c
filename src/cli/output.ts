import type { Output } from './context.js';

/**
 * Writes and waits for 'drain' when the stream asks for it, so a slow pipe holds pario back instead of its memory.
 * A stream that closes or fails instead (the reader went away) ends the wait too; bin.ts turns that into an abort.
 */
export async function write(out: Output, chunk: string | Uint8Array): Promise<void> {
  if (failed(out)) return; // it failed (stdout-guard.ts has aborted the run): no 'drain' will come
  if (out.write(chunk) || out.once === undefined || failed(out)) return;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      for (const event of EVENTS) out.removeListener?.(event, done);
      resolve();
    };
    for (const event of EVENTS) out.once?.(event, done);
  });
}

const EVENTS = ['drain', 'close', 'error'] as const;

/**
 * One turn of the event loop. A write to a full pipe blocks the whole thread on Linux (stdout to a pipe is synchronous
 * there), and lines held back meanwhile then go out in one chain of promises that never lets the loop run: a SIGINT or
 * SIGTERM that came during the block would be seen only after the last line, and the run would end 0. Awaited after
 * each piece of held output, it lets the signal's handler run first (the loop polls before it runs setImmediate).
 */
export function loopTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

const failed = (out: Output): boolean => out.destroyed === true;

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 1536 → "1.5 KiB": the one byte formatter of the CLI (powers of 1024, as the size flags read them). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

export function formatRate(bytes: number, ms: number): string {
  return `${((bytes / (1 << 20)) / Math.max(ms / 1000, 1e-6)).toFixed(1)} MiB/s`;
}

/** One NDJSON event. */
export function jsonLine(event: object): string {
  return `${JSON.stringify(event)}\n`;
}

/** "pario: path: cause" on stderr, the form every per-file error takes. */
export function errorLine(path: string, message: string): string {
  return `pario: ${path}: ${message}\n`;
}

/** "12 files and 2 folders ignored", "1 file ignored", or '' when nothing was. */
export function ignoredText(counts: { readonly ignoredFiles?: number | undefined; readonly ignoredFolders?: number | undefined }): string {
  const files = counts.ignoredFiles ?? 0;
  const folders = counts.ignoredFolders ?? 0;
  if (files === 0 && folders === 0) return '';
  const parts = [files > 0 || folders === 0 ? plural(files, 'file') : '', folders > 0 ? plural(folders, 'folder') : ''].filter(Boolean);
  return `${parts.join(' and ')} ignored`;
}

/** ', 12 files and 2 folders ignored' to end a summary line, or ''. */
export function ignoredSuffix(counts: Parameters<typeof ignoredText>[0]): string {
  const text = ignoredText(counts);
  return text === '' ? '' : `, ${text}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
