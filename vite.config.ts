import { defineConfig } from 'vite';

/**
 * Three builds, run in this order by `npm run build` (the first empties dist/):
 * - default: the npm entries (`latchkey`, `latchkey/elements`, `latchkey/client`, `latchkey/protocol`),
 *   ES modules with dependencies left to the app's bundler;
 * - `--mode script`: `dist/latchkey.js`, one self-contained ES module for `<script type="module">`;
 * - `--mode classic`: `dist/latchkey.iife.js`, the same as a classic script for tag managers.
 */
export default defineConfig(({ mode }) => {
  const selfContained = mode === 'script' || mode === 'classic';
  return {
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: !selfContained,
      sourcemap: true,
      minify: true,
      lib: selfContained
        ? {
            entry: 'src/script.ts',
            name: 'Latchkey',
            formats: [mode === 'script' ? 'es' : 'iife'],
            fileName: () => (mode === 'script' ? 'latchkey.js' : 'latchkey.iife.js'),
          }
        : {
            entry: {
              define: 'src/define.ts',
              elements: 'src/index.ts',
              client: 'src/client/index.ts',
              protocol: 'src/protocol/index.ts',
            },
            formats: ['es'],
          },
      rolldownOptions: selfContained
        ? {}
        : { external: [/^lit/, /^@simplewebauthn\//, /^zod/, 'idb-keyval', 'oauth4webapi'] },
    },
  };
});
