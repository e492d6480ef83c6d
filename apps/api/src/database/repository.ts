import { Injectable } from '@nestjs/common';
import type { EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EntitySql, entitySql } from './entity-sql';
import type { Write } from './write-batch';

/**
 * What every repository starts from. Repositories are the one door to the database: raw SQL and
 * QueryBuilder chains live in them and nowhere else (lint refuses `query`, `createQueryBuilder`
 * and `getRepository` elsewhere). Each method takes an optional EntityManager: a service running a
 * transaction (`dataSource.transaction(m => ...)`) hands its manager down, so every statement of
 * one business operation commits or rolls back together; without one, a statement runs alone.
 */
@Injectable()
export abstract class BaseRepository {
  constructor(protected readonly dataSource: DataSource) {}

  /** The caller's transaction, or the pool. */
  protected db(m?: EntityManager): EntityManager {
    return m ?? this.dataSource.manager;
  }

  /** Plain SQL of an entity (database/entity-sql.ts), for the hot paths. */
  protected sql<E extends ObjectLiteral>(target: EntityTarget<E>): EntitySql<E> {
    return entitySql(this.dataSource, target);
  }

  /** The first row of a SELECT written with `sql(target).columns()`, as the entity; null for none. */
  protected async selectOne<E extends ObjectLiteral>(
    target: EntityTarget<E>,
    query: string,
    params: unknown[],
    m?: EntityManager,
  ): Promise<E | null> {
    const rows: Array<Record<string, unknown>> = await this.db(m).query(query, params);
    return this.sql(target).fromRow(rows[0]);
  }

  /**
   * How many rows `qb` selects, counting no further than `cap` (a bulk action's dry run: it says
   * "more than the limit" without counting a million rows). No locks are taken.
   */
  protected async countUpTo(qb: SelectQueryBuilder<ObjectLiteral>, cap: number, m?: EntityManager): Promise<number> {
    const [query, params] = qb.select(`${qb.alias}.id`).limit(cap).getQueryAndParameters();
    const rows: Array<{ n: number }> = await this.db(m).query(`SELECT count(*)::int AS n FROM (${query}) AS selection`, params);
    return rows[0].n;
  }

  /** The same UPDATE as a write of a batch (database/write-batch.ts), named `name`, answering the id. */
  protected updateByIdWrite<E extends ObjectLiteral>(target: EntityTarget<E>, name: string, id: string, patch: Partial<E>): Write {
    const { sql, params } = this.sql(target).updateById(id, patch);
    return { name, sql: `${sql} RETURNING id`, params };
  }

  /** One UPDATE of exactly the columns of `patch` (and the update date) of the row with this id. */
  protected async updateById<E extends ObjectLiteral>(
    target: EntityTarget<E>,
    id: string,
    patch: Partial<E>,
    m?: EntityManager,
  ): Promise<void> {
    const { sql, params } = this.sql(target).updateById(id, patch);
    await this.db(m).query(sql, params);
  }
}
