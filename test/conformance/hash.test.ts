// The digest cases of ../shared/conformance: BLAKE3's test_vectors.json (inputs of byte i % 251; the hash is the first
// 32 bytes of the extended output) and coreutils' NIST SHA-1 vectors, hashed through the library and checked back.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashFiles, verify } from '../../src/index.js';
import { CONFORMANCE, conformanceManifest } from '../helpers/conformance.js';
import { collect, tempDir } from '../helpers/temp.js';
import { runCli } from '../helpers/cli.js';

interface Blake3Case { readonly input_len: number; readonly hash: string }
const vectors = (JSON.parse(readFileSync(join(CONFORMANCE, 'blake3', 'test_vectors.json'), 'utf8')) as { cases: Blake3Case[] }).cases;
const sha1 = conformanceManifest()['sha1vec'] as [string, string][];

describe(`BLAKE3 test_vectors.json: ${vectors.length} inputs`, () => {
  const dir = tempDir('pario-blake3-vectors-');
  const name = (length: number): string => `len-${String(length).padStart(6, '0')}`;
  const input = (length: number): Buffer => Buffer.from(Array.from({ length }, (_, i) => i % 251));
  for (const { input_len: length } of vectors) writeFileSync(join(dir, name(length)), input(length));

  it('hashFiles gives the first 32 bytes of each extended output', async () => {
    const results = await collect(hashFiles('.', { cwd: dir, algorithms: ['blake3'] }));
    expect(results.map((r) => (r.ok ? [r.path, r.digests.blake3] : [r.path, r.error.code]))).toEqual(
      [...vectors].sort((a, b) => a.input_len - b.input_len).map((v) => [name(v.input_len), v.hash.slice(0, 64)]));
  });

  it('pario check verifies b3sum lines made from the vectors', async () => {
    writeFileSync(join(dir, '..', 'B3SUMS'), vectors.map((v) => `${v.hash.slice(0, 64)}  ${name(v.input_len)}\n`).join(''));
    const report = await verify(join(dir, '..', 'B3SUMS'), { cwd: dir });
    expect([report.ok, report.files.length, report.files.filter((f) => f.algorithm !== 'blake3')]).toEqual([true, vectors.length, []]);
  });
});

describe(`coreutils' NIST SHA-1 vectors: ${sha1.length} files`, () => {
  it('hashFiles gives each listed digest', async () => {
    const results = await collect(hashFiles(sha1.map(([file]) => file), { cwd: join(CONFORMANCE, 'coreutils'), algorithms: 'sha1' }));
    const expected = [...sha1].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    expect(results.map((r) => (r.ok ? [r.path, r.digests.sha1] : [r.path, r.error.code]))).toEqual(expected);
  });

  it('pario check verifies them from a sha1sum list, and says FAILED for a wrong one (one spawn)', async () => {
    const wrong = (digest: string): string => digest.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const lines = sha1.map(([file, digest], i) => `${i === 7 ? wrong(digest) : digest}  ${file}\n`).join('');
    const run = await runCli(['check', '-'], { cwd: join(CONFORMANCE, 'coreutils'), input: lines });
    expect(run.code).toBe(1);
    expect(run.stdout.toString().split('\n').filter((l) => !l.endsWith(': OK'))).toEqual([`${sha1[7]?.[0]}: FAILED`, '']);
    expect(run.stderr).toBe('pario: WARNING: 1 computed checksum did NOT match\n');
  });
});
