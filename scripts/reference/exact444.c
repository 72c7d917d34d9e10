/*
 * exact444.c: exact thermodynamics of the Ising model on the periodic 4 x 4 x 4 cube (64 spins, 2^64
 * states), written for criticality's validation (docs/cubic.md) and sharing no code with it.
 *
 *   H = -J sum_<ij> s_i s_j,  s_i = +-1,  J = k_B = 1,  B = sum_i s_i (s_{i+x} + s_{i+y} + s_{i+z}),
 *   M = sum_i s_i,  N sites,  e = -B/N,  m = M/N.
 *
 * Periodic in every direction; along an axis of length 2 the +x and -x neighbours coincide and both
 * bonds count (doubled bonds: 3N bond terms, the convention of criticality's L = 2 lattices and of
 * scripts/reference/dos442.c).
 *
 * Method (transfer along z, one spin at a time). A layer is the LXY x LXY square (LXY = 4: 2^16 layer
 * states). The trace over the periodic z axis is taken by fixing the first layer s1: for each s1 a vector
 * over layer states is propagated through layers 2 .. Lz, each layer in two steps: its Lxy^2 vertical
 * bonds one site at a time (bit i of the state is replaced by the new layer's spin at site i, the bond
 * weight exp(beta s_old s_new)), then the diagonal weight exp(beta B_plane(s)) of its in-plane bonds.
 * After the last layer the closing bonds to s1 (a diagonal weight) are applied and the vector summed.
 * Each state carries, at fixed beta, the Boltzmann weight split by the number of up spins that have left
 * the state (so the full distribution P(M) is exact: |m| included), and the weighted sums w B and w B^2
 * (for <e> and the specific heat). The first layers s1 are reduced by the symmetry of the problem: the
 * translations of the layer torus, its 8 point-group operations (applied to every layer: a symmetry
 * of the box) and the global spin flip, all of which leave B and M^2 (and |M|) unchanged; one
 * representative per orbit, weighted by the orbit's size. Doubles throughout (every term positive;
 * the relative rounding of the sums is ~1e-13). A few hundred orbits x 48 vertical bonds x 2^16 states.
 *
 * --enumerate: the same observables by direct enumeration of all 2^N states in Gray-code order (one
 * spin flipped a step, B and M updated from its six neighbours), for boxes of up to 32 spins: the
 * self-check of the transfer code (2 x 2 x 2, 2 x 2 x 4, 4 x 4 x 2; the 4 x 4 x 2 one also against
 * test/fixtures/cubic-dos-4x4x2.json in test/cubic-exact-444.test.ts).
 *
 * Build and run:
 *   cc -O2 -o /tmp/exact444 scripts/reference/exact444.c -lm
 *   /tmp/exact444 [--layer LXY] [--lz LZ] [--enumerate] beta ...
 * (defaults LXY = 4, LZ = 4: the 4 x 4 x 4 cube). scripts/reference/exact444.ts runs every case and writes
 * test/fixtures/cubic-exact-4x4x4.json.
 * Output: one JSON object: the box, the method, and per beta lnZ, e, c = beta^2 (<B^2> - <B>^2) / N,
 * <|m|>, <m^2>, <m^4>, U4 = 1 - <m^4> / (3 <m^2>^2), chi = N beta (<m^2> - <|m|>^2), chi' = N beta <m^2>.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BETAS 32

static int LXY = 4, LZ = 4;

typedef struct {
  double beta, lnZ, e, c, absm, m2, m4;
} Point;

/* Fills a Point from the distribution P[M index] (M = -N + 2j) and the sums Z, <B>, <B^2>. */
static void finish(Point *p, int N, const long double *P, long double Z, long double wB, long double wB2) {
  long double am = 0, m2 = 0, m4 = 0;
  for (int j = 0; j <= N; j++) {
    long double m = (long double)(2 * j - N) / N;
    am += P[j] * fabsl(m);
    m2 += P[j] * m * m;
    m4 += P[j] * m * m * m * m;
  }
  long double B1 = wB / Z, B2 = wB2 / Z;
  p->lnZ = (double)logl(Z);
  p->e = (double)(-B1 / N);
  p->c = (double)(p->beta * p->beta * (B2 - B1 * B1) / N);
  p->absm = (double)(am / Z);
  p->m2 = (double)(m2 / Z);
  p->m4 = (double)(m4 / Z);
}

/* ---------- enumeration (independent check, N <= 32) ---------- */

static void enumerate(Point *pts, int nb) {
  int N = LXY * LXY * LZ, bonds = 3 * N;
  if (N > 32) {
    fprintf(stderr, "--enumerate needs N <= 32 spins, got %d\n", N);
    exit(2);
  }
  int (*nbr)[6] = malloc(sizeof(int[6]) * N);
  for (int z = 0; z < LZ; z++)
    for (int y = 0; y < LXY; y++)
      for (int x = 0; x < LXY; x++) {
        int i = (z * LXY + y) * LXY + x;
        nbr[i][0] = (z * LXY + y) * LXY + (x + 1) % LXY;
        nbr[i][1] = (z * LXY + y) * LXY + (x + LXY - 1) % LXY;
        nbr[i][2] = (z * LXY + (y + 1) % LXY) * LXY + x;
        nbr[i][3] = (z * LXY + (y + LXY - 1) % LXY) * LXY + x;
        nbr[i][4] = (((z + 1) % LZ) * LXY + y) * LXY + x;
        nbr[i][5] = (((z + LZ - 1) % LZ) * LXY + y) * LXY + x;
      }
  uint64_t *g = calloc((size_t)(2 * bonds + 1) * (N + 1), sizeof(uint64_t));
  int s[32];
  for (int i = 0; i < N; i++) s[i] = 1;
  int B = bonds, M = N;
  g[(size_t)(B + bonds) * (N + 1) + (M + N) / 2]++;
  for (uint64_t k = 1; k < (1ULL << N); k++) {
    int i = __builtin_ctzll(k), h = 0;
    for (int d = 0; d < 6; d++) h += s[nbr[i][d]];
    B -= 2 * s[i] * h;
    M -= 2 * s[i];
    s[i] = -s[i];
    g[(size_t)(B + bonds) * (N + 1) + (M + N) / 2]++;
  }
  for (int b = 0; b < nb; b++) {
    long double P[65] = {0}, Z = 0, wB = 0, wB2 = 0;
    for (int Bv = -bonds; Bv <= bonds; Bv++)
      for (int j = 0; j <= N; j++) {
        uint64_t n = g[(size_t)(Bv + bonds) * (N + 1) + j];
        if (!n) continue;
        long double w = (long double)n * expl((long double)pts[b].beta * Bv);
        P[j] += w;
        Z += w;
        wB += w * Bv;
        wB2 += w * Bv * Bv;
      }
    finish(&pts[b], N, P, Z, wB, wB2);
  }
  free(g);
  free(nbr);
}

/* ---------- transfer along z ---------- */

static int NL, S; /* spins per layer, layer states */

static int spin(int s, int i) { return (s >> i) & 1 ? -1 : 1; }

/* In-plane bond sum of a layer state: sum_i s_i (s_{i+x} + s_{i+y}) on the LXY x LXY torus. */
static int plane_bonds(int s) {
  int b = 0;
  for (int y = 0; y < LXY; y++)
    for (int x = 0; x < LXY; x++) {
      int i = y * LXY + x;
      b += spin(s, i) * (spin(s, y * LXY + (x + 1) % LXY) + spin(s, ((y + 1) % LXY) * LXY + x));
    }
  return b;
}

/* The image of layer state s under translation (tx, ty), point-group element g (0..7) and flip f. */
static int transform(int s, int tx, int ty, int g, int f) {
  int t = 0;
  for (int y = 0; y < LXY; y++)
    for (int x = 0; x < LXY; x++) {
      int u = x, v = y, w;
      if (g & 1) u = LXY - 1 - u;
      if (g & 2) v = LXY - 1 - v;
      if (g & 4) w = u, u = v, v = w;
      u = (u + tx) % LXY;
      v = (v + ty) % LXY;
      if ((s >> (y * LXY + x)) & 1) t |= 1 << (v * LXY + u);
    }
  return f ? t ^ (S - 1) : t;
}

static void transfer(Point *pts, int nb) {
  int N = NL * LZ;
  int left = (LZ - 1) * NL;   /* spins that leave the state vector: layers 1 .. LZ-1 */
  int K = left + 1;           /* slots: number of up spins among those that left */
  int W = K, WB = K + 1, WB2 = K + 2, STRIDE = K + 3;
  int *plane = malloc(sizeof(int) * S);
  int *rep = malloc(sizeof(int) * S);
  for (int s = 0; s < S; s++) plane[s] = plane_bonds(s);
  /* canonical representative = smallest image; orbit sizes = number of states mapping to it */
  int *size = calloc(S, sizeof(int));
  int orbits = 0;
  for (int s = 0; s < S; s++) {
    int m = s;
    for (int tx = 0; tx < LXY; tx++)
      for (int ty = 0; ty < LXY; ty++)
        for (int g = 0; g < 8; g++)
          for (int f = 0; f < 2; f++) {
            int t = transform(s, tx, ty, g, f);
            if (t < m) m = t;
          }
    rep[s] = m;
    if (size[m]++ == 0) orbits++;
  }
  fprintf(stderr, "%d x %d x %d: %d first-layer states in %d orbits\n", LXY, LXY, LZ, S, orbits);
  double *v = malloc(sizeof(double) * (size_t)S * STRIDE);
  for (int b = 0; b < nb; b++) {
    double beta = pts[b].beta;
    double x[3] = {exp(-beta), 1, exp(beta)}; /* x[d + 1] = exp(beta d), d = s_old s_new */
    long double P[65] = {0}, Z = 0, sB = 0, sB2 = 0;
    int done = 0;
    for (int s1 = 0; s1 < S; s1++) {
      if (rep[s1] != s1) continue;
      memset(v, 0, sizeof(double) * (size_t)S * STRIDE);
      double w0 = exp(beta * plane[s1]);
      double *a = v + (size_t)s1 * STRIDE;
      a[0] = w0;
      a[W] = w0;
      a[WB] = w0 * plane[s1];
      a[WB2] = w0 * plane[s1] * plane[s1];
      int gone = 0; /* spins that have left so far */
      for (int layer = 1; layer < LZ; layer++) {
        for (int i = 0; i < NL; i++, gone++) {
          int bit = 1 << i;
          for (int s = 0; s < S; s++) {
            if (s & bit) continue;
            double *up = v + (size_t)s * STRIDE;           /* old spin +1 */
            double *dn = v + (size_t)(s | bit) * STRIDE;   /* old spin -1 */
            double nu[STRIDE], nd[STRIDE];
            /* new spin +1 (stored at s): from old +1 (bond +1, slot + 1) and old -1 (bond -1) */
            /* new spin -1 (stored at s|bit): from old +1 (bond -1, slot + 1) and old -1 (bond +1) */
            nu[0] = dn[0] * x[0];
            nd[0] = dn[0] * x[2];
            for (int k = 1; k <= gone + 1; k++) {
              nu[k] = up[k - 1] * x[2] + dn[k] * x[0];
              nd[k] = up[k - 1] * x[0] + dn[k] * x[2];
            }
            for (int k = gone + 2; k < K; k++) nu[k] = nd[k] = 0;
            nu[W] = up[W] * x[2] + dn[W] * x[0];
            nd[W] = up[W] * x[0] + dn[W] * x[2];
            nu[WB] = (up[WB] + up[W]) * x[2] + (dn[WB] - dn[W]) * x[0];
            nd[WB] = (up[WB] - up[W]) * x[0] + (dn[WB] + dn[W]) * x[2];
            nu[WB2] = (up[WB2] + 2 * up[WB] + up[W]) * x[2] + (dn[WB2] - 2 * dn[WB] + dn[W]) * x[0];
            nd[WB2] = (up[WB2] - 2 * up[WB] + up[W]) * x[0] + (dn[WB2] + 2 * dn[WB] + dn[W]) * x[2];
            memcpy(up, nu, sizeof(double) * STRIDE);
            memcpy(dn, nd, sizeof(double) * STRIDE);
          }
        }
        /* in-plane bonds of the new layer; after the last layer also its closing bonds to s1 */
        for (int s = 0; s < S; s++) {
          int d = plane[s] + (layer == LZ - 1 ? NL - 2 * __builtin_popcount(s ^ s1) : 0);
          double f = exp(beta * d);
          double *c = v + (size_t)s * STRIDE;
          c[WB2] = (c[WB2] + 2.0 * d * c[WB] + (double)d * d * c[W]) * f;
          c[WB] = (c[WB] + d * c[W]) * f;
          for (int k = 0; k <= gone && k < K; k++) c[k] *= f;
          c[W] *= f;
        }
      }
      long double o = size[s1];
      for (int s = 0; s < S; s++) {
        double *c = v + (size_t)s * STRIDE;
        int upLast = NL - __builtin_popcount(s);
        for (int k = 0; k < K; k++) P[k + upLast] += o * c[k]; /* up spins = k + upLast: M index */
        Z += o * c[W];
        sB += o * c[WB];
        sB2 += o * c[WB2];
      }
      if (++done % 64 == 0) fprintf(stderr, "beta %g: %d / %d orbits\n", beta, done, orbits);
    }
    /* the slots must add up to the total weight: a consistency check of the bookkeeping */
    long double sumP = 0;
    for (int j = 0; j <= N; j++) sumP += P[j];
    if (fabsl(sumP / Z - 1) > 1e-12) {
      fprintf(stderr, "inconsistent weights: sum P = %Lg, Z = %Lg\n", sumP, Z);
      exit(1);
    }
    finish(&pts[b], N, P, Z, sB, sB2);
  }
  free(v);
  free(size);
  free(rep);
  free(plane);
}

int main(int argc, char **argv) {
  Point pts[MAX_BETAS];
  int nb = 0, enumerateAll = 0;
  for (int a = 1; a < argc; a++) {
    if (!strcmp(argv[a], "--layer") && a + 1 < argc) LXY = atoi(argv[++a]);
    else if (!strcmp(argv[a], "--lz") && a + 1 < argc) LZ = atoi(argv[++a]);
    else if (!strcmp(argv[a], "--enumerate")) enumerateAll = 1;
    else if (nb < MAX_BETAS) pts[nb++].beta = atof(argv[a]);
  }
  if ((LXY != 2 && LXY != 4) || LZ < 2 || LXY * LXY * LZ > 64 || nb == 0) {
    fprintf(stderr, "usage: exact444 [--layer 2|4] [--lz LZ >= 2] [--enumerate] beta ... (at most 64 spins)\n");
    return 2;
  }
  NL = LXY * LXY;
  S = 1 << NL;
  if (enumerateAll) enumerate(pts, nb);
  else transfer(pts, nb);
  int N = NL * LZ;
  printf("{\"Lx\":%d,\"Ly\":%d,\"Lz\":%d,\"N\":%d,\"method\":\"%s\",\"points\":[", LXY, LXY, LZ, N,
         enumerateAll ? "enumeration" : "transfer");
  for (int b = 0; b < nb; b++) {
    Point *p = &pts[b];
    double u4 = 1 - p->m4 / (3 * p->m2 * p->m2);
    printf("%s\n{\"beta\":%.17g,\"lnZ\":%.17g,\"energy\":%.17g,\"specificHeat\":%.17g,\"absMagnetization\":%.17g,"
           "\"magnetization2\":%.17g,\"magnetization4\":%.17g,\"binder\":%.17g,\"susceptibility\":%.17g,"
           "\"susceptibilityFull\":%.17g}",
           b ? "," : "", p->beta, p->lnZ, p->e, p->c, p->absm, p->m2, p->m4, u4,
           N * p->beta * (p->m2 - p->absm * p->absm), N * p->beta * p->m2);
  }
  printf("]}\n");
  return 0;
}
