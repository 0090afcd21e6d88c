// Folder handles of one run: opened when first needed, shared by every task that names a file in them, closed only
// once no task uses them. A handle whose tasks have settled stays open (for the next batch) within a budget, least
// recently used first out; a closed one is opened again through its parent, and must then be the very folder it was
// (same device and inode), so a folder moved or replaced by a link during the run is refused, never followed.
import { closeDir, makeDirAt, notAFolder, openDirAt } from '../../workers/dir-open.js';
import type { DirRef } from '../../workers/file-protocol.js';
import { FOLDER_MOVED } from '../../workers/file-protocol.js';
import { openFileLimit } from '../limits.js';
import { handleBudget } from './fd-budget.js';

/** One folder of the tree: its parent and name (a root has a path), its identity once opened, and its handle. */
export class DirNode {
  fd = -1;
  dev = -1;
  ino = -1;
  /** Tasks (and walk steps) using the handle now: while any does, it stays open. */
  users = 0;
  ref: DirRef | undefined;
  opening: Promise<void> | undefined;
  /** The walk listed it (and told of the temp files in it). */
  listed = false;

  constructor(
    /** The run's table this folder's handle belongs to. */
    readonly table: DirTable,
    readonly parent: DirNode | null,
    /** The name in the parent, or the path of a root (a folder named on the command line, as the user named it). */
    readonly name: string,
    /** As pario prints it. */
    readonly path: string,
    /** Open through a link at the name (a root, or --follow); otherwise a link there is refused. */
    readonly follow: boolean,
    /** Make the folder when it is missing (the mirrored folders under -o). */
    readonly create = false,
  ) {}
}

export class DirTable {
  /** Open handles no task uses, least recently used first. */
  private readonly idle = new Set<DirNode>();
  private readonly open = new Set<DirNode>();
  private closed = false;
  private drained: (() => void) | undefined;
  /** Handles held by running tasks (released when they settle): out of descriptors, an open waits for one. */
  private running = 0;
  /** Opens in flight: close() waits for them too (one finishing after the end closes its handle at once). */
  private opening = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly budget: number = handleBudget().idle) {}

  root(path: string): DirNode {
    return new DirNode(this, null, path, path, true);
  }

  child(parent: DirNode, name: string, follow: boolean, create = false): DirNode {
    return new DirNode(this, parent, name, parent.path.endsWith('/') ? parent.path + name : `${parent.path}/${name}`, follow, create);
  }

  /** The node's handle, opened (or opened again) if needed; it stays open until release(). */
  async acquire(node: DirNode): Promise<DirRef> {
    if (this.closed) throw Object.assign(new Error('the run has ended'), { code: 'ERR_PARIO_ENDED' });
    node.users += 1;
    this.idle.delete(node);
    try {
      if (node.ref === undefined) await (node.opening ??= this.openNode(node).finally(() => (node.opening = undefined)));
      return node.ref as unknown as DirRef;
    } catch (error) {
      this.release(node);
      throw error;
    }
  }

  release(node: DirNode): void {
    node.users -= 1;
    if (node.users > 0 || node.ref === undefined) return;
    if (this.closed) {
      this.closeNode(node);
      return;
    }
    this.idle.add(node);
    this.trim(this.budget);
  }

  /** Releases `nodes` once `settled` resolves (a task's promise, or the exit of the threads that ran it). */
  releaseAfter(nodes: readonly DirNode[], settled: Promise<unknown>): void {
    this.running += nodes.length;
    void settled.then(() => undefined, () => undefined).then(() => {
      this.running -= nodes.length;
      for (const node of nodes) this.release(node);
      for (const wake of this.waiting.splice(0)) wake();
    });
  }

  /**
   * Ends the run: no folder is opened any more, the unused handles close now and the others as soon as their last
   * task settles. Resolves when every handle is closed (await it only once the tasks can settle: after the pool's
   * destroy(), or when nothing is in flight).
   */
  close(): Promise<void> {
    this.closed = true;
    for (const node of this.idle) this.closeNode(node);
    if (this.open.size === 0 && this.opening === 0) return Promise.resolve();
    return new Promise<void>((resolve) => (this.drained = resolve));
  }

  /** Handles open now (tests, and the fd budget). */
  get openCount(): number {
    return this.open.size;
  }

  private async openNode(node: DirNode): Promise<void> {
    this.opening += 1;
    try {
      await this.openThrough(node);
    } finally {
      this.opening -= 1;
      this.checkDrained();
    }
  }

  private async openThrough(node: DirNode): Promise<void> {
    const parent = node.parent === null ? null : await this.acquire(node.parent);
    try {
      if (node.create && parent !== null) await makeDirAt(parent, node.name);
      const opened = await this.withRoom(() => openDirAt(parent, node.name, node.follow));
      if (node.dev >= 0 && (opened.dev !== node.dev || opened.ino !== node.ino)) {
        closeDir(opened.fd);
        const message = `folder ${node.path} was moved or replaced during the run; nothing done in it`;
        throw Object.assign(new Error(message), { code: FOLDER_MOVED });
      }
      if (this.closed) {
        closeDir(opened.fd);
        throw Object.assign(new Error('the run has ended'), { code: 'ERR_PARIO_ENDED' });
      }
      node.fd = opened.fd;
      node.dev = opened.dev;
      node.ino = opened.ino;
      node.ref = { fd: opened.fd, path: node.path, dev: opened.dev, ino: opened.ino };
      this.open.add(node);
    } catch (error) {
      if (node.create && notAFolder(error)) throw notMade(node);
      throw error;
    } finally {
      if (node.parent !== null) this.release(node.parent);
    }
  }

  /**
   * Runs an open. Out of descriptors, it closes every idle handle and tries again, then waits for running tasks to
   * give theirs back (a small `ulimit -n` makes the run slower, not broken); with none running, it says what to do.
   */
  private async withRoom<T>(open: () => Promise<T>): Promise<T> {
    for (let trimmed = false; ; ) {
      try {
        return await open();
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EMFILE' && code !== 'ENFILE') throw error;
        if (!trimmed || this.idle.size > 0) {
          this.trim(0);
          trimmed = true;
          continue;
        }
        if (this.running === 0 || this.closed) {
          const limit = openFileLimit();
          const now = limit === undefined ? '' : ` (ulimit -n is ${limit})`;
          const message = `too many open files${now}: raise the limit or use fewer jobs (-j)`;
          throw Object.assign(new Error(message), { code });
        }
        await new Promise<void>((wake) => this.waiting.push(wake));
      }
    }
  }

  private trim(keep: number): void {
    for (const node of this.idle) {
      if (this.open.size <= keep) break;
      this.closeNode(node);
    }
  }

  private closeNode(node: DirNode): void {
    this.idle.delete(node);
    this.open.delete(node);
    const fd = node.fd;
    node.fd = -1;
    node.ref = undefined;
    if (fd >= 0) closeDir(fd);
    this.checkDrained();
  }

  private checkDrained(): void {
    if (this.closed && this.open.size === 0 && this.opening === 0) this.drained?.();
  }
}

function notMade(node: DirNode): Error {
  const message = `${node.path} is not a folder pario made (a link or a file is in the way): refusing to write through it`;
  return Object.assign(new Error(message), { code: 'ENOTDIR' });
}
