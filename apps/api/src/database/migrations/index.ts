import { Foundation1764100000000 } from './1764100000000-foundation';
import { ClientApi1764100100000 } from './1764100100000-client-api';

/** Every migration in order. Listed, not globbed, so the same list runs under jest, tsc output and PGlite. */
export const MIGRATIONS = [Foundation1764100000000, ClientApi1764100100000];
