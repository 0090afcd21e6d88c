// The second, unprivileged user of the hostile-tree and permission tests: `setpriv` to nobody/nogroup (root only).
import { spawn, spawnSync } from 'node:child_process';
import { BIN } from './paths.js';

export const CI = process.env['CI'] !== undefined && process.env['CI'] !== '';
export const AS_NOBODY = ['--reuid=nobody', '--regid=nogroup', '--clear-groups'];

/** Why tests as nobody cannot run here (not root, no setpriv, dist/ unreadable), or null when they can. */
export function nobodyUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'not running as root (setpriv cannot switch to nobody)';
  const run = spawnSync('setpriv', [...AS_NOBODY, process.execPath, BIN, '--help'], { encoding: 'utf8' });
  if (run.error !== undefined) return `setpriv: ${run.error.message}`;
  if (run.status !== 0) return `nobody cannot run node on ${BIN} (dist/ or node_modules not readable by others?): ${run.stderr.trim()}`;
  return null;
}

/** nobody's uid and gid (from `id`). */
export function nobodyIds(): { uid: number; gid: number } {
  const id = (flag: string): number => Number(spawnSync('id', [flag, 'nobody'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: Number(spawnSync('getent', ['group', 'nogroup'], { encoding: 'utf8' }).stdout.split(':')[2]) };
}

/** A shell command run as nobody, synchronously (the attacker's move between two results of a lazy run). */
export function shAsNobody(command: string, cwd: string): void {
  const run = spawnSync('setpriv', [...AS_NOBODY, 'sh', '-c', command], { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`as nobody: ${command}: ${run.stderr}`);
}

/** The built CLI as nobody. */
export function cliAsNobody(args: readonly string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('setpriv', [...AS_NOBODY, process.execPath, BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => void (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => void (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
