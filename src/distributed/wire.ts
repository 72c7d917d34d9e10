/**
 * Lossless JSON for results that cross Redis. JSON.stringify turns NaN and +-Infinity into null,
 * -0 into 0 and typed arrays into objects of indices; a distributed sweep must give results
 * identical bit for bit to a one-machine sweep, so those are tagged instead:
 *
 *   NaN, Infinity, -Infinity, -0    { "$number": "NaN" | "Infinity" | "-Infinity" | "-0" }
 *   Float64Array, Int32Array, ...   { "$typed": "Float64Array", "base64": <the elements, little-endian> }
 *
 * Every other finite number is written as JSON writes it (the shortest decimal that reads back as
 * the same double). Objects and arrays are walked; keys are kept as they are.
 */

const TYPED = {
  Float64Array: {
    make: (n: number) => new Float64Array(n),
    bytes: 8,
    get: (v: DataView, o: number) => v.getFloat64(o, true),
    set: (v: DataView, o: number, x: number) => v.setFloat64(o, x, true),
  },
  Float32Array: {
    make: (n: number) => new Float32Array(n),
    bytes: 4,
    get: (v: DataView, o: number) => v.getFloat32(o, true),
    set: (v: DataView, o: number, x: number) => v.setFloat32(o, x, true),
  },
  Int32Array: {
    make: (n: number) => new Int32Array(n),
    bytes: 4,
    get: (v: DataView, o: number) => v.getInt32(o, true),
    set: (v: DataView, o: number, x: number) => v.setInt32(o, x, true),
  },
  Uint32Array: {
    make: (n: number) => new Uint32Array(n),
    bytes: 4,
    get: (v: DataView, o: number) => v.getUint32(o, true),
    set: (v: DataView, o: number, x: number) => v.setUint32(o, x, true),
  },
  Int8Array: {
    make: (n: number) => new Int8Array(n),
    bytes: 1,
    get: (v: DataView, o: number) => v.getInt8(o),
    set: (v: DataView, o: number, x: number) => v.setInt8(o, x),
  },
  Uint8Array: {
    make: (n: number) => new Uint8Array(n),
    bytes: 1,
    get: (v: DataView, o: number) => v.getUint8(o),
    set: (v: DataView, o: number, x: number) => v.setUint8(o, x),
  },
} as const;

type TypedName = keyof typeof TYPED;
type Typed = Float64Array | Float32Array | Int32Array | Uint32Array | Int8Array | Uint8Array;

function typedName(value: unknown): TypedName | undefined {
  if (!ArrayBuffer.isView(value) || value instanceof DataView) return undefined;
  const name = value.constructor.name;
  return name in TYPED ? (name as TypedName) : undefined;
}

/** `value` with non-finite numbers, -0 and typed arrays tagged, ready for JSON.stringify. */
export function toWire(value: unknown): unknown {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { $number: 'NaN' };
    if (value === Infinity || value === -Infinity) return { $number: String(value) };
    return Object.is(value, -0) ? { $number: '-0' } : value;
  }
  if (typeof value !== 'object' || value === null) return value;
  const name = typedName(value);
  if (name) {
    const array = value as Typed;
    const { bytes, set } = TYPED[name];
    const out = new DataView(new ArrayBuffer(array.length * bytes));
    for (let i = 0; i < array.length; i++) set(out, i * bytes, array[i]);
    return { $typed: name, base64: Buffer.from(out.buffer).toString('base64') };
  }
  if (ArrayBuffer.isView(value)) throw new TypeError(`toWire: cannot encode a ${value.constructor.name}`);
  if (Array.isArray(value)) return value.map(toWire);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)]));
}

/** The inverse of {@link toWire}, applied to parsed JSON. */
export function fromWire(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(fromWire);
  const record = value as Record<string, unknown>;
  if (typeof record.$number === 'string' && Object.keys(record).length === 1) return Number(record.$number);
  if (typeof record.$typed === 'string' && typeof record.base64 === 'string' && record.$typed in TYPED) {
    const { make, bytes, get } = TYPED[record.$typed as TypedName];
    const raw = Buffer.from(record.base64, 'base64');
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const array = make(raw.byteLength / bytes);
    for (let i = 0; i < array.length; i++) array[i] = get(view, i * bytes);
    return array;
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fromWire(v)]));
}
