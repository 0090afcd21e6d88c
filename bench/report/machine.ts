import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem } from 'node:os';

/** One line naming the machine: cores, CPU model, memory, kernel, Node version, date. */
export function machineLine(now = new Date()): string {
  let model = cpus()[0]?.model ?? 'unknown CPU';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1] !== undefined) model = m[1].trim();
  } catch {
    // not Linux
  }
  const gib = (totalmem() / 2 ** 30).toFixed(0);
  return `${availableParallelism()} cores, ${model}, ${gib} GiB RAM, Linux ${release()}, Node ${process.version}, ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
