import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALGORITHMS, type Algorithm } from '../../workers/algorithms.js';
import { createHasher, prepareHashers } from '../../workers/hashers.js';
import { checkDisplayName, escapeName, unescapeName } from '../../src/hash/escape.js';
import { formatJson, formatLine, type LineFormat } from '../../src/hash/format.js';
import { hasTool, runTool } from '../helpers/hash-tools.js';
import { byteOrder, makeTrickyTree, TRICKY_NAMES } from '../helpers/tricky-tree.js';

await prepareHashers(ALGORITHMS);
const dir = makeTrickyTree();
const names = byteOrder(TRICKY_NAMES);

function digest(algorithm: Algorithm, name: string): string {
  const hasher = createHasher(algorithm);
  hasher.update(readFileSync(join(dir, name)));
  return hasher.digest();
}

function ours(algorithm: Algorithm, list: readonly string[], format: LineFormat = {}): string {
  return list.map((name) => formatLine(algorithm, digest(algorithm, name), name, format)).join('');
}

const COREUTILS: readonly (readonly [Algorithm, string])[] = [
  ['sha256', 'sha256sum'], ['md5', 'md5sum'], ['sha1', 'sha1sum'], ['sha512', 'sha512sum'], ['blake2b', 'b2sum'],
];
const MODES: readonly (readonly [string[], LineFormat])[] = [
  [[], {}], [['-b'], { binary: true }], [['--tag'], { tag: true }], [['-z'], { zero: true }], [['--tag', '-z'], { tag: true, zero: true }],
];

describe('checksum lines are byte-identical to the real tools', () => {
  for (const [algorithm, tool] of COREUTILS) {
    it.skipIf(!hasTool(tool))(`${algorithm}: ${tool} default, -b, --tag, -z, --tag -z`, () => {
      for (const [args, format] of MODES) {
        expect(ours(algorithm, names, format), args.join(' ')).toBe(runTool(tool, [...args, '--', ...names], { cwd: dir }).toString());
      }
    });
  }

  it.skipIf(!hasTool('b3sum'))('blake3: b3sum, escapes of backslash and LF included', () => {
    // b3sum before 1.3 leaves CR unescaped (and rejects `\r` in --check); pario escapes CR like coreutils 9 and newer b3sum.
    const noCr = names.filter((name) => !name.includes('\r'));
    expect(ours('blake3', noCr)).toBe(runTool('b3sum', ['--', ...noCr], { cwd: dir }).toString());
  });

  it.skipIf(!hasTool('xxhsum'))('xxh64 / xxh128 / xxh3: xxhsum --tag, and untagged xxh64 / xxh128 (names it does not escape)', () => {
    const simple = names.filter((name) => !/[\\\n\r]/.test(name));
    for (const [algorithm, flag] of [['xxh64', '-H64'], ['xxh128', '-H128'], ['xxh3', '-H3']] as const) {
      expect(ours(algorithm, simple, { tag: true })).toBe(runTool('xxhsum', ['--tag', flag, '--', ...simple], { cwd: dir }).toString());
    }
    expect(ours('xxh64', simple)).toBe(runTool('xxhsum', ['-H64', '--', ...simple], { cwd: dir }).toString());
    expect(ours('xxh128', simple)).toBe(runTool('xxhsum', ['-H128', '--', ...simple], { cwd: dir }).toString());
  });
});

describe('escaping', () => {
  it('escapes backslash, LF and CR and nothing else, and unescapes back', () => {
    expect(escapeName('a\\b\nc\rd é')).toBe('a\\\\b\\nc\\rd é');
    for (const name of TRICKY_NAMES) expect(unescapeName(escapeName(name))).toBe(name);
  });

  it('rejects unknown escapes and a trailing backslash, as coreutils does', () => {
    expect(unescapeName('a\\tb')).toBeUndefined();
    expect(unescapeName('a\\')).toBeUndefined();
  });

  it('check output escapes a name only when it holds a newline (coreutils 9.1)', () => {
    expect(checkDisplayName('back\\slash')).toBe('back\\slash');
    expect(checkDisplayName('c\rr')).toBe('c\rr');
    expect(checkDisplayName('a\\b\nc\rd')).toBe('\\a\\\\b\\nc\\rd');
  });

  it('untagged XXH3 lines carry the XXH3_ prefix of xxhsum 0.8.2+', () => {
    expect(formatLine('xxh3', '99fc819aaba2462a', 'a')).toBe('XXH3_99fc819aaba2462a  a\n');
  });

  it('formats JSON lines', () => {
    expect(formatJson('a\nb', 3, { sha256: 'ff' })).toBe('{"path":"a\\nb","size":3,"digests":{"sha256":"ff"}}\n');
  });
});
