// Cut a byte range into block tasks: positions, lengths, dictionary lengths and which block is last. Pure.
import { DICT_SIZE } from '../../workers/blocks-protocol.js';

export interface PlannedBlock {
  readonly index: number;
  readonly position: number;
  readonly length: number;
  /** Bytes before `position` the block is primed with: 0 for the first block and at each restart point. */
  readonly dictLength: number;
  readonly last: boolean;
}

/**
 * Blocks of `blockSize` bytes covering [0, size); an empty input still gives one (empty, last) block. A block whose
 * position is a multiple of `restart` starts from an empty window (blockSize: every block, pigz -i; Infinity: only the first).
 */
export function* planBlocks(size: number, blockSize: number, restart = Infinity): Generator<PlannedBlock> {
  const count = Math.max(1, Math.ceil(size / blockSize));
  for (let index = 0; index < count; index++) {
    const position = index * blockSize;
    yield {
      index,
      position,
      length: Math.min(blockSize, size - position),
      dictLength: position % restart === 0 ? 0 : Math.min(DICT_SIZE, position),
      last: index === count - 1,
    };
  }
}
