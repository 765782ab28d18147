import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Paths are resolved from this file so the build works whichever directory it is run from
// (`npm run build -w @earshot/web` or `npx vite build --config client/vite.config.ts`).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    // In development the API runs separately (`earshot start --role web` on :3000).
    proxy: { '/api': { target: 'http://localhost:3000' } },
  },
});
