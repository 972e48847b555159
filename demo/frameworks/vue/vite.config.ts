import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { appConfig } from '../dev-server.js';

// Vue 3 + Vite: `npx vite --config demo/frameworks/vue/vite.config.ts` (README "Vue").
export default defineConfig({
  ...appConfig('vue', 5175),
  root: import.meta.dirname,
  // The latch-* tags are custom elements, not Vue components: Vue leaves them to the browser.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('latch-') } } })],
  build: { outDir: 'dist', emptyOutDir: true },
});
