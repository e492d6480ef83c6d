import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppEntity } from '../apps/app.entity';
import { BaseRepository } from '../database/repository';
import { BlacklistEntryEntity } from './blacklist-entry.entity';

/** What a new entry is made of; the id and the date come from the column defaults. */
export type NewBlacklistEntry = Pick<BlacklistEntryEntity, 'appId' | 'type' | 'value' | 'network' | 'reason'>;

/** Blacklisted IPs and hardware ids. */
@Injectable()
export class BlacklistRepository extends BaseRepository {
  /** The app's entries, newest first. */
  listForApp(appId: string, m?: EntityManager): Promise<BlacklistEntryEntity[]> {
    return this.db(m).find(BlacklistEntryEntity, { where: { appId }, order: { createdAt: 'DESC' } });
  }

  /**
   * The network of `address/prefix` as PostgreSQL's cidr stores it, host bits cleared
   * ("10.1.2.3/8" is "10.0.0.0/8"), so what is shown is what `>>=` matches.
   */
  async networkOf(addressWithPrefix: string, m?: EntityManager): Promise<string> {
    const [row]: Array<{ net: string }> = await this.db(m).query(`SELECT network($1::inet)::text AS net`, [addressWithPrefix]);
    return row.net;
  }

  /** Inserts the entry; a duplicate fails on the unique constraint `uq_blacklist_entry`. */
  insert(entry: NewBlacklistEntry, m?: EntityManager): Promise<BlacklistEntryEntity> {
    return this.db(m).save(BlacklistEntryEntity, entry);
  }

  /** The entry with this id if it is in one of the seller's apps. */
  findOwned(id: string, sellerId: string, m?: EntityManager): Promise<BlacklistEntryEntity | null> {
    return this.db(m)
      .createQueryBuilder(BlacklistEntryEntity, 'b')
      .innerJoin(AppEntity, 'a', 'a.id = b.app_id')
      .where('b.id = :id AND a.seller_id = :sellerId', { id, sellerId })
      .getOne();
  }

  async delete(id: string, m?: EntityManager): Promise<void> {
    await this.db(m).delete(BlacklistEntryEntity, { id });
  }

  /** Whether the IP falls in one of the app's listed ranges or the hardware id is listed. */
  async matches(appId: string, ip: string, hwid: string | null, m?: EntityManager): Promise<boolean> {
    const rows: unknown[] = await this.db(m).query(
      `SELECT 1 FROM blacklist_entries
        WHERE app_id = $1 AND ((type = 'ip' AND network >>= $2::inet) OR (type = 'hwid' AND value = $3))
        LIMIT 1`,
      [appId, ip, hwid],
    );
    return rows.length > 0;
  }
}
