// How many files and folders the ignore rules (--ignore-file, --gitignore) left out, for summaries and reports.
import type { IgnoreRules } from './ignore-rules.js';

/** For the JSON summary and the --report totals: present only when ignore rules were given. */
export function ignoredTotals(rules: IgnoreRules | undefined): { ignoredFiles?: number; ignoredFolders?: number } {
  return rules === undefined ? {} : { ignoredFiles: rules.counts.files, ignoredFolders: rules.counts.folders };
}
