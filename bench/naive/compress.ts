import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import fg from 'fast-glob';
import pLimit from 'p-limit';

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);
const brotli = promisify(zlib.brotliCompress);

export type Codec = 'gzip' | 'brotli' | 'gunzip';

function encode(codec: Codec, level: number, data: Buffer): Promise<Buffer> {
  switch (codec) {
    case 'gzip':
      return gzip(data, { level });
    case 'brotli':
      return brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: level, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.byteLength } });
    case 'gunzip':
      return gunzip(data);
  }
}

function outName(codec: Codec, rel: string): string {
  if (codec === 'gunzip') return rel.replace(/\.gz$/, '');
  return rel + (codec === 'gzip' ? '.gz' : '.br');
}

/**
 * What a user writes without pario: fast-glob, p-limit, fs.promises and async zlib (which runs on libuv's
 * 4-thread pool), one whole file in memory per task.
 */
export async function compressMany(codec: Codec, level: number, src: string, out: string, concurrency: number): Promise<void> {
  const limit = pLimit(concurrency);
  const pattern = codec === 'gunzip' ? '**/*.gz' : '**/*';
  const files = await fg(pattern, { cwd: src, dot: true, onlyFiles: true });
  await Promise.all(
    files.map((rel) =>
      limit(async () => {
        const result = await encode(codec, level, await readFile(join(src, rel)));
        const target = join(out, outName(codec, rel));
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, result);
      }),
    ),
  );
}

/** One big file through a stream pipeline, as the Node docs show it. */
export async function compressOne(codec: Codec, level: number, file: string, target: string): Promise<void> {
  const transform = codec === 'gzip' ? zlib.createGzip({ level }) : codec === 'gunzip' ? zlib.createGunzip() : zlib.createBrotliCompress();
  await pipeline(createReadStream(file), transform, createWriteStream(target));
}

/** One big file through zstd-napi's own multi-threaded stream (nbWorkers threads, one frame): what a user can do in Node. */
export async function zstdStream(level: number, nbWorkers: number, file: string, target: string): Promise<void> {
  const napi = createRequire(import.meta.url)('zstd-napi') as { CompressStream: new (params: object) => Transform };
  const compressor = new napi.CompressStream({ compressionLevel: level, nbWorkers, checksumFlag: true });
  await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), compressor, createWriteStream(target));
}
