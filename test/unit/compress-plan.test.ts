import { describe, expect, it } from 'vitest';
import { normalizeCompressOptions } from '../../src/compress/options.js';
import { commonBase, patternBase, placeOutput } from '../../src/compress/placement.js';
import { BIG_FILE_MIN, WHOLE_IN_MANY_MAX, bigFileMin } from '../../src/compress/route.js';
import { decompressedName, isAlreadyCompressed, skipForCompress } from '../../src/compress/skips.js';
import { fromWorker } from '../../src/compress/result.js';
import { jsonEvent, summaryLine } from '../../src/cli/codec-format.js';

describe('selection', () => {
  it('skips already-compressed extensions unless forced, and files under --min-size', () => {
    for (const name of ['a.gz', 'b.BR', 'c.zst', 'd.woff2', 'e.jpg', 'f.tar.xz', 'g.zz']) expect(isAlreadyCompressed(name)).toBe(true);
    for (const name of ['a.js', 'b.css', 'c.svg', 'gz', 'd.json']) expect(isAlreadyCompressed(name)).toBe(false);
    expect(skipForCompress('a.png', 10, false, 0)).toBe('compressed');
    expect(skipForCompress('a.png', 10, true, 0)).toBe(null);
    expect(skipForCompress('a.js.gz', 10, true, 0)).toBe('compressed');
    expect(skipForCompress('a.js', 10, false, 100)).toBe('small');
    expect(skipForCompress('a.js', undefined, false, 100)).toBe(null);
  });

  it('maps compressed names back', () => {
    expect(decompressedName('dist/a.js.gz')).toBe('dist/a.js');
    expect(decompressedName('x.tgz')).toBe('x.tar');
    expect(decompressedName('x.zst')).toBe('x');
    expect(decompressedName('x.ZZ')).toBe('x');
    expect(decompressedName('dir/.gz')).toBe(null);
    expect(decompressedName('x.txt')).toBe(null);
  });
});

describe('placement', () => {
  it('finds the static base of patterns', () => {
    expect(patternBase('dist/**/*.js')).toBe('dist');
    expect(patternBase('**/*.js')).toBe('.');
    expect(patternBase('src')).toBe('src');
    expect(patternBase('/abs/x/*.{js,css}')).toBe('/abs/x');
    expect(commonBase(['a/b', 'a/c/d'], '/r')).toBe('/r/a');
    expect(commonBase(['x'], '/r')).toBe('/r/x');
  });

  it('writes beside the input or mirrors under --out-dir, refusing escapes', () => {
    expect(placeOutput('/r/a/b.js', '.gz', '/r', undefined)).toBe('/r/a/b.js.gz');
    expect(placeOutput('/r/a/b.js', '.gz', '/r', '/out')).toBe('/out/a/b.js.gz');
    expect(placeOutput('/r/a/b.js', '.gz', '/r/a/b.js', '/out')).toBe('/out/b.js.gz');
    expect(() => placeOutput('/elsewhere/b.js', '.gz', '/r', '/out')).toThrow(/outside/);
  });
});

describe('routing and batching', () => {
  it('hands files back to the block path from 8 MiB, from 32 MiB in a many-file run to gzip or .zz with libdeflate', () => {
    const many = { many: true, algorithms: ['gzip', 'deflate'], blockSettings: false, libdeflate: true };
    expect(bigFileMin(many)).toBe(WHOLE_IN_MANY_MAX);
    expect(WHOLE_IN_MANY_MAX).toBe(32 << 20);
    expect(bigFileMin({ ...many, many: false })).toBe(BIG_FILE_MIN);
    expect(bigFileMin({ ...many, algorithms: ['gzip', 'zstd'] })).toBe(BIG_FILE_MIN);
    expect(bigFileMin({ ...many, algorithms: ['brotli'] })).toBe(BIG_FILE_MIN);
    expect(bigFileMin({ ...many, blockSettings: true })).toBe(BIG_FILE_MIN);
    expect(bigFileMin({ ...many, libdeflate: false })).toBe(BIG_FILE_MIN);
  });
});

describe('options', () => {
  it('applies defaults, clamps a shared level per algorithm and rejects bad values', () => {
    const resolved = normalizeCompressOptions({ algorithms: ['gzip', 'brotli', 'zstd'], cwd: '/r', outDir: 'o' });
    expect(resolved.specs).toEqual([{ algorithm: 'gzip', level: 6 }, { algorithm: 'brotli', level: 11 }, { algorithm: 'zstd', level: 3 }]);
    expect(resolved.outDir).toBe('/r/o');
    expect(normalizeCompressOptions({ algorithms: ['gzip', 'zstd'], level: 19 }).specs.map((s) => s.level)).toEqual([9, 19]);
    expect(normalizeCompressOptions({ level: 1, levels: { gzip: 4 } }).specs).toEqual([{ algorithm: 'gzip', level: 4 }]);
    expect(() => normalizeCompressOptions({ algorithms: ['lzma' as never] })).toThrow(/algorithms/);
    expect(() => normalizeCompressOptions({ level: 0 })).toThrow(/levels.gzip/);
    expect(() => normalizeCompressOptions({ minSize: -1 })).toThrow(/minSize/);
  });
});

describe('results and reporting', () => {
  it('turns worker results into public results and renders them', () => {
    const worker = { ok: true, path: 'a.js', bytesIn: 1000, ms: 1, removed: false,
      outputs: [{ algorithm: 'gzip' as const, path: 'a.js.gz', bytes: 300, status: 'written' as const }] };
    const result = fromWorker(worker);
    expect(result).toMatchObject({ status: 'ok', bytesOut: 300 });
    expect(JSON.parse(jsonEvent(result))).toMatchObject({ type: 'file', path: 'a.js', algorithm: 'gzip', bytesIn: 1000, bytesOut: 300, status: 'ok' });
    const exists = fromWorker({ ...worker, outputs: [{ ...worker.outputs[0]!, status: 'exists' as const }] });
    expect(exists).toMatchObject({ status: 'skipped', reason: 'exists' });
    expect(summaryLine('compressed', { files: 2, ok: 1, skipped: 1, failed: 0, bytesIn: 1000, bytesOut: 300, ms: 500 }))
      .toBe('pario: compressed 1 of 2 files (1 skipped), 1000 B → 300 B (30.0%) in 0.50 s, 2.0 KiB/s');
  });
});
