import { readFileSync } from 'node:fs';

/** What `--report FILE` writes, as the cron tests read it. */
export interface Report {
  status: string;
  counts: Record<string, number>;
  bytesRead: number;
}

export function readReport(path: string): Report {
  return JSON.parse(readFileSync(path, 'utf8')) as Report;
}
