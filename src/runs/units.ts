import { OptionError } from '../errors.js';

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "90s", "30m", "2h", "1d", "1w", "1d12h" (a bare number is seconds) → milliseconds. */
export function parseDuration(option: string, text: string): number {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  if (trimmed === '') throw new OptionError(option, 'a duration such as 90s, 30m, 2h, 1d or 1w', text);
  let total = 0;
  let rest = trimmed;
  while (rest !== '') {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/.exec(rest);
    const unit = match?.[2];
    if (match === null || unit === undefined) throw new OptionError(option, 'a duration such as 90s, 30m, 2h, 1d or 1w', text);
    total += Number(match[1]) * (DURATION_UNITS[unit] ?? 0);
    rest = rest.slice(match[0].length);
  }
  return total;
}

const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** "4096", "10k", "5M", "1G", "2GiB", "100KB" (units are powers of 1024, like du and find) → bytes. */
export function parseSize(option: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(text.trim());
  const unit = match?.[2]?.toLowerCase();
  if (match === null || unit === undefined) throw new OptionError(option, 'a size such as 4096, 10k, 5M or 1G', text);
  return Math.round(Number(match[1]) * (SIZE_UNITS[unit] ?? 1));
}

/** "K/N" with 1 ≤ K ≤ N → { index: K, count: N }. */
export function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count) {
    throw new OptionError('shard', 'K/N with 1 ≤ K ≤ N, such as 3/8', text);
  }
  return { index, count };
}
