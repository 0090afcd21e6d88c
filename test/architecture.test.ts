import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/paths.js';

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * Worker modules that load no native code and hold no job state, so the main thread may share them (temp-name reads
 * /proc once, to say which process wrote a temp file: both sides make and read those names).
 */
const PURE = ['algorithms', 'checksum-combine', 'temp-name'];

describe('import directions', () => {
  it('workers/ never imports main-thread code', () => {
    for (const file of sources('workers')) expect(readFileSync(file, 'utf8'), file).not.toMatch(/from '\.\.\/(\.\.\/)?src\//);
  });

  it('src/ takes from workers/ only the protocol and pure helpers, never a job module', () => {
    for (const file of sources('src')) {
      for (const [, target] of readFileSync(file, 'utf8').matchAll(/from '(?:\.\.\/)+workers\/([\w-]+)\.js'/g)) {
        const allowed = target === 'protocol' || target?.endsWith('-protocol') === true || PURE.includes(target ?? '');
        expect(allowed, `${file} imports workers/${target}`).toBe(true);
      }
    }
  });

  it('the planner does not depend on the pool', () => {
    for (const file of sources('src/planner')) expect(readFileSync(file, 'utf8'), file).not.toMatch(/from '\.\.\/pool\//);
  });
});
