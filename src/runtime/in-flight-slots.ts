/**
 * Requests in flight, kept in shared memory so the watchdog's thread can name them while
 * the main thread is blocked and can answer nothing. Each slot holds one request's
 * description as UTF-8, cut to SLOT_BYTES; with more requests in flight than slots, the
 * extra ones are only counted.
 */
export const SLOTS = 64;
export const SLOT_BYTES = 240;

/** Int32 layout: [heartbeat (ms since origin), requests in flight, then one length per slot]. */
const HEADER = 2;

export interface SharedWatch {
  readonly buffer: SharedArrayBuffer;
  /** Date.now() at which heartbeat 0 was taken. */
  readonly origin: number;
}

export function createSharedWatch(): SharedWatch {
  return {
    buffer: new SharedArrayBuffer(4 * (HEADER + SLOTS) + SLOTS * SLOT_BYTES),
    origin: Date.now(),
  };
}

export class InFlightSlots {
  private readonly ints: Int32Array;
  private readonly bytes: Uint8Array;
  private readonly encoder = new TextEncoder();
  private next = 0;

  constructor(private readonly watch: SharedWatch) {
    this.ints = new Int32Array(watch.buffer, 0, HEADER + SLOTS);
    this.bytes = new Uint8Array(watch.buffer, 4 * (HEADER + SLOTS));
  }

  beat(now = Date.now()): void {
    Atomics.store(this.ints, 0, now - this.watch.origin);
  }

  /** Records a request; the returned slot (or -1 when all are taken) is released when it ends. */
  enter(description: string): number {
    Atomics.add(this.ints, 1, 1);
    for (let tried = 0; tried < SLOTS; tried++) {
      const slot = (this.next + tried) % SLOTS;
      if (Atomics.load(this.ints, HEADER + slot) !== 0) continue;
      this.next = (slot + 1) % SLOTS;
      const target = this.bytes.subarray(slot * SLOT_BYTES, (slot + 1) * SLOT_BYTES);
      const { written } = this.encoder.encodeInto(description, target);
      Atomics.store(this.ints, HEADER + slot, Math.max(written, 1));
      return slot;
    }
    return -1;
  }

  leave(slot: number): void {
    Atomics.sub(this.ints, 1, 1);
    if (slot >= 0) Atomics.store(this.ints, HEADER + slot, 0);
  }
}

/** What the watchdog's thread reads: the last heartbeat and the requests in flight. */
export function readWatch(watch: SharedWatch): { heartbeat: number; inFlight: string[]; count: number } {
  const ints = new Int32Array(watch.buffer, 0, HEADER + SLOTS);
  const bytes = new Uint8Array(watch.buffer, 4 * (HEADER + SLOTS));
  const decoder = new TextDecoder();
  const inFlight: string[] = [];
  for (let slot = 0; slot < SLOTS; slot++) {
    const length = Atomics.load(ints, HEADER + slot);
    if (length > 0) inFlight.push(decoder.decode(bytes.slice(slot * SLOT_BYTES, slot * SLOT_BYTES + length)));
  }
  return { heartbeat: watch.origin + Atomics.load(ints, 0), inFlight, count: Atomics.load(ints, 1) };
}
