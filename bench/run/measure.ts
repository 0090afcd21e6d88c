import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GNU_TIME } from './tools.js';
import type { Command, Sample } from './types.js';

export interface Measured extends Sample {
  readonly code: number | null;
  readonly stderr: string;
}

const RSS_FILE = join(tmpdir(), `pario-bench-rss-${process.pid}.txt`);
process.once('exit', () => rmSync(RSS_FILE, { force: true })); // GNU time's note of the last run
const STDERR_KEEP = 4096;

/** Peak RSS from /proc while the child runs: the fallback when GNU time is absent (VmHWM is a high-water mark). */
function pollHwm(pid: number | undefined): { stop(): number | undefined } {
  let peak: number | undefined;
  const read = (): void => {
    if (pid === undefined) return;
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m?.[1] !== undefined) peak = Math.max(peak ?? 0, Number(m[1]));
    } catch {
      // exited
    }
  };
  const timer = setInterval(read, 10);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

/** The bench's environment minus test-runner variables (gzipper silently does nothing when NODE_ENV=test). */
function childEnv(command: Command): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...command.env };
  delete env['NODE_ENV'];
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  return env;
}

/** Runs one command to completion: wall time from spawn to exit, peak RSS, exit code, the tail of stderr. */
export function measure(command: Command): Promise<Measured> {
  const stdout = command.stdoutFile === undefined ? 'ignore' : openSync(command.stdoutFile, 'w');
  const timed: readonly string[] = ['-f', '%U %S %M', '-o', RSS_FILE, command.file, ...command.args];
  const [file, args] = GNU_TIME === undefined ? [command.file, command.args] : [GNU_TIME, timed];
  rmSync(RSS_FILE, { force: true });
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, args, {
      cwd: command.cwd,
      env: childEnv(command),
      stdio: ['ignore', stdout, 'pipe'],
    });
    const poll = GNU_TIME === undefined ? pollHwm(child.pid) : undefined;
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEEP);
    });
    child.on('error', (error) => {
      if (typeof stdout === 'number') closeSync(stdout);
      reject(error);
    });
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (typeof stdout === 'number') closeSync(stdout);
      let rssKiB = poll?.stop();
      let cpuMs: number | undefined;
      if (GNU_TIME !== undefined) {
        try {
          // GNU time prints "Command exited with non-zero status N" before the figures when the child fails.
          const lines = readFileSync(RSS_FILE, 'utf8').trim().split('\n');
          const [user, sys, rss] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
          rssKiB = rss !== undefined && Number.isFinite(rss) && rss > 0 ? rss : undefined;
          cpuMs = user !== undefined && sys !== undefined && Number.isFinite(user + sys) ? (user + sys) * 1000 : undefined;
        } catch {
          rssKiB = undefined;
        }
      }
      resolve({ wallMs, rssKiB, cpuMs, code, stderr });
    });
  });
}
