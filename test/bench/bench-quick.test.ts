import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Runs the built benchmark in --quick mode (tiny corpora, one run per tool) so `npm run bench` never rots:
// every case must run, and every output it checks (gzip -t, zstd -t, brotli -t, round trips, digests) must be valid.
const MAIN = fileURLToPath(new URL('../../bench/main.js', import.meta.url));
const SYSTEM_TOOLS = ['pigz', 'gzip', 'zstd', 'brotli', 'sha256sum', 'b3sum', 'xxhsum', 'hashdeep'];

interface Result {
  id: string;
  entries: { tool: string; status: string; reason?: string }[];
}

describe('npm run bench -- --quick', () => {
  it('runs every case and every output is valid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pario-bench-quick-'));
    try {
      const json = join(dir, 'results.json');
      const r = spawnSync(process.execPath, [MAIN, '--quick', '--json', json], { encoding: 'utf8', timeout: 170_000 });
      expect(r.stderr).toContain('--quick: all');
      expect(r.status).toBe(0);
      const { results } = JSON.parse(readFileSync(json, 'utf8')) as { results: Result[] };
      const groups = new Set(results.map((x) => x.id.split('/')[0]));
      const all = [
        'blocks', 'build', 'compress-big', 'compress-many', 'decompress', 'growth', 'hash', 'map', 'mixed', 'pool', 'read', 'real',
        'rerun', 'scaling',
      ];
      expect([...groups].sort()).toEqual(all);
      for (const result of results) {
        expect(result.entries.filter((e) => e.status === 'failed')).toEqual([]);
        expect(result.entries.some((e) => e.status === 'ok')).toBe(true);
        if (process.env['CI'] !== undefined) {
          // In CI the oracle tools are installed: a peer skipped for a missing system tool is a failure.
          const notFound = (reason: string): boolean =>
            reason.includes('not found on PATH') && SYSTEM_TOOLS.some((t) => reason.includes(t));
          const missing = result.entries.filter((e) => e.status === 'skipped' && notFound(e.reason ?? ''));
          expect(missing).toEqual([]);
        }
      }
      expect(r.stdout).toContain('## compress-many/gzip-6');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
