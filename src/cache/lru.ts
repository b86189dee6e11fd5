/** A small LRU bounded by entry count and by total size (in whatever unit `size` is given). */
export class Lru<V> {
  private readonly map = new Map<string, { value: V; size: number }>();
  private total = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxSize: number,
  ) {}

  get(key: string): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    // Map keeps insertion order: re-inserting marks the entry as most recently used.
    this.map.delete(key);
    this.map.set(key, hit);
    return hit.value;
  }

  set(key: string, value: V, size: number): void {
    if (size > this.maxSize) return;
    this.delete(key);
    this.map.set(key, { value, size });
    this.total += size;
    for (const [oldest] of this.map) {
      if (this.map.size <= this.maxEntries && this.total <= this.maxSize) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const hit = this.map.get(key);
    if (!hit) return;
    this.map.delete(key);
    this.total -= hit.size;
  }

  get size(): number {
    return this.map.size;
  }
}
