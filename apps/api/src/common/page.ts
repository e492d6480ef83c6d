import { PageMeta } from '@keyhold/contracts';

/** A page of a list; the envelope interceptor turns it into `{data, meta}`. */
export class Page<T> {
  constructor(
    readonly items: T[],
    readonly meta: PageMeta,
  ) {}
}
