/*
 * ising3d.c: an independent reference Monte Carlo for the Ising model on the periodic simple cubic
 * lattice, written for criticality's validation (docs/cubic.md) and sharing no code with it: its
 * own random generator (xoshiro256+ seeded by splitmix64, not criticality's), its own lattice,
 * updates and statistics.
 *
 *   H = -J sum_<ij> s_i s_j,   s_i = +-1,  J = k_B = 1,  L x L x L sites, N = L^3, periodic.
 *
 * Every site is bonded to its +x, +y and +z neighbour (3N bonds); at L = 2 the +x and -x
 * neighbours coincide and both bonds count (the convention of criticality and of the 2 x 2 x 2
 * enumeration). Per measurement: e = -B/N with B = sum_<ij> s_i s_j, m = M/N with M = sum_i s_i.
 * Output: <e>, <|m|>, <m^2>, <m^4> with binning errors.
 *
 * One step = one typewriter Metropolis sweep (sites in index order, acceptance min(1, exp(-beta dE))
 * from a table) followed by a fixed number of Wolff single-cluster updates (bond probability
 * 1 - exp(-2 beta)); each update leaves the Boltzmann distribution invariant, so does the step.
 * The step is fixed in advance (never ends on a state-dependent amount of work).
 *
 * Errors: the measurements are averaged in blocks of `block` steps; the block means are then
 * re-binned by factors of 2 and the standard error of the mean is printed at every level with at
 * least 32 bins; the quoted error is the largest of those (a conservative plateau estimate).
 *
 * Self-test (--selftest): L = 2 against exact enumeration of its 256 states, computed here.
 *
 * Build and run:
 *   gcc -O2 -o /tmp/ising3d scripts/reference/ising3d.c -lm
 *   /tmp/ising3d L beta steps thermalize clusters_per_step block seed [Ly Lz]
 * (the optional Ly Lz make an L x Ly x Lz box; scripts/reference/cubic-reference.ts checks the
 * program on the 4 x 4 x 2 box against its exact density of states, scripts/reference/dos442.c)
 *   /tmp/ising3d --selftest
 * Output: one JSON object a line.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rs[4];

static uint64_t splitmix64(uint64_t *x) {
  uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t next64(void) {
  uint64_t result = rs[0] + rs[3];
  uint64_t t = rs[1] << 17;
  rs[2] ^= rs[0];
  rs[3] ^= rs[1];
  rs[1] ^= rs[2];
  rs[0] ^= rs[3];
  rs[2] ^= t;
  rs[3] = rotl(rs[3], 45);
  return result;
}

/* uniform in [0, 1) with 53 bits */
static inline double uniform(void) { return (double)(next64() >> 11) * (1.0 / 9007199254740992.0); }

static int LX, LY, LZ, N;
static int8_t *spin;
static int *nbr; /* 6 per site: +x, -x, +y, -y, +z, -z */
static int *stack;
static double beta;
static double accept[13]; /* index dE/2 + 6 ... only dE = 2 s h_loc, h_loc in -6..6 even steps */

/* an Lx x Ly x Lz periodic box (the cube: Lx = Ly = Lz = L), site (z Ly + y) Lx + x */
static void build(int lx, int ly, int lz) {
  LX = lx;
  LY = ly;
  LZ = lz;
  N = LX * LY * LZ;
  free(spin);
  free(nbr);
  free(stack);
  spin = malloc(N);
  nbr = malloc(sizeof(int) * 6 * N);
  stack = malloc(sizeof(int) * N);
  for (int z = 0; z < LZ; z++)
    for (int y = 0; y < LY; y++)
      for (int x = 0; x < LX; x++) {
        int i = (z * LY + y) * LX + x;
        nbr[6 * i + 0] = (z * LY + y) * LX + (x + 1) % LX;
        nbr[6 * i + 1] = (z * LY + y) * LX + (x + LX - 1) % LX;
        nbr[6 * i + 2] = (z * LY + (y + 1) % LY) * LX + x;
        nbr[6 * i + 3] = (z * LY + (y + LY - 1) % LY) * LX + x;
        nbr[6 * i + 4] = (((z + 1) % LZ) * LY + y) * LX + x;
        nbr[6 * i + 5] = (((z + LZ - 1) % LZ) * LY + y) * LX + x;
      }
}

static void metropolis_sweep(void) {
  for (int i = 0; i < N; i++) {
    int h = 0;
    for (int d = 0; d < 6; d++) h += spin[nbr[6 * i + d]];
    int x = spin[i] * h; /* dE = 2 x, x in -6..6 */
    if (x <= 0 || uniform() < accept[x + 6]) spin[i] = -spin[i];
  }
}

static void wolff(double padd) {
  int seed = (int)(uniform() * N);
  if (seed >= N) seed = N - 1;
  int8_t s = spin[seed];
  int top = 0;
  stack[top++] = seed;
  spin[seed] = -s;
  while (top > 0) {
    int i = stack[--top];
    for (int d = 0; d < 6; d++) {
      int j = nbr[6 * i + d];
      if (spin[j] == s && uniform() < padd) {
        spin[j] = -s;
        stack[top++] = j;
      }
    }
  }
}

static void measure(long *B, long *M) {
  long b = 0, m = 0;
  for (int i = 0; i < N; i++) {
    m += spin[i];
    b += spin[i] * (spin[nbr[6 * i + 0]] + spin[nbr[6 * i + 2]] + spin[nbr[6 * i + 4]]);
  }
  *B = b;
  *M = m;
}

#define NOBS 4
static const char *NAMES[NOBS] = {"energy", "absMagnetization", "magnetization2", "magnetization4"};

/* standard error of the mean of n values, largest over re-binning levels with >= 32 bins */
static double binned_error(double *blocks, long n, FILE *log, const char *name) {
  double *b = malloc(sizeof(double) * n);
  memcpy(b, blocks, sizeof(double) * n);
  double best = 0;
  int level = 0;
  while (n >= 32) {
    double mean = 0, var = 0;
    for (long k = 0; k < n; k++) mean += b[k];
    mean /= n;
    for (long k = 0; k < n; k++) var += (b[k] - mean) * (b[k] - mean);
    double err = sqrt(var / (n - 1) / n);
    if (log) fprintf(log, "  %s level %d bins %ld error %.3e\n", name, level, n, err);
    if (err > best) best = err;
    for (long k = 0; k < n / 2; k++) b[k] = 0.5 * (b[2 * k] + b[2 * k + 1]);
    n /= 2;
    level++;
  }
  free(b);
  return best;
}

static int run(int size, int ly, int lz, double bt, long steps, long therm, int clusters, long block, uint64_t seed) {
  build(size, ly, lz);
  beta = bt;
  uint64_t sm = seed;
  for (int k = 0; k < 4; k++) rs[k] = splitmix64(&sm);
  for (int x = -6; x <= 6; x++) accept[x + 6] = exp(-2.0 * beta * x);
  double padd = 1.0 - exp(-2.0 * beta);
  for (int i = 0; i < N; i++) spin[i] = uniform() < 0.5 ? 1 : -1;
  for (long t = 0; t < therm; t++) {
    metropolis_sweep();
    for (int c = 0; c < clusters; c++) wolff(padd);
  }
  long nblocks = steps / block;
  double *blocks[NOBS];
  for (int o = 0; o < NOBS; o++) blocks[o] = calloc(nblocks, sizeof(double));
  double total[NOBS] = {0};
  for (long k = 0; k < nblocks; k++) {
    double acc[NOBS] = {0};
    for (long t = 0; t < block; t++) {
      metropolis_sweep();
      for (int c = 0; c < clusters; c++) wolff(padd);
      long B, M;
      measure(&B, &M);
      double e = -(double)B / N, m = (double)M / N, m2 = m * m;
      acc[0] += e;
      acc[1] += fabs(m);
      acc[2] += m2;
      acc[3] += m2 * m2;
    }
    for (int o = 0; o < NOBS; o++) {
      blocks[o][k] = acc[o] / block;
      total[o] += acc[o];
    }
  }
  printf("{\"size\":%d,", size);
  if (ly != size || lz != size) printf("\"box\":[%d,%d,%d],", size, ly, lz);
  printf("\"beta\":%.10g,\"steps\":%ld,\"thermalize\":%ld,\"clustersPerStep\":%d,\"block\":%ld,\"seed\":%llu", beta, nblocks * block, therm, clusters, block,
         (unsigned long long)seed);
  for (int o = 0; o < NOBS; o++) {
    double err = binned_error(blocks[o], nblocks, stderr, NAMES[o]);
    printf(",\"%s\":{\"mean\":%.10g,\"error\":%.4g}", NAMES[o], total[o] / (double)(nblocks * block), err);
  }
  printf("}\n");
  fflush(stdout);
  return 0;
}

/* exact <e>, <|m|>, <m^2>, <m^4> of the L = 2 cube by summing its 256 states */
static void exact2(double bt, double out[NOBS]) {
  build(2, 2, 2);
  double z = 0, acc[NOBS] = {0};
  for (int c = 0; c < 256; c++) {
    for (int i = 0; i < 8; i++) spin[i] = (c >> i) & 1 ? 1 : -1;
    long B, M;
    measure(&B, &M);
    double w = exp(bt * B), e = -(double)B / 8, m = (double)M / 8, m2 = m * m;
    z += w;
    acc[0] += w * e;
    acc[1] += w * fabs(m);
    acc[2] += w * m2;
    acc[3] += w * m2 * m2;
  }
  for (int o = 0; o < NOBS; o++) out[o] = acc[o] / z;
}

static int selftest(void) {
  double betas[3] = {0.1, 0.22, 0.4};
  int bad = 0;
  for (int k = 0; k < 3; k++) {
    double ex[NOBS];
    exact2(betas[k], ex);
    printf("{\"selftest\":true,\"exact\":[%.8f,%.8f,%.8f,%.8f]}\n", ex[0], ex[1], ex[2], ex[3]);
    /* capture the MC line by re-running its arithmetic: simplest is to print and compare in place */
    build(2, 2, 2);
    beta = betas[k];
    uint64_t sm = 12345 + k;
    for (int j = 0; j < 4; j++) rs[j] = splitmix64(&sm);
    for (int x = -6; x <= 6; x++) accept[x + 6] = exp(-2.0 * beta * x);
    double padd = 1.0 - exp(-2.0 * beta);
    for (int i = 0; i < N; i++) spin[i] = 1;
    long block = 1000, nblocks = 1000;
    double *blocks = calloc(nblocks, sizeof(double));
    for (int o = 0; o < NOBS; o++) {
      /* one chain per observable keeps the code short; the chains differ, each is a valid check */
      double total = 0;
      for (long b = 0; b < nblocks; b++) {
        double acc = 0;
        for (long t = 0; t < block; t++) {
          metropolis_sweep();
          wolff(padd);
          long B, M;
          measure(&B, &M);
          double m = (double)M / 8;
          double v = o == 0 ? -(double)B / 8 : o == 1 ? fabs(m) : o == 2 ? m * m : m * m * m * m;
          acc += v;
        }
        blocks[b] = acc / block;
        total += acc;
      }
      double mean = total / (double)(nblocks * block), err = binned_error(blocks, nblocks, NULL, NAMES[o]);
      double z = (mean - ex[o]) / err;
      printf("  beta %.2f %-16s MC %.6f +- %.6f exact %.6f z %+.2f\n", beta, NAMES[o], mean, err, ex[o], z);
      if (fabs(z) > 4) bad++;
    }
    free(blocks);
  }
  printf(bad ? "SELFTEST FAILED\n" : "selftest passed\n");
  return bad ? 1 : 0;
}

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "--selftest") == 0) return selftest();
  if (argc != 8 && argc != 10) {
    fprintf(stderr, "usage: %s L beta steps thermalize clusters_per_step block seed [Ly Lz] | --selftest\n", argv[0]);
    return 2;
  }
  int size = atoi(argv[1]);
  int ly = argc == 10 ? atoi(argv[8]) : size;
  int lz = argc == 10 ? atoi(argv[9]) : size;
  if (size < 2 || ly < 2 || lz < 2) {
    fprintf(stderr, "L, Ly and Lz must be >= 2\n");
    return 2;
  }
  return run(size, ly, lz, atof(argv[2]), atol(argv[3]), atol(argv[4]), atoi(argv[5]), atol(argv[6]), strtoull(argv[7], NULL, 10));
}
