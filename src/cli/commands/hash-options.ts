// Flags shared by `pario hash` and `pario check` (sha256sum's names), and turning them into settings.
import { Option, InvalidArgumentError, type Command } from 'commander';
import type { Algorithm } from '../../../workers/algorithms.js';
import { verbosityFromArgs, type CheckFlags } from '../../hash/check-report.js';
import { parseAlgorithmList } from '../../hash/options.js';

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
}

function algoList(value: string): Algorithm[] {
  try {
    return parseAlgorithmList(value);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
}

export function addAlgoOption(command: Command): Command {
  return command.option('-a, --algo <list>', 'sha256 (default), sha1, md5, sha512, blake2b, blake3, xxh64, xxh3, xxh128, crc32; several with commas', algoList);
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
