// Job kind `compress`: a batch of files; each input is read ONCE and compressed to every requested algorithm,
// each output written atomically from this worker (temp file in the target folder → mode/mtime → rename).
import { performance } from 'node:perf_hooks';
import { compressTransient, createCompressor } from './codecs.js';
import type { CodecFile, CodecFileResult, CompressSpec, CompressTask, OutputResult } from './compress-protocol.js';
import { WHOLE_READ_MAX } from './compress-protocol.js';
import { assertUnchanged, closeQuietly, describe, readWhole } from './input-file.js';
import type { InputFile } from './input-file.js';
import { commitOptions, inputRef, outputRef } from './codec-refs.js';
import { openInput } from './open.js';
import { checkTarget, commitTemp, discardTemp, openTemp, writeAll, writeOutput } from './output-file.js';
import type { TempFile } from './output-file.js';
import { refuseInput } from './owner.js';
import { removeInput } from './remove.js';
import type { FileRef } from './file-protocol.js';
import { addProgress } from './progress.js';
import { pump } from './stream-pump.js';
import { eachFile } from './batch-loop.js';
import { loadLibdeflate } from './libdeflate.js';

await loadLibdeflate();

interface Pending {
  readonly index: number;
  readonly spec: CompressSpec;
  readonly final: string;
  readonly out: FileRef;
}

export async function compress(task: CompressTask): Promise<CodecFileResult[]> {
  return eachFile(task.files, task.maxBytes, (file) => compressFile(file, task));
}

export async function compressFile(file: CodecFile, task: CompressTask): Promise<CodecFileResult> {
  const start = performance.now();
  let input: InputFile;
  try {
    input = openInput(inputRef(file));
  } catch (error) {
    addProgress(1, 0, 0, 1);
    return { ok: false, path: file.path, bytesIn: 0, ms: performance.now() - start, outputs: [], removed: false, ...describe(error) };
  }
  const outputs: OutputResult[] = [];
  if (input.size >= task.bigFileMin || input.size < task.minSize) {
    closeQuietly(input.fd);
    const why = input.size >= task.bigFileMin ? { big: input.size } : { skipped: 'small' as const };
    return { ok: true, path: file.path, bytesIn: input.size, ms: performance.now() - start, outputs, removed: false, ...why };
  }
  try {
    refuseInput(input, task);
  } catch (error) {
    closeQuietly(input.fd);
    addProgress(1, 0, 0, 1);
    return { ok: false, path: file.path, bytesIn: input.size, ms: performance.now() - start, outputs, removed: false, ...describe(error) };
  }
  try {
    const pending: Pending[] = [];
    task.specs.forEach((spec, index) => {
      const final = file.outputs[index] ?? '';
      const out = outputRef(file, index);
      try {
        if (checkTarget(out, input, file.owned?.[index]) === 'exists' && !task.force) {
          outputs[index] = {
            algorithm: spec.algorithm,
            path: final,
            bytes: 0,
            status: 'exists',
            code: 'EEXIST',
            message: 'output exists (use -f to replace it)',
          };
        } else {
          pending.push({ index, spec, final, out });
        }
      } catch (error) {
        outputs[index] = { algorithm: spec.algorithm, path: final, bytes: 0, status: 'failed', ...describe(error) };
      }
    });
    if (pending.length > 0) {
      const done = input.size <= WHOLE_READ_MAX ? compressWhole(input, pending, task) : await compressStreamed(input, pending, task);
      for (const result of done) outputs[result.index] = result.output;
    }
  } finally {
    closeQuietly(input.fd);
  }
  return finish(file, task, input, outputs, start);
}

function finish(file: CodecFile, task: CompressTask, input: InputFile, outputs: OutputResult[], start: number): CodecFileResult {
  const bytesIn = input.size;
  const failed = outputs.find((output) => output.status === 'failed');
  let removed = false;
  let removeError: { code: string; message: string } | undefined;
  if (task.remove && outputs.length > 0 && outputs.every((output) => output.status === 'written')) {
    try {
      removeInput(inputRef(file), input);
      removed = true;
    } catch (error) {
      removeError = describe(error);
    }
  }
  const problem = failed === undefined ? removeError : { code: failed.code ?? 'ERR_PARIO_JOB', message: failed.message ?? 'failed' };
  const written = outputs.reduce((sum, o) => sum + (o.status === 'written' ? o.bytes : 0), 0);
  addProgress(1, bytesIn, written, problem === undefined ? 0 : 1);
  return { ok: problem === undefined, path: file.path, bytesIn, ms: performance.now() - start, outputs, removed, ...problem };
}

/** --min-ratio / --remove-larger: the output is not smaller enough to keep. */
function tooBig(bytesOut: number, bytesIn: number, minRatio: number): boolean {
  return minRatio > 0 && bytesOut * minRatio >= bytesIn;
}

type Done = { index: number; output: OutputResult };

function compressWhole(input: InputFile, pending: readonly Pending[], task: CompressTask): Done[] {
  let data: Uint8Array;
  try {
    data = readWhole(input);
    assertUnchanged(input, data.byteLength);
  } catch (error) {
    const cause = describe(error);
    return pending.map(({ index, spec, final }) => ({
      index, output: { algorithm: spec.algorithm, path: final, bytes: 0, status: 'failed', ...cause },
    }));
  }
  return pending.map(({ index, spec, final, out: at }) => {
    const base = { algorithm: spec.algorithm, path: final };
    try {
      const out = compressTransient(spec.algorithm, data, spec.level); // written out before the next call
      if (tooBig(out.byteLength, data.byteLength, task.minRatio)) {
        return { index, output: { ...base, bytes: out.byteLength, status: 'larger' } };
      }
      const { bytes, id } = writeOutput(at, [out], input, commitOptions(task));
      return { index, output: { ...base, bytes, status: 'written', ...(id === undefined ? {} : { ino: id.ino }) } };
    } catch (error) {
      return { index, output: { ...base, bytes: 0, status: 'failed', ...describe(error) } };
    }
  });
}

/** Big inputs: one streaming pass of positional reads feeding one compressor per algorithm, each into its temp file. */
async function compressStreamed(input: InputFile, pending: readonly Pending[], task: CompressTask): Promise<Done[]> {
  const temps: TempFile[] = [];
  const sizes = pending.map(() => 0);
  try {
    const lanes = pending.map((item, i) => {
      const temp = openTemp(item.out, input);
      temps.push(temp);
      return {
        transform: createCompressor(item.spec.algorithm, item.spec.level, input.size),
        sink: (chunk: Buffer) => {
          writeAll(temp.fd, chunk);
          sizes[i] = (sizes[i] ?? 0) + chunk.byteLength;
        },
      };
    });
    const bytesIn = await pump(input.fd, lanes);
    assertUnchanged(input, bytesIn);
    return pending.map(({ index, spec, final }, i) => {
      const temp = temps[i]!;
      const bytes = sizes[i] ?? 0;
      const base = { algorithm: spec.algorithm, path: final, bytes };
      if (tooBig(bytes, bytesIn, task.minRatio)) {
        discardTemp(temp);
        return { index, output: { ...base, status: 'larger' } };
      }
      try {
        const id = commitTemp(temp, input, commitOptions(task));
        return { index, output: { ...base, status: 'written', ...(id === undefined ? {} : { ino: id.ino }) } };
      } catch (error) {
        discardTemp(temp);
        return { index, output: { ...base, status: 'failed', ...describe(error) } };
      }
    });
  } catch (error) {
    for (const temp of temps) discardTemp(temp);
    const cause = describe(error);
    return pending.map(({ index, spec, final }) => ({
      index, output: { algorithm: spec.algorithm, path: final, bytes: 0, status: 'failed', ...cause },
    }));
  }
}
