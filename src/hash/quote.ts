// File names in error messages, quoted the way coreutils' quotef() does in a C/UTF-8 locale (shell-escape style):
// safe names stay bare; others go in single quotes, and control characters and bytes that are not UTF-8 break out as
// $'\n' and $'\377'.

const SAFE = /^[\p{L}\p{N}_.\/:,+@%=^-]+$/u;
const CONTROL: Readonly<Record<string, string>> = {
  '\n': '\\n', '\r': '\\r', '\t': '\\t', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\v': '\\v',
};

export function quoteName(name: string): string {
  if (name !== '' && SAFE.test(name)) return name;
  let out = '';
  let open = false;
  for (const c of name) {
    const code = c.codePointAt(0) ?? 0;
    const byte = code >= 0xdc80 && code <= 0xdcff; // a byte that is not UTF-8 (workers/names.ts): octal, as coreutils
    if (code < 0x20 || code === 0x7f || byte) {
      if (open) out += "'";
      open = false;
      out += `$'${CONTROL[c] ?? `\\${(byte ? code - 0xdc00 : code).toString(8).padStart(3, '0')}`}'`;
      continue;
    }
    if (!open) out += "'";
    open = true;
    out += c === "'" ? "'\\''" : c;
  }
  return open ? `${out}'` : out;
}
