import type { Socket } from 'node:net';
import { Agent, buildConnector, EnvHttpProxyAgent, type Dispatcher } from 'undici';

type Connect = buildConnector.connector;
type ConnectOptions = buildConnector.Options;
type Callback = buildConnector.Callback;

/** Sockets opened per event-loop turn while warming. */
const WARM_PER_TURN = 8;

/** A proxy to send through, from the usual environment variables (lower case first, as undici and curl read them). */
export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

/** The proxy settings in `env`, or null when neither HTTP_PROXY nor HTTPS_PROXY is set (connect directly). */
export function proxySettings(env: NodeJS.ProcessEnv = process.env): ProxySettings | null {
  const pick = (name: string) => env[name.toLowerCase()] || env[name] || undefined;
  const settings = { httpProxy: pick('HTTP_PROXY'), httpsProxy: pick('HTTPS_PROXY'), noProxy: pick('NO_PROXY') ?? '' };
  return settings.httpProxy || settings.httpsProxy ? settings : null;
}

/**
 * The HTTP connections to Discord, with room for sockets opened ahead of need. An export's first round trip
 * carries a dozen requests (everything that needs only the guild id); the second carries one or two per channel,
 * and each of them would otherwise open its own connection just when the answers it waits on arrive: a TCP (and,
 * against Discord, TLS) handshake per request, paid on the critical path. `ready(n)` opens the first round's
 * sockets together; `warm(n)` opens the second's while the first round trip is in flight (the client is idle
 * then). undici takes them instead of dialling new ones.
 */
export class Connections {
  readonly agent: Dispatcher;
  private readonly dial: Connect;
  private readonly origin: URL;
  /** Open sockets nobody has taken yet, each with what detaches the listeners it had while spare. */
  private readonly spare: { socket: Socket; release: () => void }[] = [];
  private warming = 0;
  /** A later turn of warm() is scheduled (see WARM_PER_TURN). */
  private queued = false;
  private failed = false;
  private closed = false;
  /** Called whenever a dial settles (see ready). */
  private waiters = new Set<() => void>();

  /**
   * `proxy`: where to send the requests through; from the environment when absent (see proxySettings), none when
   * null.
   */
  constructor(apiBase: string, options: { connectTimeoutMs?: number; proxy?: ProxySettings | null } = {}) {
    this.origin = new URL(apiBase);
    this.dial = buildConnector({ timeout: options.connectTimeoutMs ?? 10_000 });
    const connect = (opts: ConnectOptions, callback: Callback) => this.connect(opts, callback);
    const proxy = options.proxy === undefined ? proxySettings() : options.proxy;
    this.agent = proxy ? new EnvHttpProxyAgent({ ...proxy, connect }) : new Agent({ connect });
    this.proxied = proxy !== null;
  }

  /** Requests may go through a proxy: nothing is dialled ahead. */
  private readonly proxied: boolean;

  /** Sockets opened ahead and not yet taken. */
  get spareCount(): number {
    return this.spare.length;
  }

  /**
   * Opens sockets until `count` are spare or being opened, `perTurn` per event-loop turn so the requests already
   * under way are not held up. The first failure stops it: undici dials on demand as before.
   */
  warm(count: number, perTurn = WARM_PER_TURN): void {
    this.queued = false;
    const { protocol, host, port } = this.origin;
    const hostname = bare(this.origin.hostname);
    let opened = 0;
    while (this.canDial() && this.spare.length + this.warming < count && opened < perTurn) {
      opened++;
      this.warming++;
      this.dial({ protocol, hostname, host, port }, (error, socket) => {
        this.warming--;
        if (socket && !error) {
          if (this.closed) socket.destroy();
          else this.keep(socket as Socket);
        } else {
          // One failure stops the warming: the requests dial on demand and report the real error.
          this.failed = true;
        }
        for (const wake of this.waiters) wake();
      });
    }
    if (this.canDial() && this.spare.length + this.warming < count) {
      this.queued = true;
      setImmediate(() => this.warm(count, perTurn));
    } else {
      for (const wake of this.waiters) wake();
    }
  }

  private canDial(): boolean {
    return !this.closed && !this.failed && !this.proxied;
  }

  /**
   * Opens `count` sockets and resolves when they are ready, when every attempt has failed (the requests then
   * dial themselves and report the real error), or after `maxWaitMs`. The first round trip waits for this so
   * its requests leave together instead of one handshake apart; the handshakes would be paid anyway.
   */
  ready(count: number, maxWaitMs = 2000): Promise<void> {
    // Nothing is under way yet to be held up: dial them all at once, so they are ready together.
    this.warm(count, count);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const check = () => {
        // Done when enough are open, or when nothing is being opened and nothing more will be (a failure).
        if (this.closed || this.spare.length >= count || (this.warming === 0 && !this.queued)) done();
      };
      const timer = setTimeout(done, maxWaitMs);
      this.waiters.add(check);
      check();
    });
  }

  /** Destroys the spare sockets and the agent's connections. */
  async close(): Promise<void> {
    this.closed = true;
    for (const { socket } of this.spare.splice(0)) socket.destroy();
    await this.agent.destroy().catch(() => undefined);
  }

  private keep(socket: Socket): void {
    // While spare, a reset or a server-side idle close just drops it from the list.
    const entry = {
      socket,
      release: () => {
        socket.off('error', drop).off('close', drop);
      },
    };
    const drop = () => {
      const i = this.spare.indexOf(entry);
      if (i >= 0) this.spare.splice(i, 1);
    };
    socket.on('error', drop).once('close', drop);
    this.spare.push(entry);
  }

  /** undici's connector: a spare socket when one is open, else a new connection. */
  private connect(opts: ConnectOptions, callback: Callback): void {
    if (sameOrigin(opts, this.origin)) {
      for (let entry = this.spare.shift(); entry; entry = this.spare.shift()) {
        entry.release();
        if (!entry.socket.destroyed && entry.socket.readyState === 'open') {
          callback(null, entry.socket);
          return;
        }
        entry.socket.destroy();
      }
    }
    this.dial(opts, callback);
  }
}

function sameOrigin(opts: ConnectOptions, origin: URL): boolean {
  return opts.protocol === origin.protocol && bare(opts.hostname) === bare(origin.hostname) && String(opts.port ?? '') === origin.port;
}

/** An IPv6 literal without its URL brackets, as undici dials it. */
function bare(hostname: string): string {
  return hostname.startsWith('[') ? hostname.slice(1, hostname.indexOf(']')) : hostname;
}
