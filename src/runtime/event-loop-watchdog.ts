import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createSharedWatch, InFlightSlots } from './in-flight-slots';
import type { BlockReport, WatchdogThreadData } from './watchdog-thread';

export interface WatchdogOptions {
  /** A stall at least this long is logged, with the requests in flight, while it lasts. */
  readonly blockedMs: number;
  /** 0: never. Otherwise a stall this long kills the process (for its supervisor to restart). */
  readonly killMs: number;
  /** After a stall the process reports itself not ready for this long. */
  readonly cooldownMs: number;
  readonly logFd?: number;
}

export interface LoopHealth {
  readonly ready: boolean;
  /** The longest stall seen in the cooldown window, if any. */
  readonly lastStall?: { readonly ms: number; readonly endedAt: string };
}

/**
 * Watches the event loop from a second thread. A request that keeps the loop busy stops
 * every other request, /healthz included; the thread sees the heartbeat stop and logs the
 * requests in flight while the stall lasts. When the loop runs again, readiness stays
 * false for a cooldown, so a load balancer keeps traffic away from a process that stalls.
 */
export class EventLoopWatchdog {
  private readonly watch = createSharedWatch();
  private readonly slots = new InFlightSlots(this.watch);
  private worker: Worker | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastTick = Date.now();
  private stall: { ms: number; endedAt: number } | undefined;
  readonly reports: BlockReport[] = [];

  constructor(private readonly options: WatchdogOptions) {}

  start(): void {
    const tick = Math.max(10, Math.floor(this.options.blockedMs / 4));
    this.slots.beat();
    this.lastTick = Date.now();
    this.timer = setInterval(() => this.tick(tick), tick).unref();
    const data: WatchdogThreadData = {
      watch: this.watch,
      blockedMs: this.options.blockedMs,
      killMs: this.options.killMs,
      logFd: this.options.logFd ?? 2,
    };
    const ext = path.extname(__filename);
    const file = path.join(__dirname, `watchdog-thread${ext}`);
    // The thread loads our TypeScript the way tests and `npm start` do, through tsx's
    // CommonJS hook; it inherits no flags, since loader flags do not all work in a worker.
    const hook = ext === '.ts' ? `require(${JSON.stringify(require.resolve('tsx/cjs'))});` : '';
    this.worker = new Worker(`${hook}require(${JSON.stringify(file)});`, {
      eval: true,
      workerData: data,
      execArgv: [],
    });
    this.worker.on('message', (report: BlockReport) => this.reports.push(report));
    // Losing the watchdog must never take the server down with it.
    this.worker.on('error', (err) => console.error('[watchdog] thread failed; serving without it', err));
    this.worker.unref();
  }

  private tick(interval: number): void {
    const now = Date.now();
    const late = now - this.lastTick - interval;
    this.lastTick = now;
    this.slots.beat(now);
    if (late >= this.options.blockedMs) this.stall = { ms: late, endedAt: now };
  }

  /** Marks a request as in flight until the returned function is called. */
  enter(description: string): () => void {
    const slot = this.slots.enter(description);
    return () => this.slots.leave(slot);
  }

  health(now = Date.now()): LoopHealth {
    const stall = this.stall && now - this.stall.endedAt < this.options.cooldownMs ? this.stall : undefined;
    if (!stall) return { ready: true };
    return { ready: false, lastStall: { ms: stall.ms, endedAt: new Date(stall.endedAt).toISOString() } };
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
