import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BaseRepository } from '../database/repository';
import { SellerEntity } from './seller.entity';

/** What a new seller account is made of; id and dates come from the column defaults. */
export type NewSeller = Pick<SellerEntity, 'email' | 'name' | 'passwordHash'>;

/** Seller accounts. */
@Injectable()
export class SellersRepository extends BaseRepository {
  /** Inserts the seller and returns it as stored; a taken email fails on uq_sellers_email. */
  insert(fields: NewSeller, m?: EntityManager): Promise<SellerEntity> {
    const repo = this.db(m).getRepository(SellerEntity);
    return repo.save(repo.create(fields));
  }

  /** The seller with this id (without the password hash). */
  findById(id: string, m?: EntityManager): Promise<SellerEntity | null> {
    return this.db(m).findOne(SellerEntity, { where: { id } });
  }

  /** The seller signing in with this (normalised) email, with the password hash to check. */
  findForLogin(email: string, m?: EntityManager): Promise<SellerEntity | null> {
    return this.db(m).findOne(SellerEntity, {
      where: { email },
      select: { id: true, email: true, name: true, createdAt: true, passwordHash: true },
    });
  }

  /**
   * Serialises sign-ups for the rest of `m`'s transaction (a transaction-scoped advisory lock), so
   * that "only while no seller exists" admits exactly one of two simultaneous first sign-ups.
   */
  async lockSignups(m: EntityManager): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('keyhold:seller-signup'))`);
  }

  /** Whether any seller account exists. */
  any(m?: EntityManager): Promise<boolean> {
    return this.db(m).exists(SellerEntity);
  }

  /** Whether the seller still exists: the seller token check, on every request (a deleted seller's token stops working). */
  exists(id: string, m?: EntityManager): Promise<boolean> {
    return this.db(m).exists(SellerEntity, { where: { id } });
  }
}
