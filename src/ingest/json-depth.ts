import iconv from 'iconv-lite';
import { ValidationError } from '../errors';

export interface DepthBreach {
  /** Index in the text of the bracket that went one level too deep. */
  index: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * The first `{` or `[` of a JSON text that opens more than `maxDepth` levels, or
 * undefined. It reads the text once, skipping strings, and builds nothing, so a document
 * can be refused before a parser spends memory on every level (a parser keeps a frame
 * per open level: a body of 2 MB of `[` is 2 million frames). Malformed JSON is left to
 * the parser.
 */
export function findDepthBreach(text: string, maxDepth: number): DepthBreach | undefined {
  // A text with no more openers than the limit cannot breach it; finding them is a native scan.
  let openers = 0;
  for (let i = text.indexOf('{'); i !== -1 && openers <= maxDepth; i = text.indexOf('{', i + 1)) openers++;
  for (let i = text.indexOf('['); i !== -1 && openers <= maxDepth; i = text.indexOf('[', i + 1)) openers++;
  if (openers <= maxDepth) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return { index: i };
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return undefined;
}

/** Line and column (1-based, in characters) of `index` in `text`. */
function placeOf(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

/**
 * Refuses a JSON request body nested deeper than `maxDepth` with 400 `json_too_deep`,
 * naming the line and column of the bracket too many. Meant for a body parser's
 * `verify` hook, which sees the raw bytes before they are parsed.
 */
export function assertJsonDepth(raw: Buffer, encoding: string | null, maxDepth: number): void {
  // Body parsers accept any charset iconv knows (and have checked it exists).
  const text = !encoding || /^utf-?8$/i.test(encoding) ? raw.toString('utf8') : iconv.decode(raw, encoding);
  const breach = findDepthBreach(text, maxDepth);
  if (!breach) return;
  throw new ValidationError('json_too_deep', `The JSON body nests deeper than ${maxDepth} levels`, {
    parameter: 'body',
    ...placeOf(text, breach.index),
    maxDepth,
  });
}

/**
 * A body parser `verify` hook (express.json, body-parser) that applies assertJsonDepth.
 * It reads only the raw bytes, never the request. body-parser stamps `status: 403` on
 * whatever a hook throws; the thrown error is still the AppError, so map it by its kind.
 */
export function jsonDepthVerifier(
  maxDepth: number,
): (req: unknown, res: unknown, raw: Buffer, encoding: string | null) => void {
  return (_req, _res, raw, encoding) => assertJsonDepth(raw, encoding, maxDepth);
}
