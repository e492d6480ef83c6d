import { Injectable, Logger } from '@nestjs/common';
import { sha256DigestFieldOfHex } from '../common/digest-fields';
import type { ClientFileResponse } from '@keyhold/contracts';
import { DataSource } from 'typeorm';
import { DomainError, notFound } from '../common/errors/domain-error';
import { fromPublicId, toPublicId } from '../common/ids';
import type { ClientPrincipal } from '../common/request';
import { EventsService } from '../events/events.service';
import type { ActiveSession } from '../client/client-authenticator';
import { ByteRange, FileIntegrityError } from './file-cipher';
import { FileContentService } from './file-content.service';
import { FileEntity } from './file.entity';
import { FilesRepository } from './files.repository';
import { toClientFileResponse } from './files.service';
import { attachmentDisposition, decideRange, ifRangeHolds } from './http-range';

/** What the download needs from the HTTP request. */
export interface DownloadRequest {
  method: string;
  range?: string;
  ifRange?: string;
  ip: string;
}

/** Response headers, in the order they are sent. */
export type ResponseHeaders = Record<string, string>;

/**
 * The plaintext of a GET download, its first chunk already read and authenticated. The
 * response pulls `chunks()` (with backpressure), then reports how that ended: `completed()` once
 * every chunk went out, or `interrupted(error)` when it failed (a client gone, damage found in a
 * later chunk).
 */
export interface DownloadBody {
  chunks(): AsyncGenerator<Buffer>;
  /**
   * Whether a failed delivery left the client short of the last byte: then the connection is to
   * be cut and nothing is recorded; otherwise the download counts (call `completed()`).
   */
  interrupted(error: unknown): boolean;
  /** Records file.download when the bytes sent end the file (the whole file, or the range that completes it). */
  completed(): Promise<void>;
}

/**
 * What the download route answers, headers in the order they are sent:
 * - `refused`: an error, answered in the envelope with `headers` (the file's validators; a 416's Content-Range);
 * - `head`: the status and headers of the GET, no body;
 * - `bytes`: the status, headers and body.
 */
export type FileDownload =
  | { kind: 'refused'; headers: ResponseHeaders; error: DomainError }
  | { kind: 'head'; status: 200 | 206; headers: ResponseHeaders }
  | { kind: 'bytes'; status: 200 | 206; headers: ResponseHeaders; body: DownloadBody };

/** 416 with the envelope's BAD_REQUEST code (the contract has no code of its own for it). */
class RangeNotSatisfiableError extends DomainError {
  constructor(size: number) {
    super('BAD_REQUEST', `Range not satisfiable: the file has ${size} bytes`, undefined);
    Object.defineProperty(this, 'status', { value: 416 });
  }
}

/** End users' side of files: metadata and the decrypted bytes, for an active session allowed the file. */
@Injectable()
export class ClientFilesService {
  private readonly logger = new Logger(ClientFilesService.name);

  constructor(
    private readonly files: FilesRepository,
    private readonly dataSource: DataSource,
    private readonly content: FileContentService,
    private readonly events: EventsService,
  ) {}

  async metadata(principal: ClientPrincipal, publicId: string): Promise<ClientFileResponse> {
    const { file } = await this.authorize(principal, publicId);
    return toClientFileResponse(file);
  }

  /**
   * What to answer a download of the plaintext (or one byte range of it); the controller writes it.
   * The first chunk is authenticated before the answer is decided, so a damaged file answers a
   * clean 500; damage found later aborts the connection instead of sending altered bytes. A
   * download that delivers the file's last byte (the whole file, or the range that completes it)
   * records file.download.
   */
  async download(principal: ClientPrincipal, publicId: string, request: DownloadRequest): Promise<FileDownload> {
    const { file, active } = await this.authorize(principal, publicId);
    const etag = `"${file.sha256}"`;
    const lastModified = file.updatedAt.toUTCString();
    // On every answer about the file, errors included.
    const headers: ResponseHeaders = {
      'Accept-Ranges': 'bytes',
      'X-File-Sha256': file.sha256, // FILE_SHA256_HEADER
      // The whole file's digest (RFC 9530), which a ranged answer's signature covers.
      'Repr-Digest': sha256DigestFieldOfHex(file.sha256),
      ETag: etag,
      'Last-Modified': lastModified,
      'Cache-Control': 'private, no-store',
    };

    const decision = ifRangeHolds(request.ifRange, etag, lastModified) ? decideRange(request.range, file.size) : { kind: 'full' as const };
    if (decision.kind === 'unsatisfiable') {
      return {
        kind: 'refused',
        headers: { ...headers, 'Content-Range': `bytes */${file.size}` },
        error: new RangeNotSatisfiableError(file.size),
      };
    }
    const range: ByteRange = decision.kind === 'partial' ? decision.range : { start: 0, end: file.size - 1 };
    const answer: ResponseHeaders = {
      ...headers,
      'Content-Type': file.contentType,
      'Content-Length': String(range.end - range.start + 1),
      'Content-Disposition': attachmentDisposition(file.name),
      'X-Content-Type-Options': 'nosniff',
    };
    if (decision.kind === 'partial') answer['Content-Range'] = `bytes ${range.start}-${range.end}/${file.size}`;
    // The whole file is the body: its digest is known without reading it, so the answer is signed up front.
    else answer['Content-Digest'] = sha256DigestFieldOfHex(file.sha256);
    const status = decision.kind === 'partial' ? 206 : 200;
    if (request.method === 'HEAD') return { kind: 'head', status, headers: answer };

    const plaintext = this.content.open(file.id, file, range);
    let first: IteratorResult<Buffer>;
    try {
      first = await plaintext.next();
    } catch (e) {
      await plaintext.return(undefined).catch(() => undefined);
      // Replaced or deleted between the lookup and the read: gone for this request, not broken.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        return { kind: 'refused', headers, error: new DomainError('NOT_FOUND', 'File content was replaced or deleted; request it again') };
      }
      this.logger.error({ err: e, fileId: publicId }, 'Stored file could not be read');
      return { kind: 'refused', headers, error: new DomainError('INTERNAL') };
    }
    // The event is committed just after the last byte went out.
    const completed = () => (range.end === file.size - 1 ? this.recordDownload(file, active, request.ip) : Promise.resolve());
    return { kind: 'bytes', status, headers: answer, body: this.body(publicId, first, plaintext, completed) };
  }

  /** The rest of a download once its first chunk is read (see DownloadBody). */
  private body(
    publicId: string,
    first: IteratorResult<Buffer>,
    plaintext: AsyncGenerator<Buffer>,
    completed: () => Promise<void>,
  ): DownloadBody {
    const logger = this.logger;
    // One chunk of lookahead tells which chunk is the last: once it is handed to the connection
    // the download is complete, even if the client (holding every byte, per Content-Length) closes
    // the connection before the response's own 'finish'.
    let lastHandedOff = first.done === true;
    return {
      async *chunks(): AsyncGenerator<Buffer> {
        try {
          let current = first;
          while (!current.done) {
            const next = await plaintext.next();
            if (next.done) lastHandedOff = true;
            yield current.value;
            current = next;
          }
        } finally {
          await plaintext.return(undefined);
        }
      },
      interrupted(e: unknown): boolean {
        if (e instanceof FileIntegrityError)
          logger.error({ err: e, fileId: publicId }, 'Download aborted: stored file failed authentication');
        if (lastHandedOff) return false;
        if (!(e instanceof FileIntegrityError)) logger.debug({ err: e, fileId: publicId }, 'Download not completed');
        return true;
      },
      completed,
    };
  }

  private async authorize(
    principal: ClientPrincipal,
    publicId: string,
  ): Promise<{ file: FileEntity & { storageKey: string }; active: ActiveSession }> {
    // The guard loaded the session with its user or license (whose subscription decides access).
    const active = principal.session;
    if (!active) throw new DomainError('UNAUTHORIZED', 'Session expired or ended');
    const id = fromPublicId('file', publicId);
    const file = id ? await this.files.findInAppWithContent(id, principal.appId) : null;
    if (!file) throw notFound('File not found');
    const subscription = active.user ? active.user.subscription : (active.license?.subscription ?? null);
    if (file.subscriptions.length > 0 && (subscription === null || !file.subscriptions.includes(subscription))) {
      throw new DomainError('FORBIDDEN', 'This file is not available to your subscription');
    }
    return { file, active };
  }

  private async recordDownload(file: FileEntity, { session, user, license }: ActiveSession, ip: string): Promise<void> {
    try {
      await this.dataSource.transaction((m) =>
        this.events.record(m, file.appId, 'file.download', {
          fileId: toPublicId('file', file.id),
          fileName: file.name,
          userId: user ? toPublicId('user', user.id) : undefined,
          licenseId: license ? toPublicId('license', license.id) : undefined,
          username: user?.username,
          ip,
          hwid: session.hwid ?? null,
        }),
      );
    } catch (e) {
      this.logger.error({ err: e, fileId: toPublicId('file', file.id) }, 'file.download could not be recorded');
    }
  }
}
