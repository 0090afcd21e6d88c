import { appendFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { writeAtomic } from './atomic.js';

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

  /** Writes the report and the log; `status` is 'ok', 'failed' or 'interrupted'. */
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
    if (this.reportPath !== undefined) await writeAtomic(this.reportPath, `${JSON.stringify(summary, null, 2)}\n`);
    if (this.logPath !== undefined) {
      const lines = [...this.events, { event: 'summary', ...summary, errors: undefined, failed: this.errors.length }].map((e) => JSON.stringify(e)).join('\n');
      await appendFile(this.logPath, `${lines}\n`);
    }
  }
}
