// `-c/--stdout`: one input, compressed or decompressed on the main thread straight to stdout (nothing on disk).
import { readFile } from 'node:fs/promises';
import { compressSync, decompressSync, detectFormat } from '../../../workers/codecs.js';
import type { ResolvedCompressOptions } from '../../compress/options.js';
import type { CodecKind } from '../../compress/task.js';
import { findFiles } from '../../planner/find.js';
import { EXIT } from '../context.js';
import type { CliContext } from '../context.js';
import { errorLine, write } from '../output.js';

export async function toStdout(kind: CodecKind, patterns: readonly string[], options: () => ResolvedCompressOptions, ctx: CliContext): Promise<number> {
  const { io } = ctx;
  const o = options();
  const spec = o.specs[0];
  if (kind === 'compress' && (o.specs.length !== 1 || spec === undefined)) {
    io.stderr.write('pario: -c/--stdout writes one algorithm; name only one of --gzip --deflate --brotli --zstd\n');
    return EXIT.usage;
  }
  const found = [];
  for await (const file of findFiles(patterns, o)) {
    found.push(file);
    if (found.length > 1) break;
  }
  const file = found[0];
  if (file === undefined || found.length > 1) {
    io.stderr.write(`pario: -c/--stdout takes exactly one file, the patterns matched ${found.length > 1 ? 'several' : 'none'}\n`);
    return EXIT.usage;
  }
  let out: Buffer;
  try {
    const data = await readFile(file.abs, { signal: o.signal });
    if (kind === 'compress') {
      out = compressSync(spec!.algorithm, data, spec!.level);
    } else {
      const algorithm = detectFormat(data.subarray(0, 18), file.abs);
      if (algorithm === null) throw Object.assign(new Error('not in a known compressed format'), { code: 'ERR_PARIO_UNKNOWN_FORMAT' });
      out = decompressSync(algorithm, data, Math.min(o.maxOutput, 2 ** 32 - 1));
    }
  } catch (error) {
    io.stderr.write(errorLine(file.path, error instanceof Error ? error.message : String(error)));
    return EXIT.failures;
  }
  await write(io.stdout, out);
  return EXIT.ok;
}
