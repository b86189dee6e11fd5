/**
 * More links than this in one submission reads as spam: a person asking for statistics or
 * reporting a wrong value names a page or two, link farms paste dozens.
 */
export const MAX_LINKS = 3;

const LINK = /\b(?:https?:\/\/|www\.)\S+/gi;

/** Why a submission is spam: the hidden form field was filled, too many links, or a person said so. */
export type SpamReason = 'honeypot' | 'too_many_links' | 'manual';

export interface SpamVerdict {
  spam: boolean;
  reasons: SpamReason[];
}

/**
 * A submission is spam when the honeypot field, which people never see (it is `hidden` in
 * the form and documented as "leave empty" in the API), carries anything, or when its texts
 * hold more than MAX_LINKS links together. Spam is stored with this verdict, never dropped
 * and never put in an agency's queue, so an administrator can count it and restore mistakes.
 */
export function spamVerdict(input: {
  honeypot: unknown;
  texts: ReadonlyArray<string | null | undefined>;
}): SpamVerdict {
  const reasons: SpamReason[] = [];
  if (typeof input.honeypot === 'string' ? input.honeypot.trim() !== '' : input.honeypot != null) {
    reasons.push('honeypot');
  }
  const links = input.texts.reduce((n, t) => n + (t?.match(LINK)?.length ?? 0), 0);
  if (links > MAX_LINKS) reasons.push('too_many_links');
  return { spam: reasons.length > 0, reasons };
}
