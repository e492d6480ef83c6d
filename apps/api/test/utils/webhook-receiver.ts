import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface ReceivedRequest {
  path: string;
  /** webhook-id */
  id: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The status this receiver answered (0: it never answered). */
  status: number;
  at: number;
}

export interface Answer {
  status: number;
  body?: string;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Never answer (the sender's timeout must end the attempt). */
  hang?: boolean;
}

/**
 * A real HTTP webhook receiver on 127.0.0.1 for the e2e tests. It records every request and watches
 * for the same webhook-id, or the same path (endpoint), being in flight twice at once.
 */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  /** `path webhook-id` of requests that arrived while the same one was in flight (one event goes to each endpoint with the same id). */
  readonly concurrentDuplicates: string[] = [];
  /** Most requests in flight at once, per path. */
  readonly maxInFlightPerPath = new Map<string, number>();
  private readonly inFlightIds = new Map<string, number>();
  private readonly inFlightPaths = new Map<string, number>();
  private readonly sockets = new Set<Socket>();
  private server?: Server;
  port = 0;

  /** How to answer each request; 200 by default. */
  answer: (path: string, id: string, index: number) => Answer = () => ({ status: 200, body: 'ok' });

  async start(port = this.port): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as { port: number }).port;
    return this;
  }

  /** Stops listening (connections are then refused) and cuts open connections. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Requests to one path, in arrival order. */
  to(path: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  /** Requests to one path that were answered 2xx. */
  accepted(path: string): ReceivedRequest[] {
    return this.to(path).filter((r) => r.status >= 200 && r.status < 300);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url ?? '/';
    const id = String(req.headers['webhook-id'] ?? '');
    const key = `${path} ${id}`;
    const ids = (this.inFlightIds.get(key) ?? 0) + 1;
    this.inFlightIds.set(key, ids);
    if (ids > 1) this.concurrentDuplicates.push(key);
    const paths = (this.inFlightPaths.get(path) ?? 0) + 1;
    this.inFlightPaths.set(path, paths);
    this.maxInFlightPerPath.set(path, Math.max(paths, this.maxInFlightPerPath.get(path) ?? 0));
    const answer = this.answer(path, id, this.to(path).length);
    const record: ReceivedRequest = {
      path,
      id,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      status: answer.hang ? 0 : answer.status,
      at: Date.now(),
    };
    this.requests.push(record);
    const done = () => {
      this.inFlightIds.set(key, (this.inFlightIds.get(key) ?? 1) - 1);
      this.inFlightPaths.set(path, (this.inFlightPaths.get(path) ?? 1) - 1);
    };
    if (answer.hang) {
      req.socket.once('close', done);
      return;
    }
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    done();
    res.writeHead(answer.status, { 'content-type': 'text/plain' });
    res.end(answer.body ?? '');
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
