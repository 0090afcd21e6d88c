// No hangs on FIFOs: a checksum file may be a FIFO or a pipe (`pario check <(…)`) and is waited for like sha256sum
// waits, but a signal always ends the wait (so does one while standard input is silent); a manifest must be a regular
// file. The child is signalled only once it
// provably waits: /proc/PID/fd shows the FIFO open.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verify } from '../../src/hash/verify.js';
import { runCli } from '../helpers/cli.js';
import { exited, waitFor } from '../helpers/faults.js';
import { BIN } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

const root = tempDir();
writeFileSync(join(root, 'a.txt'), 'alpha\n');
const SUMS = `${spawnSync('sha256sum', ['a.txt'], { cwd: root, encoding: 'utf8' }).stdout}`;

function fifo(name: string): string {
  const path = join(root, name);
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
  return path;
}

/** Whether process `pid` has `path` open. */
function hasOpen(pid: number | undefined, path: string): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === path;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

describe('checksum files from FIFOs and pipes', () => {
  for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
    it(`pario check FIFO with no writer ends on ${signal} (exit ${code}), saying nothing`, async () => {
      const path = fifo(`no-writer-${signal}`);
      const child = spawn(process.execPath, [BIN, 'check', path], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
      expect(await waitFor(() => hasOpen(child.pid, path), child)).toBe(true);
      child.kill(signal);
      expect(await exited(child)).toEqual({ code, signal: null });
      expect(stderr).toBe('');
    });
  }

  it('a FIFO whose writer comes later is read, as sha256sum -c reads it', async () => {
    const path = fifo('late-writer');
    const check = runCli(['check', path], { cwd: root });
    const writer = spawn('sh', ['-c', 'printf "%s" "$1" > "$2"', 'sh', SUMS, path]); // its open waits for pario's
    expect((await exited(writer)).code).toBe(0);
    const run = await check;
    expect([run.code, run.stdout.toString(), run.stderr]).toEqual([0, 'a.txt: OK\n', '']);
  });

  it('pario check <(…) reads the pipe', () => {
    const script = `"${process.execPath}" "${BIN}" check <(printf '%s' "$1")`;
    const run = spawnSync('bash', ['-c', script, 'bash', SUMS], { cwd: root, encoding: 'utf8' });
    expect([run.status, run.stdout, run.stderr]).toEqual([0, 'a.txt: OK\n', '']);
  });

  it('the library: verify() of a FIFO with no writer rejects with an AbortError when its signal aborts', async () => {
    const path = fifo('library');
    const controller = new AbortController();
    const pending = verify(path, { cwd: root, signal: controller.signal, jobs: 1 });
    while (!hasOpen(process.pid, path)) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

/**
 * Whether process `pid` has begun to use its standard input: Node makes fd 0 non-blocking (O_NONBLOCK in
 * /proc/PID/fdinfo/0) when the command first touches process.stdin, long after pario's signal handlers are in place.
 */
function readsStdin(pid: number | undefined): boolean {
  try {
    const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync(`/proc/${pid}/fdinfo/0`, 'utf8'))?.[1] ?? '0';
    return (parseInt(flags, 8) & 0o4000) !== 0;
  } catch {
    return false;
  }
}

describe('standard input that never comes', () => {
  const COMMANDS = [['hash', '-'], ['check', '-'], ['compress', '-c', '-'], ['compress', '-c', '--zstd', '-'], ['decompress', '-c', '-']];
  for (const args of COMMANDS) {
    it(`pario ${args.join(' ')} ends on SIGTERM while its writer stays silent`, async () => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
      expect(await waitFor(() => readsStdin(child.pid), child)).toBe(true);
      child.kill('SIGTERM');
      expect(await exited(child)).toEqual({ code: 143, signal: null });
      expect(stderr).toBe('');
      child.stdin.end();
    });
  }
});

describe('ignore files read on the main thread', () => {
  it('a FIFO planted as a tree\'s .gitignore is no rules file (the run never blocks); --ignore-file FIFO is refused', async () => {
    mkdirSync(join(root, 'tree'));
    writeFileSync(join(root, 'tree', 'kept.txt'), 'kept\n');
    fifo('tree/.gitignore');
    const run = await runCli(['hash', '--gitignore', 'tree/kept.txt'], { cwd: root });
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout.toString()).toMatch(/^[0-9a-f]{64} {2}tree\/kept\.txt\n$/);
    const path = fifo('rules');
    const refused = await runCli(['hash', '--ignore-file', 'rules', 'a.txt'], { cwd: root });
    const line = 'pario: rules: cannot read the ignore file: not a regular file (a FIFO)\n(run pario --help for usage)\n';
    expect([refused.code, refused.stderr]).toEqual([2, line]);
    expect(path).toBe(join(root, 'rules'));
  });
});

describe('manifests are regular files', () => {
  it('--manifest FIFO is refused at once, exit 2, one line; the FIFO is left as it was', async () => {
    const path = fifo('manifest.json');
    for (const command of [['hash', 'a.txt'], ['compress', '--gzip', '-k', 'a.txt'], ['hash', '-n', 'a.txt']]) {
      const run = await runCli([...command, '--manifest', path], { cwd: root });
      const line = `pario: ${path}: cannot read the manifest: not a regular file (a FIFO); a manifest must be a regular file\n`;
      expect([run.code, run.stderr], command.join(' ')).toEqual([2, line]);
    }
    const left = readdirSync(root).filter((n) => n.startsWith('manifest.json')).sort();
    expect(left).toEqual(['manifest.json', 'manifest.json.lock']); // the lock file stays
  });
});
