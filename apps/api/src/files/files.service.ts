import { Injectable, Logger } from '@nestjs/common';
import type { ClientFileResponse, DeletedResponse, FileResponse } from '@keyhold/contracts';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppsService } from '../apps/apps.service';
import { isDatabaseUnavailable } from '../common/errors/db-errors';
import { notFound } from '../common/errors/domain-error';
import { fromPublicId, toPublicId } from '../common/ids';
import type { RecordApps } from '../common/request';
import { Page } from '../common/page';
import { KeyholdValidationPipe } from '../common/validation';
import { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/inject-config';
import { ListFilesQueryDto, ReplaceFileContentFieldsDto, UpdateFileDto, UploadFileFieldsDto } from './dto/file.dto';
import { FileContentService, StoredContent } from './file-content.service';
import { FileEntity } from './file.entity';
import { FilePatch, FilesRepository } from './files.repository';
import { MultipartFields, receiveMultipart } from './multipart-upload';

export function toFileResponse(f: FileEntity): FileResponse {
  return {
    id: toPublicId('file', f.id),
    appId: toPublicId('app', f.appId),
    name: f.name,
    size: f.size,
    sha256: f.sha256,
    contentType: f.contentType,
    subscriptions: f.subscriptions,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
  };
}

export function toClientFileResponse(f: FileEntity): ClientFileResponse {
  return {
    id: toPublicId('file', f.id),
    name: f.name,
    size: f.size,
    sha256: f.sha256,
    contentType: f.contentType,
    createdAt: f.createdAt.toISOString(),
  };
}

const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

/** The part's media type when it is a plain `type/subtype`, else application/octet-stream. */
function contentTypeOf(mimeType: string | undefined): string {
  return mimeType && CONTENT_TYPE.test(mimeType) ? mimeType.toLowerCase() : 'application/octet-stream';
}

/** The uploaded file's own name, made a valid display name (no path, no control characters). */
function nameFromFilename(filename: string | undefined): string {
  const base = (filename ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
  const clean = Array.from(base.replace(/[\x00-\x1f\x7f]/g, '').trim())
    .slice(0, 255)
    .join('');
  return clean || 'file';
}

/** Multipart fields as a DTO input: `subscriptions` repeated and/or comma-separated; other fields single. */
function fieldsToInput(fields: MultipartFields): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, values]) =>
      name === 'subscriptions'
        ? [
            name,
            values
              .flatMap((v) => v.split(','))
              .map((v) => v.trim())
              .filter((v) => v !== ''),
          ]
        : [name, values.length === 1 ? values[0] : values],
    ),
  );
}

interface ReceivedFile {
  content: StoredContent;
  filename: string | undefined;
  mimeType: string;
}

/** The seller's files: upload (streamed and encrypted), list, rename, re-permission, replace, delete. */
@Injectable()
export class FilesService implements RecordApps {
  private readonly logger = new Logger(FilesService.name);
  private readonly validation = new KeyholdValidationPipe();

  constructor(
    private readonly files: FilesRepository,
    private readonly dataSource: DataSource,
    private readonly apps: AppsService,
    private readonly content: FileContentService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * Streams the multipart body to storage, encrypting as it goes. The fields may come before or
   * after the file: when `appId` comes first it is checked before a byte is stored; otherwise the
   * stored bytes are removed again if the fields turn out bad. The row is written last.
   */
  async upload(sellerId: string, req: Request): Promise<FileResponse> {
    const id = randomUUID();
    const received = await receiveMultipart<ReceivedFile>(req, {
      maxFileBytes: this.config.filesMaxBytes,
      onFile: async (file, fieldsSoFar) => {
        if (fieldsSoFar.appId) await this.apps.findOwned(sellerId, (await this.uploadFields(fieldsSoFar)).appId);
        return { content: await this.content.store(id, file.stream), filename: file.filename, mimeType: file.mimeType };
      },
      discard: (r) => this.content.remove(r.content.storageKey),
    });
    try {
      const fields = await this.uploadFields(received.fields);
      const app = await this.apps.findOwned(sellerId, fields.appId);
      await this.files.insert({
        id,
        appId: app.id,
        name: fields.name ?? nameFromFilename(received.file.filename),
        contentType: contentTypeOf(received.file.mimeType),
        subscriptions: [...new Set(fields.subscriptions ?? [])],
        ...received.file.content,
      });
    } catch (e) {
      // A lost connection may have committed the row all the same: keep the bytes then, and leave
      // them to the janitor, which removes stored bytes that no row points to.
      if (!isDatabaseUnavailable(e)) await this.removeQuietly(received.file.content.storageKey);
      throw e;
    }
    // Past the insert the file exists: a failure to read it back must not take its bytes.
    return toFileResponse(await this.files.getById(id));
  }

  async list(sellerId: string, query: ListFilesQueryDto): Promise<Page<FileResponse>> {
    const app = await this.apps.findOwned(sellerId, query.appId);
    const { rows, meta } = await this.files.pageForApp(app.id, query.q, query);
    return new Page(rows.map(toFileResponse), meta);
  }

  async get(sellerId: string, publicId: string): Promise<FileResponse> {
    return toFileResponse(await this.requireOwned(publicId, (id) => this.files.findOwned(id, sellerId)));
  }

  async update(sellerId: string, publicId: string, dto: UpdateFileDto): Promise<FileResponse> {
    const file = await this.requireOwned(publicId, (id) => this.files.findOwned(id, sellerId));
    const patch: FilePatch = {};
    if (dto.name !== undefined) patch.name = dto.name;
    if (dto.subscriptions !== undefined) patch.subscriptions = [...new Set(dto.subscriptions)];
    if (Object.keys(patch).length > 0) await this.files.update(file.id, patch);
    return this.get(sellerId, publicId);
  }

  /** Deletes the row, then the stored bytes (a leftover, should that fail, is the janitor's). */
  async remove(sellerId: string, publicId: string): Promise<DeletedResponse> {
    const file = await this.requireOwned(publicId, (id) => this.files.findOwnedWithContent(id, sellerId));
    await this.files.deleteById(file.id);
    await this.removeQuietly(file.storageKey);
    return { id: publicId, deleted: true };
  }

  /**
   * New contents for a file: stored under a new key and data key, swapped into the row under a
   * row lock, and the old bytes removed. Downloads already streaming finish with the old bytes.
   */
  async replaceContent(sellerId: string, publicId: string, req: Request): Promise<FileResponse> {
    const file = await this.requireOwned(publicId, (id) => this.files.findOwned(id, sellerId));
    const received = await receiveMultipart<ReceivedFile>(req, {
      maxFileBytes: this.config.filesMaxBytes,
      onFile: async (part, fieldsSoFar) => {
        await this.validate(ReplaceFileContentFieldsDto, fieldsSoFar);
        return { content: await this.content.store(file.id, part.stream), filename: part.filename, mimeType: part.mimeType };
      },
      discard: (r) => this.content.remove(r.content.storageKey),
    });
    let replaced: string;
    try {
      await this.validate(ReplaceFileContentFieldsDto, received.fields);
      replaced = await this.dataSource.transaction(async (m) => {
        const current = await this.requireOwned(publicId, (id) => this.files.lockOwnedWithContent(id, sellerId, m));
        await this.files.replaceContent(
          file.id,
          { ...received.file.content, contentType: contentTypeOf(received.file.mimeType), updatedAt: new Date() },
          m,
        );
        return current.storageKey;
      });
    } catch (e) {
      // As on upload: after a lost connection the change may have committed; the janitor removes
      // whichever bytes no row points to.
      if (!isDatabaseUnavailable(e)) await this.removeQuietly(received.file.content.storageKey);
      throw e;
    }
    await this.removeQuietly(replaced);
    return this.get(sellerId, publicId);
  }

  /** The seller's file, or 404 NOT_FOUND; `find` is the lookup (plain, with its content columns, or locked). */
  private async requireOwned(publicId: string, find: (id: string) => Promise<FileEntity | null>): Promise<FileEntity> {
    const id = fromPublicId('file', publicId);
    const file = id ? await find(id) : null;
    if (!file) throw notFound('File not found');
    return file;
  }

  private uploadFields(fields: MultipartFields): Promise<UploadFileFieldsDto> {
    return this.validate(UploadFileFieldsDto, fields);
  }

  /** Multipart fields go through the same validation pipe as JSON bodies. */
  private async validate<T>(type: new () => T, fields: MultipartFields): Promise<T> {
    return (await this.validation.transform(fieldsToInput(fields), { type: 'body', metatype: type })) as T;
  }

  private async removeQuietly(storageKey: string): Promise<void> {
    try {
      await this.content.remove(storageKey);
    } catch (e) {
      this.logger.warn({ err: e, storageKey }, 'Stored file could not be removed; the janitor will retry');
    }
  }

  /** RecordApps: the app of one of the seller's file records (the integration key's scope check). */
  async appOfRecord(sellerId: string, publicId: string): Promise<string | null> {
    const id = fromPublicId('file', publicId);
    return id ? ((await this.files.findOwned(id, sellerId))?.appId ?? null) : null;
  }
}
