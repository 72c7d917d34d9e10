// The require() entries (cjs/*.cjs): on Node >= 20.19 they hand over the ES modules (checked on the
// packed tarball by test/consumers.test.ts); where require() of an ES module is refused
// (ERR_REQUIRE_ESM, older Node) they throw an error that names the import to write instead.
import { readFile } from 'node:fs/promises';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

async function loadWith(file: string, fakeRequire: (id: string) => unknown): Promise<unknown> {
  const source = await readFile(new URL(`../cjs/${file}`, import.meta.url), 'utf8');
  const module = { exports: {} as unknown };
  runInNewContext(`(function (module, exports, require, process) {${source}\n})`, { Error })(module, module.exports, fakeRequire, { version: 'v20.10.0' });
  return module.exports;
}

describe('require() entries', () => {
  it.each([
    ['index.cjs', '../dist/index.js', "import { createSimulation } from 'criticality'"],
    ['serverless.cjs', '../dist/serverless/index.js', "import { createHandler } from 'criticality/serverless'"],
  ])('%s loads %s, or says to write %s', async (file, target, hint) => {
    const api = { marker: 1 };
    expect(await loadWith(file, (id) => (id === target ? api : undefined))).toBe(api);
    const refused = Object.assign(new Error('require() of ES Module'), { code: 'ERR_REQUIRE_ESM' });
    const error = await loadWith(file, () => {
      throw refused;
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain(hint);
    expect((error as Error).message).toMatch(/Node >= 20\.19/);
    expect((error as Error).cause).toBe(refused);
  });
});
