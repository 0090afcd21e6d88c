#!/usr/bin/env node
// The CLI's entry. Everything is loaded through this one dynamic import, so that even a failure to load (EMFILE under
// a very low `ulimit -n`) ends in one line and exit 1 instead of a stack trace.
try {
  await import('./entry.js');
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== 'EMFILE' && code !== 'ENFILE') throw error;
  process.stderr.write(`pario: too many open files (${code}) while starting: raise the limit (ulimit -n) or lower -j\n`);
  process.exitCode = 1;
}
