import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { defaultCommand } from '../../src/cli/commands/index.js';
import { poolFor } from '../../src/cli/early-pool.js';
import { defaultJobs } from '../../src/pool/jobs.js';
import { BIG_FILE_MIN } from '../../src/compress/route.js';
import { tempDir } from '../helpers/temp.js';

describe('the pool the CLI starts before loading its code', () => {
  it('matches what each command asks for, with -j read in every spelling', () => {
    expect(poolFor(['hash', 'src'])).toEqual({ jobs: defaultJobs(), modules: ['hash', 'stat'] });
    expect(poolFor(['-j', '4', 'hash', 'x'])).toEqual({ jobs: 4, modules: ['hash', 'stat'] }); // 4 is -j's value, not a command
    expect(poolFor(['hash', '-c', 'SUMS', '--jobs=3'])).toEqual({ jobs: 3, modules: ['hash', 'stat'] }); // hash -c is --check
    expect(poolFor(['compress', '-j2', 'dist'])).toEqual({ jobs: 2, modules: ['compress', 'blocks', 'stat'] });
    expect(poolFor(['-d', 'x.gz'])).toEqual({ jobs: defaultJobs(), modules: ['decompress', 'frames', 'stat'] });
    expect(poolFor(['cat', 'a'])?.modules).toEqual(['read', 'readRange', 'map']);
    // After -- only file names: a file named --help or -c changes nothing, and -t -- -d tests a file named -d.
    expect(poolFor(['hash', '--', '--help', '-c'])).toEqual({ jobs: defaultJobs(), modules: ['hash', 'stat'] });
    expect(poolFor(['compress', '--', '-c'])?.modules).toEqual(['compress', 'blocks', 'stat']);
    expect(poolFor(['-t', '--', '-d'])).toEqual(poolFor(['-t', 'x']));
  });

  it('-c of one big file: all workers on its blocks (compress) or on the frames of a .zst file (decompress)', () => {
    const dir = tempDir('pario-early-');
    const big = join(dir, 'big.log');
    const zst = join(dir, 'big.log.zst');
    writeFileSync(big, Buffer.alloc(BIG_FILE_MIN));
    writeFileSync(zst, Buffer.alloc(1 << 20));
    writeFileSync(join(dir, 'small.zst'), Buffer.alloc(10));
    expect(poolFor(['compress', '--zstd', '-c', big])).toEqual({ jobs: defaultJobs(), modules: ['blocks'] });
    expect(poolFor(['compress', '-j', '3', '-c', big])).toEqual({ jobs: 3, modules: ['blocks'] });
    expect(poolFor(['-d', '-c', zst])).toEqual({ jobs: defaultJobs(), modules: ['frames'] });
    for (const argv of [['compress', '--brotli', '-c', big], ['decompress', '-c', big], ['decompress', '-c', join(dir, 'small.zst')],
      ['compress', '-c', join(dir, 'small.zst')], ['compress', '-c', big, zst]]) {
      expect(poolFor(argv), argv.join(' ')).toBeUndefined();
    }
  });

  it('a rerun against a manifest that exists gets a lazy handle (its threads start with the first file to do)', () => {
    const dir = tempDir();
    const manifest = join(dir, 'm.json');
    expect(poolFor(['compress', '--manifest', manifest, 'src'])?.lazy).toBeUndefined();
    writeFileSync(manifest, '{}');
    expect(poolFor(['compress', '--manifest', manifest, 'src'])?.lazy).toBe(true);
    expect(poolFor(['hash', `--manifest=${manifest}`, 'src'])).toEqual({ jobs: defaultJobs(), modules: ['hash', 'stat'], lazy: true });
    writeFileSync(join(dir, 'SUMS.pario.json'), '{}');
    expect(poolFor(['hash', '--update', join(dir, 'SUMS'), 'src'])).toEqual({ jobs: defaultJobs(), modules: ['hash', 'stat'], lazy: true });
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
