import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { appConfig } from '../dev-server.js';

// Svelte 5 + Vite: `npm run dev -w demo/frameworks/svelte` (README "Svelte").
export default defineConfig({
  ...appConfig('svelte', 5177),
  root: import.meta.dirname,
  plugins: [svelte()],
  build: { outDir: 'dist', emptyOutDir: true },
});
