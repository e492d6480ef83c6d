import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Keyhold's version: apps/api/package.json's (one level above both src/ and dist/). */
export const VERSION = (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
