import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Paths are resolved from this file so the build works whichever directory it is run from
// (`npm run build -w @earshot/web` or `npx vite build --config client/vite.config.ts`).
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  css: {
    modules: {
      // A component's styles live in `Component.module.css` beside it; their class names are
      // written kebab-case in CSS and read camelCase in TypeScript (`.row-title` → styles.rowTitle).
      localsConvention: 'camelCaseOnly',
      // The component and class stay readable in the page (InboxRow_row-title_x1y2z).
      generateScopedName: (local, file) => {
        const component = path.basename(file).replace(/\.module\.css$/, '');
        const hash = createHash('sha256').update(`${path.relative(root, file)}:${local}`).digest('base64url').slice(0, 5);
        return `${component}_${local}_${hash}`;
      },
    },
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    // In development the API runs separately (`earshot start --role web` on :3000).
    proxy: { '/api': { target: 'http://localhost:3000' } },
  },
});
