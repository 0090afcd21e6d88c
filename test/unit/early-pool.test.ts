import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { defaultCommand } from '../../src/cli/commands/index.js';
import { poolFor } from '../../src/cli/early-pool.js';
import { defaultJobs } from '../../src/pool/jobs.js';

describe('the pool the CLI starts before loading its code', () => {
  it('matches what each command asks for, with -j read in every spelling', () => {
    expect(poolFor(['hash', 'src'])).toEqual({ jobs: defaultJobs(), modules: ['hash'] });
    expect(poolFor(['-j', '4', 'hash', 'x'])).toEqual({ jobs: 4, modules: ['hash'] }); // 4 is -j's value, not a command
    expect(poolFor(['hash', '-c', 'SUMS', '--jobs=3'])).toEqual({ jobs: 3, modules: ['hash'] }); // hash -c is --check
    expect(poolFor(['compress', '-j2', 'dist'])).toEqual({ jobs: 2, modules: ['compress', 'blocks'] });
    expect(poolFor(['-d', 'x.gz'])).toEqual({ jobs: defaultJobs(), modules: ['decompress'] });
    expect(poolFor(['cat', 'a'])?.modules).toEqual(['read', 'readRange', 'map']);
    // After -- only file names: a file named --help or -c changes nothing, and -t -- -d tests a file named -d.
    expect(poolFor(['hash', '--', '--help', '-c'])).toEqual({ jobs: defaultJobs(), modules: ['hash'] });
    expect(poolFor(['compress', '--', '-c'])?.modules).toEqual(['compress', 'blocks']);
    expect(poolFor(['-t', '--', '-d'])).toEqual(poolFor(['-t', 'x']));
  });

  it('-- ends the options for the implied commands too: pario -t -- -d tests a file named -d', () => {
    const program = new Command('pario');
    for (const name of ['decompress', 'test', 'hash']) program.command(name);
    expect(defaultCommand(['-t', '--', '-d'], program)).toEqual(['test', '--', '-d']);
    expect(defaultCommand(['-d', '-k', '--', '-t.gz', '--help'], program)).toEqual(['decompress', '-k', '--', '-t.gz', '--help']);
    expect(defaultCommand(['--', '-d'], program)).toEqual(['--', '-d']);
    expect(defaultCommand(['hash', '--', '-d'], program)).toEqual(['hash', '--', '-d']);
  });

  it('starts none for help, version, dry runs, -c of compress, unknown words and a bad -j', () => {
    for (const argv of [['--help'], ['hash', '-h'], ['-V'], ['compress', '-n', 'x'], ['compress', '-c', 'x'], ['decompress', '--stdout', 'x.gz'],
      ['toString'], ['manifest', 'merge', 'a'], ['hash', '-j', 'zero', 'x'], ['hash', '-j', '0', 'x'], []]) {
      expect(poolFor(argv), argv.join(' ')).toBeUndefined();
    }
  });
});
