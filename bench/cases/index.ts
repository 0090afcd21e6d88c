import type { Case } from '../run/types.js';
import { blocksCases } from './blocks.js';
import { buildCases } from './build.js';
import { compressBigCases } from './compress-big.js';
import { compressManyCases } from './compress-many.js';
import type { BenchContext } from './context.js';
import { decompressCases } from './decompress.js';
import { growthCases } from './growth.js';
import { hashCases } from './hash.js';
import { mapCases } from './map.js';
import { mixedCases } from './mixed.js';
import { poolCases } from './pool.js';
import { readCases } from './read.js';
import { realCases } from './real.js';
import { rerunCases } from './rerun.js';
import { scalingCases } from './scaling.js';

/** Every case group, in run order; `--only NAME` picks one (by group or full case id). */
export const GROUPS: Readonly<Record<string, (ctx: BenchContext) => Case[]>> = {
  'compress-many': compressManyCases,
  'compress-big': compressBigCases,
  blocks: blocksCases,
  decompress: decompressCases,
  hash: hashCases,
  read: readCases,
  pool: poolCases,
  map: mapCases,
  scaling: scalingCases,
  growth: growthCases,
  mixed: mixedCases,
  build: buildCases,
  real: realCases,
  rerun: rerunCases,
};

/** Groups that need generated corpora of their own and make no sense on a user's folder. */
export const GENERATED_ONLY: ReadonlySet<string> = new Set(['growth', 'mixed', 'build', 'real', 'rerun']);
