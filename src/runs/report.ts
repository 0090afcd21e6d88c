import { constants } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { ParioError, causeOf, isSystemError } from '../errors.js';
import { writeAtomic } from './atomic.js';

const LOG_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NONBLOCK;
const VERSION = (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;

export interface FileEvent {
  readonly path: string;
  readonly status: string;
  readonly code?: string;
  readonly message?: string;
  readonly [key: string]: unknown;
}

/**
 * Collects a run's events for `--report FILE` (one JSON summary, written atomically at the end) and `--log FILE`
 * (NDJSON appended in one write at the end, so concurrent runs' lines never interleave mid-line).
 */
export class RunRecorder {
  private readonly started = Date.now();
  private readonly events: object[] = [];
  private readonly errors: { path: string; code: string; message: string }[] = [];
  private readonly counts: Record<string, number> = {};

  /** `about`: facts of the run put in the summary as they are (the share a `--shard` run took, and its engine). */
  constructor(
    private readonly command: string,
    private readonly reportPath?: string,
    private readonly logPath?: string,
    private readonly about: Record<string, unknown> = {},
  ) {}

  get active(): boolean {
    return this.reportPath !== undefined || this.logPath !== undefined;
  }

  file(event: FileEvent): void {
    this.counts[event.status] = (this.counts[event.status] ?? 0) + 1;
    if (event.status === 'failed') this.errors.push({ path: event.path, code: event.code ?? 'ERR', message: event.message ?? '' });
    if (this.logPath !== undefined) this.events.push({ event: 'file', time: new Date().toISOString(), ...event });
  }

  /** A failure of the run itself rather than of one file (the manifest could not be saved): listed with the errors. */
  runError(path: string, code: string, message: string): void {
    this.errors.push({ path, code, message });
  }

  /**
   * Writes the report and the log; `status` is 'ok', 'failed' or 'interrupted'. A write that fails (a full disk)
   * throws a ParioError naming the file and the cause, after the other one was tried.
   */
  async finish(status: string, totals: Record<string, number> = {}): Promise<void> {
    const finished = Date.now();
    const summary = {
      pario: VERSION,
      command: this.command,
      status,
      started: new Date(this.started).toISOString(),
      finished: new Date(finished).toISOString(),
      ms: finished - this.started,
      ...this.about,
      counts: this.counts,
      ...totals,
      errors: this.errors,
    };
    const failures: string[] = [];
    const attempt = async (path: string, what: string, write: () => Promise<void>): Promise<void> => {
      try {
        await write();
      } catch (error) {
        if (!isSystemError(error)) throw error;
        failures.push(`${path}: cannot write the ${what}: ${causeOf(error)}`);
      }
    };
    const report = this.reportPath;
    if (report !== undefined) await attempt(report, 'report', () => writeAtomic(report, `${JSON.stringify(summary, null, 2)}\n`));
    const log = this.logPath;
    if (log !== undefined) {
      const summaryEvent = { event: 'summary', ...summary, errors: undefined, failed: this.errors.length };
      const lines = [...this.events, summaryEvent].map((e) => JSON.stringify(e)).join('\n');
      // O_NONBLOCK: a FIFO with no reader fails (ENXIO) instead of holding the run's end forever.
      await attempt(log, 'log', () => appendFile(log, `${lines}\n`, { flag: LOG_FLAGS }));
    }
    if (failures.length > 0) throw new ParioError('ERR_PARIO_REPORT', failures.join('\npario: '));
  }
}
