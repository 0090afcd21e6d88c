import type { Command } from 'commander';
import type { Pario, WorkerKind } from '../handle/index.js';

/** Where the CLI writes; process.stdout/stderr in bin.ts, plain collectors in tests. */
export interface Output {
  write(chunk: string | Uint8Array): boolean;
  once?(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
  removeListener?(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
  readonly isTTY?: boolean;
  /** True once the stream failed or closed (a Node stream). */
  readonly destroyed?: boolean;
}

export interface Io {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly stdin?: NodeJS.ReadableStream;
}

export const EXIT = { ok: 0, failures: 1, usage: 2, bug: 70, locked: 75, interrupted: 130, brokenPipe: 141, terminated: 143 } as const;

/** Options every subcommand understands (declared once on the program, read with cmd.optsWithGlobals()). */
export interface GlobalOptions {
  readonly jobs?: number;
  readonly quiet?: boolean;
  readonly json?: boolean;
  readonly progress?: boolean;
  readonly exclude?: string[];
  readonly ignoreFile?: string[];
  readonly gitignore?: boolean;
  readonly dot?: boolean;
  readonly follow?: boolean;
}

/** What a subcommand gets: the streams, the run's signal, and where to put its exit code. */
export interface CliContext {
  readonly io: Io;
  readonly signal: AbortSignal;
  exit(code: number): void;
  /** The handle started before the CLI loaded (early-pool.ts), for the command it fits. */
  readonly early?: { take(jobs: number, preload: readonly WorkerKind[]): Pario | undefined };
}

/** A subcommand module: adds its command(s) to the program. */
export type Register = (program: Command, ctx: CliContext) => void;

/** The early handle when it fits, else a new createPario handle with `jobs` threads preloading `preload`. */
export async function handleFor(ctx: CliContext, jobs: number, preload: readonly WorkerKind[], lazy = false): Promise<Pario> {
  const early = ctx.early?.take(jobs, preload);
  if (early !== undefined) return early;
  const { createPario } = await import('../handle/index.js');
  return createPario({ jobs, preload, lazy });
}
