import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { appConfig } from '../dev-server.js';

// React 19 + Vite: `npx vite --config demo/frameworks/react/vite.config.ts` (README "React").
export default defineConfig({
  ...appConfig('react', 5174),
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
});
