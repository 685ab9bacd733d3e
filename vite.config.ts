import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { bootScriptPlugin } from './client/boot/bootScriptPlugin.ts';
import { decodersPlugin } from './client/model/decodersPlugin.ts';
import { FIRST_PAINT_FILE } from './server/protocol/tourBoot.ts';

const apiPort = Number(process.env.PORT ?? 8080);

/**
 * `@protocol` is the wire contract's index; `@protocol/x.ts` one of its modules, for code
 * that must not pull zod in with the index (the tour page's first-paint script).
 */
export const protocolAlias = [
  { find: /^@protocol$/, replacement: fileURLToPath(new URL('./server/protocol/index.ts', import.meta.url)) },
  { find: /^@protocol\//, replacement: fileURLToPath(new URL('./server/protocol/', import.meta.url)) },
];

// The client imports the wire contract through @protocol; nothing else crosses into server/.
export default defineConfig({
  root: 'client',
  publicDir: false,
  plugins: [react(), bootScriptPlugin({ root: fileURLToPath(new URL('.', import.meta.url)), outDir: fileURLToPath(new URL('./dist/client', import.meta.url)), alias: protocolAlias, file: FIRST_PAINT_FILE }), decodersPlugin(fileURLToPath(new URL('.', import.meta.url)))],
  resolve: {
    alias: protocolAlias,
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
