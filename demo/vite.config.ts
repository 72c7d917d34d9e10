import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Cross-origin isolation, so that SharedArrayBuffer exists on the pages (workers on one lattice). */
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

// The demo imports the package by its name; during development that name points at the sources.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: {
    alias: { criticality: fileURLToPath(new URL('../src/index.ts', import.meta.url)) },
  },
  server: { headers: isolation, fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
  preview: { headers: isolation },
  build: {
    outDir: fileURLToPath(new URL('../dist-demo', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        bench: fileURLToPath(new URL('./bench.html', import.meta.url)),
        language: fileURLToPath(new URL('./language.html', import.meta.url)),
      },
    },
  },
});
