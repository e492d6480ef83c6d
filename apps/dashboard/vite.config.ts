/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Where `pnpm dev` sends API calls; the API serves the built dashboard itself in production. */
const apiTarget = process.env.KEYHOLD_API_URL ?? 'http://localhost:3000';
// The API's own paths (as in apps/api/src/bootstrap.ts). A regex, so that /app does not catch /apps.
const apiPaths = '^/(v1|docs|health|app)(/|$)';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^@\//, replacement: here('./src/') },
      // The libs' dist is CommonJS; the browser build compiles their TypeScript source instead.
      { find: /^@keyhold\/sdk$/, replacement: here('../../libs/sdk/src/index.ts') },
      { find: /^@keyhold\/contracts$/, replacement: here('../../libs/contracts/src/index.ts') },
    ],
  },
  server: {
    port: 5173,
    proxy: { [apiPaths]: { target: apiTarget, changeOrigin: true } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in the build: the product serves its dashboard to anyone who asks.
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          // A group also takes the dependencies of what it matches, so the groups that others depend
          // on (React, then Mantine) come first; charts load with the overview page only (a lazy route).
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 4 },
            {
              name: 'mantine',
              test: /[\\/]node_modules[\\/](@mantine[\\/](core|hooks|notifications|dates|store)|@floating-ui|react-remove-scroll|react-number-format|react-transition-group|dayjs)/,
              priority: 3,
            },
            { name: 'charts', test: /[\\/]node_modules[\\/](@mantine[\\/]charts|recharts)[\\/]/, priority: 2 },
            { name: 'vendor', test: /[\\/]node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/testing/setup-tests.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    restoreMocks: true,
    // Typing a whole form into Mantine under jsdom takes seconds while CI runs other stages on the
    // same 2 cores: the default 5 s failed by load, never by a bug. A hung test still ends here.
    testTimeout: 20_000,
  },
});
