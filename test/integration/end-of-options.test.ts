// `--` ends the options for every command: after it, `--rm`, `-d` and `--help` are file names (as in getopt tools),
// so `pario compress -- *` never turns a file into an option. One shell runs every command on such names.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { BIN } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

describe('-- ends the options', () => {
  it('every command takes names that look like options after --', () => {
    const dir = tempDir();
    for (const name of ['--rm', '-d', '--help', 'plain']) writeFileSync(join(dir, name), `${name}\n`);
    const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
    const script = `pario() { "${process.execPath}" "${BIN}" "$@"; }
      pario compress -q -- * && echo "compress $?"
      pario test -q -- *.gz && echo "test $?"
      pario -t -q -- -d.gz && echo "-t $?"
      pario hash -- --rm -d
      pario hash -- --rm > sums && pario check -- sums && echo "check $?"
      mv -- -d -d.orig && pario -d -q -- -d.gz && cmp -- -d -d.orig && echo "-d $?"
      pario decompress -c -- --help.gz
      pario cat -- --rm --help
      pario read -q -- --rm && echo "read $?"`;
    const run = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe([
      'compress 0', 'test 0', '-t 0',
      `${sha('--rm\n')}  --rm`, `${sha('-d\n')}  -d`, '--rm: OK', 'check 0',
      '-d 0', '--help', '--rm', '--help', 'read 0', '',
    ].join('\n'));
    // compress -- * left every original (no --rm happened) and made every output.
    expect(readdirSync(dir).filter((n) => !n.endsWith('.gz')).sort()).toEqual(['--help', '--rm', '-d', '-d.orig', 'plain', 'sums']);
  });
});
