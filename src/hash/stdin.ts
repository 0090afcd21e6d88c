// `pario hash -` (or no file at all): hash standard input in this thread, as sha256sum does.
import type { DigestKind } from '../../workers/algorithms.js';
import type { HashedFile } from './engine.js';

export async function hashStream(stream: AsyncIterable<Uint8Array | string>, algorithms: readonly DigestKind[]): Promise<HashedFile> {
  const { createHasher, prepareHashers } = await import('../../workers/hashers.js');
  await prepareHashers(algorithms);
  const hashers = algorithms.map((algorithm) => createHasher(algorithm));
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.byteLength;
    for (const hasher of hashers) hasher.update(bytes);
  }
  const digests: Partial<Record<DigestKind, string>> = {};
  algorithms.forEach((algorithm, i) => (digests[algorithm] = hashers[i]?.digest() ?? ''));
  return { ok: true, path: '-', size, digests };
}
