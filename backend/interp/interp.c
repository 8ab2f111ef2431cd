/* backend/interp/interp.c — the portable interpreter backend.
 *
 * IR is lowered to bytecode (interp-emit.c, format in interp-internal.h)
 * and run by one dispatch loop (interp-run.c); helpers are called through
 * libffi.  It needs no shared code in the buffer (create() takes no bytes)
 * and works on any host, which makes it the reference the JIT is checked
 * against.  State per backend: the guest memory mapping and the lookup
 * function; everything per run lives on the stack of enter().
 */
#include "backend/interp/interp-internal.h"

#include <stdlib.h>

static void *interp_create(const BackendMem *mem, const BackendLookup *lookup,
                           BackendCode code, size_t *used)
{
    (void)code;
    if (mem->addr_bits == 0 || mem->addr_bits > 64) {
        fprintf(stderr, "tern: interp: bad guest address width %u\n", mem->addr_bits);
        return NULL;
    }
    InterpBackend *be = calloc(1, sizeof(*be));
    if (!be) {
        fprintf(stderr, "tern: interp: out of memory\n");
        return NULL;
    }
    be->guest_base = mem->guest_base;
    be->addr_mask = mem->addr_bits == 64 ? ~0ull : (1ull << mem->addr_bits) - 1;
    be->lookup = lookup->fn;   /* no inline probe: always the call */
    be->pc_off = lookup->pc_off;
    *used = 0;
    return be;
}

static void interp_destroy(void *be)
{
    free(be);
}

/* One aligned pointer-sized store: a runner sees the old or the new target.
 * Release, so a runner that loads the new target sees the target's code. */
static void interp_patch_jump(uint8_t *slot_rw, uintptr_t slot_rx, uintptr_t target_rx)
{
    (void)slot_rx;
    __atomic_store_n((uintptr_t *)slot_rw, target_rx, __ATOMIC_RELEASE);
}

const Backend backend_interp = {
    .name = "interp",
    .create = interp_create,
    .destroy = interp_destroy,
    .emit_tb = interp_emit_tb,
    .enter = interp_enter,
    .patch_jump = interp_patch_jump,
    .fault_pos = interp_fault_pos,
    .disas = interp_disas,
};
