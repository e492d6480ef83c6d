// `npm start`: install, build and start the whole product (API, dashboard, docs) on the embedded
// database. Set DATABASE_URL to use an external PostgreSQL instead.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureInstalled, root, run } from './workspace.mjs';

ensureInstalled({ build: false });
run(['run', 'build']);
const child = spawn(process.execPath, [join(root, 'apps/api/dist/main.js')], { stdio: 'inherit', cwd: root });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
