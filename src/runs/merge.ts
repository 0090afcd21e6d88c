import { readFile } from 'node:fs/promises';
import { ParioError } from '../errors.js';
import { formatManifest, parseManifest } from './manifest.js';
import { compareNames } from '../planner/walk.js';
import { ManifestEntries } from './manifest-entries.js';
import type { Manifest } from './manifest.js';

/**
 * Merges the manifests of sharded runs (`--shard K/N` on N machines) into one, as an unsharded run would have
 * written it. A path in two inputs means the shards overlapped: that is an error, never a silent pick.
 */
export async function mergeManifests(paths: readonly string[]): Promise<string> {
  const merged = new ManifestEntries();
  const from = new Map<string, string>();
  let command: string | undefined;
  // The folder the shares ran in, when they all say the same (their relative paths are relative to it).
  const folders = new Set<string | undefined>();
  for (const path of paths) {
    const manifest: Manifest = parseManifest(path, await readText(path));
    folders.add(manifest.cwd);
    if (command !== undefined && manifest.command !== command) {
      const why = `${path}: a manifest of \`pario ${manifest.command}\` cannot be merged with ones of \`pario ${command}\``;
      throw new ParioError('ERR_PARIO_MANIFEST', why);
    }
    command = manifest.command;
    for (const [name, text] of manifest.entries.allTexts()) {
      const first = from.get(name);
      if (first !== undefined) throw new ParioError('ERR_PARIO_DUPLICATE', `${JSON.stringify(name)} is in both ${first} and ${path}`);
      from.set(name, path);
      merged.setText(name, text);
    }
  }
  const [cwd] = folders.size === 1 ? folders : [undefined];
  return formatManifest({ command: command ?? 'hash', cwd, entries: merged });
}

/** Checksum lines from several files, sorted by the path each names; a path named twice is an error. */
export async function mergeChecksumLines(paths: readonly string[], pathOf: (line: string) => string | undefined): Promise<string> {
  const lines: { name: string; line: string }[] = [];
  const from = new Map<string, string>();
  for (const path of paths) {
    for (const line of (await readText(path)).split('\n')) {
      if (line === '') continue;
      const name = pathOf(line);
      if (name === undefined) {
        throw new ParioError('ERR_PARIO_MALFORMED', `${path}: not a checksum line: ${JSON.stringify(line.slice(0, 80))}`);
      }
      const first = from.get(name);
      if (first !== undefined) throw new ParioError('ERR_PARIO_DUPLICATE', `${JSON.stringify(name)} is in both ${first} and ${path}`);
      from.set(name, path);
      lines.push({ name, line });
    }
  }
  lines.sort((a, b) => compareNames(a.name, b.name));
  return lines.map((l) => `${l.line}\n`).join('');
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new ParioError('ERR_PARIO_MANIFEST', `${path}: ${(error as Error).message}`);
  }
}
