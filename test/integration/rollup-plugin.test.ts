// pario/vite in plain Rollup: a build through the JS API, and a watch run that must let its process end.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import type { RollupLog } from 'rollup';
import { describe, expect, it } from 'vitest';
import { writeViteApp } from '../../bench/corpus/vite-app.js';
import type { pario as ParioFn } from '../../src/vite/index.js';
import { compressedOriginals, expectNoTemps, expectValidOutputs, filesUnder } from '../helpers/precompressed.js';
import { tempDir } from '../helpers/temp.js';

const CHILD = fileURLToPath(new URL('../helpers/rollup-watch-child.js', import.meta.url));

describe('pario/vite in Rollup', () => {
  it('is the package export pario/vite and compresses every chunk of a Rollup build', async () => {
    const specifier = 'pario/vite'; // through package.json "exports", as users import it
    const { pario } = (await import(specifier)) as { pario: typeof ParioFn };
    const root = tempDir('pario-rollup-');
    writeViteApp(root, 80, { css: false });
    const logs: RollupLog[] = [];
    const plugins = [pario({ jobs: 2, algorithms: ['gzip', ['brotli', 5]] })];
    const bundle = await rollup({ input: join(root, 'src', 'main.js'), plugins, onLog: (_level, log) => void logs.push(log) });
    try {
      await bundle.write({ dir: join(root, 'dist'), format: 'es' });
    } finally {
      await bundle.close();
    }
    const dist = join(root, 'dist');
    const chunks = filesUnder(dist).filter((f) => f.endsWith('.js'));
    expect(chunks.length).toBeGreaterThan(5);
    expect(compressedOriginals(dist, 'gzip')).toEqual(chunks);
    expect(compressedOriginals(dist, 'brotli')).toEqual(chunks);
    expectValidOutputs(dist, chunks, ['gzip', 'brotli']);
    expectNoTemps(dist);
    const lines = logs.filter((l) => l.plugin === 'pario').map((l) => l.message);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`✓ pario: ${chunks.length} files compressed in \\d+\\.\\d\\ds │ gzip: .* │ brotli: `));
  });

  it('in watch mode closes its pool with the watcher: the process ends by itself', () => {
    const root = tempDir('pario-rollup-watch-');
    const r = spawnSync(process.execPath, [CHILD, root], { encoding: 'utf8', timeout: 50_000 });
    expect(r.stderr).toBe('');
    expect(r.signal).toBe(null); // not killed by the timeout
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/✓ pario: \d+ files compressed in /);
    expect(compressedOriginals(join(root, 'dist'), 'brotli').length).toBe(4); // main and three routes
    expect(readdirSync(root)).not.toContain('node_modules');
  });
});
