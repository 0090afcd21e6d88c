import type { Command } from 'commander';
import type { Register } from '../context.js';
import { registerCheck } from './check.js';
import { registerCompress } from './compress.js';
import { registerDecompress } from './decompress.js';
import { registerHash } from './hash.js';
import { registerManifest } from './manifest.js';
import { registerRead } from './read.js';

/** Every subcommand, in --help order. Adding one = a module in this folder + one line here. */
export const COMMANDS: readonly Register[] = [
  registerRead, registerCompress, registerDecompress, registerHash, registerCheck, registerManifest,
];

/**
 * gzip habits: `pario -d x.gz` decompresses and `pario -t x.gz` tests, when the first word is not a subcommand.
 * Returns argv with the subcommand put in front where one is implied.
 */
export function defaultCommand(argv: readonly string[], program: Command): string[] {
  const names = new Set(program.commands.flatMap((c) => [c.name(), ...c.aliases()]));
  // After `--` every word is a file name (`pario -t -- -d` tests a file named -d).
  const end = argv.indexOf('--');
  const options = end < 0 ? argv : argv.slice(0, end);
  const first = options.find((a) => !a.startsWith('-'));
  if (first !== undefined && names.has(first)) return [...argv];
  const has = (...flags: string[]): boolean => flags.some((flag) => options.includes(flag));
  const implied = has('-d', '--decompress') ? 'decompress' : has('-t', '--test') ? 'test' : undefined;
  if (implied === undefined || !names.has(implied)) return [...argv];
  const rest = end < 0 ? [] : argv.slice(end);
  return [implied, ...options.filter((a) => a !== '-d' && a !== '--decompress' && a !== '-t' && a !== '--test'), ...rest];
}
