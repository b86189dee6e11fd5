import type { Request, Response } from 'express';

/** Page languages: Chinese by default, English on request. */
export type Lang = 'zh' | 'en';

const COOKIE = 'lang';
const YEAR_SECONDS = 365 * 86_400;

function cookieLang(req: Request): Lang | undefined {
  const m = /(?:^|;\s*)lang=(zh|en)(?:;|$)/.exec(req.get('cookie') ?? '');
  return m ? (m[1] as Lang) : undefined;
}

/**
 * `?lang=en` (or `zh`) picks the language and remembers it in a cookie, so the links of
 * the next pages need not carry it; without either, pages are Chinese. An unknown value
 * is ignored rather than refused: a person typed it.
 */
export function pageLang(req: Request, res: Response): Lang {
  const asked = req.query.lang;
  if (asked === 'en' || asked === 'zh') {
    res.append('Set-Cookie', `${COOKIE}=${asked}; Path=/; Max-Age=${YEAR_SECONDS}; SameSite=Lax`);
    return asked;
  }
  res.append('Vary', 'Cookie');
  return cookieLang(req) ?? 'zh';
}

/** The `lang` attribute of a page. */
export const HTML_LANG: Record<Lang, string> = { zh: 'zh-CN', en: 'en' };

/** Picks the text of the page's language; written inline so both stay side by side. */
export type Tr = (zh: string, en: string) => string;

export function translator(lang: Lang): Tr {
  return lang === 'en' ? (_zh, en) => en : (zh) => zh;
}

/** A localized pair as stored in the catalogue. */
export function pick(lang: Lang, text: { zh: string; en: string }): string {
  return lang === 'en' ? text.en || text.zh : text.zh;
}
