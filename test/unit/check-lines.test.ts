import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { peekAlgorithm, streamCheckLines } from '../../src/hash/check-lines.js';
import { checkFileLines, type CheckFileLine } from '../../src/hash/parse.js';

const SHA = 'a'.repeat(64);
const MD5 = 'b'.repeat(32);

async function collect(lines: AsyncIterable<CheckFileLine>): Promise<CheckFileLine[]> {
  const out: CheckFileLine[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

/** `content` cut at `cuts` (byte offsets), as a reader hands it over. */
async function* pieces(content: Buffer, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    if (cut <= at || cut >= content.byteLength) continue;
    yield content.subarray(at, cut);
    at = cut;
  }
  yield content.subarray(at);
}

describe('a check file read a piece at a time', () => {
  it('gives exactly the lines of the whole file, wherever the pieces end', async () => {
    const kinds = [`${SHA}  a`, `${SHA} *b c`, `${MD5}  d`, `${MD5} e`, '# note', '', 'junk', `SHA256 (f) = ${SHA}`, '\r', 'é ü'];
    const line = fc.constantFrom(...kinds);
    const file = fc.tuple(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), fc.boolean());
    await fc.assert(
      fc.asyncProperty(file, fc.array(fc.nat({ max: 2000 }), { maxLength: 12 }), async ([lines, end, last], cuts) => {
        const content = Buffer.from(lines.join(end) + (last ? end : ''));
        const whole = [...checkFileLines(content)];
        const count = { lines: 0, ended: false };
        expect(await collect(streamCheckLines(pieces(content, cuts), {}, count))).toEqual(whole);
        expect(count.ended).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('names the algorithm of the first good line, even for the malformed lines above it, and yields every line', async () => {
    const content = Buffer.from(`junk\n\nmore junk\n${MD5}  x\n${SHA}  y\n`);
    const { algorithm, lines } = await peekAlgorithm(streamCheckLines(pieces(content, [3, 20])), undefined);
    expect(algorithm).toBe('md5');
    expect((await collect(lines)).map((l) => [l.number, l.parsed?.name])).toEqual([[1, undefined], [3, undefined], [4, 'x'], [5, 'y']]);
    const none = await peekAlgorithm(streamCheckLines(pieces(Buffer.from('junk\n'), [])), 'sha256');
    expect(none.algorithm).toBe('sha256');
    expect((await collect(none.lines)).length).toBe(1);
  });
});
