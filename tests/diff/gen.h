/*
 * tests/diff/gen.h — interface between the generator's encoding tables
 * (gen-classes.c) and its driver (gen.c).
 */
#ifndef TERN_TESTS_DIFF_GEN_H
#define TERN_TESTS_DIFF_GEN_H

#include <stdbool.h>
#include <stdint.h>

/* Register constraints a case accumulates while its words are drawn. */
typedef struct DtCtx {
    unsigned base;                    /* DT_NO_BASE or 0..31 (31 = SP) */
    uint32_t small_mask, fpcr_mask, fpsr_mask;
    uint32_t written;                 /* GPRs written by an earlier MRS */
    int atomic_mode;                  /* -1 undecided, 0 no exclusives, 1 only */
    uint32_t excl_shape;              /* exclusives: bits 31:30 and o1 */
} DtCtx;

#define DT_NOP 0xd503201fu

/* Parse a comma-separated group list into a bit set; false if unknown. */
bool dt_parse_groups(const char *list, uint32_t *set);
/* Pick one of the groups in set. */
int dt_pick_group(uint32_t set, uint64_t *rng);
const char *dt_group_name(int group);
int dt_group_count(void);
/* Whether a group's cases use the memory window (need a base register). */
bool dt_group_is_mem(int group);
/* Draw one word of group into ctx's constraints. */
uint32_t dt_gen_word(int group, uint64_t *rng, DtCtx *ctx);

#endif
