import { randomBytes } from 'node:crypto';
import { request } from 'node:http';

export interface SlowUpload {
  /** Bytes of the file part sent so far. */
  sent: number;
  /** The request is open: it started and no answer (or failure) came yet. */
  inFlight: boolean;
  /** Resolves with the status and parsed body, or rejects when the connection breaks. */
  done: Promise<{ status: number; body: unknown }>;
}

/**
 * A multipart/form-data upload (`fields`, then one `file` part) written to the socket in
 * `chunkBytes` pieces `pauseMs` apart, so it is still streaming for a while: a real, slow upload
 * a test can interrupt. The body has a Content-Length, as a browser's would.
 */
export function slowUpload(opts: {
  url: string;
  token: string;
  fields: Record<string, string>;
  filename: string;
  content: Buffer;
  chunkBytes?: number;
  pauseMs?: number;
}): SlowUpload {
  const boundary = `----keyhold-${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    Object.entries(opts.fields)
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${opts.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = opts.chunkBytes ?? 64 * 1024;
  const pause = opts.pauseMs ?? 5;
  const state: SlowUpload = { sent: 0, inFlight: true, done: undefined as never };
  const target = new URL(opts.url);

  state.done = new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent: false,
        headers: {
          authorization: `Bearer ${opts.token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + opts.content.length + tail.length,
        },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            /* left as text */
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('error', reject);
    void (async () => {
      req.write(head);
      for (let at = 0; at < opts.content.length; at += chunk) {
        if (req.destroyed) return;
        const piece = opts.content.subarray(at, at + chunk);
        if (!req.write(piece)) {
          await new Promise<void>((r) => {
            req.once('drain', () => r());
            req.once('close', () => r());
          });
        }
        state.sent += piece.length;
        await new Promise((r) => setTimeout(r, pause));
      }
      req.end(tail);
    })().catch(reject);
  }).finally(() => {
    state.inFlight = false;
  }) as SlowUpload['done'];
  return state;
}
