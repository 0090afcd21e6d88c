// Verifying check files: every properly formatted line is hashed through the pool; events come out in line order.
import { resolve } from 'node:path';
import type { Algorithm } from '../../workers/algorithms.js';
import type { ParioPool } from '../pool/pool.js';
import { hashInOrder, type HashItem } from './engine.js';
import { checkFileLines, type ChecksumLine } from './parse.js';

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
      readonly algorithm: Algorithm;
      readonly size?: number;
      readonly code?: string;
      readonly message?: string;
    };

export interface CheckRunOptions {
  readonly cwd: string;
  readonly algorithm?: Algorithm | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** Verifies one check file's content. Names are relative to `cwd`, as with sha256sum -c. */
export async function* checkEvents(pool: ParioPool, content: Uint8Array, options: CheckRunOptions): AsyncGenerator<CheckEvent> {
  const lines = [...checkFileLines(content, options.algorithm)];
  const listed: { line: number; parsed: ChecksumLine }[] = [];
  for (const { number, parsed } of lines) if (parsed !== undefined) listed.push({ line: number, parsed });
  const items: HashItem[] = listed.map(({ parsed }) => ({ path: parsed.name, abs: resolve(options.cwd, parsed.name), algorithms: parsed.algorithms }));
  const results = hashInOrder(pool, items, { signal: options.signal });
  let i = 0;
  for (const { number, parsed } of lines) {
    if (parsed === undefined) {
      yield { kind: 'malformed', line: number };
      continue;
    }
    const next = await results.next();
    const result = next.value;
    i += 1;
    if (next.done === true || result === undefined) throw new Error(`pario: internal error: no result for line ${number} (${i})`);
    const first = parsed.algorithms[0] as Algorithm;
    if (!result.ok) {
      const { code, message } = result.error;
      yield { kind: 'file', line: number, name: parsed.name, status: code === 'ENOENT' ? 'missing' : 'unreadable', algorithm: first, code, message };
      continue;
    }
    const matched = parsed.algorithms.find((a) => result.digests[a] === parsed.digest);
    yield { kind: 'file', line: number, name: parsed.name, status: matched ? 'ok' : 'failed', algorithm: matched ?? first, size: result.size };
  }
}
