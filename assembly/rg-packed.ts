// Block spins with level 0 on the packed lattice (assembly/packed.ts): level 1 is built and
// level 0 measured straight from the packed lanes, with no conversion to the byte lattice.
// The JavaScript twin is src/models/ising/rg-packed-js.ts.
//
// Same results as assembly/rg.ts on the byte copy of the lattice, bit for bit: the same block
// spins, block order (Y outer, X inner), RG-stream draws (one per tied block), pattern counts and
// operator sums. Levels >= 1 are byte lattices, built and measured by assembly/rg.ts.
//
// Lane layout (assembly/packed.ts, B = L / 16): row y = by * B + r holds its even-x sites
// x = 2j in colour y & 1 and its odd-x sites x = 2j + 1 in the other colour, both at byte by of
// the vectors V[r][w], bit bx, j = bx * B + w.
//
// Level 1, b = 2: block (X, Y) is the sites x = 2X, 2X + 1 of rows 2Y and 2Y + 1, i.e. the four
// colour/row combinations at the same j = X. For each w the bytes by of the four vectors go into
// one 32-bit word (even x of row 2Y, odd x of row 2Y, even x of row 2Y + 1, odd x of row 2Y + 1);
// bit bx of the four bytes is then gathered into the block's pattern code by one multiplication,
// and the blocks are visited in the order X = bx * B + w. Other b: the b rows of a block row are
// unpacked into a byte scratch and coarse-grained by rg.ts's coarsenBlockRow.
//
// Level 0 operators: with bit b = 1 for s = +1, s = -(-1)^b and a product of k spins is
// (-1)^k (-1)^(b_1 ^ ... ^ b_k): a sum of T terms with `odd` odd bit parities is T - 2 odd for
// products of two or four spins and 2 odd - T for three. Parities are counted 128 sites at a time
// with popcounts (two 64-bit halves per vector, in both cores).

import { EVEN_BYTES64, HIGH1, HIGH7, LOW1, LOW7, packedLatticePtr, packedSize, sel } from "./packed";
import { reserve } from "./memory";
import {
  coarsenBlockRow, rgBlockSize, rgBuildFrom, rgClearPatterns, rgLevelPtr, rgMeasureFrom,
  rgNext, rgOperatorsPtr, RG_RULE_MAJORITY,
} from "./rg";

let scratch: usize = 0;
let scratchCapacity: usize = 0;

/**
 * Reserves the scratch the packed build needs for the current configuration (rgConfigure first,
 * and packedInit): 4 B bytes for b = 2, b L bytes otherwise. Returns 0, or -1 when memory cannot grow.
 */
export function rgPackedConfigure(): i32 {
  const L = packedSize();
  const b = rgBlockSize();
  const bytes: usize = b == 2 ? <usize>(L >> 4) << 2 : <usize>b * <usize>L;
  if (bytes <= scratchCapacity && scratch != 0) return 0;
  const at = reserve(bytes);
  if (at == 0) return -1;
  scratch = at;
  scratchCapacity = bytes;
  return 0;
}

/**
 * Builds levels 1..K with level 1 read from the packed lattice (rgPackedConfigure first), with
 * the same pattern counts and RG-stream draws as rgBuild. Returns the number of ties broken.
 */
export function rgBuildPacked(rule: i32): i32 {
  const majority = rule == RG_RULE_MAJORITY;
  const hist = rgClearPatterns();
  const ties = rgBlockSize() == 2 ? levelOnePairs(majority, hist) : levelOneRows(majority, hist);
  return ties + rgBuildFrom(rule, 2);
}

/** Measures the operators of levels 0..K, level 0 from the packed lattice (after rgBuildPacked). */
export function rgMeasurePacked(): void {
  measurePackedLevel(rgOperatorsPtr());
  rgMeasureFrom(1);
}

/** 2 x 2 blocks straight from the lanes (see the header). */
function levelOnePairs(majority: bool, hist: usize): i32 {
  const L = packedSize();
  const B = L >> 4;
  const lattice = packedLatticePtr();
  const rowBytes = <usize>B << 4;
  const colour1 = <usize>B * rowBytes;
  const out = rgLevelPtr(1);
  const m = L >> 1;
  let ties = 0;
  let by = 0, r = 0; // row 2Y = by * B + r
  for (let Y = 0; Y < m; Y++) {
    let by1 = by, r1 = r + 1; // row 2Y + 1
    if (r1 == B) { r1 = 0; by1++; }
    // even x of an even row is colour 0, of an odd row colour 1
    const e0 = lattice + <usize>r * rowBytes + <usize>by;
    const o0 = e0 + colour1;
    const o1 = lattice + <usize>r1 * rowBytes + <usize>by1;
    const e1 = o1 + colour1;
    for (let w = 0; w < B; w++) {
      const at = <usize>w << 4;
      store<u32>(scratch + (<usize>w << 2),
        <u32>load<u8>(e0 + at) | (<u32>load<u8>(o0 + at) << 8) | (<u32>load<u8>(e1 + at) << 16) | (<u32>load<u8>(o1 + at) << 24));
    }
    const row = out + <usize>Y * <usize>m;
    let X = 0;
    for (let bx: u32 = 0; bx < 8; bx++) {
      for (let w = 0; w < B; w++) {
        // bits 0, 8, 16, 24 of the word to bits 24..27: code bit dy * 2 + dx
        const code = (((load<u32>(scratch + (<usize>w << 2)) >>> bx) & 0x01010101) * 0x01020408) >>> 24;
        if (hist != 0) {
          const h = hist + (<usize>code << 2);
          store<u32>(h, load<u32>(h) + 1);
        }
        let s: i32;
        if (majority) {
          const up = <i32>popcnt<u32>(code);
          if (up == 2) {
            s = (rgNext() >>> 31) != 0 ? 1 : -1;
            ties++;
          } else {
            s = up > 2 ? 1 : -1;
          }
        } else {
          s = <i32>((code & 1) << 1) - 1;
        }
        store<i8>(row + <usize>X, <i8>s);
        X++;
      }
    }
    r += 2;
    while (r >= B) { r -= B; by++; }
  }
  return ties;
}

/** Unpacks row y of the packed lattice into L bytes of +1/-1 at out. */
function unpackRow(y: i32, out: usize): void {
  const L = packedSize();
  const B = L >> 4;
  const by = y / B, r = y - by * B;
  const c = y & 1;
  const lattice = packedLatticePtr();
  const even = lattice + ((<usize>(c * B + r) * <usize>B) << 4) + <usize>by;
  const odd = lattice + ((<usize>((c ^ 1) * B + r) * <usize>B) << 4) + <usize>by;
  for (let w = 0; w < B; w++) {
    const e = <i32>load<u8>(even + (<usize>w << 4));
    const o = <i32>load<u8>(odd + (<usize>w << 4));
    let x = out + (<usize>w << 1);
    const step = <usize>B << 1;
    for (let bx = 0; bx < 8; bx++) {
      store<i8>(x, <i8>(((e >> bx) & 1) * 2 - 1));
      store<i8>(x, <i8>(((o >> bx) & 1) * 2 - 1), 1);
      x += step;
    }
  }
}

/** Any b: the b rows of each block row unpacked into the scratch, then rg.ts's coarsenBlockRow. */
function levelOneRows(majority: bool, hist: usize): i32 {
  const L = packedSize();
  const b = rgBlockSize();
  const m = L / b;
  const out = rgLevelPtr(1);
  let ties = 0;
  for (let Y = 0; Y < m; Y++) {
    for (let dy = 0; dy < b; dy++) unpackRow(Y * b + dy, scratch + <usize>dy * <usize>L);
    ties += coarsenBlockRow(scratch, L, b, out + <usize>Y * <usize>m, majority, hist);
  }
  return ties;
}

// ---------------------------------------------------------------------------------------------
// Level 0 operators from the lanes

/**
 * One 64-bit half of a 128-bit vector (a = that half, b = the other) after a row wrapped k times:
 * byte i takes byte (i + k) mod 16 (k = -1: row -1 is row B - 1 one byte lower; k >= 1: rows
 * B, 2B, ... are rows 0, 1, ... k bytes higher).
 */
// @ts-ignore: decorator
@inline
function rowHalf(a: u64, b: u64, k: i32): u64 {
  if (k == 0) return a;
  if (k < 0) return (a << 8) | (b >> 56);
  const s = <u64>(k << 3);
  return (a >> s) | (b << (64 - s));
}

/**
 * A vector half at column w of the row at `row` (k row wraps): w = -1 is column B - 1 with bit bx
 * taking bit bx - 1 of each byte, w = B is column 0 with bit bx taking bit bx + 1.
 */
// @ts-ignore: decorator
@inline
function half(row: usize, w: i32, B: i32, k: i32, high: bool): u64 {
  let col = w;
  if (w < 0) col = B - 1;
  else if (w >= B) col = 0;
  const at = row + (<usize>col << 4);
  const lo = load<u64>(at), hi = load<u64>(at, 8);
  const v = high ? rowHalf(hi, lo, k) : rowHalf(lo, hi, k);
  if (w < 0) return ((v << 1) & HIGH7) | ((v >> 7) & LOW1);
  if (w >= B) return ((v >> 1) & LOW7) | ((v << 7) & HIGH1);
  return v;
}

// @ts-ignore: decorator
@inline
function count(v: u64): i64 {
  return <i64>popcnt<u64>(v);
}

// odd-parity counts of the current measurement (see measurePackedLevel)
let oddNN: i64 = 0;
let oddNNN: i64 = 0;
let oddPlaquette: i64 = 0;
let oddNN3: i64 = 0;
let upSpins: i64 = 0;
let oddPlaquette3: i64 = 0;
let oddRow3: i64 = 0;

/**
 * Counts, for the sites of one colour, the odd parities of every operator term. Lanes of a
 * colour-c vector are sites (x, y); P marks the lanes with x odd. Neighbours: (x +- 1, y) and
 * (x, y +- 1) are the other colour (same row r at columns w, w -+ 1; rows r -+ 1), (x + 1, y +- 1)
 * this colour in rows r +- 1 at column w (x even) or w + 1 (x odd), (x + 2, y) this colour at
 * w + 1, (x, y + 2) this colour in row r + 2.
 */
function countColour(colour: i32, high: bool): void {
  const L = packedSize();
  const B = L >> 4;
  const rowBytes = <usize>B << 4;
  const lattice = packedLatticePtr();
  const own = lattice + <usize>colour * <usize>B * rowBytes;
  const other = lattice + <usize>(1 - colour) * <usize>B * rowBytes;
  // P marks lanes with x odd (the same byte pattern in both halves)
  let nn: i64 = 0, nnn: i64 = 0, plaq: i64 = 0, nn3: i64 = 0, ups: i64 = 0, plaq3: i64 = 0, row3: i64 = 0;
  for (let r = 0; r < B; r++) {
    const rUp = r == 0 ? B - 1 : r - 1;
    const kUp = r == 0 ? -1 : 0;
    let rDown = r + 1, kDown = 0;
    if (rDown >= B) { rDown -= B; kDown++; }
    let rDown2 = r + 2, kDown2 = 0;
    while (rDown2 >= B) { rDown2 -= B; kDown2++; }
    const oddRow = ((r + colour) & 1) != 0;
    const P: u64 = (B & 1) != 0 ? (oddRow ? EVEN_BYTES64 : ~EVEN_BYTES64) : (oddRow ? ~<u64>0 : 0);
    const ownRow = own + <usize>r * rowBytes;
    const ownUp = own + <usize>rUp * rowBytes;
    const ownDown = own + <usize>rDown * rowBytes;
    const ownDown2 = own + <usize>rDown2 * rowBytes;
    const otherRow = other + <usize>r * rowBytes;
    const otherUp = other + <usize>rUp * rowBytes;
    const otherDown = other + <usize>rDown * rowBytes;
    for (let w = 0; w < B; w++) {
      const s = half(ownRow, w, B, 0, high);
      const same = half(otherRow, w, B, 0, high);
      const right = sel(half(otherRow, w + 1, B, 0, high), same, P);
      const left = sel(same, half(otherRow, w - 1, B, 0, high), P);
      const up = half(otherUp, w, B, kUp, high);
      const down = half(otherDown, w, B, kDown, high);
      const diagDown = sel(half(ownDown, w + 1, B, kDown, high), half(ownDown, w, B, kDown, high), P);
      const diagUp = sel(half(ownUp, w + 1, B, kUp, high), half(ownUp, w, B, kUp, high), P);
      const x2 = half(ownRow, w + 1, B, 0, high);
      const y2 = half(ownDown2, w, B, kDown2, high);
      const p = s ^ right ^ down ^ diagDown;
      nn += count(s ^ right) + count(s ^ down);
      nnn += count(s ^ diagDown) + count(s ^ diagUp);
      plaq += count(p);
      nn3 += count(s ^ x2) + count(s ^ y2);
      ups += count(s);
      plaq3 += count(p ^ s) + count(p ^ right) + count(p ^ down) + count(p ^ diagDown);
      row3 += count(s ^ left ^ right) + count(s ^ up ^ down);
    }
  }
  oddNN += nn; oddNNN += nnn; oddPlaquette += plaq; oddNN3 += nn3;
  upSpins += ups; oddPlaquette3 += plaq3; oddRow3 += row3;
}

/**
 * Writes the RG_OPERATORS sums of the packed lattice (level 0) to out, as assembly/rg.ts's
 * measureLevel does for a byte lattice (T terms with `odd` odd parities: T - 2 odd, or 2 odd - T
 * for the three-spin products).
 */
function measurePackedLevel(out: usize): void {
  oddNN = 0; oddNNN = 0; oddPlaquette = 0; oddNN3 = 0; upSpins = 0; oddPlaquette3 = 0; oddRow3 = 0;
  for (let c = 0; c < 2; c++) {
    countColour(c, false);
    countColour(c, true);
  }
  const L = <i64>packedSize();
  const n: i64 = L * L;
  const two: i64 = 2;
  store<f64>(out, <f64>(two * n - two * oddNN));
  store<f64>(out, <f64>(two * n - two * oddNNN), 8);
  store<f64>(out, <f64>(n - two * oddPlaquette), 16);
  store<f64>(out, <f64>(two * n - two * oddNN3), 24);
  store<f64>(out, <f64>(two * upSpins - n), 32);
  store<f64>(out, <f64>(two * oddPlaquette3 - two * two * n), 40);
  store<f64>(out, <f64>(two * oddRow3 - two * n), 48);
}
