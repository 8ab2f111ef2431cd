/* idregs-cpuid.c — AT_HWCAP and the ID registers EL0 reads through Linux's
 * MRS emulation (HWCAP_CPUID).  Prints only what is deterministic and the
 * same for tern and qemu-aarch64 (whose "max" CPU has more features than
 * tern implements): the HWCAP bits tern advertises, the matching ID
 * register fields, the fields Linux fixes for every CPU (MPIDR, REVIDR,
 * PFR0.EL0/EL1, DFR0, MMFR0's granule fields, MIDR's architecture) and
 * two reserved encodings that read as zero.  Each HWCAP is cross-checked
 * against its ID field; RNDR's values are random, so only its flags and
 * that two values differ are printed.
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/auxv.h>

#define MRS(name) ({ uint64_t v_; __asm__ volatile("mrs %0, " #name : "=r"(v_)); v_; })

static unsigned field(uint64_t reg, unsigned shift)
{
    return (unsigned)(reg >> shift) & 0xf;
}

/* HWCAP bit name, ID register field value the bit requires. */
static void check(const char *name, uint64_t hwcap, unsigned bit, unsigned f, unsigned min)
{
    unsigned has = (unsigned)(hwcap >> bit & 1);
    printf("%-8s hwcap=%u idfield>=%u: %u%s\n", name, has, min, f >= min,
           has == (f >= min) ? "" : "  INCONSISTENT");
}

/* RNDR and RNDRRS: NZCV = 0000 on success; two values that differ. */
static int rndr_works(void)
{
    uint64_t a, b, nzcv_a, nzcv_b;
    __asm__ volatile("msr nzcv, %2\n\tmrs %0, s3_3_c2_c4_0\n\tmrs %1, nzcv"
                     : "=r"(a), "=r"(nzcv_a) : "r"((uint64_t)0xf0000000) : "cc");
    __asm__ volatile("msr nzcv, %2\n\tmrs %0, s3_3_c2_c4_1\n\tmrs %1, nzcv"
                     : "=r"(b), "=r"(nzcv_b) : "r"((uint64_t)0x40000000) : "cc");
    return nzcv_a == 0 && nzcv_b == 0 && a != b;
}

int main(void)
{
    uint64_t hwcap = getauxval(AT_HWCAP);
    if (!(hwcap & (1u << 11))) {
        printf("no HWCAP_CPUID\n");
        return 1;
    }
    uint64_t isar0 = MRS(id_aa64isar0_el1), isar1 = MRS(id_aa64isar1_el1);
    uint64_t pfr0 = MRS(id_aa64pfr0_el1);
    check("fp", hwcap, 0, field(pfr0, 16) != 0xf, 1);
    check("asimd", hwcap, 1, field(pfr0, 20) != 0xf, 1);
    check("aes", hwcap, 3, field(isar0, 4), 1);
    check("pmull", hwcap, 4, field(isar0, 4), 2);
    check("sha1", hwcap, 5, field(isar0, 8), 1);
    check("sha2", hwcap, 6, field(isar0, 12), 1);
    check("crc32", hwcap, 7, field(isar0, 16), 1);
    check("atomics", hwcap, 8, field(isar0, 20), 2);
    check("lrcpc", hwcap, 15, field(isar1, 20), 1);
    check("dcpop", hwcap, 16, field(isar1, 0), 1);
    check("sha3", hwcap, 17, field(isar0, 32), 1);
    check("asimddp", hwcap, 20, field(isar0, 44), 1);
    check("sha512", hwcap, 21, field(isar0, 12), 2);
    check("rng", getauxval(AT_HWCAP2), 16, field(isar0, 60), 1);
    printf("rndr    %s\n", rndr_works() ? "ok" : "FAILED");
    printf("mpidr   %016llx\n", (unsigned long long)MRS(mpidr_el1));
    printf("revidr  %016llx\n", (unsigned long long)MRS(revidr_el1));
    printf("pfr0.el0/el1 %u %u\n", field(pfr0, 0), field(pfr0, 4));
    printf("dfr0    %016llx\n", (unsigned long long)MRS(id_aa64dfr0_el1));
    printf("mmfr0.tgran4/64 %x %x\n", field(MRS(id_aa64mmfr0_el1), 28),
           field(MRS(id_aa64mmfr0_el1), 24));
    printf("reserved %llx %llx\n", (unsigned long long)MRS(s3_0_c0_c7_7),
           (unsigned long long)MRS(s3_0_c0_c5_4));
    /* The implementer and part differ (a real CPU's vs qemu's own); the
     * architecture field is 0xf ("use the ID registers") on both. */
    printf("midr.architecture %x\n", field(MRS(midr_el1), 16));
    return 0;
}
