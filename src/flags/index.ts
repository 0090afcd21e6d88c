// `pario/flags`: option values written as text, read as pario reads them (sizes, durations, --shard, algorithm lists,
// digest lengths); each failure is an OptionError naming the option. Loads no engine.
export { parseDuration, parseSize } from '../runs/units.js';
export { parseShardFlag } from '../runs/shard-env.js';
export type { Share } from '../runs/shard-env.js';
export { parseAlgorithmList } from '../hash/options.js';
export { DEFAULT_ALGORITHM, blake2bKind } from '../../workers/algorithms.js';
export type { Algorithm, DigestKind } from '../../workers/algorithms.js';
