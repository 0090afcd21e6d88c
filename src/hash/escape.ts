// File-name escaping in checksum lines, exactly as GNU coreutils 9.1 and xxhsum do it (`\\`, `\n`, `\r`), or as b3sum
// does (`\\` and `\n` only: b3sum --check refuses `\r`, "Invalid backslash escape", and writes a CR as it is).

/** True when a checksum line for this name must start with `\` and carry the escaped name. */
export function needsEscape(name: string, cr = true): boolean {
  return (cr ? /[\\\n\r]/ : /[\\\n]/).test(name);
}

/** `\` → `\\`, LF → `\n`, and unless `cr` is false, CR → `\r`. */
export function escapeName(name: string, cr = true): string {
  return name.replace(cr ? /[\\\n\r]/g : /[\\\n]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : '\\r'));
}

/** The inverse of escapeName(); undefined for any other escape or a trailing lone `\` (coreutils rejects those lines). */
export function unescapeName(text: string): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = text[++i];
    if (next === '\\') out += '\\';
    else if (next === 'n') out += '\n';
    else if (next === 'r') out += '\r';
    else return undefined;
  }
  return out;
}

/**
 * A name as `sha256sum -c` prints it before `: OK` / `: FAILED`: coreutils 9.1 escapes it (with a leading `\`) only
 * when it holds a newline; a backslash or CR alone is printed raw.
 */
export function checkDisplayName(name: string): string {
  return name.includes('\n') ? `\\${escapeName(name)}` : name;
}
