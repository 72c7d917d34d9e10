// The layout option: clear errors for unknown layouts and for sizes the packed layout cannot hold.
import { describe, expect, it } from 'vitest';
import { createSimulation, InvalidOptionError, MAX_PACKED_SIZE } from '../src/index.js';
import type { SimulationOptions } from '../src/index.js';

const BAD: [string, Record<string, unknown>, RegExp][] = [
  ['unknown layout', { layout: 'bits' }, /Invalid option "layout": expected one of "auto", "packed", "byte", got "bits"/],
  ['packed, L not a multiple of 16', { layout: 'packed', size: 20 }, /Invalid option "size": expected a multiple of 16 from 16 to 32752 for layout "packed" \(or layout "byte"\), got 20/],
  ['packed, L too small', { layout: 'packed', size: 8 }, /"size": expected a multiple of 16 .*got 8/],
  // the next multiple of 16 after MAX_PACKED_SIZE is beyond every layout's MAX_SIZE
  ['packed, L too large', { layout: 'packed', size: MAX_PACKED_SIZE + 16 }, /"size": expected an even integer from 2 to 32766.*got 32768/],
];

describe('layout option errors', () => {
  it.each(BAD)('%s', async (_label, options, message) => {
    const error = await createSimulation(options as SimulationOptions).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as Error).message).toMatch(message);
  });
});
