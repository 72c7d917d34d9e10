/**
 * The phi^4 field's codec: a Float64Array of 2 N finite components (phi_x, phi_y) at [2i, 2i + 1]
 * in site order, stored in checkpoints as little-endian float64. Unlike the unit vectors of the
 * XY model, any finite length is a valid field value.
 */
import type { SpinCodec } from '../model.js';

/** Why `spins` is not a field of `sites` sites (undefined when it is). */
function invalidField(spins: unknown, sites: number): string | undefined {
  if (!(spins instanceof Float64Array) || spins.length !== 2 * sites) return 'wrong type or length';
  for (let k = 0; k < spins.length; k++) {
    if (!Number.isFinite(spins[k])) return `component ${k} (site ${k >> 1}) is ${spins[k]}, not a finite number`;
  }
  return undefined;
}

export const fieldCodec: SpinCodec = {
  create: (sites) => new Float64Array(2 * sites),
  invalid: (spins, sites) => invalidField(spins, sites),
  describe: (sites) => `a Float64Array of ${2 * sites} finite values, the field components (phi_x, phi_y) of ${sites} sites`,
  encoding: 'float64le',
  components: 2,
  encode(spins) {
    const out = new Uint8Array(8 * spins.length);
    const view = new DataView(out.buffer);
    (spins as Float64Array).forEach((v, k) => view.setFloat64(8 * k, v, true));
    return out;
  },
  decode(bytes, sites) {
    if (bytes.length !== 16 * sites) return undefined;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const spins = Float64Array.from({ length: 2 * sites }, (_, k) => view.getFloat64(8 * k, true));
    return invalidField(spins, sites) === undefined ? spins : undefined;
  },
};
