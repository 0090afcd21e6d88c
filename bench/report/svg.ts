import { fmtRate } from './format.js';
import type { CaseRows } from './rows.js';

const WIDTH = 900;
const LABEL = 250;
const BAR = 16;
const GAP = 4;
const TITLE = 26;
const PAD = 16;

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A hand-written SVG bar chart (no dependency, no browser): one block per case, one bar per tool that ran, length
 * proportional to throughput relative to the fastest tool of that case; pario in blue, peers in grey, and the
 * physical limit as a dashed line where it was measured.
 */
export function svgChart(all: readonly CaseRows[], machine: string): string {
  const parts: string[] = [];
  let y = 40;
  for (const c of all) {
    const rows = c.rows.filter((r) => r.rate !== undefined);
    if (rows.length === 0) continue;
    const limit = c.result.limit?.mbPerSecond;
    const max = Math.max(...rows.map((r) => r.rate ?? 0), c.unit === 'MB/s' && limit !== undefined ? limit : 0);
    const scale = (WIDTH - LABEL - PAD - 90) / (max || 1);
    parts.push(`<text x="${PAD}" y="${y + 16}" class="case">${esc(`${c.result.id}: ${c.result.title}`)}</text>`);
    y += TITLE;
    const top = y;
    for (const r of rows) {
      const w = Math.max(1, (r.rate ?? 0) * scale);
      parts.push(`<text x="${LABEL - 6}" y="${y + BAR - 4}" class="label">${esc(r.tool)}</text>`);
      parts.push(`<rect x="${LABEL}" y="${y}" width="${w.toFixed(1)}" height="${BAR}" class="${r.pario ? 'pario' : 'peer'}"/>`);
      parts.push(`<text x="${(LABEL + w + 4).toFixed(1)}" y="${y + BAR - 4}" class="value">${fmtRate(r.rate)} ${c.unit}</text>`);
      y += BAR + GAP;
    }
    if (limit !== undefined && c.unit === 'MB/s') {
      const x = (LABEL + limit * scale).toFixed(1);
      parts.push(`<line x1="${x}" y1="${top - 2}" x2="${x}" y2="${y - GAP + 2}" class="limit"><title>physical limit ${limit.toFixed(0)} MB/s</title></line>`);
    }
    y += PAD;
  }
  const height = y + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">`,
    '<style>.case{font-size:13px;font-weight:bold}.label{font-size:12px;text-anchor:end}.value{font-size:11px;fill:#333}' +
      '.pario{fill:#2f6fde}.peer{fill:#9aa3ad}.limit{stroke:#c0392b;stroke-dasharray:4 3;stroke-width:1.5}.head{font-size:15px;font-weight:bold}.sub{font-size:11px;fill:#555}</style>',
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${PAD}" y="18" class="head">pario vs peers: throughput (longer is better; dashed red = physical limit)</text>`,
    `<text x="${PAD}" y="32" class="sub">${esc(machine)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
