import { describe, expect, it } from 'vitest';
import { checkFileLines, parseChecksumLine } from '../../src/hash/parse.js';
import { hasTool, runTool } from '../helpers/hash-tools.js';
import { byteOrder, makeTrickyTree, TRICKY_NAMES } from '../helpers/tricky-tree.js';

const dir = makeTrickyTree('pario-parse-');
const names = byteOrder(TRICKY_NAMES);

function parseAll(content: Buffer, options?: Parameters<typeof parseChecksumLine>[1]) {
  return [...checkFileLines(content, options)].map((line) => line.parsed);
}

describe('parsing check files written by the real tools', () => {
  const cases: readonly (readonly [string, string[], string[]])[] = [
    ['sha256sum', [], ['sha256', 'blake3']],
    ['sha256sum', ['--tag'], ['sha256']],
    ['sha256sum', ['-b'], ['sha256', 'blake3']],
    ['md5sum', [], ['md5', 'xxh128']],
    ['sha1sum', ['--tag'], ['sha1']],
    ['sha512sum', [], ['sha512', 'blake2b']],
    ['b2sum', ['-l', '128'], ['md5', 'xxh128']],
    ['b2sum', ['-l', '160', '--tag'], ['blake2b-160']],
    ['b2sum', ['--tag'], ['blake2b']],
    ['b3sum', [], ['sha256', 'blake3']],
  ];
  for (const [tool, args, algorithms] of cases) {
    it.skipIf(!hasTool(tool))(`${tool} ${args.join(' ')}: every name and digest comes back`, () => {
      const parsed = parseAll(runTool(tool, [...args, '--', ...names], { cwd: dir }));
      // b3sum writes a CR raw: a name ending in one comes back as the name to try when the one without is not there
      expect(parsed.map((line) => (tool === 'b3sum' ? line?.withCr ?? line?.name : line?.name))).toEqual(names);
      for (const line of parsed) {
        expect(line?.algorithms).toEqual(algorithms);
        expect(line?.binary).toBe(args.includes('-b'));
      }
    });
  }

  it.skipIf(!hasTool('xxhsum'))('xxhsum -H3 (BSD form) and --tag -H64 / -H128', () => {
    const simple = names.filter((name) => !/[\\\n\r]/.test(name));
    for (const [flag, algorithm] of [['-H3', 'xxh3'], ['-H64', 'xxh64'], ['-H128', 'xxh128']] as const) {
      const parsed = parseAll(runTool('xxhsum', ['--tag', flag, '--', ...simple], { cwd: dir }));
      expect(parsed.map((line) => [line?.name, line?.algorithms])).toEqual(simple.map((name) => [name, [algorithm]]));
    }
  });
});

describe('parseChecksumLine', () => {
  const hex64 = 'a'.repeat(64);
  it('takes the algorithm from the tag, the XXH3_ prefix, or the length', () => {
    expect(parseChecksumLine(`BLAKE3 (x) = ${hex64}`)?.algorithms).toEqual(['blake3']);
    expect(parseChecksumLine(`BLAKE2b-512 (x) = ${'b'.repeat(128)}`)?.algorithms).toEqual(['blake2b']);
    expect(parseChecksumLine('XXH3_99fc819aaba2462a  a')).toEqual({ algorithms: ['xxh3'], digest: '99fc819aaba2462a', name: 'a', binary: false });
    expect(parseChecksumLine('99fc819aaba2462a  a')?.algorithms).toEqual(['xxh64', 'xxh3']);
    expect(parseChecksumLine('363a3020  a')?.algorithms).toEqual(['crc32', 'xxh32']);
    expect(parseChecksumLine('XXH32 (a) = 363a3020')?.algorithms).toEqual(['xxh32']);
    expect(parseChecksumLine(`BLAKE2b-128 (a) = ${'c'.repeat(32)}`)?.algorithms).toEqual(['blake2b-128']);
    expect(parseChecksumLine('XXH64_LE (a) = 0102030405060708')).toMatchObject({ algorithms: ['xxh64'], digest: '0807060504030201' });
  });

  it('--algo restricts tags and lengths', () => {
    expect(parseChecksumLine(`${hex64}  x`, { algorithm: 'blake3' })?.algorithms).toEqual(['blake3']);
    expect(parseChecksumLine(`${hex64}  x`, { algorithm: 'md5' })).toBeUndefined();
    expect(parseChecksumLine(`SHA256 (x) = ${hex64}`, { algorithm: 'blake3' })).toBeUndefined();
    // b2sum -c: with -a blake2b an untagged line's length is the digest's, unless --length says
    expect(parseChecksumLine(`${'c'.repeat(32)}  x`, { algorithm: 'blake2b' })?.algorithms).toEqual(['blake2b-128']);
    expect(parseChecksumLine(`${'c'.repeat(32)}  x`, { algorithm: 'blake2b', length: 256 })).toBeUndefined();
    expect(parseChecksumLine(`BLAKE2b-128 (x) = ${'c'.repeat(32)}`, { algorithm: 'blake2b', length: 256 })).toBeUndefined();
    // without --algo, BLAKE2b of the line's length is the second try of a line that matches nothing else
    expect(parseChecksumLine(`${'c'.repeat(32)}  x`)).toMatchObject({ algorithms: ['md5', 'xxh128'], fallback: ['blake2b-128'] });
  });

  it('keeps every character of an untagged name and uses the last ") = " of a tagged one', () => {
    expect(parseChecksumLine(`${hex64}    two leading spaces `)?.name).toBe('  two leading spaces ');
    expect(parseChecksumLine(`SHA256 (a) = b) = ${hex64}`)?.name).toBe('a) = b');
    expect(parseChecksumLine(`\\SHA256 (a\\nb) = ${hex64}`)?.name).toBe('a\nb');
    expect(parseChecksumLine(`\\${hex64}  a\\\\b\\rc`)?.name).toBe('a\\b\rc');
    expect(parseChecksumLine(`${hex64.toUpperCase()}  up`)?.digest).toBe(hex64);
  });

  it('rejects improperly formatted lines', () => {
    for (const line of [
      'garbage', `${hex64}`, `${hex64}x  y`, `${'a'.repeat(63)}  x`, `${'g'.repeat(64)}  x`,
      `\\${hex64}  bad\\tescape`, `SHA256 (x) = ${'a'.repeat(63)}`, `SHA256 x = ${hex64}`, `XXH32 (x) = 946b5bf`,
      `BLAKE2b-129 (x) = ${hex64}`,
    ]) {
      expect(parseChecksumLine(line), JSON.stringify(line)).toBeUndefined();
    }
  });

  it('reads md5 -r\'s `hex name` too, the first such line choosing the form for the file (coreutils md5sum-bsd.sh)', () => {
    const reversed = Buffer.from(`${hex64} a\n${hex64}  b\n${hex64} *c\n`);
    expect(parseAll(reversed).map((line) => line?.name)).toEqual(['a', ' b', '*c']);
    const standard = Buffer.from(`${hex64}  a\n${hex64} b\n`);
    expect(parseAll(standard).map((line) => line?.name)).toEqual(['a', undefined]);
  });

  it('a byte-order mark makes the first line improperly formatted, as for sha256sum', () => {
    expect(parseAll(Buffer.from(`\ufeff${hex64}  a\n${hex64}  b\n`)).map((line) => line?.name)).toEqual([undefined, 'b']);
  });

  it('splits lines like coreutils: comments and empty lines skipped, CRLF accepted, numbers kept', () => {
    const content = Buffer.from(`# comment\n\n${hex64}  a\r\njunk\n${hex64}  b`);
    expect([...checkFileLines(content)].map((line) => [line.number, line.parsed?.name])).toEqual([[3, 'a'], [4, undefined], [5, 'b']]);
  });
});
