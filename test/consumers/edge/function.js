// The recipe of docs/serverless.md for edge runtimes that refuse to compile WebAssembly bytes
// (Cloudflare Workers, Vercel Edge): import the shipped core as a module and pass it on.
import core from 'criticality/wasm';
import { createHandler } from 'criticality/serverless';

export default { fetch: createHandler({ core, backend: 'wasm' }) };
