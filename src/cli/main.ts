import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { OptionError, ParioError, isAbortError } from '../errors.js';
import { addGlobalOptions } from './args.js';
import { COMMANDS, defaultCommand } from './commands/index.js';
import { EXIT } from './context.js';
import { fatal } from './fatal.js';
import { rawIo } from './raw-names.js';
import type { CliContext, Io } from './context.js';
import type { EarlyHandle } from './early-pool.js';

const VERSION = (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;

/**
 * The whole CLI as a function: argv in, exit code out (0 ok, 1 some files failed, 2 usage, 75 locked, 130
 * interrupted). It never touches process.*: bin.ts wires it to the real streams and signals.
 */
export async function main(
  argv: readonly string[], streams: Io, signal: AbortSignal = new AbortController().signal, early?: EarlyHandle,
): Promise<number> {
  const io = rawIo(streams); // a name that is not UTF-8 goes out as its bytes
  let code: number = EXIT.ok;
  const ctx: CliContext = { io, signal, exit: (c) => void (code = Math.max(code, c)), ...(early === undefined ? {} : { early }) };
  const program = addGlobalOptions(new Command('pario'))
    .description('Read, compress and hash many files or huge files on every core.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run pario --help for usage)')
    .configureOutput({ writeOut: (s) => void io.stdout.write(s), writeErr: (s) => void io.stderr.write(s) });
  program.addHelpText('after', EXIT_HELP);
  for (const register of COMMANDS) register(program, ctx);
  try {
    await program.parseAsync(defaultCommand(argv, program), { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      const shown = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
      return shown ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof OptionError || (error instanceof ParioError && error.code === 'ERR_PARIO_USAGE')) {
      io.stderr.write(`pario: ${error.message}\n(run pario --help for usage)\n`);
      return EXIT.usage;
    }
    if (isAbortError(error) || signal.aborted) return abortCode(signal);
    const known = fatal(error); // pario's own errors and the environment's (ENOSPC, EMFILE …): one line, no trace
    if (known === undefined) throw error;
    io.stderr.write(known.line);
    return known.code;
  }
}

/** 130 for SIGINT (and any other abort), 143 for SIGTERM, 141 for a closed stdout pipe, as a shell reports them. */
export function abortCode(signal: AbortSignal): number {
  const name = (signal.reason as { signal?: string } | undefined)?.signal;
  return name === 'SIGTERM' ? EXIT.terminated : name === 'SIGPIPE' ? EXIT.brokenPipe : EXIT.interrupted;
}

const EXIT_HELP = `
End of options: -- makes every word after it a file name, even one starting with - (pario compress -- *).

Exit codes: 0 all done, 1 some files failed (each named on stderr), 2 usage error,
            75 another run holds the lock, 130 interrupted (SIGINT), 141 stdout closed, 143 terminated (SIGTERM).`;
