// A hash rerun's plan is read once for two consumers: the output (every file, in order) and the engine (only the files
// to hash). The engine here is the scheduler's own window, which waits for its next item before it hands on a
// finished one: the output must never wait for a result the engine holds back, and the plan is read only a bounded
// way ahead of the output.
import { describe, expect, it } from 'vitest';
import { PlanAhead } from '../../src/hash/plan-ahead.js';
import { runWindow } from '../../src/pool/window.js';
import type { Planned } from '../../src/runs/incremental.js';

const entry = { size: 1, mtimeNs: '1', ino: 1 };

function planned(i: number, changed: ReadonlySet<number>): Planned {
  const file = { path: `f${i}`, abs: `/t/f${i}`, index: i, stat: { ...entry, mtimeMs: 0 } };
  return changed.has(i) ? { kind: 'run', file } : { kind: 'unchanged', file, entry };
}

async function rerun(files: number, changed: ReadonlySet<number>, ahead: number) {
  let read = 0;
  const plan = async function* (): AsyncGenerator<Planned[]> {
    for (let i = 0; i < files; i += 10) {
      read = Math.min(files, i + 10);
      yield Array.from({ length: Math.min(10, files - i) }, (_, k) => planned(i + k, changed));
    }
  };
  const fate = (p: Planned): string | 'cached' => (p.kind === 'unchanged' ? 'cached' : p.file.path);
  // In order, groups of items in, a result per item out; two groups in flight.
  const engine = (items: AsyncIterable<string[]>) => runWindow(items, async (group) => group.map((path) => `hashed ${path}`), { limit: 2 });
  const plans = new PlanAhead(plan(), fate, engine, ahead);
  const out: string[] = [];
  let furthest = 0;
  for (let p = await plans.next(); p !== undefined; p = await plans.next()) {
    furthest = Math.max(furthest, read - out.length);
    out.push(p.kind === 'unchanged' ? `cached ${p.file.path}` : ((await plans.result()) ?? 'no result'));
  }
  await plans.return();
  return { out, furthest };
}

describe('a rerun plan read ahead for the output and the engine', () => {
  it('every file comes out once, in plan order, with its own result, wherever the changed files are', async () => {
    const changed = new Set([0, 7, 8, 123, 400, 401, 499]);
    const { out } = await rerun(500, changed, 16);
    expect(out).toEqual(Array.from({ length: 500 }, (_, i) => `${changed.has(i) ? 'hashed' : 'cached'} f${i}`));
  });

  it('the plan is read only a bounded way ahead of the output: nothing changed, one change, every file changed', async () => {
    for (const changed of [new Set<number>(), new Set([3]), new Set(Array.from({ length: 2000 }, (_, i) => i))]) {
      const { out, furthest } = await rerun(2000, changed, 64);
      expect(out).toHaveLength(2000);
      expect(furthest).toBeLessThanOrEqual(64 + 256 + 20); // ahead, an engine group in flight, two plan groups
    }
  });
});
