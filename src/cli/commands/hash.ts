import type { Command } from 'commander';
import { DEFAULT_ALGORITHM } from '../../../workers/algorithms.js';
import { hashFiles } from '../../hash/api.js';
import { errnoText } from '../../hash/check-report.js';
import type { HashFileResult } from '../../hash/engine.js';
import { formatJson, formatLines, type LineFormat } from '../../hash/format.js';
import { quoteName } from '../../hash/quote.js';
import { hashStream } from '../../hash/stdin.js';
import { baseOptions } from '../base-options.js';
import { EXIT, type CliContext, type GlobalOptions } from '../context.js';
import { write } from '../output.js';
import { runCheck } from './check.js';
import { addAlgoOption, addCheckOptions, checkFlags, type HashCliOptions } from './hash-options.js';

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
    .option('-c, --check', 'read checksums from the FILES and check them (same as pario check)');
  addCheckOptions(command).action(async (files: string[], options: HashCliOptions, cmd: Command) => {
    const g = cmd.optsWithGlobals<GlobalOptions & HashCliOptions>();
    const raw = (cmd.parent as unknown as { rawArgs?: string[] } | null)?.rawArgs ?? [];
    ctx.exit(options.check === true ? await runCheck(files, g, checkFlags(g, raw), ctx) : await runHash(files, g, ctx));
  });
}

async function runHash(files: readonly string[], g: GlobalOptions & HashCliOptions, ctx: CliContext): Promise<number> {
  const { io } = ctx;
  const algorithms = g.algo ?? [DEFAULT_ALGORITHM];
  const format: LineFormat = { tag: g.tag === true, binary: g.binary === true && g.tag !== true, zero: g.zero === true };
  const render = (result: HashFileResult & { ok: true }): string =>
    g.json === true ? formatJson(result.path, result.size, result.digests) : formatLines(algorithms, result.digests, result.path, format);
  let failed = 0;
  let pending = '';
  const flush = async (): Promise<void> => {
    if (pending !== '') await write(io.stdout, pending);
    pending = '';
  };
  const emit = async (result: HashFileResult): Promise<void> => {
    if (result.ok) {
      pending += render(result);
      if (pending.length >= 1 << 16) await flush();
      return;
    }
    failed += 1;
    await flush();
    io.stderr.write(`pario: ${quoteName(result.path)}: ${errnoText(result.error.code, result.error.message)}\n`);
    if (g.json === true) pending += `${JSON.stringify({ path: result.path, error: result.error })}\n`;
  };
  const list = files.length === 0 ? ['-'] : files;
  const named = list.filter((f) => f !== '-');
  if (named.length > 0) {
    const { jobs: _jobs, ...base } = baseOptions(g, ctx.signal);
    for await (const result of hashFiles(named, { ...base, ...(g.jobs === undefined ? {} : { jobs: g.jobs }), algorithms })) await emit(result);
  }
  if (named.length < list.length) {
    if (io.stdin === undefined) throw new Error('no standard input to hash');
    await emit(await hashStream(io.stdin as AsyncIterable<Uint8Array>, algorithms));
  }
  await flush();
  return failed > 0 ? EXIT.failures : EXIT.ok;
}
