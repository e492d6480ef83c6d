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
      select: { id: true, email: true, name: true, totpEnabledAt: true, createdAt: true, passwordHash: true },
    });
  }

  /** The seller's password hash, to check the current password before a change. */
  async passwordHashOf(id: string, m?: EntityManager): Promise<string | undefined> {
    const seller = await this.db(m).findOne(SellerEntity, { where: { id }, select: { id: true, passwordHash: true } });
    return seller?.passwordHash;
  }

  async updatePassword(id: string, passwordHash: string, m?: EntityManager): Promise<void> {
    await this.db(m).update(SellerEntity, { id }, { passwordHash });
  }

  /**
   * For opening a session: share-locks the seller's row until the end of `m`'s transaction and
   * says whether its password hash is still `passwordHash`. A password change (which updates the
   * row and ends the sessions) then either waits for this sign-in and ends its session too, or has
   * committed and this sign-in, made with the old password, is refused.
   */
  async lockForSignIn(id: string, passwordHash: string, m: EntityManager): Promise<boolean> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM sellers WHERE id = $1 AND password_hash = $2 FOR SHARE`, [id, passwordHash]);
    return rows.length === 1;
  }

  /** Locks the seller's row until the end of the caller's transaction. */
  async lockById(id: string, m: EntityManager): Promise<void> {
    await m.query(`SELECT id FROM sellers WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** The sealed (encrypted) TOTP secrets: the one in force and the one being set up. */
  async totpSecrets(id: string, m?: EntityManager): Promise<{ active: string | null; pending: string | null } | null> {
    const rows: Array<{ active: string | null; pending: string | null }> = await this.db(m).query(
      `SELECT totp_secret AS active, totp_pending_secret AS pending FROM sellers WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async setPendingTotp(id: string, sealed: string): Promise<void> {
    await this.dataSource.query(`UPDATE sellers SET totp_pending_secret = $2 WHERE id = $1`, [id, sealed]);
  }

  /** Puts the pending secret in force; `step` is the time step of the code that confirmed it (used once). */
  async enableTotp(id: string, sealed: string, step: number, m: EntityManager): Promise<void> {
    await m.query(
      `UPDATE sellers
          SET totp_secret = $2, totp_pending_secret = NULL, totp_enabled_at = now(), totp_last_step = $3,
              two_factor_failures = 0, two_factor_failures_since = NULL
        WHERE id = $1`,
      [id, sealed, step],
    );
  }

  async disableTotp(id: string, m: EntityManager): Promise<void> {
    await m.query(
      `UPDATE sellers
          SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL,
              two_factor_failures = 0, two_factor_failures_since = NULL
        WHERE id = $1`,
      [id],
    );
  }

  /**
   * Marks a TOTP time step used if it is later than the last one used: true once per step, even
   * for two requests at once with the same code (RFC 6238 §5.2: a code is accepted once only).
   */
  async useTotpStep(id: string, step: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH used AS (
         UPDATE sellers SET totp_last_step = $2
          WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)
         RETURNING 1
       )
       SELECT 1 FROM used`,
      [id, step],
    );
    return rows.length === 1;
  }

  /**
   * Counts a two-factor attempt in the seller's current window of `windowSeconds` (a new window
   * starts when the last one is over) and returns the attempts so far in it and when it ends. One
   * statement, so concurrent attempts each get their own number.
   */
  async countTwoFactorAttempt(id: string, windowSeconds: number): Promise<{ attempts: number; windowEndsAt: Date }> {
    // A CTE around the UPDATE, so the driver answers its RETURNING rows (a bare UPDATE answers [rows, count]).
    const rows: Array<{ attempts: number; ends: Date }> = await this.dataSource.query(
      `WITH counted AS (
         UPDATE sellers
            SET two_factor_failures = CASE WHEN fresh THEN 1 ELSE two_factor_failures + 1 END,
                two_factor_failures_since = CASE WHEN fresh THEN now() ELSE two_factor_failures_since END
           FROM (SELECT two_factor_failures_since IS NULL
                        OR two_factor_failures_since <= now() - make_interval(secs => $2::double precision) AS fresh
                   FROM sellers WHERE id = $1) AS w
          WHERE id = $1
         RETURNING two_factor_failures AS attempts, two_factor_failures_since + make_interval(secs => $2::double precision) AS ends
       )
       SELECT attempts, ends FROM counted`,
      [id, windowSeconds],
    );
    return { attempts: Number(rows[0]?.attempts ?? 0), windowEndsAt: new Date(rows[0]?.ends ?? Date.now()) };
  }

  /** A correct code: the window of attempts starts over. */
  async resetTwoFactorAttempts(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE sellers SET two_factor_failures = 0, two_factor_failures_since = NULL WHERE id = $1`, [id]);
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
}
