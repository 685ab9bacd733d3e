import path from 'node:path';
import type { AliasOptions, Plugin } from 'vite';

/**
 * Builds client/boot/bootFirstPaint.ts on its own, after the app bundle, as one small classic
 * script: the server inlines it into tour HTML, where it must run before any module has
 * downloaded, so it can share no chunk with the app.
 */
export function bootScriptPlugin(opts: {
  root: string;
  outDir: string;
  alias: AliasOptions;
  /** Where in outDir the server looks for it (FIRST_PAINT_FILE; passed in: the config runs without the @protocol alias). */
  file: string;
}): Plugin {
  return {
    name: 'vantage-first-paint',
    apply: 'build',
    async closeBundle() {
      const { build } = await import('vite');
      await build({
        configFile: false,
        root: opts.root,
        publicDir: false,
        logLevel: 'warn',
        resolve: { alias: opts.alias },
        build: {
          outDir: path.join(opts.outDir, path.dirname(opts.file)),
          emptyOutDir: false,
          copyPublicDir: false,
          lib: { entry: path.join(opts.root, 'client/boot/bootFirstPaint.ts'), formats: ['iife'], name: 'VantageFirstPaint', fileName: () => path.basename(opts.file) },
        },
      });
    },
  };
}
