import type { Command } from 'commander';
import type { CliContext, GlobalOptions } from '../context.js';
import { loadInTurn, type Entry } from '../load.js';
import { addAlgoOption, addCheckOptions, checkFlags, type HashCliOptions } from './hash-options.js';

/** What check-run.js takes from the library, loaded in turn before it (load.ts). */
export const CHECK_ENTRIES: readonly Entry[] = [() => import('../../check/index.js'), () => import('../../planner/index.js')];

/** `pario check SUMS…`: verify checksum files like sha256sum -c (same lines, messages and exit status). */
export function registerCheck(program: Command, ctx: CliContext): void {
  const command = program
    .command('check')
    .description('verify checksum files (sha256sum, b3sum, BSD-tag or pario lines) on all cores, like sha256sum -c')
    .argument('[sums...]', "checksum files ('-' or none: standard input); with --audit: SUMS DIR");
  addCheckOptions(addAlgoOption(command)).action(async (sums: string[], _options: HashCliOptions, cmd: Command) => {
    const g = cmd.optsWithGlobals<GlobalOptions & HashCliOptions>();
    const raw = (cmd.parent as unknown as { rawArgs?: string[] } | null)?.rawArgs ?? [];
    ctx.exit(await (await loadInTurn(CHECK_ENTRIES, () => import('./check-run.js'))).runCheck(sums, g, checkFlags(g, raw), ctx));
  });
}
