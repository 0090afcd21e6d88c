import { LockError, LockedError, ManifestBuilder, ManifestError, RunRecorder, acquireLock } from '../runs/index.js';
import { loadManifest, saveManifest } from '../runs/index.js';
import type { Manifest } from '../runs/index.js';
import { ParioError, causeOf, isAbortError, isSystemError } from '../errors.js';
import { EXIT } from './context.js';
import { fatal } from './fatal.js';
import type { CliContext } from './context.js';
import type { CronSettings } from './cron-options.js';

export interface CronState {
  readonly previous?: Manifest | undefined;
  readonly builder: ManifestBuilder;
  readonly recorder: RunRecorder;
}

export interface CronOutcome {
  readonly code: number;
  readonly totals?: Record<string, number>;
}

/**
 * Runs a command body the way an unattended run needs it: under the lock (75 when another run holds it), with the
 * previous manifest loaded (a corrupt or foreign one stops the run, exit 2, naming the file), the next manifest saved
 * atomically afterwards (also after an interrupt, so the next run resumes), and the report and log written with the
 * run's status ('ok', 'failed' or 'interrupted'). A dry run takes no lock and writes nothing.
 */
export async function withCronRun(
  settings: CronSettings, command: string, ctx: CliContext, body: (state: CronState) => Promise<CronOutcome>,
): Promise<number> {
  let release: (() => Promise<void>) | undefined;
  if (settings.lockPath !== undefined && !settings.dryRun) {
    try {
      release = await acquireLock(settings.lockPath, settings.waitMs, ctx.signal);
    } catch (error) {
      if (!(error instanceof LockedError || error instanceof LockError)) throw error;
      ctx.io.stderr.write(`pario: ${error.message}\n`);
      return error instanceof LockedError ? EXIT.locked : EXIT.usage;
    }
  }
  try {
    let previous: Manifest | undefined;
    try {
      previous = settings.manifestPath === undefined ? undefined : await loadManifest(settings.manifestPath, command);
    } catch (error) {
      if (!(error instanceof ManifestError)) throw error;
      ctx.io.stderr.write(`pario: ${error.message}\n`);
      return EXIT.usage;
    }
    const recorder = new RunRecorder(
      command, settings.dryRun ? undefined : settings.reportPath, settings.dryRun ? undefined : settings.logPath, about(settings),
    );
    const state: CronState = { previous, builder: new ManifestBuilder(settings.cwd), recorder };
    let outcome: CronOutcome;
    try {
      outcome = await body(state);
      // A signal that came while the last results were going out (they were all held, nothing was left to stop) still
      // ends the run as interrupted: the signal's exit code, the report's status, never 0.
      ctx.signal.throwIfAborted();
    } catch (error) {
      // Interrupted, or ended by what the environment did (ENOSPC, EMFILE): the manifest so far and the report are
      // still written; main() prints the line. A bug writes nothing more.
      const interrupted = isAbortError(error) || ctx.signal.aborted;
      const known = interrupted ? undefined : fatal(error);
      if (known !== undefined) state.recorder.runError('', 'ERR_PARIO_RUN', known.line.replace(/^pario: /, '').trim());
      if (known !== undefined || interrupted) await finish(settings, command, state, interrupted ? 'interrupted' : 'failed', {}, ctx);
      throw error;
    }
    const written = await finish(settings, command, state, outcome.code === EXIT.ok ? 'ok' : 'failed', outcome.totals ?? {}, ctx);
    return written ? outcome.code : Math.max(outcome.code, EXIT.failures);
  } finally {
    await release?.();
  }
}

/** What the report says of the run beside its counts: the share of a sharded run, and the engine that gave it. */
function about(settings: CronSettings): Record<string, unknown> {
  const shard = settings.selection.shard;
  if (shard === undefined) return {};
  const engine = shard.engine === undefined ? {} : { engine: shard.engine, variables: shard.variables };
  return { shard: { index: shard.index, count: shard.count, ...engine } };
}

/**
 * Saves the manifest, then writes the report and the log. A write that fails (a full disk) is one line on stderr, and
 * the others are still written: a report says why the manifest was not saved. False when something was not written.
 */
async function finish(
  settings: CronSettings, command: string, state: CronState, status: string, totals: Record<string, number>, ctx: CliContext,
): Promise<boolean> {
  let written = true;
  let final = status;
  const path = settings.manifestPath;
  if (path !== undefined && !settings.dryRun) {
    try {
      await saveManifest(path, state.builder.manifest(command));
    } catch (error) {
      if (!isSystemError(error)) throw error;
      const message = `cannot save the manifest: ${causeOf(error)}`;
      ctx.io.stderr.write(`pario: ${path}: ${message}\n`);
      state.recorder.runError(path, error.code ?? 'EIO', message);
      if (final === 'ok') final = 'failed';
      written = false;
    }
  }
  try {
    await state.recorder.finish(final, totals);
  } catch (error) {
    if (!(error instanceof ParioError)) throw error;
    ctx.io.stderr.write(`pario: ${error.message}\n`);
    written = false;
  }
  return written;
}
