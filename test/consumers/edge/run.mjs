// An edge runtime, emulated in Node: modules are compiled by the platform when the function is
// deployed and bound to `import x from '*.wasm'` (here: globalThis.__EDGE_WASM__, which the esbuild
// plugin of the test points such imports at); at run time WebAssembly refuses to compile bytes, as
// Cloudflare Workers and Vercel Edge do. Prints one JSON line with the answers of the handlers.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

const [out, wasm] = process.argv.slice(2);
globalThis.__EDGE_WASM__ = { 'criticality.wasm': await WebAssembly.compile(await readFile(wasm)) };

// refused for the function's code (the bundles in out/); Node's own fetch compiles its HTTP parser
const fromFunction = () => /\/out\/[^/]+\.mjs/.test(new Error().stack ?? '');
const refused = () => new WebAssembly.CompileError('WebAssembly.compile(): Wasm code generation disallowed by embedder');
const { compile, compileStreaming, instantiate, Module } = WebAssembly;
WebAssembly.compile = (bytes) => (fromFunction() ? Promise.reject(refused()) : compile(bytes));
WebAssembly.compileStreaming = (source) => (fromFunction() ? Promise.reject(refused()) : compileStreaming(source));
WebAssembly.instantiate = (source, imports) => (fromFunction() && !(source instanceof Module) ? Promise.reject(refused()) : instantiate(source, imports));
WebAssembly.Module = new Proxy(Module, {
  construct(target, args) {
    if (fromFunction()) throw refused();
    return new target(...args);
  },
});

const load = (name) => import(pathToFileURL(`${out}/${name}.mjs`).href);
const { default: edge } = await load('function');
const { asked, auto } = await load('fallback');
const { compileBytes } = await load('probe');

const origin = 'https://app.example';
async function answer(handler, init) {
  const response = await handler.fetch(new Request('https://edge.example/simulate', init));
  const text = await response.text();
  return { status: response.status, headers: Object.fromEntries(response.headers), body: text ? JSON.parse(text) : null };
}
const job = (options) => ({ method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ job: 'run', options, sweeps: 500 }) });

console.log(JSON.stringify({
  compileRefused: await compileBytes(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => false, () => true),
  preflight: await answer(edge, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } }),
  run: await answer(edge, job({ size: 16, temperature: 2.3, seed: 5 })),
  asked: await answer(asked, job({ size: 8 })),
  auto: await answer(auto, job({ size: 8 })),
}));
