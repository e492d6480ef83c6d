import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Plain SQL for an entity, for the statements on the hot paths (client logins, session checks).
 * TypeORM builds a find-option query anew on every call (a seventh of the API's CPU under login
 * load); these statements are written once, from the entity's own metadata, so a column renamed
 * in the entity is renamed here too. Rows come back under the entity's property names (pg already
 * parses dates, booleans and integers as TypeORM would); a column's transformer, if it has one,
 * is applied.
 */
export class EntitySql<E extends ObjectLiteral> {
  private readonly selects = new Map<string, string>();
  private readonly updates = new Map<string, string>();
  /** Per prefix: each column's property, its name in the row, and its transformer's `from`. */
  private readonly readers = new Map<string, Array<{ property: string; name: string; from?: (value: unknown) => unknown }>>();

  constructor(private readonly metadata: EntityMetadata) {}

  /** The table's name, quoted. */
  get table(): string {
    return `"${this.metadata.tableName}"`;
  }

  /**
   * `alias.column AS "property", ...` for the columns TypeORM selects by default (never a
   * `select: false` one such as a password hash). With `prefix`, each is named `prefix +
   * property`, so several entities can come back in one row of a join.
   */
  columns(alias: string, { prefix = '' }: { prefix?: string } = {}): string {
    const cacheKey = `${alias}:${prefix}`;
    let list = this.selects.get(cacheKey);
    if (!list) {
      list = this.metadata.columns
        .filter((c) => c.isSelect)
        .map((c) => `${alias}."${c.databaseName}" AS "${prefix}${c.propertyName}"`)
        .join(', ');
      this.selects.set(cacheKey, list);
    }
    return list;
  }

  /**
   * The entity in a row selected with `columns()` (the same `prefix`), transformers applied; null
   * for no row, or for the null side of an outer join (no id).
   */
  fromRow(row: Record<string, unknown> | undefined, prefix = ''): E | null {
    if (!row || (prefix && row[`${prefix}id`] == null)) return null;
    const entity: Record<string, unknown> = {};
    for (const { property, name, from } of this.readersOf(prefix)) {
      if (!(name in row)) continue;
      entity[property] = from ? from(row[name]) : row[name];
    }
    return entity as E;
  }

  /** Worked out once per prefix: fromRow runs for every row of every login. */
  private readersOf(prefix: string) {
    let list = this.readers.get(prefix);
    if (!list) {
      list = this.metadata.columns.map((c) => {
        const transformer = c.transformer && !Array.isArray(c.transformer) ? c.transformer : undefined;
        return {
          property: c.propertyName,
          name: prefix + c.propertyName,
          from: transformer && ((v: unknown) => transformer.from(v) as unknown),
        };
      });
      this.readers.set(prefix, list);
    }
    return list;
  }

  /**
   * `UPDATE table SET col = $2, ... [, updated_at = now()] WHERE id = $1` for exactly the keys of
   * `patch` (undefined ones left out, as TypeORM's update does), and its parameters.
   */
  updateById(id: string, patch: Partial<E>): { sql: string; params: unknown[] } {
    const keys = Object.keys(patch).filter((k) => patch[k] !== undefined);
    if (keys.length === 0) throw new Error(`updateById on ${this.metadata.tableName} with nothing to set`);
    const cacheKey = keys.join(',');
    let sql = this.updates.get(cacheKey);
    if (!sql) {
      const sets = keys.map((k, i) => `"${this.column(k)}" = $${i + 2}`);
      const touched = this.metadata.updateDateColumn;
      if (touched && !keys.includes(touched.propertyName)) sets.push(`"${touched.databaseName}" = now()`);
      sql = `UPDATE ${this.table} SET ${sets.join(', ')} WHERE id = $1`;
      this.updates.set(cacheKey, sql);
    }
    return { sql, params: [id, ...keys.map((k) => this.toDatabase(k, patch[k]))] };
  }

  private column(propertyName: string): string {
    const column = this.metadata.findColumnWithPropertyName(propertyName);
    if (!column) throw new Error(`${this.metadata.tableName} has no column for ${propertyName}`);
    return column.databaseName;
  }

  private toDatabase(propertyName: string, value: unknown): unknown {
    const transformer = this.metadata.findColumnWithPropertyName(propertyName)?.transformer;
    return transformer && !Array.isArray(transformer) ? transformer.to(value) : value;
  }
}

const cache = new WeakMap<DataSource, Map<unknown, EntitySql<ObjectLiteral>>>();

/** The EntitySql of an entity, made once per data source. */
export function entitySql<E extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<E>): EntitySql<E> {
  let byTarget = cache.get(dataSource);
  if (!byTarget) cache.set(dataSource, (byTarget = new Map<unknown, EntitySql<ObjectLiteral>>()));
  let sql = byTarget.get(target);
  if (!sql) byTarget.set(target, (sql = new EntitySql(dataSource.getMetadata(target))));
  return sql as unknown as EntitySql<E>;
}
