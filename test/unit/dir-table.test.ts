// Folder handles (issue 17): opened through their parents without following links, reopened only when they are the
// very folder they were, closed once every task that names them has settled (after the threads that ran a failed task
// have exited), and never more of them kept than the budget.
import { closeSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FOLDER_MOVED } from '../../workers/file-protocol.js';
import { openInput } from '../../workers/open.js';
import { DirTable } from '../../src/planner/dir-table.js';
import { findFiles } from '../../src/planner/find.js';
import { runLeased } from '../../src/planner/leases.js';
import { fdsUnder, tempDir } from '../helpers/temp.js';

function tree(): string {
  const root = tempDir('pario-dirs-');
  for (const d of ['a', 'b', 'c', 'd', 'e']) {
    mkdirSync(join(root, d));
    writeFileSync(join(root, d, 'f'), d);
  }
  return root;
}

/** Reads a file through the ref a task would get. */
function readVia(ref: Parameters<typeof openInput>[0]): string {
  const file = openInput(ref);
  try {
    return readFileSync(file.fd, 'utf8');
  } finally {
    closeSync(file.fd);
  }
}

describe('DirTable', () => {
  it('keeps at most `budget` unused handles open and closes every one at the end', async () => {
    const root = tree();
    const dirs = new DirTable(2);
    const top = dirs.root(root);
    for (const d of ['a', 'b', 'c', 'd', 'e']) {
      const node = dirs.child(top, d, false);
      await dirs.acquire(node);
      dirs.release(node);
    }
    expect(dirs.openCount).toBeLessThanOrEqual(2);
    await dirs.close();
    expect(dirs.openCount).toBe(0);
    expect(fdsUnder(root)).toEqual([]);
  });

  it('opens a closed folder again only if it is the same one: a moved or link-swapped folder is refused', async () => {
    const root = tree();
    const dirs = new DirTable(0); // nothing kept: every release closes
    const top = dirs.root(root);
    const a = dirs.child(top, 'a', false);
    const b = dirs.child(top, 'b', false);
    await dirs.acquire(a);
    await dirs.acquire(b);
    dirs.release(a);
    dirs.release(b);
    renameSync(join(root, 'a'), join(root, 'a.old'));
    mkdirSync(join(root, 'a'));
    await expect(dirs.acquire(a)).rejects.toMatchObject({ code: FOLDER_MOVED });
    renameSync(join(root, 'b'), join(root, 'b.old'));
    symlinkSync(join(root, 'c'), join(root, 'b'));
    await expect(dirs.acquire(b)).rejects.toMatchObject({ code: expect.stringMatching(/^(ENOTDIR|ELOOP)$/) });
    await dirs.close();
  });

  it('a handle stays open while a task uses it, and past a failed task until its threads have exited', async () => {
    const root = tree();
    const dirs = new DirTable(0);
    const node = dirs.child(dirs.root(root), 'a', false);
    let finish!: () => void;
    let started!: () => void;
    const task = new Promise<void>((resolve) => (finish = resolve));
    const running = new Promise<void>((resolve) => (started = resolve));
    const done = runLeased([{ dir: node, name: 'f', follow: false }], async () => undefined, async ([ref]) => {
      expect(readVia(ref!)).toBe('a');
      started();
      await task;
    });
    await running;
    expect(dirs.openCount).toBe(1);
    finish();
    await done;
    await new Promise((r) => setImmediate(r));
    expect(dirs.openCount).toBe(0);
    let exit!: () => void;
    const exited = new Promise<void>((resolve) => (exit = resolve));
    const failed = runLeased([{ dir: node, name: 'f', follow: false }], () => exited, async () => {
      throw new Error('worker died');
    });
    await expect(failed).rejects.toThrow('worker died');
    const closing = dirs.close();
    await new Promise((r) => setImmediate(r));
    expect(dirs.openCount).toBe(1); // the thread that ran it may still be inside a call naming the folder
    exit();
    await closing;
    expect(fdsUnder(root)).toEqual([]);
  });
});

describe('folders swapped for a link while the walk runs', () => {
  it('a folder already listed is read through its handle; one not yet listed is refused as a link, never entered', async () => {
    const base = tempDir('pario-swap-');
    const root = join(base, 'tree');
    const victim = join(base, 'victim');
    const folders = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8', 'd9'];
    for (const d of folders) {
      mkdirSync(join(root, d, 'deep', 'deeper'), { recursive: true });
      for (const f of ['1', '2', '3']) writeFileSync(join(root, d, f), `${d}/${f}`);
      writeFileSync(join(root, d, 'deep', 'deeper', 'x'), `${d}/x`);
    }
    mkdirSync(victim);
    for (const f of ['1', '2', '3', 'x']) writeFileSync(join(victim, f), 'VICTIM');
    const dirs = new DirTable();
    const files = findFiles(['tree'], { cwd: base, exclude: [], dot: false, follow: false, recursive: true, sorted: true, dirs });
    const read = new Map<string, string>();
    let swapped = false;
    for await (const file of files) {
      const text = await runLeased([file.at!], async () => undefined, async ([ref]) => {
        try {
          return readVia(ref!);
        } catch (error) {
          return `error ${(error as NodeJS.ErrnoException).code}`;
        }
      });
      read.set(file.path, text);
      if (file.path === 'tree/d1/1' && !swapped) {
        // d1 is listed (its first file came out); d1/deep and d9 are not (the walk lists at most 4 folders ahead):
        // swap all three for links to the victim.
        swapped = true;
        for (const d of ['d1/deep', 'd1', 'd9']) {
          renameSync(join(root, d), join(root, `${d}.moved`));
          symlinkSync(victim, join(root, d));
        }
      }
    }
    await dirs.close();
    expect(read.get('tree/d1/2')).toBe('d1/2'); // through d1's handle: the folder the walk saw, now d1.moved
    expect(read.get('tree/d1/deep')).toBe('error ELOOP'); // not listed yet: the link is named, not followed
    expect(read.get('tree/d9')).toBe('error ELOOP');
    expect([...read.values()].some((text) => text === 'VICTIM')).toBe(false);
    expect(read.get('tree/d2/deep/deeper/x')).toBe('d2/x');
  });
});
