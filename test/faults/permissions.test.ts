// Permissions, run as an unprivileged user (root bypasses modes): `setpriv --reuid=nobody --regid=nogroup
// --clear-groups node dist/src/cli/bin.js …`. An unreadable input (000), an unreadable folder (700, root's) and a
// read-only output folder (555) are per-file errors naming the path and EACCES; everything else is done; exit 1.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { CI, cliAsNobody as runAsNobody, nobodyUnavailable } from '../helpers/as-nobody.js';
import { temps, walk } from '../helpers/faults.js';
import { has } from '../helpers/oracle.js';
import { tempDir } from '../helpers/temp.js';

const unavailable = nobodyUnavailable();
if (unavailable !== null && !CI) console.log(`permission tests skipped: ${unavailable}`);

describe.skipIf(unavailable !== null && !CI)('as an unprivileged user', () => {
  const base = tempDir('pario-perm-');
  const files = new Map<string, string>([['w/ok.txt', 'readable\n'], ['w/also.txt', 'also readable\n'], ['w/secret.txt', 'secret\n'], ['w/locked/in.txt', 'hidden\n'], ['ro/file.txt', 'in a read-only folder\n']]);
  beforeAll(() => {
    expect(unavailable).toBeNull();
    has('sha256sum');
    chmodSync(base, 0o755); // mkdtemp makes 0700: nobody could not even enter it
  });

  function makeTree(name: string): string {
    const dir = join(base, name);
    for (const [rel, text] of files) {
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'w'), 0o777); // nobody may write outputs here
    chmodSync(join(dir, 'w/secret.txt'), 0o000);
    chmodSync(join(dir, 'w/locked'), 0o700); // root's: nobody cannot list or enter it
    chmodSync(join(dir, 'ro'), 0o555); // readable, not writable
    return dir;
  }

  it('compress: unreadable input, unreadable folder and read-only output folder are per-file EACCES errors; the rest is done', async () => {
    const dir = makeTree('compress');
    const run = await runAsNobody(['compress', '-j', '2', '--no-progress', '.'], dir);
    expect(run.code, run.stderr).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines.find((l) => l.startsWith('pario: w/secret.txt: '))).toMatch(/EACCES/);
    expect(lines.find((l) => l.startsWith('pario: ro/file.txt: '))).toMatch(/ro\/file\.txt\.gz.*EACCES/);
    expect(lines.find((l) => l.startsWith('pario: w/locked: '))).toMatch(/EACCES/);
    expect(lines).toHaveLength(3);
    for (const rel of ['w/ok.txt', 'w/also.txt']) expect(gunzipSync(readFileSync(join(dir, `${rel}.gz`))).toString()).toBe(files.get(rel));
    expect(walk(dir).filter((rel) => rel.endsWith('.gz')).sort()).toEqual(['w/also.txt.gz', 'w/ok.txt.gz']);
    expect(temps(dir)).toEqual([]);
    for (const [rel, text] of files) if (rel !== 'w/secret.txt') expect(readFileSync(join(dir, rel), 'utf8')).toBe(text);
  }, 60_000);

  it('compress -o into a read-only folder: each file an EACCES error naming it, exit 1, nothing written', async () => {
    const dir = makeTree('compress-out');
    const out = join(base, 'out-ro');
    mkdirSync(out);
    chmodSync(out, 0o555); // the outputs mirror the inputs' common folder (w/), so they go straight into out-ro/
    const run = await runAsNobody(['compress', '-j', '2', '--no-progress', '-o', out, 'w/ok.txt', 'w/also.txt'], dir);
    expect(run.code, run.stderr).toBe(1);
    const lines = run.stderr.trim().split('\n').sort();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^pario: w\/also\.txt: .*out-ro\/also\.txt\.gz.*EACCES/);
    expect(lines[1]).toMatch(/^pario: w\/ok\.txt: .*out-ro\/ok\.txt\.gz.*EACCES/);
    expect(walk(out)).toEqual([]);
  }, 60_000);

  it('hash: unreadable file and folder named with "Permission denied", the other lines equal sha256sum\'s, exit 1', async () => {
    const dir = makeTree('hash');
    const run = await runAsNobody(['hash', '-j', '2', '--no-progress', '.'], dir);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr.trim().split('\n').sort()).toEqual(['pario: w/locked: Permission denied', 'pario: w/secret.txt: Permission denied']);
    const oracle = spawnSync('sha256sum', ['ro/file.txt', 'w/also.txt', 'w/ok.txt'], { cwd: dir, encoding: 'utf8' });
    expect(run.stdout).toBe(oracle.stdout);
  }, 60_000);
});
