import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, benchScript, findTool } from '../run/tools.js';
import type { Command } from '../run/types.js';

/** pario's CLI as built by `npm run build` and its library barrel. */
export const PARIO_BIN = join(REPO_ROOT, 'dist', 'src', 'cli', 'bin.js');
export const PARIO_LIB = join(REPO_ROOT, 'dist', 'src', 'index.js');

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

/** V8's own default interrupt budget (Node 20's V8, the only one with the flag), which the CLI raises to 8 MB. */
export const V8_DEFAULT_BUDGET = '--interrupt-budget=67584';

/** pario's CLI with node options before the script (V8 flags that NODE_OPTIONS refuses). */
export function parioCliWithNode(nodeArgs: readonly string[], args: readonly (string | number)[]): Command {
  const command = parioCli(args);
  return { ...command, args: [...nodeArgs, ...command.args] };
}

export function parioLib(mode: string, args: readonly (string | number)[], extra: Partial<Command> = {}): Command {
  return node(benchScript('lib/main.js'), [mode, ...args.map(String)], extra);
}

const helpCache = new Map<string, string | undefined>();

/**
 * `unavailable()` for a pario CLI entry: the bin must exist and `pario <command> --help` must list every flag the
 * case uses. Until a command lands, its column is skipped with "pario: <command> not available yet".
 */
export function parioCliNeeds(command: string, flags: readonly string[]): () => Promise<string | undefined> {
  return async () => {
    const missing = `pario: ${[command, ...flags].join(' ')} not available yet`;
    if (!existsSync(PARIO_BIN)) return missing;
    if (!helpCache.has(command)) {
      const r = spawnSync(process.execPath, [PARIO_BIN, command, '--help'], { encoding: 'utf8', timeout: 20_000 });
      // `pario <unknown> --help` prints the top-level help and exits 0: the command's own usage line must be there.
      const text = `${r.stdout}${r.stderr}`;
      helpCache.set(command, r.status === 0 && text.includes(`Usage: pario ${command}`) ? text : undefined);
    }
    const help = helpCache.get(command);
    if (help === undefined) return `pario: ${command} not available yet`;
    const absent = flags.filter((f) => !help.includes(f.replace(/=.*$/, '')));
    return absent.length === 0 ? undefined : missing;
  };
}

let barrel: Promise<Record<string, unknown> | undefined> | undefined;

/** `unavailable()` for a pario library entry: dist/src/index.js must export every named function. */
export function parioLibNeeds(...names: string[]): () => Promise<string | undefined> {
  return async () => {
    barrel ??= existsSync(PARIO_LIB)
      ? (import(pathToFileURL(PARIO_LIB).href) as Promise<Record<string, unknown>>).catch(() => undefined)
      : Promise.resolve(undefined);
    const mod = await barrel;
    const absent = names.filter((n) => typeof mod?.[n] !== 'function');
    return absent.length === 0 ? undefined : `pario: ${absent.join(', ')} not available yet`;
  };
}
