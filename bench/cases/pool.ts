import type { Case } from '../run/types.js';
import { naive, parioLib, PARIO_ALWAYS } from './commands.js';
import type { BenchContext } from './context.js';
import { totalsEntry } from './totals.js';

export const GROUP = 'pool';

/** What a task costs: no-op items through pario's warm pool, one per task and 64 per task, vs a raw Piscina pool. */
export function poolCases(ctx: BenchContext): Case[] {
  const items = ctx.quick ? 500 : 200_000;
  const base = 'pool-noop';
  const check = (t: { files: number }): string | undefined => (t.files === items ? undefined : `ran ${t.files} of ${items} items`);
  const j = ctx.jobs;
  return [
    {
      group: GROUP,
      id: 'pool/noop',
      title: `${items} no-op items on ${j} workers (items/s; process start included)`,
      inputBytes: 0,
      inputFiles: items,
      items,
      entries: [
        totalsEntry(base, 'pario pool, batch 64', (out) => parioLib('noop', [items, j, 64], { stdoutFile: out }),
          PARIO_ALWAYS, check, true),
        totalsEntry(base, 'pario pool, batch 1', (out) => parioLib('noop', [items, j, 1], { stdoutFile: out }), PARIO_ALWAYS, check, true),
        totalsEntry(base, 'raw Piscina, 1 per task', (out) => naive('noop-pool', [items, j], { stdoutFile: out }), async () => undefined, check),
      ],
    },
  ];
}
