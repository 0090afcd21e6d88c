/**
 * Files a worker handed back (its task's byte budget was spent) are queued again in pieces the size of what that
 * task got through. In one piece they were a chain that one worker ran at a time while the others ran dry; in pieces
 * every idle worker takes one (bench case compress-many/brotli-11-flat: 2.70 → 2.32 s).
 */
export function handBackPieces<T>(deferred: readonly T[], taskSize: number): T[][] {
  const piece = Math.max(1, taskSize - deferred.length);
  const pieces: T[][] = [];
  for (let i = 0; i < deferred.length; i += piece) pieces.push(deferred.slice(i, i + piece));
  return pieces;
}
