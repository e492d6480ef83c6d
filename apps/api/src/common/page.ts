import { PageMeta } from '@keyhold/contracts';

/** A page of a list; the envelope interceptor turns it into `{data, meta}`. */
export class Page<T> {
  constructor(
    readonly items: T[],
    readonly meta: PageMeta,
  ) {}

  /** A short list returned whole (an app's endpoints, blacklist, a seller's apps): one page of everything. */
  static all<T>(items: T[]): Page<T> {
    return new Page(items, { total: items.length, page: 1, limit: items.length });
  }
}
