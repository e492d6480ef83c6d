import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

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
}
