/**
 * `import core from 'criticality/wasm'` (the SIMD build of the core) or `'criticality/wasm-scalar'`
 * (without SIMD): the shipped .wasm file, which edge runtimes (Cloudflare Workers, Vercel Edge)
 * import as a compiled `WebAssembly.Module`. Pass it as the `core` option, e.g.
 * `createHandler({ core, backend: 'wasm' })`, where the runtime refuses to compile bytes.
 */
declare const core: WebAssembly.Module;
export default core;
