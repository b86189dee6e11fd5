import net from 'node:net';

/**
 * A TCP forwarder between the app and PostgreSQL that a test can take down and bring
 * back on the same port (as a database restart looks to the app), or stall and then cut
 * while a statement is on the wire (as a connection killed mid-request looks).
 */
export class TcpProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private holding = false;
  private onHeldBytes: (() => void) | undefined;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** A DATABASE_URL like `url`, pointing at this proxy. */
  rewrite(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  async up(): Promise<void> {
    this.holding = false;
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => {
          this.sockets.delete(s);
          client.destroy();
          upstream.destroy();
        });
      }
      client.on('data', (chunk: Buffer) => {
        if (this.holding) this.onHeldBytes?.();
        upstream.write(chunk);
      });
      // While held, the server's answers are swallowed: the statement is on the wire, unanswered.
      upstream.on('data', (chunk: Buffer) => {
        if (!this.holding) client.write(chunk);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as net.AddressInfo).port;
  }

  /** Refuses new connections and cuts every open one, as a database that went away. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  /** From now on answers are swallowed; resolves once the app has sent something (a statement). */
  hold(): Promise<void> {
    this.holding = true;
    return new Promise((resolve) => {
      this.onHeldBytes = () => {
        this.onHeldBytes = undefined;
        resolve();
      };
    });
  }
}
