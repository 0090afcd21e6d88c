import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHasher } from '../../workers/hashers.js';
import { CheckTally, type CheckFlags } from '../../src/hash/check-report.js';
import { verbosityFromArgs } from '../../src/cli/commands/hash-options.js';
import { checkFileLines } from '../../src/hash/parse.js';
import { tempDir } from '../helpers/temp.js';
import { hasTool } from '../helpers/hash-tools.js';

/** Checks like `pario check` does, but hashing in this thread: isolates the reporting from the pool. */
function simulate(dir: string, manifest: string, flags: CheckFlags): { stdout: string; stderr: string; status: number } {
  let stdout = '';
  let stderr = '';
  const tally = new CheckTally({ out: (t) => void (stdout += t), err: (t) => void (stderr += t) }, 'SUMS', flags, 'sha256', 'sha256sum');
  for (const { number, parsed } of checkFileLines(readFileSync(join(dir, manifest)), 'sha256')) {
    if (parsed === undefined) {
      tally.improperLine(number);
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(dir, parsed.name));
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      tally.unreadableFile(parsed.name, e.code ?? '', e.message);
      continue;
    }
    const hasher = createHasher('sha256');
    hasher.update(bytes);
    tally.compared(parsed.name, hasher.digest() === parsed.digest);
  }
  const status = tally.finish() ? 0 : 1;
  return { stdout, stderr, status };
}

function real(dir: string, manifest: string, args: string[]): { stdout: string; stderr: string; status: number } {
  const result = spawnSync('sha256sum', ['-c', ...args, manifest], { cwd: dir, encoding: 'utf8' });
  return { stdout: result.stdout, stderr: result.stderr.replaceAll(`${manifest}:`, 'SUMS:'), status: result.status ?? -1 };
}

const FLAG_SETS: readonly (readonly [string[], CheckFlags])[] = [
  [[], {}],
  [['--quiet'], { quiet: true }],
  [['--status'], { status: true }],
  [['--strict'], { strict: true }],
  [['--warn'], { warn: true }],
  [['--ignore-missing'], { ignoreMissing: true }],
  [['--warn', '--strict', '--quiet'], { strict: true }],
  [['--quiet', '--warn'], {}],
  [['--status', '--ignore-missing'], { status: true, ignoreMissing: true }],
];

describe.skipIf(!hasTool('sha256sum'))('check reports match sha256sum -c 9.1', () => {
  const dir = tempDir('pario-check-');
  for (const name of ['ok', 'changed', 'gone', 'back\\slash', 'new\nline', 'cr\rname', 'dir']) {
    writeFileSync(join(dir, name.replace('dir', 'dirfile')), `${name}\n`);
  }
  mkdirSync(join(dir, 'dir'));
  const listed = ['ok', 'changed', 'gone', 'back\\slash', 'new\nline', 'cr\rname', 'dirfile'];
  const sums = spawnSync('sha256sum', ['--', ...listed], { cwd: dir }).stdout.toString();
  const withDir = sums.replace(/dirfile\n$/, 'dir\n');
  writeFileSync(join(dir, 'good'), sums.split('\n').filter((l) => /  (ok|back)/.test(l)).join('\n') + '\n');
  writeFileSync(join(dir, 'bad'), `# a comment\n${withDir}not a checksum line\n\n${'a'.repeat(64)} x\n`);
  writeFileSync(join(dir, 'onlymissing'), `${'a'.repeat(64)}  nothere\n`);
  writeFileSync(join(dir, 'junk'), 'junk\nmore junk\n');
  writeFileSync(join(dir, 'changed'), 'different\n');
  writeFileSync(join(dir, 'gone'), '');
  spawnSync('rm', [join(dir, 'gone')]);

  for (const manifest of ['good', 'bad', 'onlymissing', 'junk']) {
    for (const [args, flags] of FLAG_SETS) {
      it(`${manifest} ${args.join(' ')}`, () => {
        expect(simulate(dir, manifest, { ...flags, ...verbosityFromArgs(args) })).toEqual(real(dir, manifest, args));
      });
    }
  }
});
