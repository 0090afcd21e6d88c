import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { inCurrentFolder } from '../../system/index.js';
import { ParioError } from '../../errors.js';
import { positiveInt } from '../args.js';
import { EXIT } from '../context.js';
import type { CliContext } from '../context.js';
import { write } from '../output.js';

/** `pario manifest merge A B …`: one manifest, checksum file or report from the shares of a `--shard` run. */
export function registerManifest(program: Command, ctx: CliContext): void {
  const manifest = program.command('manifest').description('work with the manifests, checksum files and reports of cron runs');
  manifest
    .command('merge')
    .description('merge the manifests, checksum files or --report files of sharded runs into one, on stdout; ' +
      'a path in two inputs is an error')
    .argument('<files...>', 'pario manifests (--manifest), checksum files (pario hash output) or reports (--report), all of one kind')
    .option('--expect <n>', 'fail unless there are N inputs (for reports: unless shares 1…N are all there)', positiveInt)
    .action(async (files: string[], opts: { expect?: number }) => {
      try {
        await write(ctx.io.stdout, await merge(files.map(inCurrentFolder), opts.expect)); // a held deep cwd: src/cwd.ts
        ctx.exit(EXIT.ok);
      } catch (error) {
        if (!(error instanceof ParioError)) throw error;
        ctx.io.stderr.write(`pario: ${error.message}\n`);
        ctx.exit(EXIT.failures);
      }
    });
}

async function merge(files: readonly string[], expect: number | undefined): Promise<string> {
  const { isReport, mergeChecksumLines, mergeManifests, mergeReports, parseChecksumLine } = await import('../../runs/index.js');
  // Reports start with their "pario" version, manifests with "kind" (both are written by pario).
  const first = await readFile(files[0] ?? '').then((b) => b.toString('utf8', 0, 256), () => '');
  if (/^\s*\{\s*"pario"\s*:/.test(first)) {
    const reports = await Promise.all(files.map(async (path) => {
      const report = parseJson(await readFile(path, 'utf8').catch((e: Error) => fail(`${path}: ${e.message}`)));
      return isReport(report) ? { path, report } : fail(`${path}: not a pario report (a --report file)`);
    }));
    return mergeReports(reports, expect);
  }
  if (expect !== undefined && files.length !== expect) fail(`expected ${expect} inputs, got ${files.length}`);
  return first.trimStart().startsWith('{') ? mergeManifests(files) : mergeChecksumLines(files, (line) => parseChecksumLine(line)?.name);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function fail(message: string): never {
  throw new ParioError('ERR_PARIO_MERGE', message);
}
