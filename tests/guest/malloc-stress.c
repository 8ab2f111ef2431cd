/* malloc/calloc/realloc/free under a random workload: small bins, large
 * (mmap-backed) blocks, and growth through brk.  Each block carries a fill
 * pattern that is verified before it is freed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SLOTS = 512, ROUNDS = 40000 };

struct slot {
    unsigned char *p;
    size_t size;
    unsigned char fill;
};

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
    rng_state ^= rng_state << 7;
    rng_state ^= rng_state >> 9;
    return rng_state;
}

static size_t pick_size(void)
{
    uint64_t r = rng() % 100;
    if (r < 70)
        return rng() % 128 + 1;
    if (r < 97)
        return rng() % 8192 + 1;
    return rng() % (512 * 1024) + 128 * 1024;
}

static int verify(const struct slot *s)
{
    for (size_t i = 0; i < s->size; i += 1 + s->size / 64)
        if (s->p[i] != s->fill)
            return 0;
    return s->p[s->size - 1] == s->fill;
}

static int step(struct slot *s, int round)
{
    int ok = 1;
    if (s->p && !verify(s))
        ok = 0;
    int action = (int)(rng() % 4);
    if (s->p && action == 0) {
        size_t n = pick_size();
        unsigned char *q = realloc(s->p, n);
        size_t keep = n < s->size ? n : s->size;
        for (size_t i = 0; i < keep; i += 1 + keep / 64)
            if (q[i] != s->fill)
                ok = 0;
        s->p = q;
        s->size = n;
    } else {
        free(s->p);
        s->size = pick_size();
        s->p = action == 1 ? calloc(1, s->size) : malloc(s->size);
        if (action == 1 && (s->p[0] != 0 || s->p[s->size - 1] != 0))
            ok = 0;
    }
    s->fill = (unsigned char)round;
    memset(s->p, s->fill, s->size);
    return ok;
}

int main(void)
{
    static struct slot slots[SLOTS];
    int bad = 0;
    size_t total = 0;
    for (int round = 0; round < ROUNDS; round++) {
        struct slot *s = &slots[rng() % SLOTS];
        if (!step(s, round))
            bad++;
        total += s->size;
    }
    for (int i = 0; i < SLOTS; i++) {
        if (slots[i].p && !verify(&slots[i]))
            bad++;
        free(slots[i].p);
    }
    printf("rounds=%d bad=%d total=%zu\n", ROUNDS, bad, total);
    return bad != 0;
}
