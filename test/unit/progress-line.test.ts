import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Output } from '../../src/cli/context.js';
import type { Totals } from '../../src/cli/progress-count.js';
import { startProgress } from '../../src/cli/progress-line.js';
import type { ProgressSnapshot } from '../../src/pool/progress.js';

/** A terminal that keeps what is written to it. */
function terminal(columns = 120): Output & { text: string; columns: number } {
  const t = { isTTY: true, columns, text: '', write: (chunk: string | Uint8Array) => ((t.text += String(chunk)), true) };
  return t;
}

/** The frames drawn (each starts where cli-progress moves to column 1), without escape sequences. */
function frames(text: string): string[] {
  return text.split('\x1b[1G').slice(1).map((f) => f.replace(/\x1b\[[0-9;]*[A-Za-z]|\x1b[78]|\r/g, '')).filter(Boolean);
}

describe('the progress line', () => {
  beforeEach(() => void vi.useFakeTimers({ now: 0 }));
  afterEach(() => void vi.useRealTimers());

  it('shows files and bytes done of the total, then percent, rate and ETA once the count is done', () => {
    const err = terminal();
    const snap: { -readonly [K in keyof ProgressSnapshot]: ProgressSnapshot[K] } = { files: 0, bytesRead: 0, bytesWritten: 0, failures: 0 };
    const totals = { files: 4, bytes: 1000 as number | undefined, final: false as boolean, sizeOf: () => undefined, stop: vi.fn(), ended: Promise.resolve() } satisfies Totals;
    const line = startProgress({ stdout: terminal(), stderr: err }, { snapshot: () => snap, totals: () => totals }, true);
    vi.advanceTimersByTime(100);
    expect(frames(err.text).at(-1)).toBe('0/4+ files · 0 B · 0.0 MiB/s');
    totals.files = 10;
    totals.final = true;
    vi.advanceTimersByTime(200);
    expect(frames(err.text).at(-1)).toBe(`${'░'.repeat(16)} 0% · 0/10 files · 0 B/1000 B · 0.0 MiB/s`);
    // 100 B and one file a second: the ETA counts from when the total was known (t = 0.2 s), 500 B in 5.1 s → 5.1 s
    for (let i = 1; i <= 5; i += 1) {
      snap.bytesRead += 100;
      line.done(`f${i}`, true);
      vi.advanceTimersByTime(1000);
    }
    expect(frames(err.text).at(-1)).toBe('████████░░░░░░░░ 50% · 5/10 files · 500 B/1000 B · 0.0 MiB/s · ETA 6s');
    snap.failures = 1;
    snap.bytesWritten = 2048;
    vi.advanceTimersByTime(100);
    expect(frames(err.text).at(-1)).toBe('████████░░░░░░░░ 50% · 5/10 files · 500 B/1000 B → 2.0 KiB · 0.0 MiB/s · 1 failed · ETA 6s');
    line.stop();
    expect(totals.stop).toHaveBeenCalled();
    // Erased for good: the last thing written clears the line.
    expect(err.text.endsWith('\x1b[1G\x1b[2K')).toBe(true);
    const after = err.text.length;
    vi.advanceTimersByTime(1000);
    expect(err.text.length).toBe(after);
  });

  it('counts a file finished unread (unchanged, filtered) by its size, and goes by files when sizes are unknown', () => {
    const err = terminal();
    const snap: ProgressSnapshot = { files: 0, bytesRead: 0, bytesWritten: 0, failures: 0 };
    const sized = { files: 2, bytes: 300, final: true, sizeOf: (p: string) => (p === 'big' ? 200 : 100), stop: () => {}, ended: Promise.resolve() } satisfies Totals;
    const line = startProgress({ stdout: terminal(), stderr: err }, { snapshot: () => snap, totals: () => sized }, true);
    vi.advanceTimersByTime(100);
    line.done('big', false);
    vi.advanceTimersByTime(100);
    expect(frames(err.text).at(-1)).toMatch(/^███████████░░░░░ 66% · 1\/2 files · 200 B\/300 B · /);
    line.stop();
    const err2 = terminal();
    const unsized = { files: 3, bytes: undefined, final: true, sizeOf: () => undefined, stop: () => {}, ended: Promise.resolve() } satisfies Totals;
    const line2 = startProgress({ stdout: terminal(), stderr: err2 }, { snapshot: () => snap, totals: () => unsized }, true);
    line2.done('a', true);
    vi.advanceTimersByTime(200);
    expect(frames(err2.text).at(-1)).toMatch(/^█████░░░░░░░░░░░ 33% · 1\/3 files · 0 B · /);
    line2.stop();
  });

  it('erases itself before anything written to stderr, or to stdout on the same terminal', () => {
    const err = terminal();
    const out = terminal();
    const line = startProgress({ stdout: out, stderr: err }, { snapshot: () => ({ files: 0, bytesRead: 0, bytesWritten: 0, failures: 0 }) }, true);
    vi.advanceTimersByTime(100);
    line.err.write('pario: x: No such file or directory\n');
    expect(err.text.endsWith('\r\x1b[Kpario: x: No such file or directory\n')).toBe(true);
    const before = err.text.length;
    line.out.write('abc  name\n');
    expect(err.text.slice(before)).toBe('\r\x1b[K');
    expect(out.text).toBe('abc  name\n');
    vi.advanceTimersByTime(100);
    expect(frames(err.text.slice(before)).at(-1)).toBe('0 files · 0 B · 0.0 MiB/s'); // drawn again, below the text
    line.stop();
  });

  it('keeps to the terminal\'s width: the bar shrinks, then goes', () => {
    const text = '0% · 0/1 files · 0 B · 0.0 MiB/s';
    for (const [columns, bar] of [[60, 16], [40, 6], [36, 0]] as const) {
      const err = terminal(columns);
      const totals = { files: 1, bytes: undefined, final: true, sizeOf: () => undefined, stop: () => {}, ended: Promise.resolve() } satisfies Totals;
      const line = startProgress({ stdout: terminal(), stderr: err }, { snapshot: () => ({ files: 0, bytesRead: 0, bytesWritten: 0, failures: 0 }), totals: () => totals }, true);
      vi.advanceTimersByTime(200);
      expect(frames(err.text).at(-1)).toBe(bar === 0 ? text : `${'░'.repeat(bar)} ${text}`);
      line.stop();
    }
  });

  it('draws nothing and starts no count when disabled or when stderr is not a terminal', () => {
    const count = vi.fn();
    for (const [stderr, enabled] of [[terminal(), false], [{ write: () => true }, true]] as const) {
      const line = startProgress({ stdout: terminal(), stderr }, { snapshot: () => ({ files: 0, bytesRead: 0, bytesWritten: 0, failures: 0 }), totals: count }, enabled);
      vi.advanceTimersByTime(1000);
      line.done('x', true);
      line.stop();
      expect('text' in stderr ? stderr.text : '').toBe('');
      expect(line.err).toBe(stderr);
    }
    expect(count).not.toHaveBeenCalled();
  });
});
