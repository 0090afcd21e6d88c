import type { Command } from 'commander';
import type { CliContext, GlobalOptions } from '../context.js';
import { addCronOptions } from '../cron-options.js';
import { EXIT } from '../context.js';
import { FILES_AND_MANIFEST, loadInTurn, type Entry } from '../load.js';
import { CHECK_ENTRIES } from './check.js';
import { addAlgoOption, addCheckOptions, checkFlags, checkOnlyFlag, type HashCliOptions } from './hash-options.js';

/** What hash-run.js takes from the library, loaded in turn before it (load.ts). */
const HASH_ENTRIES: readonly Entry[] = [() => import('../../hash/index.js'), ...FILES_AND_MANIFEST];

/** `pario hash FILES…`: checksum lines sorted by path, as sha256sum / b3sum / xxhsum print them. `-c` checks. */
export function registerHash(program: Command, ctx: CliContext): void {
  const command = program
    .command('hash')
    .description('print checksums of every matching file, sorted by path, in sha256sum / b3sum / BSD-tag form (-c: check)')
    .argument('[files...]', "files, folders (everything under them) or fast-glob patterns; '-' or none: standard input");
  addAlgoOption(command)
    .option('--tag', 'BSD-style lines: SHA256 (name) = hex')
    .option('-b, --binary', "mark lines with '*' (hex *name), as sha256sum -b")
    .option('-t, --text', "mark lines with ' ' (the default)")
    .option('-z, --zero', 'end each line with NUL, not newline, and never escape names')
    .option('-c, --check', 'read checksums from the FILES and check them (same as pario check)')
    .option('--update <sums>', 'write the checksum lines to SUMS, rehashing only files changed since the last --update ' +
      '(state in SUMS.pario.json)');
  addCronOptions(command, true);
  command.addHelpText('after', `
File names that are not UTF-8 are hashed and checked under their own bytes and written as those bytes, as sha256sum
writes them; BLAKE3 lines write U+FFFD for them, as b3sum does (and check fails such a line, as b3sum --check).`);
  addCheckOptions(command).action(async (files: string[], options: HashCliOptions, cmd: Command) => {
    const g = cmd.optsWithGlobals<GlobalOptions & HashCliOptions>();
    const raw = (cmd.parent as unknown as { rawArgs?: string[] } | null)?.rawArgs ?? [];
    const misplaced = options.check === true ? undefined : checkOnlyFlag(g);
    if (misplaced !== undefined) {
      ctx.io.stderr.write(`pario: ${misplaced}\n(run pario hash --help for usage)\n`);
      ctx.exit(EXIT.usage);
      return;
    }
    ctx.exit(options.check === true
      ? await (await loadInTurn(CHECK_ENTRIES, () => import('./check-run.js'))).runCheck(files, g, checkFlags(g, raw), ctx)
      : await (await loadInTurn(HASH_ENTRIES, () => import('./hash-run.js'))).runHash(files, g, ctx));
  });
}
