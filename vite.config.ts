// Builds the renderer (React) into dist/renderer. `base: './'` makes asset URLs relative, so the
// same build loads from file:// in Electron and from the browser host's root.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome130',
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
