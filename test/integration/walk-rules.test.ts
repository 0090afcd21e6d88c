// What a folder argument means (issues 17 and 18): every file under it, dot files included, pario's own temp files
// never; a link met is named and not followed (exit 1, as gzip -r) unless --follow; names that reduce to `.` or `..`
// are refused; and a deep tree runs within a small descriptor limit.
import { spawnSync } from 'node:child_process';
import type { SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressFiles, decompressFiles, hashFiles, mapFiles, readFiles } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import { has } from '../helpers/oracle.js';
import { BIN } from '../helpers/paths.js';
import { collect, tempDir } from '../helpers/temp.js';

const DOTTED = ['.env', '.git/config', '.git/objects/ab/cdef', '.htaccess', 'a.txt', 'sub/.hidden', 'sub/b.txt'];

function dottedTree(): string {
  const dir = tempDir('pario-dots-');
  for (const rel of DOTTED) {
    mkdirSync(join(dir, 'site', rel, '..'), { recursive: true });
    writeFileSync(join(dir, 'site', rel), `${rel}\n`);
  }
  writeFileSync(join(dir, 'site', '.a.txt.gz.pario-12345-abc123.tmp'), 'a temp file of a run'); // never an input
  return dir;
}

const paths = (results: readonly { path: string }[]): string[] => results.map((r) => r.path).sort();

describe('a folder means every file under it', () => {
  it('dot files are included for hash, read and map; a glob keeps its dot rule; --exclude leaves files out; temps never', async () => {
    const dir = dottedTree();
    const all = DOTTED.map((rel) => `site/${rel}`).sort();
    expect(paths(await collect(hashFiles(['site'], { cwd: dir })))).toEqual(all);
    expect(paths(await collect(readFiles(['site'], { cwd: dir })))).toEqual(all);
    const mapper = join(dir, 'size.mjs');
    writeFileSync(mapper, 'export default (file) => file.size;\n');
    expect(paths(await collect(mapFiles(['site'], mapper, { cwd: dir })))).toEqual(all);
    expect(paths(await collect(hashFiles(['site/**'], { cwd: dir })))).toEqual(['site/a.txt', 'site/sub/b.txt']);
    expect(paths(await collect(hashFiles(['site/**'], { cwd: dir, dot: true })))).toEqual(all);
    expect(paths(await collect(hashFiles(['site'], { cwd: dir, exclude: ['.git'] })))).toEqual(all.filter((p) => !p.includes('.git/')));
  });

  it('compress and check --audit see dot files: an added .htaccess is reported', async () => {
    const dir = dottedTree();
    const sums = await runCli(['hash', '--no-progress', 'site'], { cwd: dir });
    expect(sums.code, sums.stderr).toBe(0);
    expect(sums.stdout.toString().trim().split('\n')).toHaveLength(DOTTED.length);
    writeFileSync(join(dir, 'SUMS'), sums.stdout);
    writeFileSync(join(dir, 'site', 'sub', '.htaccess'), 'Require all granted\n');
    const audit = await runCli(['check', '--audit', 'SUMS', 'site'], { cwd: dir });
    expect(audit.code).toBe(1);
    expect(audit.stdout.toString()).toContain('site/sub/.htaccess: ADDED\n');
    const compress = await runCli(['compress', '--no-progress', 'site'], { cwd: dir });
    expect(compress.code, compress.stderr).toBe(0);
    // The other run's temp file is never an input (and, its writer unknown, not swept either).
    const site = ['.a.txt.gz.pario-12345-abc123.tmp', '.env', '.env.gz', '.git', '.htaccess', '.htaccess.gz', 'a.txt', 'a.txt.gz', 'sub'];
    expect(readdirSync(join(dir, 'site')).sort()).toEqual(site);
  });
});

describe('.gitignore files of a tree others can write', () => {
  it('a FIFO there never blocks the walk and a link there is not followed', async () => {
    const dir = dottedTree();
    spawnSync('mkfifo', [join(dir, 'site', '.gitignore')]);
    writeFileSync(join(dir, 'rules'), '*\n');
    symlinkSync(join(dir, 'rules'), join(dir, 'site', 'sub', '.gitignore'));
    const found = paths(await collect(hashFiles(['site'], { cwd: dir, gitignore: true })));
    expect(found).toEqual(['site/.env', 'site/.htaccess', 'site/a.txt', 'site/sub/.gitignore', 'site/sub/.hidden', 'site/sub/b.txt']);
  });
});

describe('links met while walking', () => {
  function linked(): string {
    const dir = tempDir('pario-links-');
    mkdirSync(join(dir, 'tree', 'sub'), { recursive: true });
    mkdirSync(join(dir, 'outside'));
    writeFileSync(join(dir, 'outside', 'secret'), 'outside the tree\n');
    writeFileSync(join(dir, 'tree', 'a.txt'), 'a\n');
    writeFileSync(join(dir, 'tree', 'sub', 'b.txt'), 'b\n');
    symlinkSync(join(dir, 'outside', 'secret'), join(dir, 'tree', 'file-link'));
    symlinkSync(join(dir, 'outside'), join(dir, 'tree', 'sub', 'dir-link'));
    return dir;
  }

  it('are named, one line each, and not followed: exit 1, as gzip -r; --follow follows them', async () => {
    const dir = linked();
    const hash = await runCli(['hash', '--no-progress', 'tree'], { cwd: dir });
    expect(hash.code).toBe(1);
    expect(hash.stderr.trim().split('\n').sort()).toEqual([
      'pario: tree/file-link: Too many levels of symbolic links', 'pario: tree/sub/dir-link: Too many levels of symbolic links',
    ]);
    expect(hash.stdout.toString().trim().split('\n').map((l) => l.split('  ')[1])).toEqual(['tree/a.txt', 'tree/sub/b.txt']);
    const run = await runCli(['compress', '--no-progress', 'tree'], { cwd: dir });
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n').filter((l) => !l.startsWith('pario: compressed'));
    expect(lines.sort()).toEqual([
      'pario: tree/file-link: is a symbolic link, not followed (--follow follows links) (ELOOP)',
      'pario: tree/sub/dir-link: is a symbolic link, not followed (--follow follows links) (ELOOP)',
    ]);
    expect(readdirSync(join(dir, 'outside'))).toEqual(['secret']);
    const followed = await runCli(['hash', '--no-progress', '--follow', 'tree'], { cwd: dir });
    expect(followed.code, followed.stderr).toBe(0);
    expect(followed.stdout.toString()).toContain('  tree/sub/dir-link/secret\n');
  });
});

describe('a name with .. after a link', () => {
  it('is the file the system finds there (as for gzip, sha256sum and open(2)), not the one path.resolve would name', async () => {
    const dir = tempDir('pario-dotdot-');
    mkdirSync(join(dir, 'far', 'in'), { recursive: true });
    writeFileSync(join(dir, 'far', 'f'), 'far\n');
    writeFileSync(join(dir, 'f'), 'near\n');
    symlinkSync(join('far', 'in'), join(dir, 'l'));
    const far = createHash('sha256').update('far\n').digest('hex');
    const [named] = await collect(hashFiles(['l/../f'], { cwd: dir }));
    expect(named).toMatchObject({ ok: true, path: 'l/../f', digests: { sha256: far } });
    expect(paths(await collect(hashFiles(['l/..'], { cwd: dir })))).toEqual(['l/../f']); // the folder the link is in
    const [done] = await collect(compressFiles(['l/../f'], { cwd: dir }));
    expect(done?.ok, JSON.stringify(done)).toBe(true);
    expect(done?.outputs.map((out) => out.path)).toEqual([`${dir}/l/../f.gz`]); // where it was written, as named
    expect(gunzipSync(readFileSync(join(dir, 'far', 'f.gz'))).toString()).toBe('far\n');
    expect(existsSync(join(dir, 'f.gz'))).toBe(false);
  });
});

describe('names that reduce to . or ..', () => {
  it('a/b/..gz is refused, with or without -o; it never becomes OUT/b or a/b/..', async () => {
    const dir = tempDir('pario-dotdot-');
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir, 'a', 'b', '..gz'), gzipSync('dot dot\n'));
    writeFileSync(join(dir, 'a', 'b', '.gz'), gzipSync('dot\n'));
    for (const outDir of [undefined, 'OUT']) {
      const results = await collect(decompressFiles(['a/b/..gz', 'a/b/.gz'], { cwd: dir, ...(outDir === undefined ? {} : { outDir }) }));
      expect(results.map((r) => [r.path, r.status, r.code ?? r.reason])).toEqual([
        ['a/b/..gz', 'failed', 'ERR_PARIO_BAD_NAME'], ['a/b/.gz', 'skipped', 'suffix'],
      ]);
    }
    expect(readdirSync(join(dir, 'a', 'b')).sort()).toEqual(['..gz', '.gz']);
    expect(readdirSync(dir)).toEqual(['a']); // nothing written anywhere, not even OUT made
  });
});

describe('a deep tree within a small descriptor limit', () => {
  // Node and two workers hold ~30 descriptors of their own; a fixed number of folders is held open, never one per level.
  it('ulimit -n 80: hash equals sha256sum; ulimit -n 96: compress -o mirrors every file', () => {
    has('sha256sum');
    const dir = tempDir('pario-deep-');
    const files: string[] = [];
    let path = 'deep';
    for (let depth = 1; depth <= 40; depth += 1) {
      path = `${path}/d${depth}`;
      for (const side of ['w1', 'w2']) {
        mkdirSync(join(dir, path, side), { recursive: true });
        writeFileSync(join(dir, path, side, 'g'), `${path}/${side}\n`);
        files.push(`${path}/${side}/g`);
      }
      writeFileSync(join(dir, path, 'f'), `${path}\n`);
      files.push(`${path}/f`);
    }
    const limited = (n: number, args: string): SpawnSyncReturns<string> =>
      spawnSync('sh', ['-c', `ulimit -n ${n} && exec "${process.execPath}" "${BIN}" ${args}`], { cwd: dir, encoding: 'utf8' });
    const hash = limited(80, 'hash -j 2 --no-progress deep');
    expect(hash.stderr.split('\n').slice(0, 2).join('\n').replace(/deep\/[^:]*/g, 'deep/…')).toBe('');
    expect(hash.status).toBe(0);
    const sorted = [...files].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(hash.stdout).toBe(spawnSync('sha256sum', sorted, { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 }).stdout);
    const compress = limited(96, 'compress -j 2 --no-progress -o out deep');
    expect(compress.stderr).toBe('');
    expect(compress.stdout).toMatch(/^pario: compressed 120 of 120 files/);
    expect(compress.status).toBe(0);
  }, 60_000);
});
