// File names in error messages, quoted the way coreutils' quotef() does in a C/UTF-8 locale (shell-escape style):
// safe names stay bare; others go in single quotes, and control characters break out as $'\n'.

const SAFE = /^[\p{L}\p{N}_.\/:,+@%=^-]+$/u;
const CONTROL: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\v': '\\v' };

export function quoteName(name: string): string {
  if (name !== '' && SAFE.test(name)) return name;
  let out = '';
  let open = false;
  for (const c of name) {
    const code = c.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) {
      if (open) out += "'";
      open = false;
      out += `$'${CONTROL[c] ?? `\\${code.toString(8).padStart(3, '0')}`}'`;
      continue;
    }
    if (!open) out += "'";
    open = true;
    out += c === "'" ? "'\\''" : c;
  }
  return open ? `${out}'` : out;
}
