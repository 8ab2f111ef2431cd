/*
 * tests/diff/driver.c — freestanding AArch64 guest that runs generated cases.
 *
 * Usage (guest): dt-prog MODE FIRST
 *   MODE r: run cases from index FIRST on, write DtRecHead + DtState (+ the
 *           memory window for cases with a base register) per case.
 *   MODE s: as r, but flush after every case (locates a crashing case).
 *   MODE f: filter run (under qemu only): catch SIGILL/SIGSEGV/SIGBUS/
 *           SIGFPE/SIGTRAP per case and write DtRecHead with the mask of
 *           faulting instruction slots, so the generator can redraw them.
 * Built -static -nostdlib -fno-pie: addresses of code, data and the memory
 * window are then the same under every emulator, which lets base registers,
 * ADR results and literal loads be compared bit for bit.  Output is
 * buffered and written with raw syscalls; a crash under the emulator under
 * test loses at most the unflushed records, which the runner detects
 * (records carry their case index) and resumes after.
 */
#include <stddef.h>
#include <stdint.h>
#include "state.h"

extern const DtCaseInfo dt_cases[];
extern const uint64_t dt_ncases, dt_seed, dt_first;
int dt_run_case(uint64_t code);
void dt_fault_return(void);
void dt_sigreturn(void);

DtState dt_in, dt_out;
uint8_t dt_arena[65536] __attribute__((aligned(4096)));
static uint8_t dt_altstack[65536] __attribute__((aligned(16)));
static uint8_t dt_buf[1 << 20];
static size_t dt_buf_len;
static volatile uint64_t dt_fault_mask, dt_cur_code;

#define DT_WINDOW (dt_arena + 32768)

static long dt_syscall(long nr, long a, long b, long c, long d)
{
    register long x8 __asm__("x8") = nr;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    register long x3 __asm__("x3") = d;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3)
                     : "memory");
    return x0;
}

void *memcpy(void *d, const void *s, size_t n)
{
    uint8_t *dp = d;
    const uint8_t *sp = s;
    while (n--)
        *dp++ = *sp++;
    return d;
}

void *memset(void *d, int c, size_t n)
{
    uint8_t *dp = d;
    while (n--)
        *dp++ = (uint8_t)c;
    return d;
}

static void dt_flush(void)
{
    size_t off = 0;
    while (off < dt_buf_len) {
        long n = dt_syscall(64, 1, (long)(dt_buf + off), (long)(dt_buf_len - off), 0);
        if (n <= 0)
            dt_syscall(94, 3, 0, 0, 0);
        off += (size_t)n;
    }
    dt_buf_len = 0;
}

static void dt_emit(const void *p, size_t n)
{
    if (dt_buf_len + n > sizeof(dt_buf))
        dt_flush();
    memcpy(dt_buf + dt_buf_len, p, n);
    dt_buf_len += n;
}

/*
 * A fault in slot k of the running case marks bit k and resumes at slot
 * k + 1, so one filter pass finds every faulting word of a case.  A fault
 * anywhere else (not expected) abandons the case and marks bit 63.
 * Kernel ucontext on arm64: the sigcontext's pc is at byte 440.
 */
static void dt_on_fault(int sig, void *info, void *uc)
{
    uint64_t *pc = (uint64_t *)((uint8_t *)uc + 440);
    uint64_t slot = (*pc - dt_cur_code - 8) / 4;
    (void)sig;
    (void)info;
    if (*pc >= dt_cur_code + 8 && slot < DT_MAX_INSNS) {
        dt_fault_mask |= 1ull << slot;
        *pc += 4;
    } else {
        dt_fault_mask |= 1ull << 63;
        *pc = (uint64_t)(uintptr_t)dt_fault_return;
    }
}

static void dt_install_handlers(void)
{
    struct { void *sp; int flags; int pad; size_t size; } ss = {
        dt_altstack, 0, 0, sizeof(dt_altstack) };
    static const int sigs[] = { 4, 5, 7, 8, 11 };
    dt_syscall(132, (long)&ss, 0, 0, 0);
    for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        struct { void *h; unsigned long flags; void *restorer; uint64_t mask; } sa = {
            (void *)dt_on_fault, 0x4u | 0x08000000u | 0x04000000u,
            (void *)dt_sigreturn, 0 };
        dt_syscall(134, sigs[i], (long)&sa, 0, 8);
    }
}

static uint64_t dt_parse(const char *s)
{
    uint64_t v = 0;
    while (s && *s >= '0' && *s <= '9')
        v = v * 10 + (uint64_t)(*s++ - '0');
    return v;
}

static void dt_one(uint64_t i, int filter)
{
    const DtCaseInfo *ci = &dt_cases[i - dt_first];
    uint8_t *win = DT_WINDOW;
    DtRecHead h = { i, 0 };
    dt_state_init(&dt_in, win, dt_seed, i, ci, (uint64_t)(uintptr_t)win);
    dt_fault_mask = 0;
    dt_cur_code = ci->code;
    dt_run_case(ci->code);
    h.fault_mask = dt_fault_mask;
    dt_emit(&h, sizeof(h));
    if (filter)
        return;
    dt_emit(&dt_out, sizeof(dt_out));
    if (ci->base != DT_NO_BASE)
        dt_emit(win, DT_WINDOW_SIZE);
}

void dt_main(uint64_t *sp)
{
    long argc = (long)sp[0];
    char **argv = (char **)(sp + 1);
    int filter = argc > 1 && argv[1][0] == 'f';
    int sync = argc > 1 && argv[1][0] == 's';
    uint64_t start = argc > 2 ? dt_parse(argv[2]) : dt_first;
    if (start < dt_first)
        start = dt_first;
    if (filter)
        dt_install_handlers();
    for (uint64_t i = start; i < dt_first + dt_ncases; i++) {
        dt_one(i, filter);
        if (sync || (!filter && dt_buf_len > sizeof(dt_buf) / 2))
            dt_flush();
    }
    dt_flush();
    dt_syscall(94, 0, 0, 0, 0);
}

__asm__(".text\n.global _start\n_start:\n mov x0, sp\n bl dt_main\n");
