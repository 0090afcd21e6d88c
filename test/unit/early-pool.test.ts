import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { poolFor } from '../../src/cli/early-pool.js';

describe('the pool the CLI starts before loading its code', () => {
  it('matches what each command asks for, with -j read in every spelling', () => {
    expect(poolFor(['hash', 'src'])).toEqual({ jobs: availableParallelism(), modules: ['hash'] });
    expect(poolFor(['-j', '4', 'hash', 'x'])).toEqual({ jobs: 4, modules: ['hash'] }); // 4 is -j's value, not a command
    expect(poolFor(['hash', '-c', 'SUMS', '--jobs=3'])).toEqual({ jobs: 3, modules: ['hash'] }); // hash -c is --check
    expect(poolFor(['compress', '-j2', 'dist'])).toEqual({ jobs: 2, modules: ['compress', 'blocks'] });
    expect(poolFor(['-d', 'x.gz'])).toEqual({ jobs: availableParallelism(), modules: ['decompress'] });
    expect(poolFor(['cat', 'a'])?.modules).toEqual(['read', 'readRange', 'map']);
  });

  it('starts none for help, version, dry runs, -c of compress, unknown words and a bad -j', () => {
    for (const argv of [['--help'], ['hash', '-h'], ['-V'], ['compress', '-n', 'x'], ['compress', '-c', 'x'], ['decompress', '--stdout', 'x.gz'],
      ['toString'], ['manifest', 'merge', 'a'], ['hash', '-j', 'zero', 'x'], ['hash', '-j', '0', 'x'], []]) {
      expect(poolFor(argv), argv.join(' ')).toBeUndefined();
    }
  });
});
