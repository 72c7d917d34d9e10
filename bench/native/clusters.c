/*
 * Native reference for the cluster benchmarks (bench/clusters.ts): Wolff and Swendsen-Wang
 * updates of the 2D Ising model at h = 0, compiled with gcc -O3 -march=native by
 * bench/native/native.ts. Two builds of each update, both with the package's algorithm and random
 * stream, so that from the same lattice and generator state they do exactly the same work as the
 * package's kernels and end in the same lattice (the benchmark checks it):
 *   plain   what one writes first: a branch per bond test, the generator stepped per draw
 *   tuned   the package's own scheme (assembly/cluster-engine.ts) in C: draws from a ring of
 *           pre-generated outputs, no branches on random outcomes, Swendsen-Wang labels drawn
 *           in one raster pass (see that file)
 * Neither keeps the bond sum and magnetization up to date, nor the cluster sizes (the package's
 * kernels do, for the measurements).
 *
 *   generator  xoshiro128** (Blackman & Vigna), 32-bit outputs
 *   Wolff      seed site floor(r N / 2^32); sites taken from a first-in first-out work list
 *              holding (y << 16) | x; neighbours right, left, down, up; a neighbour with the
 *              cluster's spin costs one draw and joins (flipped at once) when r < threshold
 *   SW         sites row by row, bond to the right then below (one draw each when the spins are
 *              equal); labels = the smallest site index of each cluster (union-find, the smaller
 *              root wins); then sites row by row: one draw at each cluster's smallest site, flip
 *              when its top bit is set
 *
 * Usage: clusters wolff|wolff-tuned|sw|sw-tuned L threshold s0 s1 s2 s3, then on stdin the lattice
 * (L*L signed bytes, +1 / -1) followed by commands, one a line, each answered by one JSON line:
 *   run K   K steps (a Wolff step is one cluster, a Swendsen-Wang step one update), timed with
 *           CLOCK_MONOTONIC: {"ns":time,"flips":spins flipped}
 *   end     {"hash":FNV-1a of the lattice bytes,"state":[s0,s1,s2,s3]}, then exit
 * The benchmark keeps one process per engine and interleaves its batches with the other engines'.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint32_t s0, s1, s2, s3;

static inline uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

static inline uint32_t next(void) {
  uint32_t result = rotl(s1 * 5, 7) * 9;
  uint32_t t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl(s3, 11);
  return result;
}

static int L, N;
static int8_t *spin;
static int32_t *work, *parent; /* work: N + 1 entries (wolffTuned writes one past the cluster) */
static uint8_t *decision;
static uint64_t threshold;

/* One Wolff cluster; returns its size. */
static long wolff(void) {
  int seed = (int)(((uint64_t)next() * (uint64_t)N) >> 32);
  int sc = spin[seed];
  int y0 = seed / L, x0 = seed - y0 * L;
  spin[seed] = (int8_t)-sc;
  work[0] = (y0 << 16) | x0;
  int head = 0, count = 1;
  while (head < count) {
    int p = work[head++];
    int x = p & 0xffff, y = p >> 16;
    int xs[4] = { x == L - 1 ? 0 : x + 1, x == 0 ? L - 1 : x - 1, x, x };
    int ys[4] = { y, y, y == L - 1 ? 0 : y + 1, y == 0 ? L - 1 : y - 1 };
    for (int d = 0; d < 4; d++) {
      int j = ys[d] * L + xs[d];
      if (spin[j] == sc && next() < threshold) {
        spin[j] = (int8_t)-sc;
        work[count++] = (ys[d] << 16) | xs[d];
      }
    }
  }
  return count;
}

/*
 * The kernel's own scheme (assembly/cluster-engine.ts) in C: draws taken from a ring of
 * pre-generated outputs (idx += taken, no generator state to select), the growth without branches
 * on random outcomes. Same draws, same cluster, same order.
 */
#define RING 256
static uint32_t ring[RING];
static uint32_t marks[RING / 8][4];
static uint32_t generated;

static void refill(void) {
  for (int block = 0; block < 4; block++) {
    uint32_t *m = marks[(generated >> 3) & (RING / 8 - 1)];
    m[0] = s0; m[1] = s1; m[2] = s2; m[3] = s3;
    for (int k = 0; k < 8; k++) ring[generated++ & (RING - 1)] = next();
  }
}

/* Leaves the generator in the state after idx draws from the ring's start. */
static void ringEnd(uint32_t idx) {
  if (generated == 0) return;
  uint32_t *m = marks[(idx >> 3) & (RING / 8 - 1)];
  s0 = m[0]; s1 = m[1]; s2 = m[2]; s3 = m[3];
  for (uint32_t k = 0; k < (idx & 7); k++) next();
  generated = 0;
}

static long wolffTuned(void) {
  uint32_t idx = 0;
  generated = 0;
  refill();
  int seed = (int)(((uint64_t)ring[idx++] * (uint64_t)N) >> 32);
  int8_t sc = spin[seed], flipped = (int8_t)-sc;
  int y0 = seed / L, x0 = seed - y0 * L, last = L - 1;
  spin[seed] = flipped;
  work[0] = (y0 << 16) | x0;
  int head = 0, count = 1;
  uint64_t thr = threshold;
  while (head < count) {
    if (generated - idx < 8) refill();
    int p = work[head++];
    int x = p & 0xffff, y = p >> 16;
    int xr = x == last ? 0 : x + 1, xl = x == 0 ? last : x - 1;
    int yd = y == last ? 0 : y + 1, yu = y == 0 ? last : y - 1;
    int8_t *row = spin + y * L;
    int8_t *at[4] = { row + xr, row + xl, spin + yd * L + x, spin + yu * L + x };
    int32_t entry[4] = { (y << 16) | xr, (y << 16) | xl, (yd << 16) | x, (yu << 16) | x };
    for (int k = 0; k < 4; k++) {
      int8_t v = *at[k];
      int same = v == sc;
      int join = same & ((uint64_t)ring[idx & (RING - 1)] < thr);
      *at[k] = (int8_t)(v ^ ((v ^ flipped) & -join));
      work[count] = entry[k];
      idx += (uint32_t)same;
      count += join;
    }
  }
  ringEnd(idx);
  return count;
}

static inline int find(int i) {
  while (parent[i] != i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

static inline void unite(int a, int b) {
  int ra = find(a), rb = find(b);
  if (ra < rb) parent[rb] = ra;
  else if (rb < ra) parent[ra] = rb;
}

/* One Swendsen-Wang update; returns the number of spins flipped. */
static long swendsenWang(void) {
  for (int i = 0; i < N; i++) parent[i] = i;
  for (int y = 0; y < L; y++) {
    int row = y * L, below = (y == L - 1 ? 0 : y + 1) * L;
    for (int x = 0; x < L; x++) {
      int i = row + x, s = spin[i];
      int right = row + (x == L - 1 ? 0 : x + 1);
      if (spin[right] == s && next() < threshold) unite(i, right);
      if (spin[below + x] == s && next() < threshold) unite(i, below + x);
    }
  }
  long flipped = 0;
  for (int i = 0; i < N; i++) {
    int r = find(i);
    parent[i] = r;
    if (r == i) decision[i] = (uint8_t)(next() >> 31);
    if (decision[r]) {
      spin[i] = (int8_t)-spin[i];
      flipped++;
    }
  }
  return flipped;
}

/*
 * The kernel's Swendsen-Wang scheme in C: bond draws from the ring without branches, each site
 * labelled from its bonds to the left and above as the bonds are drawn (links always to smaller
 * indices), the periodic bonds joined after; then in index order parent[parent[i]] is the label.
 */
static long swendsenWangTuned(void) {
  uint32_t idx = 0;
  generated = 0;
  uint64_t thr = threshold;
  int last = L - 1;
  for (int y = 0; y < L; y++) {
    int row = y * L, below = (y == last ? 0 : y + 1) * L;
    int leftBond = 0;
    for (int x = 0; x < L; x++) {
      if (generated - idx < 8) refill();
      int i = row + x, s = spin[i];
      int sameRight = spin[row + (x == last ? 0 : x + 1)] == s;
      int right = sameRight & ((uint64_t)ring[idx & (RING - 1)] < thr);
      idx += (uint32_t)sameRight;
      int sameBelow = spin[below + x] == s;
      int down = sameBelow & ((uint64_t)ring[idx & (RING - 1)] < thr);
      idx += (uint32_t)sameBelow;
      int up = y > 0 ? decision[i - L] & 1 : 0;
      int left = x > 0 ? leftBond : 0;
      parent[i] = up ? i - L : left ? i - 1 : i;
      if (up & left) unite(i - 1, i - L);
      decision[i] = (uint8_t)(down | (right << 1));
      leftBond = right;
    }
  }
  for (int y = 0; y < L; y++) if (decision[y * L + last] & 2) unite(y * L + last, y * L);
  for (int x = 0; x < L; x++) if (decision[last * L + x] & 1) unite(last * L + x, x);
  long flipped = 0;
  for (int i = 0; i < N; i++) {
    if (generated - idx < 8) refill();
    int r = parent[parent[i]];
    parent[i] = r;
    int root = r == i;
    int flip = root ? (int)(ring[idx & (RING - 1)] >> 31) : decision[r];
    idx += (uint32_t)root;
    decision[i] = (uint8_t)flip;
    spin[i] = (int8_t)(flip ? -spin[i] : spin[i]);
    flipped += flip;
  }
  ringEnd(idx);
  return flipped;
}

static double nowNs(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

int main(int argc, char **argv) {
  if (argc != 8) {
    fprintf(stderr, "usage: %s wolff|wolff-tuned|sw|sw-tuned L threshold s0 s1 s2 s3 < spins and commands\n", argv[0]);
    return 2;
  }
  long (*update)(void) = strcmp(argv[1], "wolff") == 0 ? wolff
    : strcmp(argv[1], "wolff-tuned") == 0 ? wolffTuned
    : strcmp(argv[1], "sw") == 0 ? swendsenWang
    : strcmp(argv[1], "sw-tuned") == 0 ? swendsenWangTuned : NULL;
  L = atoi(argv[2]);
  N = L * L;
  threshold = strtoull(argv[3], NULL, 10);
  s0 = (uint32_t)strtoul(argv[4], NULL, 10);
  s1 = (uint32_t)strtoul(argv[5], NULL, 10);
  s2 = (uint32_t)strtoul(argv[6], NULL, 10);
  s3 = (uint32_t)strtoul(argv[7], NULL, 10);
  if (!update || L < 2 || L > 32768 || (s0 | s1 | s2 | s3) == 0) {
    fprintf(stderr, "bad arguments\n");
    return 2;
  }
  spin = malloc((size_t)N);
  work = malloc(((size_t)N + 1) * 4);
  parent = malloc((size_t)N * 4);
  decision = malloc((size_t)N);
  if (!spin || !work || !parent || !decision || fread(spin, 1, (size_t)N, stdin) != (size_t)N) {
    fprintf(stderr, "could not read %d spins from stdin\n", N);
    return 2;
  }
  char command[64];
  while (fgets(command, sizeof command, stdin)) {
    long steps;
    if (sscanf(command, "run %ld", &steps) == 1) {
      long flipped = 0;
      double t0 = nowNs();
      for (long k = 0; k < steps; k++) flipped += update();
      printf("{\"ns\":%.0f,\"flips\":%ld}\n", nowNs() - t0, flipped);
    } else if (strncmp(command, "end", 3) == 0) {
      uint32_t hash = 2166136261u;
      for (int i = 0; i < N; i++) hash = (hash ^ (uint8_t)spin[i]) * 16777619u;
      printf("{\"hash\":%u,\"state\":[%u,%u,%u,%u]}\n", hash, s0, s1, s2, s3);
      return 0;
    } else {
      fprintf(stderr, "unknown command: %s", command);
      return 2;
    }
    fflush(stdout);
  }
  return 0;
}
