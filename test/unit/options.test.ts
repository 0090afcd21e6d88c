import { describe, expect, it } from 'vitest';
import { OptionError, createPario, readFile, readFiles } from '../../src/index.js';

describe('options are checked at the call', () => {
  it.each([
    [{ jobs: 0 }, 'jobs'],
    [{ jobs: 1.5 }, 'jobs'],
    [{ jobs: '2' }, 'jobs'],
    [{ ordered: 'yes' }, 'ordered'],
    [{ maxInFlightBytes: 10 }, 'maxInFlightBytes'],
    [{ batchSize: 0 }, 'batchSize'],
    [{ exclude: 'x' }, 'exclude'],
    [{ signal: {} }, 'signal'],
    [{ cwd: '' }, 'cwd'],
  ])('readFiles(%o) throws OptionError naming `%s` before iterating', (options, name) => {
    let error: unknown;
    try {
      readFiles('x', options as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OptionError);
    expect(error).toMatchObject({ code: 'ERR_PARIO_OPTION', option: name });
    expect((error as Error).message).toMatch(new RegExp(`^Expected \`${name}\` to be .+, got .+`));
  });

  it('rejects bad patterns and paths', async () => {
    expect(() => readFiles([] as unknown as string[] & [])).not.toThrow();
    expect(() => readFiles([''])).toThrow(OptionError);
    expect(() => readFiles(42 as unknown as string)).toThrow(/Expected `patterns`/);
    await expect(readFile('' as string)).rejects.toBeInstanceOf(OptionError);
  });

  it('a handle takes jobs once, not per call', async () => {
    expect(() => createPario({ jobs: -1 })).toThrow(OptionError);
    await using pario = createPario({ jobs: 1 });
    expect(() => pario.readFiles('x', { jobs: 2 } as never)).toThrow(/`jobs`/);
  });
});
