import type { Command } from 'commander';
import { baseOptions, wantsProgress } from '../base-options.js';
import { EXIT, handleFor } from '../context.js';
import type { CliContext, GlobalOptions } from '../context.js';
import { errorLine, formatBytes, formatRate, ignoredSuffix, jsonLine, write } from '../output.js';
import { startProgress } from '../progress-line.js';
import type { Totals } from '../progress-count.js';

/** `pario read` counts what it reads (the read path end to end); `pario cat` prints the bytes, in order. */
export function registerRead(program: Command, ctx: CliContext): void {
  const commands: readonly (readonly [name: string, description: string, patterns: string, cat: boolean])[] = [
    ['read', 'read every matching file on all cores and count files and bytes (a read benchmark / check)',
      'files, folders (everything under them) or fast-glob patterns; !pattern excludes', false],
    ['cat', 'print the bytes of every matching file to stdout, in the order found, like cat', 'files, folders or fast-glob patterns', true],
  ];
  for (const [name, description, patterns, cat] of commands) {
    program.command(name).description(description).argument('<patterns...>', patterns)
      .action(async (given: string[], _opts: unknown, cmd: Command) => {
        ctx.exit(await run(given, cmd.optsWithGlobals<GlobalOptions>(), ctx, cat));
      });
  }
}

async function run(patterns: string[], g: GlobalOptions, ctx: CliContext, cat: boolean): Promise<number> {
  const { io } = ctx;
  // loaded on use: --help never pays for it
  const [{ DEFAULT_PRELOAD, defaultJobs }, { resolveBase }] = await Promise.all([
    import('../../system/index.js'), import('../../planner/index.js'),
  ]);
  const pario = await handleFor(ctx, g.jobs ?? defaultJobs(), DEFAULT_PRELOAD);
  const { jobs: _jobs, ...options } = baseOptions(g, ctx.signal);
  const { countAhead } = await import('../progress-count.js');
  const totals = (): Totals => countAhead(patterns, resolveBase(options));
  const line = startProgress(io, { snapshot: () => pario.progress(), totals }, wantsProgress(g) && !cat);
  const started = performance.now();
  let files = 0;
  let bytes = 0;
  let failed = 0;
  const ignored = { ignoredFiles: 0, ignoredFolders: 0 };
  const onIgnored = (_path: string, folder: boolean): void => void (ignored[folder ? 'ignoredFolders' : 'ignoredFiles'] += 1);
  try {
    for await (const result of pario.readFiles(patterns, { ...options, ordered: cat, onIgnored })) {
      if (!result.ok) {
        failed += 1;
        if (g.json === true && !cat) {
          const { code, message } = result.error;
          await write(io.stdout, jsonLine({ event: 'file', path: result.path, status: 'failed', code, message }));
        }
        line.done(result.path, true);
        line.err.write(errorLine(result.path, result.error.message));
        continue;
      }
      line.done(result.path, true);
      files += 1;
      bytes += result.size;
      if (cat) await write(io.stdout, result.data);
      else if (g.json === true) await write(io.stdout, jsonLine({ event: 'file', path: result.path, status: 'ok', bytes: result.size }));
    }
  } finally {
    line.stop();
    await pario.close();
  }
  const ms = performance.now() - started;
  const counted = g.ignoreFile === undefined && g.gitignore !== true ? {} : ignored;
  if (g.json === true && !cat) {
    await write(io.stdout, jsonLine({ event: 'summary', files, failed, bytesRead: bytes, ms: Math.round(ms), ...counted }));
  } else if (!cat && g.quiet !== true) {
    const failedPart = failed > 0 ? `, ${failed} failed` : '';
    const timing = `${(ms / 1000).toFixed(2)} s (${formatRate(bytes, ms)})`;
    await write(io.stdout, `read ${files} files, ${formatBytes(bytes)} in ${timing}${failedPart}${ignoredSuffix(ignored)}\n`);
  }
  return failed > 0 ? EXIT.failures : EXIT.ok;
}
