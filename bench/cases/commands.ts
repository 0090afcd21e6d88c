import { join } from 'node:path';
import { REPO_ROOT, benchScript, findTool } from '../run/tools.js';
import type { Command } from '../run/types.js';

/** pario's CLI as built by `npm run build`. */
export const PARIO_BIN = join(REPO_ROOT, 'dist', 'src', 'cli', 'bin.js');

export function node(script: string, args: readonly string[], extra: Partial<Command> = {}): Command {
  return { file: process.execPath, args: [script, ...args], ...extra };
}

export function tool(name: string, args: readonly string[], extra: Partial<Command> = {}): Command {
  return { file: findTool(name) ?? name, args, ...extra };
}

/** A shell line (for `xargs -0 … < list`), run with /bin/sh. */
export function shell(line: string, extra: Partial<Command> = {}): Command {
  return { file: '/bin/sh', args: ['-c', line], ...extra };
}

export function naive(mode: string, args: readonly (string | number)[], extra: Partial<Command> = {}): Command {
  return node(benchScript('naive/main.js'), [mode, ...args.map(String)], extra);
}

export function parioCli(args: readonly (string | number)[], extra: Partial<Command> = {}): Command {
  return node(PARIO_BIN, args.map(String), extra);
}

/** V8's own default interrupt budget (Node 20's V8, the only one with the flag), which the CLI raises to 500 KB. */
export const V8_DEFAULT_BUDGET = '--interrupt-budget=67584';

/** pario's CLI with node options before the script (V8 flags that NODE_OPTIONS refuses). */
export function parioCliWithNode(nodeArgs: readonly string[], args: readonly (string | number)[]): Command {
  const command = parioCli(args);
  return { ...command, args: [...nodeArgs, ...command.args] };
}

export function parioLib(mode: string, args: readonly (string | number)[], extra: Partial<Command> = {}): Command {
  return node(benchScript('lib/main.js'), [mode, ...args.map(String)], extra);
}

/**
 * `unavailable()` of pario's own entries: never. A pario command that cannot run (a renamed flag, an export gone,
 * dist/ not built) fails the bench with its stderr (bench/run/own.ts) instead of skipping pario's column.
 */
export const PARIO_ALWAYS = async (): Promise<undefined> => undefined;
