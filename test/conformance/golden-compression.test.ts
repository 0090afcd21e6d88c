// zstd's tests/golden-compression inputs (a block-splitter corruption case, Huffman and long-literal edge cases):
// compressed by pario at several levels and in every format, each output decoded by the reference tool and by pario
// back to the exact input.
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compressFiles, decompressFiles } from '../../src/index.js';
import type { CompressAlgorithm } from '../../src/index.js';
import { CONFORMANCE, conformanceManifest } from '../helpers/conformance.js';
import { hasTool, runTool } from '../helpers/hash-tools.js';
import { collect, tempDir } from '../helpers/temp.js';

const inputs = conformanceManifest()['zstd_golden_compression'] as string[];
const TOOLS: Readonly<Record<CompressAlgorithm, [string, string[], string]>> = {
  zstd: ['zstd', ['-dcq'], '.zst'], gzip: ['gzip', ['-dc'], '.gz'], deflate: ['pigz', ['-dzc'], '.zz'], brotli: ['brotli', ['-dc'], '.br'],
};
const RUNS: readonly [CompressAlgorithm, number | undefined][] = [
  ['zstd', 1], ['zstd', 3], ['zstd', 19], ['gzip', 9], ['deflate', undefined], ['brotli', 5],
];

describe(`zstd golden-compression: ${inputs.join(', ')}`, () => {
  for (const [algorithm, level] of RUNS) {
    const [tool, args, ext] = TOOLS[algorithm];
    it.skipIf(!hasTool(tool))(`${algorithm} ${level ?? 'default'}: ${tool} ${args.join(' ')} and pario give the input back`, async () => {
      const dir = tempDir('pario-golden-');
      for (const name of inputs) copyFileSync(join(CONFORMANCE, 'zstd', 'golden-compression', name), join(dir, name));
      const out = join(dir, 'out');
      const options = { cwd: dir, outDir: out, algorithms: [algorithm], ...(level === undefined ? {} : { level }) };
      const compressed = await collect(compressFiles(inputs, options));
      expect(compressed.map((r) => r.status)).toEqual(inputs.map(() => 'ok'));
      for (const name of inputs) {
        const original = readFileSync(join(dir, name));
        expect(runTool(tool, [...args, join(out, `${name}${ext}`)]).equals(original), `${tool}: ${name}`).toBe(true);
      }
      const back = join(dir, 'back');
      const decompressed = await collect(decompressFiles(inputs.map((name) => `${name}${ext}`), { cwd: out, outDir: back }));
      expect(decompressed.map((r) => r.status)).toEqual(inputs.map(() => 'ok'));
      for (const name of inputs) expect(readFileSync(join(back, name)).equals(readFileSync(join(dir, name))), `pario: ${name}`).toBe(true);
    });
  }
});
