import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { has } from '../helpers/oracle.js';
import { BIN } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp.js';

/** Runs the CLI with stdout and stderr on a real pseudo-terminal (util-linux `script`); returns what the terminal got. */
function onTerminal(args: readonly string[], cwd: string): Promise<string> {
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, BIN, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (c: Buffer) => (text += c.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(text));
  });
}

/** The progress frames drawn (cli-progress moves to column 1 for each), without escape sequences. */
function frames(text: string): string[] {
  return text.split('\x1b[1G').slice(1).filter((f) => !f.startsWith('\x1b[2K')).map((f) => f.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]|\r|\n.*/gs, '')).filter((f) => f.includes(' files'));
}

const ERASED = '\x1b[1G\x1b[2K'; // how the line goes for good, before the summary

function tree(): string {
  const dir = tempDir();
  for (let i = 0; i < 3; i += 1) writeFileSync(join(dir, `f${i}.txt`), `file ${i}\n`.repeat(1000 * (i + 1)));
  return dir;
}

describe.skipIf(!has('script'))('the progress line on a real terminal', () => {
  it('check: drawn with its total, 100% at the end, erased before each line and before the summary', async () => {
    const dir = tree();
    writeFileSync(join(dir, 'SUMS'), (await runCli(['hash', 'f0.txt', 'f1.txt', 'f2.txt'], { cwd: dir })).stdout);
    const text = await onTerminal(['check', 'SUMS'], dir);
    expect(frames(text)).toContain(`${'█'.repeat(16)} 100% · 3/3 files · ${frames(text).at(-1)?.split(' · ')[2] ?? ''} · ${frames(text).at(-1)?.split(' · ')[3] ?? ''}`);
    for (const name of ['f0.txt', 'f1.txt', 'f2.txt']) expect(text).toContain(`\r\x1b[K${name}: OK\r\n`);
    // After the line is erased for good, nothing but the last OK line may follow.
    const end = text.lastIndexOf(ERASED);
    expect(end).toBeGreaterThan(0);
    expect(frames(text.slice(end))).toEqual([]);
  });

  it('compress: files done of the total and the bytes; a failure\'s message and the summary come on a clean line', async () => {
    const dir = tree();
    const text = await onTerminal(['compress', '.', 'missing.txt'], dir);
    const last = frames(text).at(-1) ?? '';
    expect(last).toMatch(/(^|% · )[34]\/4\+? files · [\d.]+ (B|KiB)(\/[\d.]+ (B|KiB))? → [\d.]+ (B|KiB) · [\d.]+ MiB\/s · 1 failed/);
    expect(text).toMatch(/\r\x1b\[Kpario: missing\.txt: [^\r\n\x1b]+\r\n/);
    expect(text).toContain(`${ERASED}pario: compressed 3 of 4 files (1 failed)`);
  });

  it('hash: drawn while it works; the digests on the same terminal start on a clean line', async () => {
    const dir = tree();
    const text = await onTerminal(['hash', '.'], dir);
    expect(frames(text).at(-1)).toMatch(/3\/3\+? files · /);
    expect(text).toMatch(/(\r\x1b\[K|\x1b\[1G\x1b\[2K)[0-9a-f]{64} {2}f0\.txt\r\n/);
  });

  for (const flag of ['-q', '--json', '--no-progress']) {
    it(`never with ${flag}`, async () => {
      const text = await onTerminal(['hash', flag, '.'], tree());
      expect(text).not.toContain('\x1b');
      expect(text).toContain('f2.txt');
    });
  }

  it('never when stderr is piped', async () => {
    const run = await runCli(['compress', '.'], { cwd: tree() });
    expect(run.stderr).toBe('');
    expect(run.stdout.toString()).not.toContain('\x1b');
  });
});
