// Code of the function itself: may it compile WebAssembly bytes? (run.mjs expects a refusal)
export const compileBytes = (bytes) => WebAssembly.compile(bytes);
