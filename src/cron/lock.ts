import { ParioError } from '../errors.js';

/** Another run holds the lock (and --wait ran out): the CLI exits 75 (EX_TEMPFAIL), as cron wrappers expect. */
export class LockedError extends ParioError {
  constructor(readonly lockPath: string, waitedMs: number) {
    super('ERR_PARIO_LOCKED', `${lockPath}: another pario run holds this lock${waitedMs > 0 ? ` (waited ${Math.round(waitedMs / 1000)} s)` : ''}; try again later or pass --wait`);
  }
}

/** A lock older than this without a refresh is stale: its run was killed, and the next run takes it over. */
export const STALE_MS = 5000;

/**
 * Takes the lock at `lockPath` (proper-lockfile: an atomic mkdir, refreshed every second while held, so a SIGKILLed
 * run's lock goes stale after 5 s and is taken over). Waits up to `waitMs`, polling, then throws LockedError.
 * Returns the release function.
 */
export async function acquireLock(lockPath: string, waitMs: number, signal?: AbortSignal): Promise<() => Promise<void>> {
  const { lock } = await import('proper-lockfile'); // loaded only by runs that lock
  const started = Date.now();
  for (;;) {
    try {
      return await lock(lockPath, {
        lockfilePath: lockPath,
        realpath: false,
        stale: STALE_MS,
        update: 1000,
        onCompromised: () => {
          // Another process broke the lock (it thought us dead): carry on; the manifest is still written atomically.
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      const waited = Date.now() - started;
      if (waited >= waitMs || signal?.aborted === true) throw new LockedError(lockPath, waited);
      await new Promise((resolve) => setTimeout(resolve, Math.min(250, waitMs - waited)));
    }
  }
}
