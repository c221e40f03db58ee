/*
 * gen_rng.h - the deterministic random numbers of the example and
 * benchmark generators (tools/gen_example.c, tools/gen_bench.c):
 * xoshiro256** seeded by splitmix64, the same sequence on every platform
 * for a given seed. Header-only: each generator compiles on its own.
 */
#ifndef GEN_RNG_H
#define GEN_RNG_H

#include <stdint.h>

struct gen_rng {
	uint64_t s[4];
};

static uint64_t gen_splitmix64(uint64_t *state)
{
	uint64_t z;

	*state += 0x9e3779b97f4a7c15u;
	z = *state;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static void gen_rng_seed(struct gen_rng *rng, uint64_t seed)
{
	size_t i;

	for (i = 0; i < 4; i++)
		rng->s[i] = gen_splitmix64(&seed);
}

static uint64_t gen_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* xoshiro256** 1.0 (Blackman and Vigna, public domain). */
static uint64_t gen_rng_next(struct gen_rng *rng)
{
	uint64_t *s = rng->s;
	uint64_t result = gen_rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = gen_rotl(s[3], 45);
	return result;
}

/* Uniform integer on [0, n), without modulo bias; n > 0. */
static uint64_t gen_rng_below(struct gen_rng *rng, uint64_t n)
{
	uint64_t limit = UINT64_MAX - UINT64_MAX % n;
	uint64_t x;

	do {
		x = gen_rng_next(rng);
	} while (x >= limit);
	return x % n;
}

#endif
