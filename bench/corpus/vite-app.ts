// A generated Vite app for the plugin's tests and the build bench: modules that import each other (routes loaded
// lazily, so the build has many chunks), CSS, and a public/ folder. Deterministic for a seed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Rng } from './rng.js';
import { IDENT_PARTS, vocabulary } from './words.js';

export interface ViteApp {
  readonly root: string;
  readonly modules: number;
  /** Files of public/, by path from it. */
  readonly publicFiles: readonly string[];
}

class Source {
  private readonly words: string[];
  constructor(private readonly rng: Rng) {
    this.words = vocabulary((n) => rng.int(n), 400);
  }
  word(): string {
    return this.words[this.rng.zipf(this.words.length)] ?? 'the';
  }
  ident(): string {
    const a = IDENT_PARTS[this.rng.zipf(IDENT_PARTS.length)] ?? 'x';
    const b = IDENT_PARTS[this.rng.int(IDENT_PARTS.length)] ?? 'y';
    return a + b.charAt(0).toUpperCase() + b.slice(1);
  }
  sentence(min = 4, spread = 12): string {
    const words = Array.from({ length: min + this.rng.int(spread) }, () => this.word());
    return words.join(' ').replace(/^./, (c) => c.toUpperCase());
  }
  int(n: number): number {
    return this.rng.int(n);
  }
}

/** One module: data the app renders and functions that use it and its imports, all reachable from main.js. */
function moduleText(s: Source, i: number, imports: readonly number[]): string {
  const lines = imports.map((j) => `import { run${j} } from './m${j}.js';`);
  const text = (min?: number, spread?: number): string => JSON.stringify(s.sentence(min, spread));
  const item = (): string => `  { id: ${s.int(10_000)}, label: ${text(2, 5)}, text: ${text()} },`;
  const items = Array.from({ length: 6 + s.int(20) }, item);
  lines.push(`export const data${i} = [`, ...items, '];');
  const names: string[] = [];
  for (let f = 0; f < 3 + s.int(5); f += 1) {
    const a = s.ident();
    names.push(`${a}${i}_${f}`);
    const b = 'key';
    const uses = imports.map((j) => ` + run${j}(${a}.length % ${2 + s.int(9)})`).join('');
    lines.push(
      `export function ${a}${i}_${f}(${b}) {`,
      `  const ${a} = data${i}.filter((item) => item.id % ${2 + s.int(7)} === ${b} % ${2 + s.int(5)});`,
      `  if (${a}.length === 0) return ${JSON.stringify(s.sentence(3, 6))};`,
      `  return ${a}.map((item) => \`<li data-id="\${item.id}">\${item.label}: \${item.text}</li>\`).join('')${uses};`,
      '}',
    );
  }
  const calls = names.map((name) => `${name}(n)`).join(' + ');
  const label = `data${i}[n % data${i}.length].label`;
  lines.push(`export function run${i}(n) {`, `  return ${label} + ' ' + String(n * ${1 + s.int(97)}) + ${calls};`, '}');
  return `${lines.join('\n')}\n`;
}

function cssText(s: Source, n: number): string {
  const rules: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const color = `#${(s.int(0xffffff) + 0x1000000).toString(16).slice(1)}`;
    const font = `${12 + s.int(10)}px/1.${s.int(9)} system-ui, sans-serif`;
    rules.push(`.${s.ident()}-${i} {\n  color: ${color};\n  margin: ${s.int(40)}px ${s.int(40)}px;\n  font: ${font};\n}\n`);
    if (s.int(4) === 0) rules.push(`.${s.ident()}-${i}::before {\n  content: ${JSON.stringify(s.sentence(2, 4))};\n}\n`);
  }
  return rules.join('');
}

function write(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

/**
 * Writes the app under `root`: index.html, src/ (main.js, m0…mN.js, styles), public/. The first 30 % of the modules
 * are shared (main chunk); the rest form routes of ten modules, each route loaded lazily (a chunk of its own).
 */
export function writeViteApp(root: string, modules: number, { seed = 1, css = true }: { seed?: number; css?: boolean } = {}): ViteApp {
  const rng = new Rng(seed);
  const s = new Source(rng);
  const shared = Math.max(1, Math.floor(modules * 0.3));
  const routeOf = (i: number): number => Math.floor((i - shared) / 10);
  const routeEntries: number[] = [];
  for (let i = 0; i < modules; i += 1) {
    // A shared module imports earlier shared ones; a route's entry imports its route's other modules and shared ones.
    const first = i >= shared && (i - shared) % 10 === 0;
    if (first) routeEntries.push(i);
    const pick = Array.from({ length: s.int(4) }, () => s.int(Math.min(i, shared)));
    const siblings = first ? Array.from({ length: Math.min(9, modules - i - 1) }, (_, k) => i + 1 + k) : [];
    const imports = [...new Set([...pick, ...siblings])].filter((j) => j !== i && (j < shared || routeOf(j) === routeOf(i)));
    const style = css && i % 25 === 0 ? `import './style${i}.css';\n` : ''; // plain Rollup has no CSS: css false
    write(join(root, 'src', `m${i}.js`), style + moduleText(s, i, imports));
    if (style !== '') write(join(root, 'src', `style${i}.css`), cssText(s, 40 + s.int(60)));
  }
  const eager = Array.from({ length: shared }, (_, i) => i);
  const main = [
    ...(css ? ["import './main.css';"] : []),
    ...eager.map((i) => `import { run${i} } from './m${i}.js';`),
    `const eager = [${eager.map((i) => `run${i}`).join(', ')}];`,
    `const routes = [${routeEntries.map((i) => `() => import('./m${i}.js')`).join(', ')}];`,
    "document.querySelector('#app').innerHTML = eager.map((run, n) => `<p>${run(n)}</p>`).join('');",
    "routes.forEach((load, n) => load().then((m) => console.log(m[Object.keys(m).find((k) => k.startsWith('run'))](n))));",
  ];
  write(join(root, 'src', 'main.js'), `${main.join('\n')}\n`);
  write(join(root, 'src', 'main.css'), cssText(s, 300));
  const head = `<head>\n<meta charset="utf-8">\n<title>${s.sentence(2, 3)}</title>\n</head>`;
  const body = '<body>\n<div id="app"></div>\n<script type="module" src="/src/main.js"></script>\n</body>';
  write(join(root, 'index.html'), `<!doctype html>\n<html lang="en">\n${head}\n${body}\n</html>\n`);
  const hex = (): string => (s.int(0xfff) + 0x1000).toString(16).slice(1);
  const circle = (): string => `<circle cx="${s.int(100)}" cy="${s.int(100)}" r="${1 + s.int(9)}" fill="#${hex()}"/>`;
  const rows = (n: number, row: (i: number) => unknown): string => JSON.stringify(Array.from({ length: n }, (_, i) => row(i)), null, 2);
  const publicFiles: Record<string, string | Uint8Array> = {
    'robots.txt': 'User-agent: *\nAllow: /\n', // under the 1 KiB threshold
    'data/catalog.json': rows(400, (id) => ({ id, name: s.sentence(2, 3), note: s.sentence() })),
    'data/[locale].json': rows(200, () => [s.ident(), s.sentence()]),
    'icons/logo.svg': `${SVG_OPEN}\n${Array.from({ length: 60 }, circle).join('\n')}\n</svg>\n`,
    'noise.txt': randomBytes(rng, 4096), // incompressible: its outputs are not smaller, so none is kept
    'photo.png': randomBytes(rng, 8192), // not a text format: not compressed
  };
  for (const [name, data] of Object.entries(publicFiles)) write(join(root, 'public', name), data);
  return { root, modules, publicFiles: Object.keys(publicFiles) };
}

const SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">';

function randomBytes(rng: Rng, size: number): Uint8Array {
  const out = new Uint8Array(size);
  rng.fill(out);
  return out;
}
