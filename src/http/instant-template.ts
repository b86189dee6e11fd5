import { formEncode } from './url-params';

/**
 * A text in which one instant appears (as ISO 8601, and form-encoded inside URLs), cut
 * around each appearance, so that the same text for another instant is a join rather than
 * a new rendering. `parts` has one more element than `slots`.
 */
export interface InstantTemplate {
  readonly parts: readonly Buffer[];
  /** How the instant is written at each cut: as it is, or form-encoded (in a URL). */
  readonly slots: readonly ('iso' | 'form')[];
}

// Two instants of the same length that share no digit: a render differs in exactly the
// places where the instant was written, which are found in the first and checked in the second.
const PROBE_A = new Date(Date.UTC(1111, 10, 11, 11, 11, 11, 111));
const PROBE_B = new Date(Date.UTC(2222, 11, 12, 22, 22, 22, 222));

function written(asOf: Date): Record<'iso' | 'form', string> {
  const iso = asOf.toISOString();
  return { iso, form: formEncode(iso) };
}

/**
 * The template of `render`, which must depend on nothing but its instant; undefined when
 * the two probe renders do not agree outside the instant (the text cannot be templated).
 */
export function instantTemplate(render: (asOf: Date) => string): InstantTemplate | undefined {
  const a = render(PROBE_A);
  const wa = written(PROBE_A);
  const wb = written(PROBE_B);
  const texts: string[] = [];
  const slots: Array<'iso' | 'form'> = [];
  let from = 0;
  for (;;) {
    const iso = a.indexOf(wa.iso, from);
    const form = wa.form === wa.iso ? -1 : a.indexOf(wa.form, from);
    const slot =
      iso === -1 && form === -1 ? undefined : form === -1 || (iso !== -1 && iso < form) ? 'iso' : 'form';
    if (!slot) break;
    const at = slot === 'iso' ? iso : form;
    texts.push(a.slice(from, at));
    slots.push(slot);
    from = at + wa[slot].length;
  }
  texts.push(a.slice(from));
  const expectedB = texts.reduce((out, text, i) => out + text + (i < slots.length ? wb[slots[i]!] : ''), '');
  if (expectedB !== render(PROBE_B)) return undefined;
  return { parts: texts.map((t) => Buffer.from(t, 'utf8')), slots };
}

/** The template's text for `asOf`, as buffers to be sent in order. */
export function fillInstant(template: InstantTemplate, asOf: Date): Buffer[] {
  const w = written(asOf);
  const values = { iso: Buffer.from(w.iso, 'latin1'), form: Buffer.from(w.form, 'latin1') };
  const out: Buffer[] = [];
  template.parts.forEach((part, i) => {
    out.push(part);
    const slot = template.slots[i];
    if (slot) out.push(values[slot]);
  });
  return out;
}
