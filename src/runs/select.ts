import { lstatSync, statSync, type BigIntStats } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import { at } from '../../workers/at.js';
import { relative } from 'node:path';
import type { FoundFile } from '../planner/find.js';
import type { Share } from './shard-env.js';
import { fsPath } from '../../workers/names.js';
import { Pace } from '../../workers/pace.js';
import { statFields } from '../../workers/stat-protocol.js';

/** A found file with what stat() said (undefined when stat failed: the worker will report why). */
export interface StatFile extends FoundFile {
  /** mtimeNs: nanoseconds since the epoch in decimal, as the manifest keeps it (compared as text, no BigInt a file). */
  readonly stat?: { readonly size: number; readonly mtimeNs: string; readonly mtimeMs: number; readonly ino: number };
}

/**
 * stat()s files on the main thread, handing them back in the input order. Only cron-mode selections (age, size,
 * manifest) need it; plain runs let workers fstat instead. Files `unstated` takes are passed on without a stat.
 * A stat whose inode is cached takes ~3 µs of CPU when made synchronously, ~13 µs through a promise (the thread pool
 * round trip): 200,000 files of an unchanged rerun spent 2.6 s there. So files are stat()ed synchronously while that
 * stays fast, and through the thread pool (`concurrency` at once, never blocking the thread) for the next 4,096 files
 * after a batch of 32 where most stats took over 0.25 ms each (a cold or remote file system). It is no generator of
 * its own: a stage of async iteration costs each file ~1 µs and ~1 KB of garbage.
 */
export class MainStats {
  private readonly queue: Promise<StatFile>[] = [];
  /** Synchronous while stats stay fast; through the thread pool for the next 4,096 after a mostly slow batch of 32. */
  private readonly pace = new Pace(SLOW_STAT_MS, ASYNC_SPELL, SYNC_BATCH);

  constructor(private readonly unstated?: (file: FoundFile) => boolean, private readonly concurrency = 32) {}

  /** The file with its stat now, or undefined when it was queued (take it, in order, with next()). */
  push(file: FoundFile): StatFile | undefined {
    if (this.pace.sync() && this.queue.length === 0) {
      if (this.unstated?.(file) === true) return file;
      return timedStat(this.pace, file);
    }
    this.queue.push(this.statAsync(file));
    return undefined;
  }

  /** The oldest queued file once it is due (the queue is full, or synchronous stats are due again), else undefined. */
  due(): Promise<StatFile> | undefined {
    const due = this.queue.length >= this.concurrency || (this.pace.syncDue() && this.queue.length > 0);
    return due ? this.queue.shift() : undefined;
  }

  /** The oldest queued file, at the end of the input. */
  next(): Promise<StatFile> | undefined {
    return this.queue.shift();
  }

  private async statAsync(file: FoundFile): Promise<StatFile> {
    if (this.unstated?.(file) === true) return file;
    try {
      // By path: a folder handle may be closed (its number reused) before an async stat runs.
      return withStat(file, await (follows(file) ? stat : lstat)(fsPath(file.abs), { bigint: true }));
    } catch {
      return file;
    }
  }
}
const SYNC_BATCH = 32;
/** A stat that took longer is slow (a cold or remote file system). */
export const SLOW_STAT_MS = 0.25;
const ASYNC_SPELL = 4096;

/** The file with what a stat on this thread says (through its folder's handle), or as it is when that failed. */
export function statSyncOf(file: FoundFile): StatFile {
  try {
    const s = lookUp(file, (path) => (follows(file) ? statSync : lstatSync)(path, { bigint: true, throwIfNoEntry: false }));
    return s === undefined ? file : withStat(file, s);
  } catch {
    return file;
  }
}

/** A link at the name is followed only where the worker would follow it (a name given, or --follow). */
function follows(file: FoundFile): boolean {
  return file.at?.follow ?? true;
}

/**
 * The walk's name, looked up through its folder's handle while the run holds it open (no path resolved again);
 * by its path otherwise.
 */
function lookUp<T>(file: FoundFile, op: (path: string | Buffer) => T): T {
  const dir = file.at?.dir?.ref;
  return dir !== undefined && file.at !== undefined ? at(dir, file.at.name, op) : op(fsPath(file.abs));
}

function withStat(file: FoundFile, s: BigIntStats): StatFile {
  const stat = statFields(s);
  return stat === undefined ? file : { ...file, stat };
}

/** statSyncOf, its time told to `pace` (a slow one makes the next stats go elsewhere). */
export function timedStat(pace: Pace, file: FoundFile): StatFile {
  const started = performance.now();
  const stated = statSyncOf(file);
  pace.took(performance.now() - started);
  return stated;
}

export interface Selection {
  readonly olderThanMs?: number | undefined;
  readonly newerThanMs?: number | undefined;
  readonly minSize?: number | undefined;
  readonly maxSize?: number | undefined;
  readonly shard?: Share | undefined;
}

export function needsStat(s: Selection): boolean {
  return s.olderThanMs !== undefined || s.newerThanMs !== undefined || s.minSize !== undefined || s.maxSize !== undefined;
}

/** Why a file is left out, or undefined when it is selected. Files whose stat failed stay in, to be reported. */
export function leftOutBy(file: StatFile, s: Selection, cwd: string, now: number): string | undefined {
  if (s.shard !== undefined && shardOf(relativeTo(cwd, file.abs), s.shard.count) !== s.shard.index) return 'shard';
  const st = file.stat;
  if (st === undefined) return undefined;
  if (s.olderThanMs !== undefined && now - st.mtimeMs < s.olderThanMs) return 'newer than --older-than';
  if (s.newerThanMs !== undefined && now - st.mtimeMs > s.newerThanMs) return 'older than --newer-than';
  if (s.minSize !== undefined && st.size < s.minSize) return 'smaller than --min-size';
  if (s.maxSize !== undefined && st.size > s.maxSize) return 'larger than --max-size';
  return undefined;
}

/** `relative(cwd, abs)`, by slicing when `abs` is under `cwd` (both resolved): path.relative costs ~1 µs a file. */
export function relativeTo(cwd: string, abs: string): string {
  const under = cwd.length > 1 && abs.length > cwd.length + 1 && abs.charCodeAt(cwd.length) === 47 && abs.startsWith(cwd);
  return under ? abs.slice(cwd.length + 1) : relative(cwd, abs);
}

/**
 * Which of `count` shards (1 … count) a path belongs to: FNV-1a of its UTF-8 bytes, relative to the run's folder, so
 * N machines that run `--shard K/N` over the same tree cover every file exactly once, with no coordination.
 */
export function shardOf(path: string, count: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(path, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // murmur3's finaliser spreads FNV's weak low bits before the modulo.
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b) >>> 0;
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35) >>> 0;
  hash = (hash ^ (hash >>> 16)) >>> 0;
  return (hash % count) + 1;
}
