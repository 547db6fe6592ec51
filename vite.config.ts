import { defineConfig } from 'vite';

// The renderer: plain React through esbuild's automatic JSX runtime, built with relative paths
// so the same files load from app://kpi/ (desktop, main/electron/protocol.ts) and from the browser
// preview's server.
export default defineConfig({
  root: 'renderer',
  base: './',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});
