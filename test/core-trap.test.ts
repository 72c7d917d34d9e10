// A WebAssembly trap never reaches a user as a bare "unreachable": it becomes a CoreError that
// says which core call trapped; other errors pass through unchanged.
import { describe, expect, it } from 'vitest';
import { guarded } from '../src/backend/core-call.js';
import { CoreError } from '../src/index.js';

describe('core traps', () => {
  it('turns a WebAssembly.RuntimeError into a CoreError naming the call', () => {
    let thrown: unknown;
    try {
      guarded('sweepMetropolis', () => {
        throw new WebAssembly.RuntimeError('unreachable');
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CoreError);
    expect((thrown as Error).message).toBe('WebAssembly core trapped in sweepMetropolis (unreachable); this is a bug in criticality');
    expect((thrown as Error).cause).toBeInstanceOf(WebAssembly.RuntimeError);
  });

  it('passes other errors and values through', () => {
    const other = new TypeError('x');
    expect(() => guarded('f', () => { throw other; })).toThrow(other);
    expect(guarded('f', () => 42)).toBe(42);
  });
});
