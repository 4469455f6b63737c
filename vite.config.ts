import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served from app://antq/ in Electron and from the web host: relative asset paths
// work under both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    chunkSizeWarningLimit: 2000,
  },
});
