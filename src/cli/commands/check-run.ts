// `pario check` at work (loaded only when the command runs): verify, --audit.
import { resolve } from 'node:path';
import { OptionError, isAbortError } from '../../errors.js';
import { CheckTally, addedFiles, auditKey, auditLine, auditSummary, checkChunksOn, digestTag, listSorted, peekChunks, streamCheckChunks }
  from '../../check/index.js';
import type { AuditCounts, CheckFileLine, CheckFlags, CheckRunOptions, LineCount } from '../../check/index.js';
import type { Pario } from '../../handle/index.js';
import { abortable, ignoredTotals, readChunks, resolveBase, type BaseOptions } from '../../planner/index.js';
import { baseOptions, wantsProgress } from '../base-options.js';
import type { Totals } from '../progress-count.js';
import { startProgress, type ProgressLine } from '../progress-line.js';
import { EXIT, handleFor, type CliContext, type GlobalOptions } from '../context.js';
import { ignoredSuffix, write } from '../output.js';
import type { HashCliOptions } from './hash-options.js';

export async function runCheck(
  sums: readonly string[], g: GlobalOptions & HashCliOptions, flags: CheckFlags, ctx: CliContext,
): Promise<number> {
  if (g.algo !== undefined && g.algo.length > 1) throw new OptionError('algo', 'one algorithm when checking', g.algo.join(','));
  if (g.length !== undefined && g.algo !== undefined && g.algo[0] !== 'blake2b') {
    throw new OptionError('length', 'given with -a blake2b only', g.length);
  }
  if (g.audit === true && sums.length !== 2) {
    throw new OptionError('audit', 'a checksum file and a folder: pario check --audit SUMS DIR', sums);
  }
  const base = resolveBase(baseOptions(g, ctx.signal) as BaseOptions);
  const pario = await handleFor(ctx, base.jobs, ['hash']);
  try {
    if (g.audit === true) return await audit(pario, sums[0] ?? '', sums[1] ?? '', g, flags, ctx);
    let ok = true;
    for (const sum of sums.length === 0 ? ['-'] : sums) ok = (await checkOne(pario, sum, base.cwd, g, flags, ctx)) && ok;
    return ok ? EXIT.ok : EXIT.failures;
  } finally {
    await pario.destroy();
  }
}

/** A check file's lines as it is read (never whole in memory), and how far the reading has got; undefined: unreadable. */
interface Opened {
  readonly lines: AsyncIterable<readonly CheckFileLine[]>;
  readonly count: LineCount;
}

async function load(sum: string, options: CheckRunOptions, ctx: CliContext): Promise<Opened | undefined> {
  let chunks: AsyncIterable<Uint8Array | string>;
  try {
    // A pipe or FIFO (`pario check <(…)`) is read too, and never blocks: a signal ends the wait for its writer.
    const stdin = (ctx.io.stdin ?? []) as AsyncIterable<Buffer | string>;
    chunks = sum !== '-' ? await readChunks(resolve(options.cwd, sum), { signal: ctx.signal }) : abortable(stdin, ctx.signal);
  } catch (error) {
    if (isAbortError(error)) throw error;
    const e = error as NodeJS.ErrnoException;
    ctx.io.stderr.write(`pario: ${sum}: ${e.code === 'ENOENT' ? 'No such file or directory' : e.message}\n`);
    return undefined;
  }
  const count = { lines: 0, ended: false };
  return { lines: streamCheckChunks(chunks, options, count), count };
}

async function checkOne(
  pario: Pario, sum: string, cwd: string, g: GlobalOptions & HashCliOptions, flags: CheckFlags, ctx: CliContext,
): Promise<boolean> {
  const options = runOptions(g, cwd, sum, ctx);
  const opened = await load(sum, options, ctx);
  if (opened === undefined) return false;
  const { algorithm, chunks: lines } = await peekChunks(opened.lines, options.algorithm);
  // Lines go to a file or pipe in pieces, not one write each; stdout is written out before any line goes to stderr.
  let out = '';
  const line = checkProgress(pario, opened.count, g, flags, ctx);
  // On a terminal (or under the progress line, which each write erases and redraws) every line goes out at once.
  const perLine = line.out !== ctx.io.stdout || ctx.io.stdout.isTTY === true;
  let flushed = performance.now();
  const flush = async (): Promise<void> => {
    if (out !== '') await write(line.out, out);
    out = '';
    flushed = performance.now();
  };
  const label = sum === '-' ? 'standard input' : sum;
  const errors: string[] = [];
  const tally = new CheckTally({ out: (t) => void (out += t), err: (t) => void errors.push(t) }, label, flags, algorithm);
  try {
    for await (const events of checkChunksOn(pario, lines, options)) for (const event of events) {
      line.done('', true);
      // What goes to stderr comes after the stdout lines before it, as when every line was written at once.
      if (event.kind === 'malformed' ? flags.warn : event.status !== 'ok' && event.status !== 'failed') await flush();
      if (event.kind === 'malformed') tally.improperLine(event.line);
      else if (event.status === 'ok' || event.status === 'failed') tally.compared(event.name, event.status === 'ok');
      else tally.unreadableFile(event.name, event.code ?? 'EIO', event.message ?? '');
      if (g.json === true) {
        out = event.kind === 'file'
          ? `${JSON.stringify({ name: event.name, status: event.status, algorithm: event.algorithm })}\n`
          : '';
      }
      if (errors.length > 0) line.err.write(errors.splice(0).join(''));
      if (perLine || out.length >= OUT_PIECE || g.json === true || performance.now() - flushed > OUT_AGE_MS) await flush();
    }
    await flush();
  } finally {
    line.stop();
  }
  const ok = tally.finish();
  if (errors.length > 0) line.err.write(errors.splice(0).join(''));
  return ok;
}

/** OK/FAILED lines are written once this many bytes wait (sha256sum -c's stdio buffers as much), or this old. */
const OUT_PIECE = 4096;
const OUT_AGE_MS = 100;

/** What checkEvents needs from the flags; a line naming `-` reads standard input (unless the list came from it). */
function runOptions(g: GlobalOptions & HashCliOptions, cwd: string, sum: string, ctx: CliContext): CheckRunOptions {
  const algorithm = g.algo?.[0] ?? (g.length === undefined ? undefined : 'blake2b');
  const stdin = ctx.io.stdin as AsyncIterable<Uint8Array> | undefined;
  return { cwd, algorithm, length: g.length, signal: ctx.signal, stdin, listFromStdin: sum === '-' };
}

/** The progress line of one checksum file: its lines (as far as read) are the total. */
function checkProgress(pario: Pario, count: Opened['count'], g: GlobalOptions, flags: CheckFlags, ctx: CliContext): ProgressLine {
  const totals: Totals = {
    get files() {
      return count.lines;
    },
    bytes: undefined,
    get final() {
      return count.ended;
    },
    sizeOf: () => undefined,
    stop: () => {},
    ended: Promise.resolve(),
  };
  const source = { snapshot: () => pario.progress(), totals: () => totals };
  return startProgress(ctx.io, source, wantsProgress(g) && !flags.status && !flags.quiet);
}

async function audit(
  pario: Pario, sum: string, dir: string, g: GlobalOptions & HashCliOptions, flags: CheckFlags, ctx: CliContext,
): Promise<number> {
  const base = resolveBase(baseOptions(g, ctx.signal) as BaseOptions);
  const options = runOptions(g, base.cwd, sum, ctx);
  const opened = await load(sum, options, ctx);
  if (opened === undefined) return EXIT.failures;
  const { algorithm: kind, chunks: lines } = await peekChunks(opened.lines, options.algorithm);
  const counts: AuditCounts = { changed: 0, missing: 0, unreadable: 0, added: 0 };
  const listed = new Set<string>();
  let malformed = 0;
  const line = checkProgress(pario, opened.count, g, flags, ctx);
  const say = async (text: string, always: boolean): Promise<void> => {
    if (!flags.status && (always || !flags.quiet)) await write(line.out, text);
  };
  try {
    for await (const events of checkChunksOn(pario, lines, options)) for (const event of events) {
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
