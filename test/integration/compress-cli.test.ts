import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { tempDir } from '../helpers/temp.js';

function io(): { stdout: { write(c: string | Uint8Array): boolean; text: string }; stderr: { write(c: string | Uint8Array): boolean; text: string } } {
  const sink = () => ({ text: '', write(c: string | Uint8Array) { this.text += c.toString(); return true; } });
  return { stdout: sink(), stderr: sink() };
}

const text = Array.from({ length: 4000 }, (_, i) => `line ${i} ${(i * 7919) % 1000}\n`).join('');

describe('pario compress flags (in process)', () => {
  it('-1 and -9 pick the gzip level; --json gives one event per file and a summary', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), text);
    const fast = io();
    expect(await main(['compress', '-1', '-q', join(dir, 'a.txt')], fast)).toBe(0);
    const size1 = statSync(join(dir, 'a.txt.gz')).size;
    const best = io();
    expect(await main(['compress', '-9', '-f', '--json', join(dir, 'a.txt')], best)).toBe(0);
    const size9 = statSync(join(dir, 'a.txt.gz')).size;
    expect(size9).toBeLessThan(size1);
    expect(gunzipSync(readFileSync(join(dir, 'a.txt.gz'))).toString()).toBe(text);
    const events = best.stdout.text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ type: 'file', algorithm: 'gzip', status: 'ok', bytesIn: text.length, bytesOut: size9 });
    expect(events[1]).toMatchObject({ type: 'summary', files: 1, ok: 1, failed: 0 });
  });

  it('gzip and .zz outputs are libdeflate\'s bytes at the chosen level (the fast path runs in the pool, not only in unit tests)', async () => {
    const lib = (await import('libdeflate')) as { gzip(i: Uint8Array, l: number): Uint8Array; zlib(i: Uint8Array, l: number): Uint8Array };
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), text);
    expect(await main(['compress', '-q', '--gzip', '--deflate', '-7', join(dir, 'a.txt')], io())).toBe(0);
    expect(readFileSync(join(dir, 'a.txt.gz')).equals(Buffer.from(lib.gzip(Buffer.from(text), 7)))).toBe(true);
    expect(readFileSync(join(dir, 'a.txt.zz')).equals(Buffer.from(lib.zlib(Buffer.from(text), 7)))).toBe(true);
  });

  it('--exclude, --min-size and already-compressed skips; summary on stdout', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 't'));
    writeFileSync(join(dir, 't', 'keep.txt'), text);
    writeFileSync(join(dir, 't', 'tiny.txt'), 'x');
    writeFileSync(join(dir, 't', 'skip.log'), text);
    writeFileSync(join(dir, 't', 'photo.jpg'), text);
    const out = io();
    expect(await main(['compress', '--zstd', '--min-size', '1k', '--exclude', '*.log', join(dir, 't')], out)).toBe(0);
    expect(readdirSync(join(dir, 't')).sort()).toEqual(['keep.txt', 'keep.txt.zst', 'photo.jpg', 'skip.log', 'tiny.txt']);
    expect(out.stdout.text).toMatch(/^pario: compressed 1 of 3 files \(2 skipped\)/);
  });

  it('usage errors exit 2: a bad level, a bad size', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), text);
    expect(await main(['compress', '--level', '42', join(dir, 'a.txt')], io())).toBe(2);
    expect(await main(['compress', '--min-size', 'lots', join(dir, 'a.txt')], io())).toBe(2);
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('pario -d and pario -t imply decompress and test', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), text);
    expect(await main(['compress', '--brotli', '--brotli-quality', '4', '--rm', join(dir, 'a.txt')], io())).toBe(0);
    expect(readdirSync(dir)).toEqual(['a.txt.br']);
    expect(await main(['-t', join(dir, 'a.txt.br')], io())).toBe(0);
    expect(await main(['-d', join(dir, 'a.txt.br')], io())).toBe(0);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe(text);
  });
});

describe('a file whose size says 0 but which has content (/proc)', () => {
  it.skipIf(!existsSync('/proc/self/mountinfo'))('is a per-file failure, never an empty output; a real empty file still compresses', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty'), '');
    const out = join(dir, 'out');
    const run = io();
    expect(await main(['compress', '-q', '-o', out, '/proc/self/mountinfo', join(dir, 'empty')], run)).toBe(1);
    expect(run.stderr.text).toContain('/proc/self/mountinfo');
    expect(run.stderr.text).toContain('fstat says 0 bytes but the file has content');
    expect(readdirSync(out, { recursive: true }).filter((name) => String(name).endsWith('.gz')).map(String)).toEqual([join(dir, 'empty.gz').slice(1)]);
    const single = io();
    expect(await main(['compress', '-c', '/proc/self/mountinfo'], single)).toBe(1);
    expect(single.stdout.text).toBe('');
    expect(single.stderr.text).toContain('fstat says 0 bytes but the file has content');
  });
});
