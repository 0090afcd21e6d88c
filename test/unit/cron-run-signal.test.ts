import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cronSettings } from '../../src/cli/cron-options.js';
import { withCronRun } from '../../src/cli/cron-run.js';
import type { CliContext } from '../../src/cli/context.js';
import { readReport } from '../helpers/report.js';
import { tempDir } from '../helpers/temp.js';

const quiet = { write: () => true };

describe('a run body that finishes after a signal came', () => {
  // The race CI met: every result was already held when SIGTERM came while stdout was full, so nothing was left to
  // stop and the body returned normally. The run is interrupted all the same: it throws, and the report says so.
  it('ends as interrupted, with its manifest and report written', async () => {
    const root = tempDir();
    const controller = new AbortController();
    const ctx: CliContext = { io: { stdout: quiet, stderr: quiet }, signal: controller.signal, exit: () => undefined };
    const settings = cronSettings({ manifest: 'm.json', report: 'r.json' }, root);
    const run = withCronRun(settings, 'hash', ctx, async (state) => {
      state.recorder.file({ path: 'a', status: 'hashed', bytes: 1 });
      controller.abort(Object.assign(new Error('Interrupted by SIGTERM'), { signal: 'SIGTERM' }));
      return { code: 0 };
    });
    await expect(run).rejects.toThrow('Interrupted by SIGTERM');
    const report = readReport(join(root, 'r.json'));
    expect(report.status).toBe('interrupted');
    expect(report.counts['hashed']).toBe(1);
  });
});
