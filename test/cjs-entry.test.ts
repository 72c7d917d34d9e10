// The require() entries (cjs/*.cjs): on Node >= 20.19 they hand over the ES modules (checked on the
// packed tarball by test/consumers.test.ts); where require() of an ES module is refused
// (ERR_REQUIRE_ESM, older Node) they throw an error that names the import to write instead.
import { readFile } from 'node:fs/promises';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

const FILES = ['require-esm.cjs', 'index.cjs', 'serverless.cjs'];
const sources = new Map(await Promise.all(FILES.map(async (f) => [f, await readFile(new URL(`../cjs/${f}`, import.meta.url), 'utf8')] as const)));

/** Evaluates cjs/<file> as Node would, with `load` answering every require() outside cjs/. */
function evaluate(file: string, load: (id: string) => unknown): unknown {
  const module = { exports: {} as unknown };
  const require = (id: string): unknown => (id.startsWith('./') ? evaluate(id.slice(2), load) : load(id));
  runInNewContext(`(function (module, exports, require, process) {${sources.get(file)}\n})`, { Error })(module, module.exports, require, { version: 'v20.10.0' });
  return module.exports;
}

describe('require() entries', () => {
  it.each([
    ['index.cjs', '../dist/index.js', "import { createSimulation } from 'criticality'"],
    ['serverless.cjs', '../dist/serverless/index.js', "import { createHandler } from 'criticality/serverless'"],
  ])('%s loads %s, or says to write %s', (file, target, hint) => {
    const api = { marker: 1 };
    expect(evaluate(file, (id) => (id === target ? api : undefined))).toBe(api);
    const refused = Object.assign(new Error('require() of ES Module'), { code: 'ERR_REQUIRE_ESM' });
    let error: unknown;
    try {
      evaluate(file, () => {
        throw refused;
      });
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).toContain(hint);
    expect((error as Error).message).toMatch(/Node >= 20\.19/);
    expect((error as Error).cause).toBe(refused);
  });
});
