import { createHash } from 'node:crypto';

export type Policy = Map<string, string[]>;

export function parsePolicy(header: string | null): Policy {
  const policy: Policy = new Map();
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

/** The sources that govern `directive`, falling back to default-src as browsers do. */
function sourcesFor(policy: Policy, directive: string): string[] {
  return policy.get(directive) ?? policy.get('default-src') ?? ['*'];
}

/** Whether a browser would let the page load `url` (a path, an absolute URL or a data: URL) under `directive`. */
export function allowsUrl(policy: Policy, directive: string, url: string, origin: string): boolean {
  const sources = sourcesFor(policy, directive);
  if (sources.includes("'none'")) return false;
  if (url.startsWith('data:')) return sources.includes('data:');
  const target = new URL(url, origin);
  if (target.origin === origin && sources.includes("'self'")) return true;
  return sources.includes(target.origin) || sources.includes('*');
}

/** Whether inline code with exactly this text may run (a hash source, or 'unsafe-inline' without hashes). */
export function allowsInline(policy: Policy, directive: string, text: string): boolean {
  const sources = sourcesFor(policy, directive);
  const hash = `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  if (sources.includes(hash)) return true;
  const hashed = sources.some((s) => /^'(sha(256|384|512)|nonce)-/.test(s));
  return !hashed && sources.includes("'unsafe-inline'");
}

/**
 * Every resource an HTML page loads, inline or by URL, with the directive that governs
 * it; returns what the policy would block (empty: the page works as written).
 */
export function blockedByPolicy(html: string, policy: Policy, origin: string): string[] {
  const blocked: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1]!;
    const src = /\bsrc="([^"]*)"/.exec(attrs)?.[1];
    const type = /\btype="([^"]*)"/.exec(attrs)?.[1];
    if (src !== undefined) {
      if (!allowsUrl(policy, 'script-src', src, origin)) blocked.push(`script ${src}`);
    } else if (!type || /javascript|module/.test(type)) {
      if (!allowsInline(policy, 'script-src', m[2]!)) blocked.push(`inline script ${m[2]!.slice(0, 40)}`);
    }
  }
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) {
    if (!allowsInline(policy, 'style-src', m[1]!)) blocked.push(`inline style ${m[1]!.slice(0, 40)}`);
  }
  for (const m of html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]*)"/gi)) {
    if (!allowsUrl(policy, 'style-src', m[1]!, origin)) blocked.push(`stylesheet ${m[1]}`);
  }
  for (const m of html.matchAll(/<img\b[^>]*\bsrc="([^"]*)"/gi)) {
    if (!allowsUrl(policy, 'img-src', m[1]!, origin)) blocked.push(`image ${m[1]}`);
  }
  for (const m of html.matchAll(/<form\b[^>]*\baction="([^"]*)"/gi)) {
    if (!allowsUrl(policy, 'form-action', m[1]!, origin)) blocked.push(`form ${m[1]}`);
  }
  // Attributes are inline code no hash can allow without 'unsafe-hashes'.
  for (const m of html.matchAll(/<[a-z][^>]*\s(style|on[a-z]+)="/gi)) blocked.push(`${m[1]} attribute`);
  return blocked;
}
