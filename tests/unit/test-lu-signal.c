/* tests/unit/test-lu-signal.c — the arm64 signal frame (signal-frame.c).
 *
 * Builds frames with lu_frame_setup on a fresh guest address space and
 * reads them back at the kernel's byte offsets (arch/arm64 uapi
 * sigcontext.h / ucontext.h): siginfo at 0, ucontext at 128, uc_sigmask at
 * 168, sigcontext at 304, fpsimd_context at 592, the frame record 16 bytes
 * below the old SP; checks the registers the handler starts with,
 * SA_ONSTACK placement and SS_AUTODISARM, the rt_sigreturn round trip
 * with edits made "by the handler", and the frames rt_sigreturn refuses.
 */
#define _GNU_SOURCE 1
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <cmocka.h>

#include "frontend/aarch64/a64.h"
#include "linux-user/lu-internal.h"

#define STACK       0x40000000u     /* 64 KiB guest stack */
#define STACK_SIZE  0x10000u
#define ALT         0x40020000u     /* 16 KiB alternate stack */
#define ALT_SIZE    0x4000u
#define FRAME_SIZE  4688u
#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1u << 31)
#endif

typedef struct Fixture {
    LuProcess proc;
    LuThread thread;
    A64CPU cpu;
} Fixture;

static int setup(void **state)
{
    Fixture *fx = aligned_alloc(64, (sizeof(Fixture) + 63) & ~(size_t)63);
    if (!fx)
        return -1;
    memset(fx, 0, sizeof(*fx));
    if (!lu_mem_init(&fx->proc.mem))
        return -1;
    pthread_mutex_init(&fx->proc.sig_lock, NULL);
    fx->thread.proc = &fx->proc;
    fx->thread.cpu = &fx->cpu.common;
    int rw = PROT_READ | PROT_WRITE, fl = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
    if (lu_mmap(&fx->proc.mem, STACK, STACK_SIZE, rw, fl, -1, 0) != STACK ||
        lu_mmap(&fx->proc.mem, ALT, ALT_SIZE, rw, fl, -1, 0) != ALT ||
        !lu_frame_map_tramp(&fx->proc))
        return -1;
    A64CPU *cpu = &fx->cpu;
    for (int i = 0; i < 31; i++)
        cpu->x[i] = 0x1000 + (uint64_t)i;
    for (int i = 0; i < 32; i++) {
        cpu->v[i][0] = (uint64_t)i;
        cpu->v[i][1] = ~(uint64_t)i;
    }
    cpu->sp = STACK + STACK_SIZE - 8;           /* misaligned on purpose */
    cpu->pc = 0x400100;
    cpu->fpsr = 0x10;
    cpu->fpcr = 0x1000000;
    a64_set_nzcv(cpu, 0x60000000);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    Fixture *fx = *state;
    lu_mem_destroy(&fx->proc.mem);
    free(fx);
    return 0;
}

static uint64_t rd64(Fixture *fx, uint64_t g)
{
    uint64_t v;
    assert_int_equal(lu_copy_from_guest(&fx->proc.mem, &v, g, 8), 0);
    return v;
}

static uint32_t rd32(Fixture *fx, uint64_t g)
{
    uint32_t v;
    assert_int_equal(lu_copy_from_guest(&fx->proc.mem, &v, g, 4), 0);
    return v;
}

static void wr64(Fixture *fx, uint64_t g, uint64_t v)
{
    assert_int_equal(lu_copy_to_guest(&fx->proc.mem, g, &v, 8), 0);
}

static const LuSiginfo segv = { .signo = SIGSEGV, .code = LU_SEGV_MAPERR, .addr = 0x1234 };

static uint64_t deliver(Fixture *fx, uint64_t flags)
{
    LuSigaction ka = { .handler = 0x400800, .flags = flags, .restorer = 0x400900 };
    assert_true(lu_frame_setup(&fx->thread, SIGSEGV, &ka, &segv, 0x5));
    return fx->cpu.sp;
}

static void test_frame_layout(void **state)
{
    Fixture *fx = *state;
    A64CPU *cpu = &fx->cpu;
    uint64_t old_sp = cpu->sp;
    uint64_t f = deliver(fx, LU_SA_SIGINFO);
    uint64_t rec = (old_sp - 16) & ~(uint64_t)15;
    assert_int_equal(f, rec - FRAME_SIZE);
    assert_int_equal(f & 15, 0);
    /* Registers the handler starts with. */
    assert_int_equal(cpu->x[0], SIGSEGV);
    assert_int_equal(cpu->x[1], f);
    assert_int_equal(cpu->x[2], f + 128);
    assert_int_equal(cpu->x[29], rec);
    assert_int_equal(cpu->x[30], fx->proc.sig_tramp);
    assert_int_equal(cpu->pc, 0x400800);
    /* Frame record, siginfo, ucontext. */
    assert_int_equal(rd64(fx, rec), 0x1000 + 29);
    assert_int_equal(rd64(fx, rec + 8), 0x1000 + 30);
    assert_int_equal(rd32(fx, f), SIGSEGV);
    assert_int_equal(rd32(fx, f + 8), LU_SEGV_MAPERR);
    assert_int_equal(rd64(fx, f + 16), 0x1234);
    assert_int_equal(rd64(fx, f + 128), 0);                 /* uc_flags */
    assert_int_equal(rd32(fx, f + 128 + 24), SS_DISABLE);   /* uc_stack.ss_flags */
    assert_int_equal(rd64(fx, f + 168), 0x5);               /* uc_sigmask */
    /* sigcontext. */
    uint64_t sc = f + 304;
    assert_int_equal(rd64(fx, sc), 0x1234);                 /* fault_address */
    assert_int_equal(rd64(fx, sc + 8), 0x1000);
    assert_int_equal(rd64(fx, sc + 8 + 30 * 8), 0x1000 + 30);
    assert_int_equal(rd64(fx, sc + 256), old_sp);
    assert_int_equal(rd64(fx, sc + 264), 0x400100);
    assert_int_equal(rd64(fx, sc + 272), 0x60000000);
    /* fpsimd_context, then the null terminator. */
    uint64_t fp = sc + 288;
    assert_int_equal(fp, f + 592);
    assert_int_equal(rd32(fx, fp), 0x46508001);
    assert_int_equal(rd32(fx, fp + 4), 528);
    assert_int_equal(rd32(fx, fp + 8), 0x10);
    assert_int_equal(rd32(fx, fp + 12), 0x1000000);
    assert_int_equal(rd64(fx, fp + 16 + 31 * 16), 31);
    assert_int_equal(rd64(fx, fp + 16 + 31 * 16 + 8), ~(uint64_t)31);
    assert_int_equal(rd64(fx, fp + 528), 0);
    /* The trampoline: mov x8, #139; svc #0. */
    assert_int_equal(rd32(fx, fx->proc.sig_tramp), 0xd2801168);
    assert_int_equal(rd32(fx, fx->proc.sig_tramp + 4), 0xd4000001);
}

static void test_restorer_and_no_siginfo(void **state)
{
    Fixture *fx = *state;
    fx->cpu.x[1] = 77;
    deliver(fx, LU_SA_RESTORER);
    assert_int_equal(fx->cpu.x[30], 0x400900);
    assert_int_equal(fx->cpu.x[1], 77);     /* only SA_SIGINFO sets x1/x2 */
}

static void test_onstack(void **state)
{
    Fixture *fx = *state;
    LuThread *t = &fx->thread;
    LuStackT ss = { .sp = ALT, .size = ALT_SIZE, .flags = (int32_t)SS_AUTODISARM };
    assert_int_equal(lu_altstack_set(t, &ss, fx->cpu.sp), 0);
    uint64_t f = deliver(fx, LU_SA_SIGINFO | LU_SA_ONSTACK);
    assert_int_equal(f, ALT + ALT_SIZE - 16 - FRAME_SIZE);
    assert_int_equal(rd64(fx, f + 128 + 16), ALT);          /* uc_stack.ss_sp */
    assert_int_equal(rd64(fx, f + 128 + 32), ALT_SIZE);
    assert_int_equal(t->altstack_size, 0);                  /* disarmed */
    /* rt_sigreturn puts it back. */
    assert_true(lu_frame_restore(t));
    assert_int_equal(t->altstack_sp, ALT);
    assert_int_equal(t->altstack_size, ALT_SIZE);
    /* Already on the alternate stack: the frame goes below SP. */
    ss.flags = 0;
    fx->cpu.sp = ALT + 0x3000;
    t->altstack_size = 0;
    assert_int_equal(lu_altstack_set(t, &ss, STACK), 0);
    f = deliver(fx, LU_SA_ONSTACK);
    assert_int_equal(f, ALT + 0x3000 - 16 - FRAME_SIZE);
}

static void test_sigreturn_roundtrip(void **state)
{
    Fixture *fx = *state;
    A64CPU *cpu = &fx->cpu;
    uint64_t old_sp = cpu->sp;
    uint64_t f = deliver(fx, LU_SA_SIGINFO);
    /* The handler edits x0 and pc, V3 and the flags, then returns. */
    wr64(fx, f + 304 + 8, 0xabcd);
    wr64(fx, f + 304 + 264, 0x400104);
    wr64(fx, f + 304 + 272, 0x90000000);
    wr64(fx, f + 592 + 16 + 3 * 16, 0x3333);
    memset(cpu->x, 0, sizeof(cpu->x));
    memset(cpu->v, 0, sizeof(cpu->v));
    cpu->fpcr = 0;
    cpu->sp = f;
    assert_true(lu_frame_restore(&fx->thread));
    assert_int_equal(cpu->x[0], 0xabcd);
    assert_int_equal(cpu->x[30], 0x1000 + 30);
    assert_int_equal(cpu->sp, old_sp);
    assert_int_equal(cpu->pc, 0x400104);
    assert_int_equal(a64_get_nzcv(cpu), 0x90000000);
    assert_int_equal(cpu->v[3][0], 0x3333);
    assert_int_equal(cpu->v[31][1], ~(uint64_t)31);
    assert_int_equal(cpu->fpcr, 0x1000000);
    assert_int_equal(fx->thread.sigmask, 0x5);
    lu_signal_set_mask(&fx->thread, 0);
}

/* Each corruption alone makes rt_sigreturn refuse the frame. */
static void test_bad_frames(void **state)
{
    Fixture *fx = *state;
    uint64_t f = deliver(fx, LU_SA_SIGINFO);
    static const struct { uint64_t off, val; } bad[] = {
        { 304 + 272, 0x60000005 },          /* PSTATE: EL1h */
        { 304 + 272, 0x600003c0 },          /* PSTATE: DAIF set */
        { 592, 0x0000021046508002 },        /* unknown record magic */
        { 592, 0x0000020046508001 },        /* fpsimd_context size 512 */
        { 592, 0x0000000846508001 },        /* a record too small */
        { 592 + 528, 0x0000021099999999 },  /* junk after fpsimd */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        uint64_t keep = rd64(fx, f + bad[i].off);
        wr64(fx, f + bad[i].off, bad[i].val);
        fx->cpu.sp = f;
        assert_false(lu_frame_restore(&fx->thread));
        wr64(fx, f + bad[i].off, keep);
    }
    fx->cpu.sp = f + 8;                     /* misaligned */
    assert_false(lu_frame_restore(&fx->thread));
    fx->cpu.sp = 0x7000000;                 /* unmapped */
    assert_false(lu_frame_restore(&fx->thread));
    fx->cpu.sp = f;
    assert_true(lu_frame_restore(&fx->thread));
    lu_signal_set_mask(&fx->thread, 0);
}

static void test_unwritable_stack(void **state)
{
    Fixture *fx = *state;
    LuSigaction ka = { .handler = 0x400800, .flags = LU_SA_SIGINFO };
    fx->cpu.sp = STACK + 0x100;             /* the frame would reach below */
    uint64_t pc = fx->cpu.pc;
    assert_false(lu_frame_setup(&fx->thread, SIGSEGV, &ka, &segv, 0));
    assert_int_equal(fx->cpu.pc, pc);       /* nothing changed */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_frame_layout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_restorer_and_no_siginfo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_onstack, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sigreturn_roundtrip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_frames, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unwritable_stack, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
