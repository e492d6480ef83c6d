import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ClientFileResponse } from '@keyhold/contracts';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { DataSource, Repository } from 'typeorm';
import { DomainError, notFound } from '../common/errors/domain-error';
import { fromPublicId, toPublicId } from '../common/ids';
import type { ClientPrincipal } from '../common/request';
import { EventsService } from '../events/events.service';
import type { ActiveSession } from '../sessions/sessions.service';
import { ByteRange, FileIntegrityError } from './file-cipher';
import { FileContentService } from './file-content.service';
import { FileEntity } from './file.entity';
import { CONTENT_COLUMNS, toClientFileResponse } from './files.service';
import { attachmentDisposition, decideRange, ifRangeHolds } from './http-range';

/** What the download needs from the HTTP request. */
export interface DownloadRequest {
  method: string;
  range?: string;
  ifRange?: string;
  ip: string;
}

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
    @InjectRepository(FileEntity) private readonly files: Repository<FileEntity>,
    private readonly dataSource: DataSource,
    private readonly content: FileContentService,
    private readonly events: EventsService,
  ) {}

  async metadata(principal: ClientPrincipal, publicId: string): Promise<ClientFileResponse> {
    const { file } = await this.authorize(principal, publicId);
    return toClientFileResponse(file);
  }

  /**
   * Streams the plaintext (or one byte range of it) to `res` with backpressure. The first chunk is
   * authenticated before the headers go out, so a damaged file answers a clean 500; damage found
   * later aborts the connection instead of sending altered bytes. A download that delivers the
   * file's last byte (the whole file, or the range that completes it) records file.download.
   */
  async download(principal: ClientPrincipal, publicId: string, request: DownloadRequest, res: Response): Promise<void> {
    const { file, active } = await this.authorize(principal, publicId);
    const etag = `"${file.sha256}"`;
    const lastModified = file.updatedAt.toUTCString();
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('X-File-Sha256', file.sha256); // FILE_SHA256_HEADER
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', lastModified);
    res.setHeader('Cache-Control', 'private, no-store');

    const decision = ifRangeHolds(request.ifRange, etag, lastModified) ? decideRange(request.range, file.size) : { kind: 'full' as const };
    if (decision.kind === 'unsatisfiable') {
      res.setHeader('Content-Range', `bytes */${file.size}`);
      throw new RangeNotSatisfiableError(file.size);
    }
    const range: ByteRange = decision.kind === 'partial' ? decision.range : { start: 0, end: file.size - 1 };
    const headers: Record<string, string> = {
      'Content-Type': file.contentType,
      'Content-Length': String(range.end - range.start + 1),
      'Content-Disposition': attachmentDisposition(file.name),
      'X-Content-Type-Options': 'nosniff',
    };
    if (decision.kind === 'partial') headers['Content-Range'] = `bytes ${range.start}-${range.end}/${file.size}`;
    const status = decision.kind === 'partial' ? 206 : 200;
    if (request.method === 'HEAD') {
      res.writeHead(status, headers).end();
      return;
    }

    const plaintext = this.content.open(file.id, file, range);
    let first: IteratorResult<Buffer>;
    try {
      first = await plaintext.next();
    } catch (e) {
      await plaintext.return(undefined).catch(() => undefined);
      // Replaced or deleted between the lookup and the read: gone for this request, not broken.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new DomainError('NOT_FOUND', 'File content was replaced or deleted; request it again');
      this.logger.error({ err: e, fileId: publicId }, 'Stored file could not be read');
      throw new DomainError('INTERNAL');
    }

    // One chunk of lookahead tells which chunk is the last: once it is handed to the connection
    // the download is complete, even if the client (holding every byte, per Content-Length) closes
    // the connection before the response's own 'finish'.
    let lastHandedOff = first.done === true;
    async function* chunks(): AsyncGenerator<Buffer> {
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
    }
    res.writeHead(status, headers);
    try {
      await pipeline(chunks, res);
    } catch (e) {
      if (e instanceof FileIntegrityError) this.logger.error({ err: e, fileId: publicId }, 'Download aborted: stored file failed authentication');
      if (!lastHandedOff) {
        if (!(e instanceof FileIntegrityError)) this.logger.debug({ err: e, fileId: publicId }, 'Download not completed');
        res.destroy();
        return;
      }
    }
    // The event is committed just after the last byte went out.
    if (range.end === file.size - 1) await this.recordDownload(file, active, request.ip);
  }

  private async authorize(principal: ClientPrincipal, publicId: string): Promise<{ file: FileEntity & { storageKey: string }; active: ActiveSession }> {
    // The guard loaded the session with its user or license (whose subscription decides access).
    const active = principal.session;
    if (!active) throw new DomainError('UNAUTHORIZED', 'Session expired or ended');
    const id = fromPublicId('file', publicId);
    const file = id
      ? await this.files
          .createQueryBuilder('f')
          .addSelect(CONTENT_COLUMNS)
          .where('f.id = :id AND f.app_id = :appId', { id, appId: principal.appId })
          .getOne()
      : null;
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
