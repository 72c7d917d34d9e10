// `#platform` resolves to src/platform/node.ts under the "node" condition and to browser.ts
// elsewhere: both must export the same members with the same types (checked by the compiler
// below), the browser half must import nothing from Node, and the package's "imports" map must
// point each condition at the right built file.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import * as browser from '../src/platform/browser.js';
import * as node from '../src/platform/node.js';
import type { Platform } from '../src/platform/types.js';

// compile-time: each half is a Platform (a missing or retyped member fails `npm run typecheck`)
const asPlatform = (p: Platform): Platform => p;
asPlatform(node);
asPlatform(browser);

describe('#platform', () => {
  it('both halves export the same names', () => {
    expect(Object.keys(browser).sort()).toEqual(Object.keys(node).sort());
  });

  it('the browser half and its imports never name a node: module', async () => {
    for (const file of ['browser.ts', 'scope.ts', 'types.ts']) {
      expect(await readFile(new URL(`../src/platform/${file}`, import.meta.url), 'utf8'), file).not.toMatch(/from 'node:/);
    }
    expect(browser.PLATFORM).toBe('browser');
    expect(browser.usesThreads()).toBe(false);
    await expect(browser.readFileBytes(new URL('file:///x.wasm'))).rejects.toThrow(/read only in Node/);
  });

  it('the package maps node to node.js and everything else to browser.js', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
    expect(pkg.imports['#platform']).toEqual({ node: './dist/platform/node.js', default: './dist/platform/browser.js' });
    expect(pkg.imports['#inline-core']).toEqual({ 'criticality-no-inline': './dist/backend/inline-none.js', default: './dist/backend/inline-core.js' });
  });
});
