// Verifying check files: every properly formatted line is hashed through the pool; events come out in line order.
import { resolve } from 'node:path';
import type { Algorithm, DigestKind } from '../../workers/algorithms.js';
import type { Pario } from '../pario.js';
import { poolOf } from '../pool/handles.js';
import type { ParioPool } from '../pool/pool.js';
import { hashInOrder, type HashFileResult, type HashItem } from './engine.js';
import type { CheckFileLine, ChecksumLine } from './parse.js';
import { hashStream } from './stdin.js';
import { failedFile } from '../results.js';

export type CheckStatus = 'ok' | 'failed' | 'unreadable' | 'missing';

export type CheckEvent =
  | { readonly kind: 'malformed'; readonly line: number }
  | {
      readonly kind: 'file';
      readonly line: number;
      /** The name as listed (unescaped). */
      readonly name: string;
      readonly status: CheckStatus;
      /** The algorithm whose digest matched, or the first candidate. */
      readonly algorithm: DigestKind;
      readonly size?: number;
      readonly code?: string;
      readonly message?: string;
    };

export interface CheckRunOptions {
  readonly cwd: string;
  readonly algorithm?: Algorithm | undefined;
  /** `--length`: BLAKE2b digests of this many bits only. */
  readonly length?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  /** What a line naming `-` checks, as sha256sum -c does; none: such a line is an unreadable file. */
  readonly stdin?: AsyncIterable<Uint8Array | string> | undefined;
  /** The list itself came from standard input: a line naming `-` is then improperly formatted, as for sha256sum. */
  readonly listFromStdin?: boolean;
}

const NUL_IN_NAME = 'a file name cannot contain a NUL byte';
const LOSSY = 'ERR_PARIO_LOSSY_NAME';
const LOSSY_NAME = 'a BLAKE3 line naming U+FFFD, which b3sum writes for bytes that are not UTF-8, cannot say which file (as b3sum --check)';

/** b3sum's rule: a BLAKE3 line whose name holds U+FFFD may stand for any name with bytes that are not UTF-8: it fails. */
const lossyBlake3 = (name: string, algorithms: readonly DigestKind[]): boolean =>
  name.includes('\uFFFD') && algorithms.length > 0 && algorithms.every((a) => a === 'blake3');

/**
 * Verifies one check file's lines (checkFileLines, or streamCheckLines as the file is read). Names are relative to
 * `cwd`, as with sha256sum -c. The lines are read only as far ahead as the hashing window needs (a few batches).
 */
export async function* checkEvents(
  pool: ParioPool,
  source: Iterable<CheckFileLine> | AsyncIterable<CheckFileLine>,
  options: CheckRunOptions,
): AsyncGenerator<CheckEvent> {
  const item = ({ algorithms }: ChecksumLine, name: string): HashItem =>
    ({ path: name, abs: resolve(options.cwd, name), algorithms, named: true });
  // A name with a NUL byte can name no file (the system's paths end at NUL): it is reported, never sent to a worker.
  const named = (parsed: ChecksumLine): boolean =>
    parsed.name !== '-' && !parsed.name.includes('\0') && !lossyBlake3(parsed.name, parsed.algorithms);
  /** Lines read but not reported yet, in order; the hashable ones among them also went to the pool, in order. */
  const pending: CheckFileLine[] = [];
  async function* hashable(): AsyncGenerator<HashItem> {
    for await (const read of source) {
      const line = options.listFromStdin === true && read.parsed?.name === '-' ? { number: read.number, parsed: undefined } : read;
      pending.push(line);
      if (line.parsed !== undefined && named(line.parsed)) yield item(line.parsed, line.parsed.name);
    }
  }
  const results = hashInOrder(pool, hashable(), { signal: options.signal });
  /** A result taken early, to read on: it is the next hashable line's. */
  let early: IteratorResult<HashFileResult> | undefined;
  let drained = false;
  try {
    for (;;) {
      const head = pending.shift();
      if (head === undefined) {
        if (drained) return;
        early = await results.next();
        if (early.done === true) (drained = true), (early = undefined);
        continue;
      }
      const { number, parsed } = head;
      if (parsed === undefined) {
        yield { kind: 'malformed', line: number };
        continue;
      }
      const first = parsed.algorithms[0] as DigestKind;
      if (parsed.name.includes('\0')) {
        const code = 'ERR_NUL_IN_NAME';
        yield { kind: 'file', line: number, name: parsed.name, status: 'unreadable', algorithm: first, code, message: NUL_IN_NAME };
        continue;
      }
      if (lossyBlake3(parsed.name, parsed.algorithms)) {
        yield { kind: 'file', line: number, name: parsed.name, status: 'unreadable', algorithm: first, code: LOSSY, message: LOSSY_NAME };
        continue;
      }
      let result: HashFileResult;
      let name = parsed.name;
      if (name === '-') {
        result = await fromStdin(options, parsed);
      } else {
        const next = early ?? (await results.next());
        early = undefined;
        if (next.done === true) throw new Error(`pario: internal error: no result for line ${number}`);
        result = next.value;
        if (!result.ok && result.error.code === 'ENOENT' && parsed.withCr !== undefined) {
          // b3sum writes a name's CR raw: `name\r` is that file when `name` is not there
          const again = await hashInOrder(pool, [item(parsed, parsed.withCr)], { signal: options.signal }).next();
          if (again.value?.ok === true) (result = again.value), (name = parsed.withCr);
        }
      }
      if (!result.ok) {
        const { code, message } = result.error;
        yield { kind: 'file', line: number, name, status: code === 'ENOENT' ? 'missing' : 'unreadable', algorithm: first, code, message };
        continue;
      }
      let matched = parsed.algorithms.find((a) => result.digests[a] === parsed.digest);
      if (matched === undefined && parsed.fallback !== undefined && name !== '-') {
        const again = await hashInOrder(pool, [{ ...item(parsed, name), algorithms: parsed.fallback }], { signal: options.signal }).next();
        const digests = again.value?.ok === true ? again.value.digests : {};
        matched = parsed.fallback.find((a) => digests[a] === parsed.digest);
      }
      if (matched !== undefined && lossyBlake3(name, [matched])) {
        yield { kind: 'file', line: number, name, status: 'unreadable', algorithm: matched, code: LOSSY, message: LOSSY_NAME };
        continue;
      }
      yield { kind: 'file', line: number, name, status: matched ? 'ok' : 'failed', algorithm: matched ?? first, size: result.size };
    }
  } finally {
    await results.return(undefined); // a reader that stops early (EPIPE, abort) closes the check file too
  }
}

/** A line naming `-`: standard input (read to its end by the first such line: the next ones hash nothing). */
async function fromStdin(options: CheckRunOptions, parsed: ChecksumLine): Promise<HashFileResult> {
  if (options.stdin === undefined) return failedFile('-', { code: 'ENOENT', message: 'no standard input' });
  return hashStream(options.stdin, parsed.algorithms);
}

/** checkEvents on the threads of a createPario handle (the CLI's check runs; the handle is not closed here). */
export function checkOn(pario: Pario, lines: AsyncIterable<CheckFileLine>, options: CheckRunOptions): AsyncGenerator<CheckEvent> {
  return checkEvents(poolOf(pario), lines, options);
}
