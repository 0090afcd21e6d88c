import { describe, expect, it } from 'vitest';
import { ParioFailure } from '../../bench/run/own.js';
import { runCase } from '../../bench/run/runner.js';
import type { Case, Entry } from '../../bench/run/types.js';

// The bench's rule for failures, in-process on fake entries (a /bin/sh line each, no corpus, no real bench run):
// pario's own entry failing stops the bench with the case, the tool and the command's stderr; a peer that is absent
// or fails only loses its column.
const sh = (line: string): Entry['command'] => () => ({ file: '/bin/sh', args: ['-c', line] });
const ok: Entry = { tool: 'pario -j 2', pario: true, command: sh('exit 0') };
const renamedFlag: Entry = { tool: 'pario -j 2', pario: true, command: sh(`echo "error: unknown option '--gzipp'" >&2; exit 1`) };
const absentPeer: Entry = { tool: 'pigz', unavailable: async () => 'pigz not found on PATH', command: sh('exit 0') };
const failingPeer: Entry = { tool: 'gzip -6', command: sh('echo "gzip: broken" >&2; exit 2') };

function aCase(entries: Entry[], teardown?: () => Promise<void>): Case {
  const c: Case = { group: 't', id: 't/case', title: 'fake', inputBytes: 1, inputFiles: 1, entries };
  return teardown === undefined ? c : { ...c, teardown };
}

const run = (c: Case, warmup = false): Promise<unknown> => runCase(c, { runs: 1, warmup, log: () => undefined });

describe('bench: pario failures are fatal, peers are not', () => {
  it('stops at a pario command that exits non-zero, with the case, the tool and its stderr', async () => {
    let tornDown = false;
    const error = await run(aCase([failingPeer, renamedFlag], async () => void (tornDown = true)), true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParioFailure);
    expect((error as Error).message).toBe("t/case: pario -j 2: exit 1: error: unknown option '--gzipp'");
    expect(tornDown).toBe(true);
  });

  it('keeps going when peers are absent or fail: they show as skipped and failed, pario as ok', async () => {
    const result = await runCase(aCase([ok, absentPeer, failingPeer]), { runs: 1, warmup: false, log: () => undefined });
    expect(result.entries.map((e) => [e.tool, e.status, e.reason])).toEqual([
      ['pario -j 2', 'ok', undefined],
      ['pigz', 'skipped', 'pigz not found on PATH'],
      ['gzip -6', 'failed', 'exit 2: gzip: broken'],
    ]);
  });

  it('treats invalid pario output and a failing pario variant (own, not a ratio column) as fatal', async () => {
    const invalid: Entry = { ...ok, validate: async () => '3 files missing' };
    await expect(run(aCase([invalid]))).rejects.toThrow('t/case: pario -j 2: invalid output: 3 files missing');
    const variant: Entry = { tool: 'pario, V8 default budget', own: true, command: sh('echo "node: bad option" >&2; exit 9') };
    await expect(run(aCase([ok, variant]))).rejects.toThrow('t/case: pario, V8 default budget: exit 9: node: bad option');
  });

  it('fails pario when the case setup fails, instead of a run without pario', async () => {
    const c: Case = { ...aCase([ok, failingPeer]), setup: async () => Promise.reject(new Error('no space left')) };
    await expect(run(c)).rejects.toThrow('t/case: pario -j 2: setup failed: no space left');
  });
});
