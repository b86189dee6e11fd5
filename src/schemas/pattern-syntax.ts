/**
 * Table Schema patterns are written in JavaScript syntax (with the `u` flag) and keep
 * JavaScript's meaning, but they run on RE2, whose matching time is linear in the value
 * whatever the pattern. The two dialects agree on most syntax; this rewrites the rest so
 * a pattern means on RE2 exactly what it means in JavaScript:
 *
 * - `\s` / `\S` and `.`: JavaScript's whitespace includes U+3000 (the ideographic space
 *   common in Chinese text), U+00A0 and others, and `.` excludes `\r`, U+2028 and U+2029;
 *   RE2's `\s` is ASCII only and its `.` excludes only `\n`.
 * - `\uXXXX` (surrogate pairs joined), `\u{…}`, `\xHH`, `\cX`, `\0` → `\x{…}`.
 * - `\p{Script=Han}` / `\p{gc=Lu}` → `\p{Han}` / `\p{Lu}`.
 * - `(?<name>` → `(?P<name>`; `[\b]` → backspace; `[` inside a class is a literal.
 *
 * What RE2 cannot do at all in linear time — backreferences and lookaround — is refused
 * with the reason. The input must already compile as a JavaScript `u` pattern.
 */

// JavaScript's \s (WhiteSpace and LineTerminator), as the body of an RE2 class.
const JS_SPACE =
  '\\t\\n\\x{b}\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';
const JS_DOT = '[^\\n\\r\\x{2028}\\x{2029}]';
const ANY = '\\x{0}-\\x{10ffff}';

export type Translation = { ok: true; re2: string } | { ok: false; reason: string };

class Unsupported extends Error {}

const hex = (n: number) => `\\x{${n.toString(16)}}`;

/** One escape at `p[i]` (the backslash); returns its RE2 text and the index after it. */
function escape(p: string, i: number, inClass: boolean): { text: string; end: number } {
  const c = p[i + 1]!;
  if (/[1-9]/.test(c) || (c === 'k' && p[i + 2] === '<')) {
    throw new Unsupported('backreferences are not supported (patterns run on a linear-time engine, RE2)');
  }
  if (c === 'u') {
    if (p[i + 2] === '{') {
      const close = p.indexOf('}', i);
      return { text: hex(parseInt(p.slice(i + 3, close), 16)), end: close + 1 };
    }
    const unit = parseInt(p.slice(i + 2, i + 6), 16);
    const low = /^\\u[dD][c-fC-F][0-9a-fA-F]{2}/.test(p.slice(i + 6, i + 12))
      ? parseInt(p.slice(i + 8, i + 12), 16)
      : undefined;
    if (unit >= 0xd800 && unit <= 0xdbff && low !== undefined) {
      return { text: hex(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00)), end: i + 12 };
    }
    return { text: hex(unit), end: i + 6 };
  }
  if (c === 'x') return { text: hex(parseInt(p.slice(i + 2, i + 4), 16)), end: i + 4 };
  if (c === 'c') return { text: hex(p.charCodeAt(i + 2) % 32), end: i + 3 };
  if (c === '0') return { text: hex(0), end: i + 2 };
  if (c === 'b' && inClass) return { text: hex(8), end: i + 2 };
  if (c === 's') return { text: inClass ? JS_SPACE : `[${JS_SPACE}]`, end: i + 2 };
  if (c === 'S' && !inClass) return { text: `[^${JS_SPACE}]`, end: i + 2 };
  if (c === 'p' || c === 'P') {
    const close = p.indexOf('}', i);
    const name = p.slice(i + 3, close).replace(/^(?:Script|sc|General_Category|gc)=/, '');
    return { text: `\\${c}{${name}}`, end: close + 1 };
  }
  return { text: `\\${c}`, end: i + 2 };
}

/** A character class starting at `p[i]` (the `[`); returns its RE2 text and the index after it. */
function charClass(p: string, i: number): { text: string; end: number } {
  let j = i + 1;
  const negated = p[j] === '^';
  if (negated) j++;
  let body = '';
  let nonSpace = false;
  while (p[j] !== ']') {
    if (p[j] === '\\' && p[j + 1] === 'S') {
      if (negated) throw new Unsupported('\\S inside a negated class ([^…\\S…]) is not supported');
      nonSpace = true;
      j += 2;
    } else if (p[j] === '\\') {
      const e = escape(p, j, true);
      body += e.text;
      j = e.end;
    } else {
      body += p[j] === '[' ? '\\[' : p[j];
      j++;
    }
  }
  const end = j + 1;
  // JavaScript's [] matches nothing and [^] anything; RE2 has no empty class.
  if (body === '' && !nonSpace) return { text: negated ? `[${ANY}]` : `[^${ANY}]`, end };
  if (!nonSpace) return { text: `[${negated ? '^' : ''}${body}]`, end };
  return { text: body === '' ? `[^${JS_SPACE}]` : `(?:[^${JS_SPACE}]|[${body}])`, end };
}

export function translatePattern(p: string): Translation {
  let out = '';
  try {
    for (let i = 0; i < p.length;) {
      const c = p[i]!;
      if (c === '\\') {
        const e = escape(p, i, false);
        out += e.text;
        i = e.end;
      } else if (c === '[') {
        const k = charClass(p, i);
        out += k.text;
        i = k.end;
      } else if (c === '.') {
        out += JS_DOT;
        i++;
      } else if (c === '(' && p[i + 1] === '?') {
        const head = p.slice(i, i + 4);
        if (/^\(\?[=!]/.test(head) || /^\(\?<[=!]/.test(head)) {
          throw new Unsupported(
            'lookahead and lookbehind are not supported (patterns run on a linear-time engine, RE2)',
          );
        }
        if (head.startsWith('(?<')) {
          out += '(?P<';
          i += 3;
        } else {
          out += '(?';
          i += 2;
        }
      } else {
        out += c;
        i++;
      }
    }
  } catch (err) {
    if (err instanceof Unsupported) return { ok: false, reason: err.message };
    throw err;
  }
  return { ok: true, re2: out };
}
