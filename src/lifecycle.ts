import type { Server, ServerResponse } from 'node:http';

/**
 * The HTTP server's last minutes after SIGTERM. It stops accepting connections at once,
 * lets every request in flight (an upload may take minutes) finish, and closes each
 * keep-alive connection as soon as it goes idle, so the process can exit without cutting
 * anyone off. `/readyz` reads `draining` to tell load balancers to move on.
 */
export class Lifecycle {
  private drainStarted = false;
  private server: Server | undefined;
  private readonly inFlight = new Set<ServerResponse>();

  get draining(): boolean {
    return this.drainStarted;
  }

  attach(server: Server): void {
    this.server = server;
    server.on('request', (_req, res: ServerResponse) => {
      this.inFlight.add(res);
      if (this.draining) res.setHeader('Connection', 'close');
      res.once('close', () => {
        this.inFlight.delete(res);
        // Node only closes connections that are idle when close() is called; one that
        // finished its request afterwards would otherwise linger for keepAliveTimeout.
        if (this.draining) setImmediate(() => server.closeIdleConnections());
      });
    });
  }

  /**
   * Resolves true once every connection has closed, or false when `graceMs` passed first
   * (the remaining connections are then cut).
   */
  async drain(graceMs: number): Promise<boolean> {
    const server = this.server;
    if (!server) return true;
    this.drainStarted = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Responses not yet started tell their clients not to reuse the connection.
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), graceMs);
    });
    const inTime = await Promise.race([closed.then(() => true as const), expired]);
    clearTimeout(timer);
    if (!inTime) server.closeAllConnections();
    return inTime;
  }
}
