// A manifest keys files by the names its run gave them (relative to the run's folder, or absolute) and records that
// folder: a rerun that names the same files another way finds their entries, outputs named as it names files.
import { describe, expect, it } from 'vitest';
import { ManifestBuilder } from '../../src/runs/incremental.js';
import { ManifestEntries, formatManifest, parseManifest } from '../../src/runs/manifest.js';
import { mergeManifests } from '../../src/runs/merge.js';
import { outputName, previousEntry } from '../../src/runs/previous.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp.js';

const stat = { size: 4, mtimeNs: '5', mtimeMs: 0, ino: 6 };
const gz = (path: string) => ({ path, ino: 9, size: 30 });

function manifestOf(cwd: string | undefined, name: string, output: string) {
  const builder = new ManifestBuilder(cwd);
  builder.record({ path: name, abs: '/unused', index: 0, stat }, { outputs: [gz(output)] });
  return parseManifest('m', formatManifest(builder.manifest('compress')));
}

describe('manifest names', () => {
  it('records the run folder in its header, which reads back (and is left out when unknown)', () => {
    const text = formatManifest(new ManifestBuilder('/srv/d "q"').manifest('hash'));
    expect(text).toBe('{"kind":"pario-manifest","version":1,"command":"hash","cwd":"/srv/d \\"q\\"","entries":{\n}}\n');
    expect(parseManifest('m', text).cwd).toBe('/srv/d "q"');
    expect(formatManifest(new ManifestBuilder().manifest('hash'))).not.toContain('cwd');
    expect(() => parseManifest('m', '{"kind":"pario-manifest","version":1,"command":"hash","cwd":7,"entries":{}}')).toThrow(/corrupt/);
  });

  it('an output is named as its input: relative to the run folder, or absolute', () => {
    expect(outputName('logs/a.txt', '/srv', '/srv/logs/a.txt.gz')).toBe('logs/a.txt.gz');
    expect(outputName('/srv/logs/a.txt', '/home/u', '/srv/logs/a.txt.gz')).toBe('/srv/logs/a.txt.gz');
  });

  it('a file named another way finds its entry, with the outputs renamed to the new form', () => {
    const relative = manifestOf('/srv', 'logs/a.txt', 'logs/a.txt.gz');
    // Same name: the stored entry as it is.
    expect(previousEntry(relative, { path: 'logs/a.txt', abs: '/srv/logs/a.txt' }, '/srv')?.outputs).toEqual([gz('logs/a.txt.gz')]);
    // Absolute now, from any folder.
    const absolute = previousEntry(relative, { path: '/srv/logs/a.txt', abs: '/srv/logs/a.txt' }, '/home/u');
    expect(absolute).toEqual({ size: 4, mtimeNs: '5', ino: 6, outputs: [gz('/srv/logs/a.txt.gz')] });
    // Relative to another folder.
    const other = previousEntry(relative, { path: 'srv/logs/a.txt', abs: '/srv/logs/a.txt' }, '/');
    expect(other?.outputs).toEqual([gz('srv/logs/a.txt.gz')]);
    // From absolute back to relative.
    const fromAbsolute = manifestOf('/home/u', '/srv/logs/a.txt', '/srv/logs/a.txt.gz');
    expect(previousEntry(fromAbsolute, { path: 'logs/a.txt', abs: '/srv/logs/a.txt' }, '/srv')?.outputs).toEqual([gz('logs/a.txt.gz')]);
    // Another file is not found.
    expect(previousEntry(relative, { path: '/srv/logs/b.txt', abs: '/srv/logs/b.txt' }, '/srv')).toBeUndefined();
  });

  it('an absolute name with outputs recorded relative to its run\'s folder (older versions) gets them named absolutely', () => {
    const older = manifestOf('/srv', '/srv/logs/a.txt', 'logs/a.txt.gz');
    const from = previousEntry(older, { path: '/srv/logs/a.txt', abs: '/srv/logs/a.txt' }, '/root');
    expect(from?.outputs).toEqual([gz('/srv/logs/a.txt.gz')]);
  });

  it('a manifest written from / finds its relative names when they are given absolutely', () => {
    const fromRoot = manifestOf('/', 'srv/logs/a.txt', 'srv/logs/a.txt.gz');
    const entry = previousEntry(fromRoot, { path: '/srv/logs/a.txt', abs: '/srv/logs/a.txt' }, '/root');
    expect(entry?.outputs).toEqual([gz('/srv/logs/a.txt.gz')]);
  });

  it('an output name keeps a `..` after a link (the kernel resolves it there)', () => {
    expect(outputName('link/../f', '/w', '/w/link/../f.gz')).toBe('link/../f.gz');
  });

  it('a manifest of an older version (no folder) is taken as written from the current folder', () => {
    const old = manifestOf(undefined, 'logs/a.txt', 'logs/a.txt.gz');
    expect(old.cwd).toBeUndefined();
    expect(previousEntry(old, { path: '/srv/logs/a.txt', abs: '/srv/logs/a.txt' }, '/srv')?.outputs).toEqual([gz('/srv/logs/a.txt.gz')]);
  });

  it('merging keeps the folder the shares agree on, and drops it when they do not', async () => {
    const dir = tempDir();
    const write = (name: string, cwd: string, path: string): string => {
      const entries = new ManifestEntries().set(path, { size: 1, mtimeNs: '2', ino: 3 });
      writeFileSync(join(dir, name), formatManifest({ command: 'hash', cwd, entries }));
      return join(dir, name);
    };
    const [a, b, c] = [write('a', '/srv', 'x'), write('b', '/srv', 'y'), write('c', '/mnt', 'z')];
    expect(parseManifest('m', await mergeManifests([a, b])).cwd).toBe('/srv');
    expect(parseManifest('m', await mergeManifests([a, b, c])).cwd).toBeUndefined();
  });
});
