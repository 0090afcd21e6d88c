// Flags shared by `pario hash` and `pario check` (sha256sum's names), and turning them into settings.
import { Option, InvalidArgumentError, type Command } from 'commander';
import { blake2bKind, parseAlgorithmList, type Algorithm, type DigestKind } from '../../flags/index.js';
import type { CheckFlags } from '../../check/index.js';

export interface HashCliOptions {
  readonly algo?: Algorithm[];
  readonly tag?: boolean;
  readonly binary?: boolean;
  readonly zero?: boolean;
  readonly check?: boolean;
  readonly status?: boolean;
  readonly strict?: boolean;
  readonly warn?: boolean;
  readonly ignoreMissing?: boolean;
  readonly audit?: boolean;
  /** BLAKE2b digest length in bits (b2sum -l). */
  readonly length?: number;
}

function algoList(value: string): Algorithm[] {
  try {
    return parseAlgorithmList(value);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
}

function bits(value: string): number {
  const n = Number(value);
  if (blake2bKind(n) === undefined) throw new InvalidArgumentError('a multiple of 8 from 8 to 512 (bits, as b2sum -l)');
  return n;
}

export function addAlgoOption(command: Command): Command {
  return command
    .option('-a, --algo <list>', 'sha256 (default), sha1, md5, sha512, blake2b, blake3, xxh32, xxh64, xxh3, xxh128, crc32; '
      + 'several with commas', algoList)
    .option('-l, --length <bits>', 'BLAKE2b digest length in bits, as b2sum -l (implies -a blake2b)', bits);
}

/** The algorithms -a and --length name (--length turns blake2b into BLAKE2b of that length); a usage error as text. */
export function digestKinds(options: HashCliOptions, fallback: Algorithm): readonly DigestKind[] | string {
  const algorithms = options.algo ?? [options.length === undefined ? fallback : 'blake2b'];
  if (options.length === undefined) return algorithms;
  if (!algorithms.includes('blake2b')) return '--length is for BLAKE2b only (-a blake2b)';
  return algorithms.map((a) => (a === 'blake2b' ? (blake2bKind(options.length ?? 512) ?? a) : a));
}

/** `pario hash` without -c: the check-only flags are usage errors, as in coreutils. */
export function checkOnlyFlag(options: HashCliOptions): string | undefined {
  const flag = options.ignoreMissing === true ? 'ignore-missing' : options.status === true ? 'status'
    : options.strict === true ? 'strict' : options.warn === true ? 'warn' : options.audit === true ? 'audit' : undefined;
  return flag === undefined ? undefined : `the --${flag} option is meaningful only when verifying checksums (-c)`;
}

export function addCheckOptions(command: Command): Command {
  return command
    .option('--status', "with -c: print nothing, the exit status says it all")
    .option('--strict', 'with -c: fail on improperly formatted checksum lines')
    .option('-w, --warn', 'with -c: warn about each improperly formatted line')
    .option('--ignore-missing', "with -c: don't fail or report for listed files that do not exist")
    .addOption(new Option('--audit', 'check SUMS DIR: also report files under DIR that SUMS does not list (ADDED)'));
}

/** The -c settings; --status / --warn / --quiet override one another in argv order, as in coreutils. */
export function checkFlags(options: HashCliOptions, rawArgs: readonly string[]): CheckFlags {
  return { ...verbosityFromArgs(rawArgs), strict: options.strict === true, ignoreMissing: options.ignoreMissing === true };
}

/** coreutils: `--status`, `--warn` (`-w`) and `--quiet` (`-q`) override one another; the last one given wins. */
export function verbosityFromArgs(args: readonly string[]): Pick<CheckFlags, 'quiet' | 'status' | 'warn'> {
  let last: 'quiet' | 'status' | 'warn' | undefined;
  for (const arg of args) {
    if (arg === '--') break;
    if (arg === '--status') last = 'status';
    else if (arg === '--warn' || arg === '-w') last = 'warn';
    else if (arg === '--quiet' || arg === '-q') last = 'quiet';
  }
  return { quiet: last === 'quiet', status: last === 'status', warn: last === 'warn' };
}
