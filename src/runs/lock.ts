// The run lock (--lock FILE): a kernel lock on FILE, held through an open file descriptor for the whole run.
// Linux: an open file description lock (fcntl F_OFD_SETLK), macOS and the BSDs: flock(), Windows: LockFileEx, all
// through fs-native-extensions. The kernel drops it when the holder's descriptor closes, which happens however the
// run ends (SIGKILL, a crash), and never while the holder lives: a stopped (SIGSTOP) or swapped-out run keeps it, and
// nothing is guessed from a missing heartbeat. FILE is never removed (removing a lock file lets two runs lock two
// different files); between runs it stays, empty, and while held it names its holder for the message of the next run.
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { ParioError, causeOf, throwIfAborted } from '../errors.js';

/** Another run holds the lock (and --wait ran out): the CLI exits 75 (EX_TEMPFAIL), as cron wrappers expect. */
export class LockedError extends ParioError {
  constructor(readonly lockPath: string, waitedMs: number, holder = '') {
    const waited = waitedMs > 0 ? ` (waited ${Math.round(waitedMs / 1000)} s)` : '';
    super('ERR_PARIO_LOCKED', `${lockPath}: another pario run holds this lock${holder}${waited}; try again later or pass --wait`);
  }
}

/** The lock file cannot be used at all (a folder, a symlink, a FIFO, no locking on that file system): exit 2. */
export class LockError extends ParioError {
  constructor(readonly lockPath: string, reason: string) {
    super('ERR_PARIO_LOCK', `${lockPath}: cannot lock: ${reason}`);
  }
}

/** How often a run that waits (--wait) tries again. */
const POLL_MS = 250;
const FLAGS = constants.O_RDWR | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;

interface NativeLocks {
  /** Non-blocking exclusive lock on the whole file; false when another descriptor holds one. */
  tryLock(fd: number): boolean;
}

/**
 * Takes the lock at `lockPath`, trying every 250 ms for up to `waitMs` (never blocking a thread, so a signal ends the
 * wait: the call rejects with an AbortError), then throws LockedError naming the holder. Returns the release function.
 */
export async function acquireLock(lockPath: string, waitMs: number, signal?: AbortSignal): Promise<() => Promise<void>> {
  const native = loadNative(lockPath);
  const started = Date.now();
  for (;;) {
    throwIfAborted(signal);
    const attempt = await tryLock(lockPath, native);
    if (typeof attempt === 'function') return attempt;
    const waited = Date.now() - started;
    if (waited >= waitMs) throw new LockedError(lockPath, waited, attempt);
    await sleep(Math.min(POLL_MS, waitMs - waited), undefined, signal === undefined ? {} : { signal });
  }
}

/** The release function, or what the file says of its holder when another descriptor has the lock. */
async function tryLock(path: string, native: NativeLocks): Promise<(() => Promise<void>) | string> {
  let handle: FileHandle;
  try {
    handle = await open(path, FLAGS, 0o644); // O_NONBLOCK: a FIFO planted at the name cannot block the open
  } catch (error) {
    throw new LockError(path, reasonOf(error as NodeJS.ErrnoException));
  }
  try {
    const before = await handle.stat();
    if (!before.isFile()) throw new LockError(path, 'not a regular file');
    if (!native.tryLock(handle.fd)) {
      const holder = await describeHolder(handle);
      await handle.close();
      return holder;
    }
    // Locked; but is it still the file the name stands for (not removed or replaced between the open and the lock)?
    const now = await stat(path).catch(() => undefined);
    if (now === undefined || now.ino !== before.ino || now.dev !== before.dev) {
      await handle.close();
      return tryLock(path, native);
    }
    // Name the holder, in a file that is only ever a lock file (one link, ours): never write into anything else.
    // Best effort: a full disk leaves it empty, and the lock still holds.
    if (before.nlink === 1 && before.uid === process.geteuid?.()) {
      const record = `${JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() })}\n`;
      await handle.truncate(0).then(() => handle.write(record, 0)).catch(() => handle.truncate(0).catch(() => undefined));
    }
    return async () => {
      if (before.nlink === 1 && before.uid === process.geteuid?.()) await handle.truncate(0).catch(() => undefined);
      await handle.close();
    };
  } catch (error) {
    await handle.close();
    if (error instanceof ParioError) throw error;
    throw new LockError(path, reasonOf(error as NodeJS.ErrnoException));
  }
}

/** " (PID 123 on web1 since …)" from the holder's record, or '' when it wrote none (yet). */
async function describeHolder(handle: FileHandle): Promise<string> {
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(512), 0, 512, 0);
    const h = JSON.parse(buffer.toString('utf8', 0, bytesRead)) as { pid?: unknown; host?: unknown; since?: unknown };
    const named = typeof h.pid === 'number' && typeof h.host === 'string' && typeof h.since === 'string';
    return named ? ` (PID ${String(h.pid)} on ${String(h.host)} since ${String(h.since)})` : '';
  } catch {
    return '';
  }
}

function reasonOf(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ELOOP': return 'it is a symbolic link (name the lock file itself)';
    case 'EISDIR': return 'it is a folder (an older pario locked with a folder of that name: remove it when no run is active)';
    case 'ENOLCK': case 'EOPNOTSUPP': case 'ENOTSUP': return 'this file system does not support locks (an NFS mount with nolock?)';
    case 'ENOENT': return 'its folder does not exist';
    case 'EACCES': case 'EPERM': return 'permission denied';
    default: return causeOf(error);
  }
}

let native: NativeLocks | undefined;

function loadNative(lockPath: string): NativeLocks {
  try {
    native ??= createRequire(import.meta.url)('fs-native-extensions') as NativeLocks; // loaded only by runs that lock
    return native;
  } catch (error) {
    throw new LockError(lockPath, `file locking is not available on this platform (${(error as Error).message.split('\n')[0]})`);
  }
}
