import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The demo imports the package by its name; during development that name points at the sources.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: {
    alias: { criticality: fileURLToPath(new URL('../src/index.ts', import.meta.url)) },
  },
  worker: { format: 'es' },
  build: { outDir: fileURLToPath(new URL('../dist-demo', import.meta.url)), emptyOutDir: true, target: 'es2022' },
});
