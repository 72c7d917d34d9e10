import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // a margin for loaded machines (CI shares its cores); tests set longer limits where they need them
    testTimeout: 30_000,
  },
});
