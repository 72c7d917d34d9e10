/*
 * dos442.c: the exact joint density of states g(B, M) of the Ising model on the periodic
 * 4 x 4 x 2 box (32 spins), written for criticality's validation and sharing no code with it.
 *
 *   B = sum over every site of s_i (s_{i+x} + s_{i+y} + s_{i+z}),  M = sum_i s_i,
 *
 * with periodic neighbours; along the short axis (length 2) the +z and -z neighbours of a site
 * coincide and both bonds count (doubled bonds: 96 bond terms, B = -96 .. 96), the convention of
 * criticality's L = 2 lattices. All 2^32 configurations are walked in Gray-code order (one spin
 * flipped a step, B and M updated from its six neighbours): about 4.3e9 steps, a few tens of seconds.
 *
 * Build and run:
 *   gcc -O2 -o /tmp/dos442 scripts/reference/dos442.c && /tmp/dos442 > test/fixtures/cubic-dos-4x4x2.json
 * Output: JSON {Lx, Ly, Lz, N, bonds, states, entries: [[B, M, count], ...]} (nonzero counts only).
 */
#include <stdint.h>
#include <stdio.h>

#define LX 4
#define LY 4
#define LZ 2
#define N (LX * LY * LZ)
#define BONDS (3 * N)

static uint64_t counts[2 * BONDS + 1][2 * N + 1];
static int nbr[N][6];

static int site(int x, int y, int z) { return (z * LY + ((y + LY) % LY)) * LX + ((x + LX) % LX); }

int main(void) {
  for (int z = 0; z < LZ; z++)
    for (int y = 0; y < LY; y++)
      for (int x = 0; x < LX; x++) {
        int i = site(x, y, z);
        nbr[i][0] = site(x + 1, y, z);
        nbr[i][1] = site(x - 1, y, z);
        nbr[i][2] = site(x, y + 1, z);
        nbr[i][3] = site(x, y - 1, z);
        nbr[i][4] = site(x, y, (z + 1) % LZ);
        nbr[i][5] = site(x, y, (z + LZ - 1) % LZ);
      }
  int s[N];
  for (int i = 0; i < N; i++) s[i] = 1;
  int B = BONDS, M = N;
  counts[B + BONDS][M + N]++;
  for (uint64_t k = 1; k < (1ULL << N); k++) {
    int i = __builtin_ctzll(k);
    int h = 0;
    for (int d = 0; d < 6; d++) h += s[nbr[i][d]];
    B -= 2 * s[i] * h;
    M -= 2 * s[i];
    s[i] = -s[i];
    counts[B + BONDS][M + N]++;
  }
  uint64_t total = 0;
  printf("{\"Lx\":%d,\"Ly\":%d,\"Lz\":%d,\"N\":%d,\"bonds\":%d,\"program\":\"scripts/reference/dos442.c\",\"entries\":[", LX, LY, LZ, N, BONDS);
  int first = 1;
  for (int b = 0; b <= 2 * BONDS; b++)
    for (int m = 0; m <= 2 * N; m++)
      if (counts[b][m]) {
        printf("%s[%d,%d,%llu]", first ? "" : ",", b - BONDS, m - N, (unsigned long long)counts[b][m]);
        total += counts[b][m];
        first = 0;
      }
  printf("],\"states\":%llu}\n", (unsigned long long)total);
  return total == (1ULL << N) ? 0 : 1;
}
