/**
 * CKAN writes times as naive UTC with microseconds (`2017-05-15T01:30:00.000000`), and
 * harvesters compare them as text or parse them with that shape in mind.
 */
export function ckanTime(at: Date | string | null): string | null {
  if (at === null) return null;
  const iso = (typeof at === 'string' ? new Date(at) : at).toISOString();
  return `${iso.slice(0, 23)}000`;
}

/** The later of two instants, either of which may be missing. */
export function latest(a: Date | string | null, b: Date | string | null): Date | null {
  const [x, y] = [a, b].map((v) => (v === null ? null : new Date(v)));
  if (!x) return y ?? null;
  if (!y) return x;
  return x > y ? x : y;
}
