import { ParioError } from '../errors.js';
import { readWhole } from '../read/whole.js';
import type { OutputId } from '../../workers/file-protocol.js';
import { writeAtomic } from './atomic.js';
import { ManifestEntries, validEntry } from './manifest-entries.js';
import { LineReader, manifestChunks } from './manifest-lines.js';

export { ManifestEntries } from './manifest-entries.js';

/** An output pario wrote: its path (relative to the run's folder), and the inode and size its rename left there. */
export interface ManifestOutput {
  readonly path: string;
  readonly ino: number;
  readonly size: number;
}

/** What pario remembers of one input between runs. */
export interface ManifestEntry {
  readonly size: number;
  /** Nanoseconds since the epoch, as a decimal string (too big for a JSON number). */
  readonly mtimeNs: string;
  readonly ino: number;
  /** Hex digests by algorithm, over the raw bytes (never a text decoding of them). */
  readonly digests?: Readonly<Record<string, string>>;
  /**
   * Outputs pario wrote for it, relative to the run's folder, with the inode and size of the file written (a bare
   * path in manifests of older versions: such an output is never replaced without -f).
   */
  readonly outputs?: readonly (ManifestOutput | string)[];
}

export interface Manifest {
  readonly command: string;
  /**
   * The absolute folder the run that wrote it stood in: its relative paths are relative to it. A rerun that names the
   * same files another way (absolute instead of relative, from another folder) finds their entries through it
   * (previous.ts). Absent in manifests of older versions.
   */
  readonly cwd?: string | undefined;
  readonly entries: ManifestEntries;
}

const KIND = 'pario-manifest';
const VERSION = 1;

export class ManifestError extends ParioError {
  constructor(readonly manifestPath: string, reason: string) {
    super('ERR_PARIO_MANIFEST', `${manifestPath}: ${reason}`);
  }
}

/**
 * Reads a manifest; a missing file is an empty one (the first run); anything not pario's is an error naming the file.
 * A manifest is a regular file: a FIFO, a device or a folder is refused (it could block the run, or never be replaced).
 * pario's own layout (one entry a line, see manifest-lines.ts) is read line by line, its entries kept in its bytes; any
 * other JSON layout of the same content (a manifest of an older pario, pretty-printed) is parsed whole.
 */
export async function loadManifest(path: string, command: string): Promise<Manifest> {
  let parsed: Manifest;
  try {
    parsed = await readManifest(path);
  } catch (error) {
    if (error instanceof ManifestError) throw error;
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') return { command, entries: new ManifestEntries() };
    const kind = e.code === 'ERR_NOT_REGULAR_FILE' || e.code === 'EISDIR';
    const reason = kind ? `${e.message.replace(/^I/, 'i')}; a manifest must be a regular file` : e.message;
    throw new ManifestError(path, `cannot read the manifest: ${reason}`);
  }
  if (parsed.command !== command) {
    throw new ManifestError(path, `this manifest belongs to \`pario ${parsed.command}\`, not \`pario ${command}\``);
  }
  return parsed;
}

/**
 * Read into one buffer (one read of its size, no pieces joined: a 154 MB manifest was held twice while it was read),
 * where its entries stay (manifest-table.ts; lines found with indexOf, not split). A file too big for the table's
 * offsets keeps its entries as texts.
 */
async function readManifest(path: string): Promise<Manifest> {
  const bytes = await readWhole(path, { regularOnly: true });
  const reader = new LineReader(bytes.length <= MAX_TABLE_BYTES ? bytes : undefined);
  let ok = true;
  for (let at = 0; ok && at < bytes.length;) {
    let end = bytes.indexOf(0x0a, at);
    if (end < 0) end = bytes.length;
    ok = reader.line(bytes.toString('utf8', at, end), at);
    at = end + 1;
  }
  const done = ok ? reader.finish() : undefined;
  return done ?? parseWhole(path, bytes.toString('utf8'));
}
const MAX_TABLE_BYTES = 2 ** 32 - 1;

/** A manifest's text: pario's line layout read line by line, any other JSON layout parsed whole (and checked). */
export function parseManifest(path: string, text: string): Manifest {
  const reader = new LineReader();
  let ok = true;
  for (let at = 0; ok && at < text.length;) {
    const end = text.indexOf('\n', at);
    ok = reader.line(text.slice(at, end < 0 ? text.length : end));
    at = end < 0 ? text.length : end + 1;
  }
  const done = ok ? reader.finish() : undefined;
  return done ?? parseWhole(path, text);
}

function parseWhole(path: string, text: string): Manifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ManifestError(path, 'not a pario manifest (not valid JSON; corrupt or foreign file)');
  }
  const d = data as { kind?: unknown; version?: unknown; command?: unknown; entries?: unknown };
  if (typeof d !== 'object' || d === null || d.kind !== KIND) throw new ManifestError(path, `not a pario manifest (no "kind": "${KIND}")`);
  if (d.version !== VERSION) {
    throw new ManifestError(path, `manifest version ${String(d.version)} is not supported (this pario reads version ${VERSION})`);
  }
  if (typeof d.command !== 'string' || typeof d.entries !== 'object' || d.entries === null) {
    throw new ManifestError(path, 'corrupt manifest (no command or entries)');
  }
  const cwd = (data as { cwd?: unknown }).cwd;
  if (cwd !== undefined && (typeof cwd !== 'string' || !cwd.startsWith('/'))) throw new ManifestError(path, 'corrupt manifest (cwd)');
  const entries = new ManifestEntries();
  for (const [name, entry] of Object.entries(d.entries as Record<string, unknown>)) {
    if (!validEntry(entry)) throw new ManifestError(path, `corrupt manifest entry for ${JSON.stringify(name)}`);
    entries.set(name, entry);
  }
  return { command: d.command, ...(cwd === undefined ? {} : { cwd }), entries };
}

/** The manifest as text (see manifestChunks). */
export function formatManifest(manifest: Manifest): string {
  return Buffer.concat([...manifestChunks(manifest)]).toString('utf8');
}

/** Written atomically, a piece at a time (never the whole text at once). */
export async function saveManifest(path: string, manifest: Manifest): Promise<void> {
  await writeAtomic(path, manifestChunks(manifest));
}

/** A recorded output's path, and which file pario wrote there when the manifest says so. */
export function manifestOutput(output: ManifestOutput | string): { path: string; id?: OutputId } {
  if (typeof output === 'string') return { path: output };
  const ok = typeof output.ino === 'number' && typeof output.size === 'number';
  return ok ? { path: output.path, id: { ino: output.ino, size: output.size } } : { path: output.path };
}

/** Same size, mtime (ns) and inode: the file is taken as unchanged and not read again. */
export function isUnchanged(entry: ManifestEntry | undefined, stat: { size: number; mtimeNs: string; ino: number } | undefined): boolean {
  return entry !== undefined && stat !== undefined
    && entry.size === stat.size && entry.mtimeNs === stat.mtimeNs && entry.ino === stat.ino;
}

