import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const apiPort = Number(process.env.PORT ?? 8080);

// The client imports the wire contract through @protocol; nothing else crosses into server/.
export default defineConfig({
  root: 'client',
  publicDir: false,
  plugins: [react()],
  resolve: {
    alias: { '@protocol': fileURLToPath(new URL('./server/protocol/index.ts', import.meta.url)) },
  },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    // The server reads it to preload the tour's chunks on tour links (server/static/modulePreloads.ts).
    manifest: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': `http://127.0.0.1:${apiPort}`,
      '/tiles': `http://127.0.0.1:${apiPort}`,
      '/static': `http://127.0.0.1:${apiPort}`,
      '/xr-profiles': `http://127.0.0.1:${apiPort}`,
      '/ws': { target: `ws://127.0.0.1:${apiPort}`, ws: true },
    },
  },
});
