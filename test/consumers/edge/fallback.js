// The same handler without the core: on such a runtime it must say so, never fall back silently.
import { createHandler } from 'criticality/serverless';

export const asked = { fetch: createHandler({ backend: 'wasm' }) };
export const auto = { fetch: createHandler() };
