// Region allocation for one core instance: a bump allocator over linear memory that
// never frees (a simulation's regions live as long as its instance) and reports failure
// instead of trapping, so the wrapper can raise a clear error.
//
// Regions start at 64-byte boundaries after the static data (__heap_base).

import { PAGE_BYTES, alignUp } from "./layout";

let top: usize = 0;

/**
 * Reserves `bytes` of zeroed memory and returns its address, growing memory as needed.
 * Returns 0 when memory cannot grow that far (the wrapper turns that into an error).
 */
export function reserve(bytes: usize): usize {
  if (top == 0) top = alignUp(__heap_base);
  const start = top;
  const end = alignUp(start + bytes);
  if (end < start) return 0; // address space overflow
  const needPages = (end + PAGE_BYTES - 1) / PAGE_BYTES;
  const havePages = <usize>memory.size();
  if (needPages > havePages) {
    if (needPages > 65536 || memory.grow(<i32>(needPages - havePages)) < 0) return 0;
  }
  top = end;
  return start;
}

/** Bytes reserved so far (for tests and diagnostics). */
export function reservedBytes(): usize {
  return top == 0 ? 0 : top - alignUp(__heap_base);
}



