/*
 * xy-reference.c: an independent reference for the 2D XY model on the periodic L x L square
 * lattice, H = -J sum_<ij> cos(theta_i - theta_j) (J = k_B = 1, no field). Written from the
 * textbook definitions only; it shares no code with criticality (own generator, own update,
 * own estimators, libm's cos/sin/exp).
 *
 * Update: Wolff single-cluster embedding (U. Wolff, PRL 62, 361 (1989)): random unit vector r,
 * bonds of the Ising embedding activated with p = 1 - exp(min(0, -2 beta (r.s_i)(r.s_j))),
 * cluster reflected s -> s - 2 (r.s) r. Optional: "metropolis" mode (uniform proposal
 * theta' = theta + delta (2u - 1), accept min(1, exp(-beta dE))), as an internal cross-check.
 *
 * Measurements (after every `every` updates):
 *   e       = -(1/N) sum_i [cos(th_i - th_{i+x}) + cos(th_i - th_{i+y})]
 *   |m|     = |sum_i s_i| / N,   m2 = |m|^2
 *   Upsilon = (1/2N) sum_mu [ <C_mu> - beta (<S_mu^2> - <S_mu>^2) ],
 *             C_mu = sum_i cos(th_i - th_{i+mu}),  S_mu = sum_i sin(th_i - th_{i+mu})
 * Errors: the run is cut into NB = 1000 equal consecutive bins (each far longer than the
 * autocorrelation time); primaries by the spread of bin means, Upsilon by the jackknife over the
 * bins. The error with 250 bins of 4x the length is printed as well (a plateau check).
 *
 * Generator: splitmix64 (Steele, Lea and Flood 2014), 53-bit doubles.
 *
 * Build: gcc -O2 -o xy-reference xy-reference.c -lm
 * Run:   ./xy-reference L T updates seed [wolff|metropolis] [every]
 * Output: one JSON object on stdout.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state;
static uint64_t next64(void) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
static double unif(void) { return (double)(next64() >> 11) * (1.0 / 9007199254740992.0); }

static int L, N;
static double *th, *cx, *sy;
static int *stack, *members;
static unsigned char *in;

static int nb(int i, int d) {
  int x = i % L, y = i / L;
  switch (d) {
    case 0: return y * L + (x + 1) % L;
    case 1: return y * L + (x + L - 1) % L;
    case 2: return ((y + 1) % L) * L + x;
    default: return ((y + L - 1) % L) * L + x;
  }
}

static void setangle(int i, double a) {
  a = fmod(a, 2 * M_PI);
  if (a < 0) a += 2 * M_PI;
  th[i] = a;
  cx[i] = cos(a);
  sy[i] = sin(a);
}

static long wolff(double beta) {
  double psi = 2 * M_PI * unif();
  double rx = cos(psi), ry = sin(psi);
  int seed = (int)(unif() * N);
  if (seed >= N) seed = N - 1;
  int top = 0;
  long size = 0;
  stack[top++] = seed;
  in[seed] = 1;
  members[0] = seed;
  /* reflect on entry: the projection of the reflected spin is -p, so bonds use the old projection */
  setangle(seed, 2 * psi + M_PI - th[seed]);
  size++;
  while (top > 0) {
    int i = stack[--top];
    double pi_old = -(rx * cx[i] + ry * sy[i]); /* spin i is already reflected */
    for (int d = 0; d < 4; d++) {
      int j = nb(i, d);
      if (in[j]) continue;
      double pj = rx * cx[j] + ry * sy[j];
      double t = pi_old * pj;
      if (t <= 0) continue;
      if (unif() < 1 - exp(-2 * beta * t)) {
        in[j] = 1;
        setangle(j, 2 * psi + M_PI - th[j]);
        stack[top++] = j;
        members[size++] = j;
      }
    }
  }
  for (long k = 0; k < size; k++) in[members[k]] = 0;
  return size;
}

static long metropolis(double beta, double delta) {
  long acc = 0;
  for (int n = 0; n < N; n++) {
    int i = (int)(unif() * N);
    if (i >= N) i = N - 1;
    double a = th[i] + delta * (2 * unif() - 1);
    double e0 = 0, e1 = 0;
    for (int d = 0; d < 4; d++) {
      int j = nb(i, d);
      e0 -= cos(th[i] - th[j]);
      e1 -= cos(a - th[j]);
    }
    double dE = e1 - e0;
    if (dE <= 0 || unif() < exp(-beta * dE)) {
      setangle(i, a);
      acc++;
    }
  }
  return acc;
}

#define NB 1000
enum { E, A, M2, CX, CY, S2X, S2Y, SX, SY, NOBS };

int main(int argc, char **argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: %s L T updates seed [wolff|metropolis] [every]\n", argv[0]);
    return 2;
  }
  L = atoi(argv[1]);
  double T = atof(argv[2]);
  long updates = atol(argv[3]);
  state = strtoull(argv[4], 0, 10);
  const char *mode = argc > 5 ? argv[5] : "wolff";
  int every = argc > 6 ? atoi(argv[6]) : 1;
  int metro = strcmp(mode, "metropolis") == 0;
  double beta = 1 / T;
  N = L * L;
  th = malloc(N * sizeof *th);
  cx = malloc(N * sizeof *cx);
  sy = malloc(N * sizeof *sy);
  stack = malloc(N * sizeof *stack);
  members = malloc(N * sizeof *members);
  in = calloc(N, 1);
  for (int i = 0; i < N; i++) setangle(i, 2 * M_PI * unif());
  long samples = updates / every;
  long perbin = samples / NB;
  samples = perbin * NB;
  double bins[NB][NOBS];
  memset(bins, 0, sizeof bins);
  double delta = 1.0;
  /* thermalisation: 10% of the run; Metropolis step tuned here, then frozen */
  long therm = updates / 10;
  for (long k = 0; k < therm; k++) {
    if (metro) {
      long acc = metropolis(beta, delta);
      double r = (double)acc / N;
      delta *= 0.5 + r;
      if (delta > M_PI) delta = M_PI;
    } else {
      wolff(beta);
    }
  }
  double clustersum = 0;
  for (long s = 0; s < samples; s++) {
    for (int k = 0; k < every; k++) clustersum += metro ? metropolis(beta, delta) : wolff(beta);
    double e = 0, mx = 0, my = 0, cxs = 0, cys = 0, sxs = 0, sys = 0;
    for (int i = 0; i < N; i++) {
      int r = nb(i, 0), d = nb(i, 2);
      double c1 = cx[i] * cx[r] + sy[i] * sy[r]; /* cos(th_i - th_r) */
      double c2 = cx[i] * cx[d] + sy[i] * sy[d];
      double s1 = sy[i] * cx[r] - cx[i] * sy[r]; /* sin(th_i - th_r) */
      double s2 = sy[i] * cx[d] - cx[i] * sy[d];
      cxs += c1;
      cys += c2;
      sxs += s1;
      sys += s2;
      mx += cx[i];
      my += sy[i];
    }
    e = -(cxs + cys) / N;
    double m2 = (mx * mx + my * my) / ((double)N * N);
    double *b = bins[s / perbin];
    b[E] += e;
    b[A] += sqrt(m2);
    b[M2] += m2;
    b[CX] += cxs;
    b[CY] += cys;
    b[S2X] += sxs * sxs;
    b[S2Y] += sys * sys;
    b[SX] += sxs;
    b[SY] += sys;
  }
  double tot[NOBS] = {0};
  for (int k = 0; k < NB; k++)
    for (int o = 0; o < NOBS; o++) {
      bins[k][o] /= perbin;
      tot[o] += bins[k][o];
    }
  for (int o = 0; o < NOBS; o++) tot[o] /= NB;
  /* Upsilon from means */
#define UPS(v) ((((v)[CX] + (v)[CY]) - beta * (((v)[S2X] - (v)[SX] * (v)[SX]) + ((v)[S2Y] - (v)[SY] * (v)[SY]))) / (2.0 * N))
  double ups = UPS(tot);
  const char *names[3] = {"energy", "absMagnetization", "magnetization2"};
  printf("{\"L\":%d,\"T\":%.10g,\"algorithm\":\"%s\",\"updates\":%ld,\"every\":%d,\"seed\":\"%s\",\"samples\":%ld,\"bins\":%d,", L, T, mode, updates, every,
         argv[4], samples, NB);
  printf("\"meanUpdateSize\":%.6g,", clustersum / ((double)samples * every));
  for (int pass = 0; pass < 2; pass++) {
    int group = pass == 0 ? 1 : 4; /* 1000 bins, or 250 bins of 4 */
    int nb2 = NB / group;
    printf(pass == 0 ? "\"values\":{" : "\"errors250\":{");
    for (int o = 0; o < 3; o++) {
      double v = 0;
      for (int k = 0; k < nb2; k++) {
        double x = 0;
        for (int g = 0; g < group; g++) x += bins[k * group + g][o];
        x /= group;
        v += (x - tot[o]) * (x - tot[o]);
      }
      double err = sqrt(v / ((double)nb2 * (nb2 - 1)));
      if (pass == 0)
        printf("\"%s\":{\"mean\":%.10g,\"error\":%.4g},", names[o], tot[o], err);
      else
        printf("\"%s\":%.4g,", names[o], err);
    }
    /* jackknife of Upsilon */
    double jv = 0, jm = 0;
    double *jk = malloc(nb2 * sizeof *jk);
    for (int k = 0; k < nb2; k++) {
      double v[NOBS];
      for (int o = 0; o < NOBS; o++) {
        double x = 0;
        for (int g = 0; g < group; g++) x += bins[k * group + g][o];
        x /= group;
        v[o] = (tot[o] * nb2 - x) / (nb2 - 1);
      }
      jk[k] = UPS(v);
      jm += jk[k];
    }
    jm /= nb2;
    for (int k = 0; k < nb2; k++) jv += (jk[k] - jm) * (jk[k] - jm);
    double jerr = sqrt(jv * (nb2 - 1) / nb2);
    free(jk);
    if (pass == 0)
      printf("\"helicityModulus\":{\"mean\":%.10g,\"error\":%.4g}},", ups, jerr);
    else
      printf("\"helicityModulus\":%.4g}", jerr);
  }
  printf("}\n");
  return 0;
}
