import { createRequire } from 'node:module';
import type { GenericFormatter, Options, SingleBar } from 'cli-progress';
import type { ProgressSnapshot } from '../handle/index.js';
import type { Io, Output } from './context.js';
import { formatBytes, formatRate } from './output.js';
import type { Totals } from './progress-count.js';

export interface ProgressSource {
  /** The pool's shared counters: bytes read and written, failures. */
  snapshot(): ProgressSnapshot;
  /** Starts the count of what the run will do (called only when the line is drawn). */
  totals?(): Totals;
}

/** The progress line of a run, and the streams to write through while it is drawn (each write erases it first). */
export interface ProgressLine {
  readonly out: Output;
  readonly err: Output;
  /** One file is finished, by any route; `read`: its bytes were read (else its size counts as done unread). */
  done(path: string, read: boolean): void;
  /** Erases the line for good. */
  stop(): void;
}

const ERASE = '\r\x1b[K';

/**
 * A one-line status on stderr, only when stderr is a terminal, redrawn 10 times a second by cli-progress: files
 * and bytes done of the total, percent, rate and ETA. Drawing samples the pool's shared counters (no message to any
 * worker); the totals come from a count that walks ahead (progress-count.ts) and carry a `+` until it ends. The
 * percent and ETA appear once the totals are known: by bytes when every file's size is, else by files.
 */
export function startProgress(io: Io, source: ProgressSource, enabled: boolean): ProgressLine {
  const err = io.stderr;
  if (!enabled || err.isTTY !== true) return { out: io.stdout, err, done: () => {}, stop: () => {} };
  const totals = source.totals?.();
  const started = Date.now();
  const tally = { files: 0, unread: 0 };
  let measure: 'files' | 'bytes' | undefined;
  let widest = 0;
  const sample = (): { value: number; total: number; s: ProgressSnapshot } => {
    const s = source.snapshot();
    if (measure === 'bytes') return { value: s.bytesRead + tally.unread, total: totals?.bytes ?? 0, s };
    return { value: tally.files, total: totals?.files ?? 0, s };
  };
  const format: GenericFormatter = (options, params) => {
    const { s, value, total } = sample();
    const progress = total > 0 ? Math.min(1, value / total) : 0;
    const final = totals?.final === true;
    const parts: string[] = [];
    if (measure !== undefined) parts.push(`${Math.floor(progress * 100)}%`);
    // While the count is behind the work (a busy main thread), the total shown is what is known: at least what is done.
    const files = totals === undefined ? '' : `/${count(Math.max(totals.files, tally.files))}${final ? '' : '+'}`;
    parts.push(`${count(tally.files)}${files} files`);
    const bytesTotal = final ? totals?.bytes : undefined;
    const written = s.bytesWritten > 0 ? ` → ${formatBytes(s.bytesWritten)}` : '';
    const bytes = bytesTotal === undefined ? formatBytes(s.bytesRead)
      : `${formatBytes(s.bytesRead + tally.unread)}/${formatBytes(bytesTotal)}`;
    parts.push(`${bytes}${written}`);
    parts.push(formatRate(s.bytesRead, Date.now() - started));
    if (s.failures > 0) parts.push(`${s.failures} failed`);
    if (measure !== undefined && typeof params.eta === 'number' && params.value > 0 && params.value < params.total) {
      parts.push(`ETA ${cliProgress().Format.TimeFormat(params.eta, options, 1)}`);
    }
    const text = parts.join(' · ');
    // The bar takes what the terminal's width leaves beside the widest text yet (so that it does not jump back and
    // forth as the ETA comes and goes), up to 16 cells; none on a narrow terminal.
    widest = Math.max(widest, text.length);
    const cells = measure === undefined ? 0 : Math.min(16, params.maxWidth - widest - 2);
    if (cells < 5) return text;
    const full = Math.round(progress * cells);
    return `${'\u2588'.repeat(full)}${'\u2591'.repeat(cells - full)} ${text}`;
  };
  // linewrap true: cut to the terminal's width (false would switch the terminal's wrapping off until stop()).
  const options: Options = {
    stream: err as NodeJS.WritableStream, format, fps: 10, etaBuffer: 100, linewrap: true, hideCursor: false,
    clearOnComplete: true, forceRedraw: true, gracefulExit: false, synchronousUpdate: false,
  };
  const bar: SingleBar = new (cliProgress().SingleBar)(options);
  bar.start(0, 0);
  const tick = (): void => {
    if (measure === undefined && totals?.final === true) {
      // The totals are known: the ETA starts over on the measure that has a total.
      measure = totals.bytes !== undefined && totals.bytes > 0 ? 'bytes' : 'files';
      const { value, total } = sample();
      bar.start(total, value);
      return;
    }
    const { value, total } = sample();
    bar.setTotal(total);
    bar.update(value);
  };
  const timer = setInterval(tick, 100);
  timer.unref();
  const erase = (): void => void err.write(ERASE);
  return {
    out: io.stdout.isTTY === true ? guarded(io.stdout, erase) : io.stdout,
    err: guarded(err, erase),
    done: (path, read) => {
      tally.files += 1;
      if (!read) tally.unread += totals?.sizeOf(path) ?? 0;
    },
    stop: () => {
      clearInterval(timer);
      tick(); // the last frame (drawn by bar.stop) has the percentage when the totals are known by now
      totals?.stop();
      err.write('\x1b7'); // cli-progress restores the cursor it saved at start: make that this line, wherever it is now
      bar.stop();
    },
  };
}

/** The stream, erasing the progress line before each write (the line is redrawn at its next tick, below the text). */
function guarded(out: Output, erase: () => void): Output {
  return {
    write: (chunk) => (erase(), out.write(chunk)),
    ...(out.once === undefined ? {} : { once: out.once.bind(out) }),
    ...(out.removeListener === undefined ? {} : { removeListener: out.removeListener.bind(out) }),
    ...(out.isTTY === undefined ? {} : { isTTY: out.isTTY }),
  };
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

let loaded: typeof import('cli-progress') | undefined;
/** Loaded when a line is first drawn: runs that draw none (piped, -q, --json) never pay for it. */
function cliProgress(): typeof import('cli-progress') {
  loaded ??= createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
  return loaded;
}
