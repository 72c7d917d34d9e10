/*
 * Native reference for the cluster benchmarks (bench/clusters.ts): Wolff and Swendsen-Wang
 * updates of the 2D Ising model, h = 0, written as plain C (branches where the algorithm has
 * them) and compiled with gcc -O3 -march=native by bench/native/native.ts.
 *
 * Same algorithms and random stream as the package's kernels (assembly/cluster.ts), so that from
 * the same lattice and generator state both do exactly the same work and end in the same lattice
 * (the benchmark checks it):
 *   generator  xoshiro128** (Blackman & Vigna), 32-bit outputs
 *   Wolff      seed site floor(r N / 2^32); sites taken from a first-in first-out work list
 *              holding (y << 16) | x; neighbours right, left, down, up; a neighbour with the
 *              cluster's spin costs one draw and joins (flipped at once) when r < threshold
 *   SW         union-find (path halving, the smaller root wins); sites row by row, bond to the
 *              right then below (one draw each when the spins are equal); then sites row by row:
 *              label = root, one draw at each cluster's smallest site, flip when its top bit is set
 *
 * Usage: clusters wolff|wolff-bf|sw L threshold s0 s1 s2 s3, then on stdin the lattice (L*L signed
 * bytes, +1 / -1) followed by commands, one a line, each answered by one JSON line on stdout:
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
static int32_t *work, *parent; /* work: N + 1 entries (wolffBranchFree writes one past the cluster) */
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
 * The same cluster, grown without branches on random outcomes (the scheme of assembly/cluster.ts):
 * for every neighbour the next generator state is computed and kept, through a mask, only when
 * the neighbour has the cluster's spin (that draw is taken); the neighbour's spin and work-list
 * entry are written either way and counted only when it joined. Same draws, same cluster, same
 * order. Masks rather than conditional expressions, which gcc turns back into branches here.
 */
typedef struct { uint32_t a, b, c, d; int count; } Grow;

static inline void visit(Grow *g, int8_t *j, int32_t entry, int8_t sc, int8_t flipped, uint64_t thr) {
  int8_t v = *j;
  uint32_t same = (uint32_t)(v == sc);
  uint32_t m = 0u - same;
  uint32_t r = rotl(g->b * 5, 7) * 9, t = g->b << 9;
  uint32_t c2 = g->c ^ g->a, d2 = g->d ^ g->b;
  uint32_t na = g->a ^ d2, nb = g->b ^ c2, nc = c2 ^ t, nd = rotl(d2, 11);
  g->a = (na & m) | (g->a & ~m);
  g->b = (nb & m) | (g->b & ~m);
  g->c = (nc & m) | (g->c & ~m);
  g->d = (nd & m) | (g->d & ~m);
  int join = (int)(same & (uint32_t)((uint64_t)r < thr));
  *j = (int8_t)(v ^ ((v ^ flipped) & -join));
  work[g->count] = entry;
  g->count += join;
}

static long wolffBranchFree(void) {
  int seed = (int)(((uint64_t)next() * (uint64_t)N) >> 32);
  int8_t sc = spin[seed], flipped = (int8_t)-sc;
  int y0 = seed / L, x0 = seed - y0 * L, last = L - 1;
  spin[seed] = flipped;
  work[0] = (y0 << 16) | x0;
  Grow g = { s0, s1, s2, s3, 1 };
  uint64_t thr = threshold;
  for (int head = 0; head < g.count; head++) {
    int p = work[head];
    int x = p & 0xffff, y = p >> 16;
    int xr = x == last ? 0 : x + 1, xl = x == 0 ? last : x - 1;
    int yd = y == last ? 0 : y + 1, yu = y == 0 ? last : y - 1;
    int8_t *row = spin + y * L;
    visit(&g, row + xr, (y << 16) | xr, sc, flipped, thr);
    visit(&g, row + xl, (y << 16) | xl, sc, flipped, thr);
    visit(&g, spin + yd * L + x, (yd << 16) | x, sc, flipped, thr);
    visit(&g, spin + yu * L + x, (yu << 16) | x, sc, flipped, thr);
  }
  s0 = g.a; s1 = g.b; s2 = g.c; s3 = g.d;
  return g.count;
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

static double nowNs(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

int main(int argc, char **argv) {
  if (argc != 8) {
    fprintf(stderr, "usage: %s wolff|wolff-bf|sw L threshold s0 s1 s2 s3 < spins and commands\n", argv[0]);
    return 2;
  }
  long (*update)(void) = strcmp(argv[1], "wolff") == 0 ? wolff
    : strcmp(argv[1], "wolff-bf") == 0 ? wolffBranchFree
    : strcmp(argv[1], "sw") == 0 ? swendsenWang : NULL;
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
