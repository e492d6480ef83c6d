import { Injectable } from '@nestjs/common';
import type { PageMeta } from '@keyhold/contracts';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { AppEntity } from '../apps/app.entity';
import { likePattern } from '../common/dto/pagination.dto';
import { fetchPage, PageRequest } from '../database/page-query';
import { BaseRepository } from '../database/repository';
import { FileEntity } from './file.entity';

/** The columns kept out of default selects (where the bytes are and how to decrypt them). */
const CONTENT_COLUMNS = ['f.storageKey', 'f.wrappedKey', 'f.noncePrefix', 'f.chunkSize'];

/** The columns that describe a file's stored content (what FileContentService.store returns). */
export type FileContentColumns = Pick<FileEntity, 'storageKey' | 'wrappedKey' | 'noncePrefix' | 'chunkSize' | 'size' | 'sha256'>;

/** A new file row; the timestamps come from the database. */
export type NewFile = FileContentColumns & Pick<FileEntity, 'id' | 'appId' | 'name' | 'contentType' | 'subscriptions'>;

/** What a seller may change of a file without new content. */
export type FilePatch = Partial<Pick<FileEntity, 'name' | 'subscriptions'>>;

/** New content swapped into a file row. */
export type ReplacedContent = FileContentColumns & Pick<FileEntity, 'contentType' | 'updatedAt'>;

/**
 * Files an app's users may download. A row returned without content (the default) lacks
 * `storageKey`, `wrappedKey`, `noncePrefix` and `chunkSize`; the `...WithContent` lookups load them.
 */
@Injectable()
export class FilesRepository extends BaseRepository {
  async insert(file: NewFile, m?: EntityManager): Promise<void> {
    await this.db(m).getRepository(FileEntity).insert(file);
  }

  /** The file `id`; fails (EntityNotFoundError) when there is none. */
  async getById(id: string, m?: EntityManager): Promise<FileEntity> {
    return this.db(m).getRepository(FileEntity).findOneOrFail({ where: { id } });
  }

  /** The app's files, newest first; `q` searches the name. */
  async pageForApp(appId: string, q: string | undefined, page: PageRequest): Promise<{ rows: FileEntity[]; meta: PageMeta }> {
    const qb = this.db().getRepository(FileEntity).createQueryBuilder('f').where('f.app_id = :appId', { appId });
    if (q) qb.andWhere('f.name ILIKE :q', { q: likePattern(q) });
    return fetchPage(qb, page);
  }

  /** The file `id` if its app is the seller's, without its content columns. */
  async findOwned(id: string, sellerId: string, m?: EntityManager): Promise<FileEntity | null> {
    return this.owned(id, sellerId, m).getOne();
  }

  /** As `findOwned`, with the content columns (to remove the stored bytes, say). */
  async findOwnedWithContent(id: string, sellerId: string, m?: EntityManager): Promise<FileEntity | null> {
    return this.owned(id, sellerId, m).addSelect(CONTENT_COLUMNS).getOne();
  }

  /**
   * As `findOwnedWithContent`, and locks the file's row (FOR UPDATE OF f) until `m`'s transaction
   * ends, so two content replacements of one file take turns and each removes the bytes it replaced.
   */
  async lockOwnedWithContent(id: string, sellerId: string, m: EntityManager): Promise<FileEntity | null> {
    return this.owned(id, sellerId, m).addSelect(CONTENT_COLUMNS).setLock('pessimistic_write', undefined, ['f']).getOne();
  }

  /** The file `id` of app `appId`, with its content columns (an end user's download). */
  async findInAppWithContent(id: string, appId: string): Promise<FileEntity | null> {
    return this.db()
      .getRepository(FileEntity)
      .createQueryBuilder('f')
      .addSelect(CONTENT_COLUMNS)
      .where('f.id = :id AND f.app_id = :appId', { id, appId })
      .getOne();
  }

  /** Renames or re-permissions a file; `updated_at` is set by TypeORM's update. */
  async update(id: string, patch: FilePatch, m?: EntityManager): Promise<void> {
    await this.db(m).getRepository(FileEntity).update({ id }, patch);
  }

  /** Points the row at new stored content (under the caller's row lock). */
  async replaceContent(id: string, content: ReplacedContent, m: EntityManager): Promise<void> {
    await this.db(m).getRepository(FileEntity).update({ id }, content);
  }

  async deleteById(id: string, m?: EntityManager): Promise<void> {
    await this.db(m).getRepository(FileEntity).delete({ id });
  }

  /** Which of `storageKeys` some file row points to (the janitor removes the others' bytes). */
  async knownStorageKeys(storageKeys: string[]): Promise<Set<string>> {
    const rows: Array<{ storage_key: string }> = await this.dataSource.query('SELECT storage_key FROM files WHERE storage_key = ANY($1)', [
      storageKeys,
    ]);
    return new Set(rows.map((r) => r.storage_key));
  }

  /** The file `id` if its app belongs to `sellerId`. */
  private owned(id: string, sellerId: string, m?: EntityManager): SelectQueryBuilder<FileEntity> {
    return this.db(m)
      .getRepository(FileEntity)
      .createQueryBuilder('f')
      .innerJoin(AppEntity, 'a', 'a.id = f.app_id')
      .where('f.id = :id AND a.seller_id = :sellerId', { id, sellerId });
  }
}
