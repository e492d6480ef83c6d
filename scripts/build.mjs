// `pnpm build`: builds the packages whose sources changed since their last build (all of them on a
// fresh clone); `pnpm build --force` rebuilds every one.
import { buildChanged, ensureInstalled } from './workspace.mjs';

ensureInstalled();
const built = await buildChanged({ force: process.argv.includes('--force') });
if (built.length === 0) console.log('Every package is up to date with its sources (pnpm build --force rebuilds them).');
