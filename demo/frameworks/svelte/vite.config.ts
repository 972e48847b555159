import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// `npm run dev -w demo/frameworks/svelte`: the app on http://localhost:5174 (PORT overrides), hot reload on.
// The backend's issuer comes from VITE_LATCH_ISSUER (.env sets the `npm run demo` backend).
export default defineConfig({
  plugins: [svelte()],
  server: { host: '127.0.0.1', port: Number(process.env.PORT ?? 5174), strictPort: true },
});
