// Verifying check files: every properly formatted line is hashed through the pool; events come out in line order.
import { resolve } from 'node:path';
import type { Algorithm, DigestKind } from '../../workers/algorithms.js';
import type { Pario } from '../pario.js';
import { poolOf } from '../pool/handles.js';
import type { ParioPool } from '../pool/pool.js';
import { hashChunks, hashInOrder, type HashFileResult, type HashItem } from './engine.js';
import { GroupCursor, groups } from '../pool/groups.js';
import { givenPath } from '../planner/place.js';
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
  for await (const events of checkEventChunks(pool, groups(source, 256), options)) yield* events;
}

/** checkEvents over pieces of lines (streamCheckChunks), yielding each piece's events together, in line order. */
export async function* checkEventChunks(
  pool: ParioPool,
  source: Iterable<readonly CheckFileLine[]> | AsyncIterable<readonly CheckFileLine[]>,
  options: CheckRunOptions,
): AsyncGenerator<CheckEvent[]> {
  const cwd = resolve(options.cwd);
  const item = ({ algorithms }: ChecksumLine, name: string): HashItem =>
    ({ path: name, abs: givenPath(cwd, name), algorithms, named: true });
  // A name with a NUL byte can name no file (the system's paths end at NUL): it is reported, never sent to a worker.
  const named = (parsed: ChecksumLine): boolean =>
    parsed.name !== '-' && !parsed.name.includes('\0') && !lossyBlake3(parsed.name, parsed.algorithms);
  const fromStdin = options.listFromStdin === true;
  /** Pieces read but not reported yet, in order; their hashable lines also went to the pool, in order. */
  const pending: (readonly CheckFileLine[])[] = [];
  async function* hashable(): AsyncGenerator<HashItem[]> {
    for await (const read of source) {
      const lines = fromStdin ? read.map((line) => (line.parsed?.name === '-' ? { number: line.number, parsed: undefined } : line)) : read;
      pending.push(lines);
      const items: HashItem[] = [];
      for (const { parsed } of lines) if (parsed !== undefined && named(parsed)) items.push(item(parsed, parsed.name));
      yield items;
    }
  }
  const results = hashChunks(pool, hashable(), { signal: options.signal });
  /** Results in line order; a group may be taken early, to read on (it is the next hashable lines'). */
  const cursor = new GroupCursor(results);
  try {
    for (;;) {
      const lines = pending.shift();
      if (lines === undefined) {
        if (cursor.ended) return;
        await cursor.pull();
        continue;
      }
      const events: CheckEvent[] = [];
      for (const { number, parsed } of lines) {
        if (parsed === undefined) {
          events.push({ kind: 'malformed', line: number });
          continue;
        }
        // Most lines: their result is at hand and says all (no await, no promise per line)
        const taken = named(parsed) ? cursor.take() : undefined;
        const quick = taken === undefined ? undefined : verdict(number, parsed, parsed.name, taken, false);
        events.push(quick ?? (await lineEvent(number, parsed, taken)));
      }
      yield events;
    }
  } finally {
    await results.return(undefined); // a reader that stops early (EPIPE, abort) closes the check file too
  }

  /** A line's event the long way: a name no file can have, standard input, a result still to come, a second read. */
  async function lineEvent(number: number, parsed: ChecksumLine, taken: HashFileResult | undefined): Promise<CheckEvent> {
    const first = parsed.algorithms[0] as DigestKind;
    if (parsed.name.includes('\0')) {
      const code = 'ERR_NUL_IN_NAME';
      return { kind: 'file', line: number, name: parsed.name, status: 'unreadable', algorithm: first, code, message: NUL_IN_NAME };
    }
    if (lossyBlake3(parsed.name, parsed.algorithms)) {
      return { kind: 'file', line: number, name: parsed.name, status: 'unreadable', algorithm: first, code: LOSSY, message: LOSSY_NAME };
    }
    let result: HashFileResult;
    let name = parsed.name;
    if (name === '-') {
      result = await hashStdin(options, parsed);
    } else {
      const next = taken ?? (await cursor.next());
      if (next === undefined) throw new Error(`pario: internal error: no result for line ${number}`);
      result = next;
      if (!result.ok && result.error.code === 'ENOENT' && parsed.withCr !== undefined) {
        // b3sum writes a name's CR raw: `name\r` is that file when `name` is not there
        const again = await hashInOrder(pool, [item(parsed, parsed.withCr)], { signal: options.signal }).next();
        if (again.value?.ok === true) (result = again.value), (name = parsed.withCr);
      }
    }
    if (!result.ok || name === '-' || parsed.fallback === undefined) return verdict(number, parsed, name, result, true) as CheckEvent;
    const matched = parsed.algorithms.find((a) => result.digests[a] === parsed.digest);
    if (matched !== undefined) return matchedEvent(number, name, matched, first, result.size);
    const again = await hashInOrder(pool, [{ ...item(parsed, name), algorithms: parsed.fallback }], { signal: options.signal }).next();
    const digests = again.value?.ok === true ? again.value.digests : {};
    return matchedEvent(number, name, parsed.fallback.find((a) => digests[a] === parsed.digest), first, result.size);
  }
}

/**
 * A line's event from its file's result; undefined when a second read may change it (before `retried`): a missing
 * name that may end in CR, or digests that do not match but may be BLAKE2b's of the same length.
 */
function verdict(number: number, parsed: ChecksumLine, name: string, result: HashFileResult, retried: boolean): CheckEvent | undefined {
  const first = parsed.algorithms[0] as DigestKind;
  if (!result.ok) {
    const { code, message } = result.error;
    if (!retried && code === 'ENOENT' && parsed.withCr !== undefined) return undefined;
    return { kind: 'file', line: number, name, status: code === 'ENOENT' ? 'missing' : 'unreadable', algorithm: first, code, message };
  }
  const matched = parsed.algorithms.find((a) => result.digests[a] === parsed.digest);
  if (matched === undefined && !retried && parsed.fallback !== undefined) return undefined;
  return matchedEvent(number, name, matched, first, result.size);
}

function matchedEvent(number: number, name: string, matched: DigestKind | undefined, first: DigestKind, size: number): CheckEvent {
  if (matched !== undefined && lossyBlake3(name, [matched])) {
    return { kind: 'file', line: number, name, status: 'unreadable', algorithm: matched, code: LOSSY, message: LOSSY_NAME };
  }
  return { kind: 'file', line: number, name, status: matched ? 'ok' : 'failed', algorithm: matched ?? first, size };
}

/** A line naming `-`: standard input (read to its end by the first such line: the next ones hash nothing). */
async function hashStdin(options: CheckRunOptions, parsed: ChecksumLine): Promise<HashFileResult> {
  if (options.stdin === undefined) return failedFile('-', { code: 'ENOENT', message: 'no standard input' });
  return hashStream(options.stdin, parsed.algorithms);
}

/** checkEvents on the threads of a createPario handle (the handle is not closed here). */
export function checkOn(pario: Pario, lines: AsyncIterable<CheckFileLine>, options: CheckRunOptions): AsyncGenerator<CheckEvent> {
  return checkEvents(poolOf(pario), lines, options);
}

/** checkEventChunks on the threads of a createPario handle (the CLI's check runs; the handle is not closed here). */
export function checkChunksOn(
  pario: Pario, chunks: AsyncIterable<readonly CheckFileLine[]>, options: CheckRunOptions,
): AsyncGenerator<CheckEvent[]> {
  return checkEventChunks(poolOf(pario), chunks, options);
}
