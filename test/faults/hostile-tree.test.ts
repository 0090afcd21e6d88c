// Trees that others can write (issue 17): root runs pario over a tree nobody can write, and nobody plays the attacker
// between two results of a lazy run (no sleep racing the run). Nothing outside the tree is touched, no privilege is
// handed out, and owners are kept, as gzip does.
import { spawnSync } from 'node:child_process';
import { chmodSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { compressFiles, decompressFiles } from '../../src/index.js';
import type { CompressResult } from '../../src/index.js';
import { CI, cliAsNobody, nobodyIds, nobodyUnavailable, shAsNobody } from '../helpers/as-nobody.js';
import { runCli } from '../helpers/cli.js';
import { walk } from '../helpers/faults.js';
import { collect, tempDir } from '../helpers/temp.js';

const unavailable = nobodyUnavailable();
if (unavailable !== null && !CI) console.log(`hostile-tree tests skipped: ${unavailable}`);

/** A folder owned by nobody (who may write in it), with files owned by nobody too. */
function nobodysTree(root: string, files: Record<string, string>): void {
  const { uid, gid } = nobodyIds();
  mkdirSync(root, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  spawnSync('chown', ['-R', `${uid}:${gid}`, root]);
}

/** Every file under `dir` with its bytes, to show it untouched. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(walk(dir).map((rel) => [rel, readFileSync(join(dir, rel), 'latin1')]));
}

describe.skipIf(unavailable !== null && !CI)('a tree nobody can write, run by root', () => {
  const base = tempDir('pario-hostile-');
  beforeAll(() => {
    expect(unavailable).toBeNull();
    chmodSync(base, 0o755);
  });

  it('folders swapped for links mid-run: an opened one keeps its handle, a later one is refused; the victim is untouched', async () => {
    const dir = join(base, 'swap');
    const victim = join(dir, 'victim');
    mkdirSync(victim, { recursive: true });
    const names = Array.from({ length: 30 }, (_, i) => `d${String(i).padStart(2, '0')}`);
    for (const name of names) mkdirSync(join(dir, 'tree', name), { recursive: true });
    const order = readdirSync(join(dir, 'tree')); // the walk's order: readdir's
    const first = order[0]!;
    const last = order.at(-1)!;
    const files: Record<string, string> = {};
    for (const name of order) {
      for (let i = 0; i < (name === first ? 200 : 2); i += 1) files[`${name}/f${i}.txt`] = `${name} ${i}\n`.repeat(20);
    }
    nobodysTree(join(dir, 'tree'), files);
    for (let i = 0; i < 200; i += 1) writeFileSync(join(victim, `f${i}.txt`), 'victim\n'.repeat(20));
    const before = snapshot(victim);
    const results: CompressResult[] = [];
    for await (const result of compressFiles(['tree'], { cwd: dir, remove: true, jobs: 1 })) {
      results.push(result);
      if (results.length === 1) {
        // The first result comes from the first folder, which the walk has opened; the last is not even listed yet.
        expect(result.path.startsWith(`tree/${first}/`)).toBe(true);
        const swap = (name: string): string => `mv tree/${name} tree/${name}.moved && ln -s ${victim} tree/${name}`;
        shAsNobody(`${swap(first)} && ${swap(last)}`, dir);
      }
    }
    expect(snapshot(victim)).toEqual(before);
    const refused = results.filter((r) => r.status === 'failed');
    expect(refused.map((r) => [r.path, r.code])).toEqual([[`tree/${last}`, 'ELOOP']]);
    const moved = readdirSync(join(dir, 'tree', `${first}.moved`)).sort();
    expect(moved).toEqual(Array.from({ length: 200 }, (_, i) => `f${i}.txt.gz`).sort()); // every file done where it was read
    expect(readdirSync(join(dir, 'tree', `${last}.moved`)).sort()).toEqual(['f0.txt', 'f1.txt']);
  }, 60_000);

  it('a planted setuid, setgid or sticky file is refused as gzip refuses it; with -f the output is never root\'s setuid', async () => {
    const dir = join(base, 'setuid');
    nobodysTree(dir, {});
    const plant = [
      'printf "#!/bin/sh\\nid -u\\n" | gzip > evil.gz', 'chmod 4755 evil.gz',
      'printf x > sg', 'chmod 2755 sg', 'printf y > st', 'chmod 1644 st',
    ];
    shAsNobody(plant.join(' && '), dir);
    const run = await runCli(['decompress', '--no-progress', 'evil.gz'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('pario: evil.gz: is set-user-ID on execution - ignored (-f takes it) (ERR_PARIO_SPECIAL_MODE)');
    expect(readdirSync(dir).sort()).toEqual(['evil.gz', 'sg', 'st']);
    const refused = await collect(compressFiles(['sg', 'st'], { cwd: dir }));
    expect(refused.map((r) => [r.path, r.message])).toEqual([
      ['sg', 'is set-group-ID on execution - ignored (-f takes it)'], ['st', 'has the sticky bit set - file ignored (-f takes it)'],
    ]);
    const [forced] = await collect(decompressFiles(['evil.gz'], { cwd: dir, force: true }));
    expect(forced?.status).toBe('ok');
    const st = statSync(join(dir, 'evil'));
    expect([st.uid, st.mode & 0o7777]).toEqual([nobodyIds().uid, 0o4755]); // nobody's own setuid: no privilege gained
    // nobody decompressing root's setuid file gets a file of its own: the special bits are dropped.
    writeFileSync(join(dir, 'roots.gz'), gzipSync('root\n'));
    chmodSync(join(dir, 'roots.gz'), 0o4755);
    const mine = await cliAsNobody(['decompress', '-f', '--no-progress', 'roots.gz'], dir);
    expect(mine.code, mine.stderr).toBe(0);
    const out = statSync(join(dir, 'roots'));
    expect([out.uid, out.mode & 0o7777]).toEqual([nobodyIds().uid, 0o755]);
  }, 60_000);

  it('owner, group and mode are kept through compress --rm and decompress --rm', async () => {
    const dir = join(base, 'owner');
    nobodysTree(dir, { 'private.txt': 'only mine\n'.repeat(100), 'shared.txt': 'group\n'.repeat(100) });
    chmodSync(join(dir, 'private.txt'), 0o600);
    chmodSync(join(dir, 'shared.txt'), 0o640);
    const { uid, gid } = nobodyIds();
    const done = await collect(compressFiles(['.'], { cwd: dir, remove: true }));
    expect(done.map((r) => r.status)).toEqual(['ok', 'ok']);
    expect(readdirSync(dir).sort()).toEqual(['private.txt.gz', 'shared.txt.gz']);
    const owned = (name: string): number[] => {
      const st = statSync(join(dir, name));
      return [st.uid, st.gid, st.mode & 0o7777];
    };
    expect(owned('private.txt.gz')).toEqual([uid, gid, 0o600]);
    expect(owned('shared.txt.gz')).toEqual([uid, gid, 0o640]);
    await collect(decompressFiles(['.'], { cwd: dir, remove: true }));
    expect(owned('private.txt')).toEqual([uid, gid, 0o600]);
    expect(readFileSync(join(dir, 'private.txt'), 'utf8')).toBe('only mine\n'.repeat(100));
  }, 60_000);

  it('-o never writes through a link planted below OUT; the other outputs are written', async () => {
    const dir = join(base, 'outdir');
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere, { recursive: true });
    mkdirSync(join(dir, 'in', 'sub'), { recursive: true });
    mkdirSync(join(dir, 'in', 'a', 'b'), { recursive: true });
    for (const rel of ['y.txt', 'sub/x.txt', 'a/b/z.txt', 'a/w.txt']) writeFileSync(join(dir, 'in', rel), `${rel}\n`);
    nobodysTree(join(dir, 'out'), {});
    shAsNobody(`ln -s ${elsewhere} out/sub && mkdir out/a && ln -s ${elsewhere} out/a/b`, dir);
    const results = await collect(compressFiles(['in'], { cwd: dir, outDir: 'out' }));
    const failed = results.filter((r) => r.status === 'failed').map((r) => [r.path, r.outputs[0]?.code]).sort();
    expect(failed).toEqual([['in/a/b/z.txt', 'ENOTDIR'], ['in/sub/x.txt', 'ENOTDIR']]);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(walk(join(dir, 'out')).filter((rel) => rel.endsWith('.gz')).sort()).toEqual(['a/w.txt.gz', 'y.txt.gz']);
  }, 60_000);

  it('--rm refuses a file with other hard links unless -f (removing one name would not free it)', async () => {
    const dir = join(base, 'links');
    nobodysTree(dir, { 'h1.txt': 'linked\n'.repeat(50) });
    linkSync(join(dir, 'h1.txt'), join(dir, 'h2.txt'));
    const [refused] = await collect(compressFiles(['h1.txt'], { cwd: dir, remove: true }));
    const message = 'has 1 other link -- file ignored with --rm (-f takes it)';
    expect(refused).toMatchObject({ status: 'failed', code: 'ERR_PARIO_HARD_LINKED', message });
    expect(readdirSync(dir).sort()).toEqual(['h1.txt', 'h2.txt']);
    const [kept] = await collect(compressFiles(['h1.txt'], { cwd: dir })); // without --rm nothing is lost: compressed
    expect(kept?.status).toBe('ok');
    const [forced] = await collect(compressFiles(['h1.txt'], { cwd: dir, remove: true, force: true }));
    expect(forced).toMatchObject({ status: 'ok', removed: true });
    expect(readdirSync(dir).sort()).toEqual(['h1.txt.gz', 'h2.txt']);
  }, 60_000);
});
