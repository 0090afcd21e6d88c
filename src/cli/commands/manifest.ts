import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ParioError } from '../../errors.js';
import { EXIT } from '../context.js';
import type { CliContext } from '../context.js';
import { write } from '../output.js';

/** `pario manifest merge A B …`: one manifest (or checksum file) from the shards of a `--shard K/N` run. */
export function registerManifest(program: Command, ctx: CliContext): void {
  const manifest = program.command('manifest').description('work with the manifests and checksum files of cron runs');
  manifest
    .command('merge')
    .description('merge the manifests (or checksum files) of sharded runs into one, sorted by path, on stdout; a path in two inputs is an error')
    .argument('<files...>', 'pario manifests (--manifest) or checksum files (pario hash output), all of one kind')
    .action(async (files: string[]) => {
      const [{ mergeChecksumLines, mergeManifests }, { parseChecksumLine }] = await Promise.all([import('../../cron/merge.js'), import('../../hash/parse.js')]);
      try {
        const first = await readFile(resolve(files[0] ?? '')).then((b) => b.toString('utf8', 0, 64), () => '');
        const merged = first.trimStart().startsWith('{')
          ? await mergeManifests(files)
          : await mergeChecksumLines(files, (line) => parseChecksumLine(line)?.name);
        await write(ctx.io.stdout, merged);
        ctx.exit(EXIT.ok);
      } catch (error) {
        if (!(error instanceof ParioError)) throw error;
        ctx.io.stderr.write(`pario: ${error.message}\n`);
        ctx.exit(EXIT.failures);
      }
    });
}
