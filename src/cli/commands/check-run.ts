// `pario check` at work (loaded only when the command runs): verify, --audit.
import { resolve } from 'node:path';
import { OptionError, isAbortError } from '../../errors.js';
import { addedFiles, auditKey, auditLine, auditSummary, type AuditCounts } from '../../hash/audit.js';
import { checkEvents, fileAlgorithm, type CheckRunOptions } from '../../hash/check.js';
import { digestTag } from '../../../workers/algorithms.js';
import { CheckTally, type CheckFlags } from '../../hash/check-report.js';
import { listSorted } from '../../hash/list.js';
import { resolveBase, type BaseOptions } from '../../options.js';
import { abortable, readWhole } from '../../read/whole.js';
import { createPool, type ParioPool } from '../../pool/pool.js';
import { baseOptions, wantsProgress } from '../base-options.js';
import { fixedTotals } from '../progress-count.js';
import { startProgress, type ProgressLine } from '../progress-line.js';
import { EXIT, type CliContext, type GlobalOptions } from '../context.js';
import { write } from '../output.js';
import { ignoredSuffix, ignoredTotals } from '../../planner/ignore-counts.js';
import type { HashCliOptions } from './hash-options.js';

export async function runCheck(sums: readonly string[], g: GlobalOptions & HashCliOptions, flags: CheckFlags, ctx: CliContext): Promise<number> {
  if (g.algo !== undefined && g.algo.length > 1) throw new OptionError('algo', 'one algorithm when checking', g.algo.join(','));
  if (g.length !== undefined && g.algo !== undefined && g.algo[0] !== 'blake2b') {
    throw new OptionError('length', 'given with -a blake2b only', g.length);
  }
  if (g.audit === true && sums.length !== 2) throw new OptionError('audit', 'a checksum file and a folder: pario check --audit SUMS DIR', sums);
  const base = resolveBase(baseOptions(g, ctx.signal) as BaseOptions);
  const pool = createPool(base.jobs, ['hash']);
  try {
    if (g.audit === true) return await audit(pool, sums[0] ?? '', sums[1] ?? '', g, flags, ctx);
    let ok = true;
    for (const sum of sums.length === 0 ? ['-'] : sums) ok = (await checkOne(pool, sum, base.cwd, g, flags, ctx)) && ok;
    return ok ? EXIT.ok : EXIT.failures;
  } finally {
    await pool.destroy();
  }
}

async function load(sum: string, cwd: string, ctx: CliContext): Promise<Uint8Array | undefined> {
  try {
    // A pipe or FIFO (`pario check <(…)`) is read too, and never blocks: a signal ends the wait for its writer.
    if (sum !== '-') return await readWhole(resolve(cwd, sum), { signal: ctx.signal });
    const chunks: Buffer[] = [];
    const stdin = (ctx.io.stdin ?? []) as AsyncIterable<Buffer | string>;
    for await (const chunk of abortable(stdin, ctx.signal)) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  } catch (error) {
    if (isAbortError(error)) throw error;
    const e = error as NodeJS.ErrnoException;
    ctx.io.stderr.write(`pario: ${sum}: ${e.code === 'ENOENT' ? 'No such file or directory' : e.message}\n`);
    return undefined;
  }
}

async function checkOne(pool: ParioPool, sum: string, cwd: string, g: GlobalOptions & HashCliOptions, flags: CheckFlags, ctx: CliContext): Promise<boolean> {
  const content = await load(sum, cwd, ctx);
  if (content === undefined) return false;
  let out = '';
  const line = checkProgress(pool, content, g, flags, ctx);
  const options = runOptions(g, cwd, sum, ctx);
  const label = sum === '-' ? 'standard input' : sum;
  const tally = new CheckTally({ out: (t) => void (out += t), err: (t) => void line.err.write(t) }, label, flags, fileAlgorithm(content, options));
  try {
    for await (const event of checkEvents(pool, content, options)) {
      line.done('', true);
      if (event.kind === 'malformed') tally.improperLine(event.line);
      else if (event.status === 'ok' || event.status === 'failed') tally.compared(event.name, event.status === 'ok');
      else tally.unreadableFile(event.name, event.code ?? 'EIO', event.message ?? '');
      if (g.json === true) out = event.kind === 'file' ? `${JSON.stringify({ name: event.name, status: event.status, algorithm: event.algorithm })}\n` : '';
      if (out !== '') await write(line.out, out);
      out = '';
    }
  } finally {
    line.stop();
  }
  return tally.finish();
}

/** What checkEvents needs from the flags; a line naming `-` reads standard input (unless the list came from it). */
function runOptions(g: GlobalOptions & HashCliOptions, cwd: string, sum: string, ctx: CliContext): CheckRunOptions {
  const algorithm = g.algo?.[0] ?? (g.length === undefined ? undefined : 'blake2b');
  const stdin = ctx.io.stdin as AsyncIterable<Uint8Array> | undefined;
  return { cwd, algorithm, length: g.length, signal: ctx.signal, stdin, listFromStdin: sum === '-' };
}

/** The progress line of one checksum file: its lines are the total. */
function checkProgress(pool: ParioPool, content: Uint8Array, g: GlobalOptions, flags: CheckFlags, ctx: CliContext): ProgressLine {
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const lines = (): number => {
    let n = bytes.length > 0 && bytes[bytes.length - 1] !== 10 ? 1 : 0;
    for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n += 1;
    return n;
  };
  const source = { snapshot: () => pool.progress.snapshot(), totals: () => fixedTotals(lines()) };
  return startProgress(ctx.io, source, wantsProgress(g) && !flags.status && !flags.quiet);
}

async function audit(pool: ParioPool, sum: string, dir: string, g: GlobalOptions & HashCliOptions, flags: CheckFlags, ctx: CliContext): Promise<number> {
  const base = resolveBase(baseOptions(g, ctx.signal) as BaseOptions);
  const content = await load(sum, base.cwd, ctx);
  if (content === undefined) return EXIT.failures;
  const counts: AuditCounts = { changed: 0, missing: 0, unreadable: 0, added: 0 };
  const listed = new Set<string>();
  let malformed = 0;
  const line = checkProgress(pool, content, g, flags, ctx);
  const say = async (text: string, always: boolean): Promise<void> => {
    if (!flags.status && (always || !flags.quiet)) await write(line.out, text);
  };
  const options = runOptions(g, base.cwd, sum, ctx);
  const kind = fileAlgorithm(content, options);
  try {
    for await (const event of checkEvents(pool, content, options)) {
      line.done('', true);
      if (event.kind === 'malformed') {
        malformed += 1;
        const tag = kind === undefined ? '' : `${digestTag(kind)} `;
        if (flags.warn) line.err.write(`pario: ${sum}: ${event.line}: improperly formatted ${tag}checksum line\n`);
        continue;
      }
      listed.add(auditKey(event.name));
      if (event.status === 'ok') await say(auditLine(event.name, 'OK'), false);
      else if (event.status === 'failed') (counts.changed += 1), await say(auditLine(event.name, 'CHANGED'), true);
      else if (event.status === 'missing') (counts.missing += 1), await say(auditLine(event.name, 'MISSING'), true);
      else (counts.unreadable += 1), await say(auditLine(event.name, 'FAILED open or read'), true);
    }
  } finally {
    line.stop();
  }
  const found = await listSorted([dir], base);
  for (const path of addedFiles(found.map((f) => f.path), listed)) {
    counts.added += 1;
    await say(auditLine(path, 'ADDED'), true);
  }
  const bad = counts.added + counts.changed + counts.missing + counts.unreadable > 0 || (flags.strict === true && malformed > 0);
  if (bad && !flags.status) ctx.io.stderr.write(auditSummary(counts, ignoredSuffix(ignoredTotals(base.ignore))));
  return bad ? EXIT.failures : EXIT.ok;
}
