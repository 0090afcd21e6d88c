// File names that are not UTF-8 (Linux names are bytes): hashed, checked, compressed, decompressed and read under
// their own bytes, beside a twin spelled with a real U+FFFD, as sha256sum and gzip handle them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compressFiles, decompressFiles, hashFiles, pathBytes, readFiles, verify } from '../../src/index.js';
import { hasTool } from '../helpers/hash-tools.js';
import { BIN } from '../helpers/paths.js';
import { collect, tempDir } from '../helpers/temp.js';

const raw = (...b: number[]): Buffer => Buffer.from(b);
/** The names as bytes: a bad byte, its U+FFFD twin, a newline and a backslash with a bad byte, and a plain one. */
const NAMES = [
  raw(0x66, 0xff, 0x2e, 0x74), // f\xff.t
  Buffer.from('f\uFFFD.t'),
  raw(0x62, 0x5c, 0xfe, 0x0a, 0x7a), // b\<fe>\nz
  raw(0x6e, 0x0a, 0xc0, 0x80), // n\n + an overlong NUL
  Buffer.from('plain'),
];

/** A folder `d` holding the names, each file with its own content; returns the folder above it. */
function makeTree(): string {
  const top = tempDir('pario-raw-names-');
  mkdirSync(join(top, 'd'));
  NAMES.forEach((name, i) => writeFileSync(Buffer.concat([Buffer.from(`${top}/d/`), name]), `content ${i}\n`.repeat(i + 40)));
  return top;
}

/** The files of `d` with their contents, by the hex of their names. */
function contents(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir, { encoding: 'buffer' })) {
    out.set(name.toString('hex'), readFileSync(Buffer.concat([Buffer.from(`${dir}/`), name])).toString());
  }
  return out;
}

function pario(args: readonly (string | Buffer)[], cwd: string): { stdout: Buffer; stderr: string; status: number } {
  // spawnSync passes strings only: a Buffer argument goes through a shell word of its bytes ($'\xff')
  const words = args.map((a) => (typeof a === 'string' ? a : `$'${[...a].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('')}'`));
  const script = `exec "${process.execPath}" "${BIN}" ${words.map((w) => (w.startsWith("$'") ? w : `'${w}'`)).join(' ')}`;
  const result = spawnSync('bash', ['-c', script], { cwd });
  return { stdout: result.stdout, stderr: result.stderr.toString(), status: result.status ?? -1 };
}

/** sha256sum's (or b3sum's) lines for every file of `d`, in byte order of the names. */
function oracle(tool: string, cwd: string): Buffer {
  const names = readdirSync(join(cwd, 'd'), { encoding: 'buffer' }).sort(Buffer.compare);
  const list = Buffer.concat(names.map((n) => Buffer.concat([Buffer.from('d/'), n, raw(0)])));
  const result = spawnSync('bash', ['-c', `xargs -0 ${tool} --`], { cwd, input: list });
  if (result.status !== 0) throw new Error(result.stderr.toString());
  return result.stdout;
}

describe('the library: names that are not UTF-8 and their U+FFFD twin', () => {
  it('readFiles and hashFiles yield both twins, with their own bytes; pathBytes gives each name back', async () => {
    const top = makeTree();
    const read = await collect(readFiles('d', { cwd: top, jobs: 1 }));
    expect(read.every((r) => r.ok)).toBe(true);
    const byName = new Map(read.map((r) => [pathBytes(r.path).toString('hex'), r.ok ? r.data.toString() : '']));
    const expected = new Map(NAMES.map((n, i) => [Buffer.concat([Buffer.from('d/'), n]).toString('hex'), `content ${i}\n`.repeat(i + 40)]));
    expect(byName).toEqual(expected);
    const hashed = await collect(hashFiles('d', { cwd: top, jobs: 2 }));
    expect(hashed.map((h) => h.ok && pathBytes(h.path).toString('hex')).sort()).toEqual([...expected.keys()].sort());
    // a glob pattern too (fast-glob lists through glob-fs.ts): both twins, each with its own bytes
    const globbed = await collect(readFiles('d/f*', { cwd: top, jobs: 1 }));
    const twins = [expected.get('642f66ff2e74'), expected.get('642f66efbfbd2e74')];
    expect(globbed.map((r) => (r.ok ? r.data.toString() : r.error.code)).sort()).toEqual(twins.sort());
  });

  it('compressFiles then decompressFiles round trip every name; the outputs are the names plus .gz', async () => {
    const top = makeTree();
    const before = contents(join(top, 'd'));
    const packed = await collect(compressFiles('d', { cwd: top, jobs: 2, remove: true, minRatio: 1 }));
    expect(packed.map((r) => r.status)).toEqual(NAMES.map(() => 'ok'));
    const gz = [...contents(join(top, 'd')).keys()].sort();
    expect(gz).toEqual([...before.keys()].map((k) => k + Buffer.from('.gz').toString('hex')).sort());
    const unpacked = await collect(decompressFiles('d', { cwd: top, jobs: 2, remove: true }));
    expect(unpacked.map((r) => r.status)).toEqual(NAMES.map(() => 'ok'));
    expect(contents(join(top, 'd'))).toEqual(before);
  });

  it.skipIf(!hasTool('sha256sum'))("verify reads sha256sum's lines back under their bytes", async () => {
    const top = makeTree();
    writeFileSync(join(top, 'SUMS'), oracle('sha256sum', top));
    const report = await verify(join(top, 'SUMS'), { cwd: top, jobs: 1 });
    expect(report.files.map((f) => f.status)).toEqual(NAMES.map(() => 'ok'));
    expect(report.ok).toBe(true);
  });
});

describe('the CLI: byte-identical to sha256sum, and each reads the other', () => {
  it.skipIf(!hasTool('sha256sum'))('pario hash = sha256sum; sha256sum -c and pario check read each other; audit sees an added name', () => {
    const top = makeTree();
    const ours = pario(['hash', 'd'], top);
    expect(ours.stderr).toBe('');
    expect(ours.stdout.equals(oracle('sha256sum', top))).toBe(true);
    writeFileSync(join(top, 'ours.sums'), ours.stdout);
    expect(spawnSync('sha256sum', ['-c', 'ours.sums'], { cwd: top }).status).toBe(0);
    writeFileSync(join(top, 'theirs.sums'), oracle('sha256sum', top));
    const checked = pario(['check', 'theirs.sums'], top);
    expect(checked).toMatchObject({ status: 0, stderr: '' });
    expect(checked.stdout.equals(spawnSync('sha256sum', ['-c', 'theirs.sums'], { cwd: top }).stdout)).toBe(true);
    writeFileSync(Buffer.concat([Buffer.from(`${top}/d/`), raw(0x61, 0xfd)]), 'added');
    const audit = pario(['check', '--audit', 'ours.sums', 'd'], top);
    expect(audit.status).toBe(1);
    expect(audit.stdout.includes(Buffer.concat([Buffer.from('d/'), raw(0x61, 0xfd), Buffer.from(': ADDED\n')]))).toBe(true);
    expect(audit.stderr).toContain('1 added, 0 changed, 0 missing');
  });

  it('a name given on the command line is taken with its bytes: hash, compress -c, a missing one quoted as coreutils', () => {
    const top = makeTree();
    const named = Buffer.concat([Buffer.from('d/'), raw(0x66, 0xff, 0x2e, 0x74)]);
    const line = pario(['hash', named], top);
    expect(line.status).toBe(0);
    expect(line.stdout.subarray(66)).toEqual(Buffer.concat([named, raw(0x0a)]));
    const gz = pario(['compress', '-c', named], top);
    expect(gz.status).toBe(0);
    expect(spawnSync('gzip', ['-dc'], { input: gz.stdout }).stdout.toString()).toBe('content 0\n'.repeat(40));
    const missing = pario(['hash', Buffer.concat([Buffer.from('d/'), raw(0xff)])], top);
    expect(missing).toMatchObject({ status: 1, stderr: "pario: 'd/'$'\\377': No such file or directory\n" });
  });

  it('BLAKE3 lines follow b3sum: U+FFFD for the bytes, and a check of such a line fails as b3sum --check fails it', () => {
    const top = makeTree();
    const ours = pario(['hash', '-a', 'blake3', 'd'], top);
    expect(ours.status).toBe(0);
    if (hasTool('b3sum')) expect(ours.stdout.equals(oracle('b3sum', top))).toBe(true);
    expect(ours.stdout.toString().split('\n').filter((l) => l.endsWith('d/f\uFFFD.t'))).toHaveLength(2);
    writeFileSync(join(top, 'b3.sums'), ours.stdout);
    const checked = pario(['check', '-a', 'blake3', 'b3.sums'], top);
    expect(checked.status).toBe(1);
    expect(checked.stderr).toContain('U+FFFD, which b3sum writes for bytes that are not UTF-8');
    expect(checked.stdout.toString()).toContain('d/plain: OK');
  });
});
