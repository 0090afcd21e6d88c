// Error codes are one closed list (workers/codes.ts): every code pario writes in src/ or workers/ is on it.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARIO_CODES } from '../../src/index.js';
import { ROOT } from '../helpers/paths.js';

/** Codes that are Node's or a decoder's own, passed on as they came (SystemErrorCode), or only matched against. */
const NOT_OURS = new Set(['ERR_FS_FILE_TOO_LARGE', 'ERR_BUFFER_TOO_LARGE', 'ERR_INVALID_ARG_VALUE', 'ERR__ERROR_']);

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts')).map((name) => join(ROOT, dir, name));
}

describe('error codes', () => {
  it('every ERR_ code written in src/ and workers/ is in PARIO_CODES, and the list has no code twice', () => {
    const listed = new Set<string>(PARIO_CODES);
    expect(listed.size).toBe(PARIO_CODES.length);
    const unlisted = new Set<string>();
    for (const file of [...sources('src'), ...sources('workers')]) {
      for (const [, code] of readFileSync(file, 'utf8').matchAll(/'(ERR_[A-Z0-9_]+)'/g)) {
        if (code !== undefined && !listed.has(code) && !NOT_OURS.has(code)) unlisted.add(`${code} (${file})`);
      }
    }
    expect([...unlisted]).toEqual([]);
  });
});
