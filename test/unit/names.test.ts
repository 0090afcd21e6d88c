import { describe, expect, it } from 'vitest';
import { decodeName, encodeName, fsPath, hasRawBytes, lossyName, rawChunk } from '../../workers/names.js';
import { compareNames } from '../../src/planner/walk.js';
import { quoteName } from '../../src/hash/quote.js';
import { formatLine } from '../../src/hash/format.js';
import { checkFileLines } from '../../src/hash/parse.js';

const bytes = (...b: number[]): Buffer => Buffer.from(b);

describe('names that are not UTF-8 keep every byte (surrogate escapes)', () => {
  const cases: [string, Buffer][] = [
    ['invalid byte', bytes(0x66, 0xff, 0x2e, 0x74)],
    ['lone continuation', bytes(0x80)],
    ['overlong', bytes(0xc0, 0x80, 0x61)],
    ['encoded surrogate', bytes(0xed, 0xa0, 0x80)],
    ['above U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80)],
    ['cut sequence', bytes(0x61, 0xe2, 0x82)],
    ['emoji then a bad byte', Buffer.concat([Buffer.from('🎉'), bytes(0xfe), Buffer.from('é')])],
    ['real U+FFFD', Buffer.from('f\uFFFD.t')],
    ['plain', Buffer.from('plain.txt')],
  ];
  for (const [label, raw] of cases) {
    it(`${label}: decode then encode gives the bytes back`, () => {
      const name = decodeName(raw);
      expect(encodeName(name).equals(raw)).toBe(true);
      expect(Buffer.isBuffer(fsPath(name))).toBe(hasRawBytes(name));
    });
  }

  it('a name with a bad byte and its twin spelled with U+FFFD are two names', () => {
    const bad = decodeName(bytes(0x66, 0xff, 0x2e, 0x74));
    expect(bad).toBe('f\uDCFF.t');
    expect(bad).not.toBe(decodeName(Buffer.from('f\uFFFD.t')));
    expect(lossyName(bad)).toBe('f\uFFFD.t');
    expect(hasRawBytes('🎉')).toBe(false); // a surrogate pair is no escape
  });

  it('byte order, quoting and output bytes follow the raw bytes', () => {
    const names = [bytes(0x66, 0xff), Buffer.from('f\uFFFD'), bytes(0x66, 0x7f), Buffer.from('f\uE000')].map(decodeName);
    const sorted = [...names].sort(compareNames).map((n) => encodeName(n).toString('hex'));
    expect(sorted).toEqual(['667f', '66ee8080', '66efbfbd', '66ff']);
    expect(quoteName(decodeName(bytes(0x64, 0x2f, 0x66, 0xff, 0x2e, 0x74)))).toBe("'d/f'$'\\377''.t'");
    expect(rawChunk('x\uDCFFy\n')).toEqual(bytes(0x78, 0xff, 0x79, 0x0a));
    expect(rawChunk('plain')).toBe('plain');
  });

  it("sha256sum's lines carry the raw bytes, b3sum's carry U+FFFD; a checksum file reads back the bytes", () => {
    const name = decodeName(bytes(0x62, 0x5c, 0xfe, 0x0a));
    const line = formatLine('sha256', 'ab'.repeat(32), name);
    expect(encodeName(line)).toEqual(Buffer.concat([Buffer.from(`\\${'ab'.repeat(32)}  b\\\\`), bytes(0xfe), Buffer.from('\\n\n')]));
    expect(formatLine('blake3', 'ab'.repeat(32), name)).toBe(`\\${'ab'.repeat(32)}  b\\\\\uFFFD\\n\n`);
    const [parsed] = [...checkFileLines(encodeName(line), { algorithm: 'sha256' })];
    expect(parsed?.parsed?.name).toBe(name);
  });
});
