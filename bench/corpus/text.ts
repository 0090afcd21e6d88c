import { CODE_WORDS, IDENT_PARTS, vocabulary } from './words.js';
import type { Rng } from './rng.js';

/** Generates text-like bytes: prose paragraphs and source-like lines, deterministic for a given Rng state. */
export class TextGenerator {
  private readonly words: string[];
  /** Recent sentences and lines: real text and code repeat themselves, and that is what compressors find. */
  private readonly recent: string[] = [];

  private remember(s: string): string {
    if (this.recent.length < 512) this.recent.push(s);
    else this.recent[this.rng.int(512)] = s;
    return s;
  }

  private reuse(): string | undefined {
    return this.recent.length > 0 && this.rng.float() < 0.3 ? this.recent[this.rng.int(this.recent.length)] : undefined;
  }

  constructor(private readonly rng: Rng) {
    this.words = vocabulary((n) => rng.int(n), 600);
  }

  private word(): string {
    return this.words[this.rng.zipf(this.words.length)] ?? 'the';
  }

  private ident(): string {
    const r = this.rng;
    const a = IDENT_PARTS[r.zipf(IDENT_PARTS.length)] ?? 'x';
    if (r.float() < 0.4) return a;
    const b = IDENT_PARTS[r.int(IDENT_PARTS.length)] ?? 'y';
    return a + b.charAt(0).toUpperCase() + b.slice(1);
  }

  private sentence(): string {
    const again = this.reuse();
    if (again !== undefined && !again.startsWith(' ')) return again;
    const n = 4 + this.rng.int(14);
    const parts: string[] = [];
    for (let i = 0; i < n; i += 1) parts.push(this.word());
    const s = parts.join(' ');
    return this.remember(s.charAt(0).toUpperCase() + s.slice(1) + (this.rng.float() < 0.1 ? '?' : '.'));
  }

  private paragraph(): string {
    const n = 2 + this.rng.int(6);
    const out: string[] = [];
    for (let i = 0; i < n; i += 1) out.push(this.sentence());
    return out.join(' ') + '\n\n';
  }

  private codeLine(depth: number): string {
    const pad = '  '.repeat(depth);
    const again = this.reuse();
    if (again !== undefined && again.startsWith(' ')) return pad + again.slice(1);
    return pad + this.remember(' ' + this.freshLine()).slice(1);
  }

  private freshLine(): string {
    const r = this.rng;
    const pad = '';
    switch (r.int(7)) {
      case 0:
        return `${pad}const ${this.ident()} = ${this.ident()}(${this.ident()}, ${r.int(16)});\n`;
      case 1:
        return `${pad}if (${this.ident()}.${this.ident()} === ${r.int(64)}) return ${this.ident()};\n`;
      case 2:
        return `${pad}// ${this.sentence()}\n`;
      case 3:
        return `${pad}${CODE_WORDS[r.zipf(CODE_WORDS.length)] ?? 'let'} ${this.ident()} = '${this.word()} ${this.word()}';\n`;
      case 4:
        return `${pad}${this.ident()}.${this.ident()}(${this.ident()}[${r.int(16)}], "${this.word()}");\n`;
      case 5:
        return `${pad}for (let i = 0; i < ${this.ident()}.length; i += 1) ${this.ident()} += ${this.ident()}[i];\n`;
      default:
        return `${pad}export function ${this.ident()}(${this.ident()}: ${this.ident()}): ${CODE_WORDS[r.int(CODE_WORDS.length)] ?? 'void'} {\n`;
    }
  }

  private codeBlock(): string {
    const n = 5 + this.rng.int(30);
    let s = '';
    let depth = 0;
    for (let i = 0; i < n; i += 1) {
      s += this.codeLine(depth);
      if (this.rng.float() < 0.2 && depth < 4) depth += 1;
      else if (this.rng.float() < 0.2 && depth > 0) depth -= 1;
    }
    return s + '}\n\n';
  }

  /** About `size` bytes (exactly `size`) of text; `codeShare` of the blocks are source-like. */
  bytes(size: number, codeShare = 0.5): Buffer {
    const chunks: string[] = [];
    let length = 0;
    while (length < size) {
      const block = this.rng.float() < codeShare ? this.codeBlock() : this.paragraph();
      chunks.push(block);
      length += block.length;
    }
    return Buffer.from(chunks.join(''), 'latin1').subarray(0, size);
  }
}
