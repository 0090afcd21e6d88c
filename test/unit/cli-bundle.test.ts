// The CLI runs from the build's one-module bundle (tools/bundle-cli.mjs): it must stand alone, naming only Node's
// built-ins and the packages an install of pario brings (a devDependency would be missing from a user's install).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/paths.js';

const BUNDLE = join(ROOT, 'dist', 'src', 'cli-bundle');

/** Every module specifier of the bundle: static imports, re-exports and import() calls. */
function specifiers(text: string): string[] {
  const found = [
    ...text.matchAll(/^(?:import|export)\b[^'"`;]*?from\s*["']([^"']+)["']/gm),
    ...text.matchAll(/^import\s*["']([^"']+)["']/gm),
    ...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
    ...text.matchAll(/\bcreateRequire\(import\.meta\.url\)\(\s*["']([^"']+)["']\s*\)/g),
    ...text.matchAll(/\bzstdNapi\(\s*["']([^"']+)["']\s*\)/g), // the one loader of zstd-napi (workers/zstd-choice.ts)
  ];
  return [...new Set(found.map((m) => m[1] as string))];
}

describe('the bundled CLI', () => {
  it('is one module that imports only node: built-ins and pario\'s own dependencies', () => {
    expect(readdirSync(BUNDLE)).toEqual(['entry.js']);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    const installed = new Set([...Object.keys(pkg['dependencies'] ?? {}), ...Object.keys(pkg['optionalDependencies'] ?? {})]);
    const packageOf = (name: string): string => name.split('/').slice(0, name.startsWith('@') ? 2 : 1).join('/');
    const names = specifiers(readFileSync(join(BUNDLE, 'entry.js'), 'utf8'));
    expect(names).toContain('piscina');
    expect(names).toContain('zstd-napi'); // through createRequire: those are read too
    const own = (name: string): boolean => name === '../../../package.json'; // pario's package.json, from dist/src/*/
    const foreign = names.filter((name) => !name.startsWith('node:') && !installed.has(packageOf(name)) && !own(name));
    expect(foreign).toEqual([]);
  });

  it('is what bin.js runs: of pario\'s modules the main thread loads bin.js, compile-cache.js and the bundle', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pario-bundle-'));
    try {
      // An ES module resolve hook that lists every file: URL loaded (Node >= 20.6: module.register).
      const log = join(dir, 'loaded.txt');
      writeFileSync(join(dir, 'hooks.mjs'), `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const found = await next(specifier, context);
  if (found.url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, found.url + '\\n');
  return found;
}\n`);
      const hooks = JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href);
      writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${hooks});\n`);
      const input = join(dir, 'a.txt');
      writeFileSync(input, 'abc');
      const args = ['--import', pathToFileURL(join(dir, 'register.mjs')).href, BIN, 'hash', input];
      const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(`ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  ${input}\n`);
      const src = pathToFileURL(join(ROOT, 'dist', 'src')).href + '/';
      const loaded = readFileSync(log, 'utf8').split('\n').filter((url) => url.startsWith(src));
      const own = [...new Set(loaded)].map((url) => url.slice(src.length));
      expect(own.sort()).toEqual(['cli-bundle/entry.js', 'cli/bin.js', 'cli/compile-cache.js']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
