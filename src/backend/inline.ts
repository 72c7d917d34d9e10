/**
 * The inlined cores as the default loader's fallback (see ./loader.ts). The package entries
 * (src/index.ts, src/serverless/index.ts) call {@link useInlinedFallback}; worker entries do not,
 * so a worker bundle never carries a copy of the core (the page sends it the compiled Module).
 */
import { inlinedCoreBytes } from '#inline-core';
import { registerCoreFallback, type CoreVariant } from './loader.js';

const compiled: Partial<Record<CoreVariant, Promise<WebAssembly.Module>>> = {};

/** Compiles one of the inlined cores (once; cached). Rejects in a build without them ("criticality-no-inline"). */
export function loadInlinedCore(variant: CoreVariant): Promise<WebAssembly.Module> {
  if (typeof WebAssembly !== 'object') return Promise.reject(new Error('WebAssembly is not available in this runtime'));
  const cached = compiled[variant];
  if (cached) return cached;
  const compiling = inlinedCoreBytes(variant).then((bytes) => WebAssembly.compile(bytes));
  compiling.catch(() => {
    if (compiled[variant] === compiling) delete compiled[variant];
  });
  compiled[variant] = compiling;
  return compiling;
}

/** Makes loadCore() fall back on the inlined core where the shipped file cannot be loaded. */
export function useInlinedFallback(): void {
  registerCoreFallback(loadInlinedCore);
}
