// How the summaries count what --ignore-file and --gitignore left out.
import type { IgnoreRules } from './ignore-rules.js';

/** For the JSON summary and the --report totals: present only when ignore rules were given. */
export function ignoredTotals(rules: IgnoreRules | undefined): { ignoredFiles?: number; ignoredFolders?: number } {
  return rules === undefined ? {} : { ignoredFiles: rules.counts.files, ignoredFolders: rules.counts.folders };
}

/** "12 files and 2 folders ignored", "1 file ignored", or '' when nothing was. */
export function ignoredText(counts: { readonly ignoredFiles?: number | undefined; readonly ignoredFolders?: number | undefined }): string {
  const files = counts.ignoredFiles ?? 0;
  const folders = counts.ignoredFolders ?? 0;
  if (files === 0 && folders === 0) return '';
  const parts = [files > 0 || folders === 0 ? plural(files, 'file') : '', folders > 0 ? plural(folders, 'folder') : ''].filter(Boolean);
  return `${parts.join(' and ')} ignored`;
}

/** ', 12 files and 2 folders ignored' to end a summary line, or ''. */
export function ignoredSuffix(counts: Parameters<typeof ignoredText>[0]): string {
  const text = ignoredText(counts);
  return text === '' ? '' : `, ${text}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
