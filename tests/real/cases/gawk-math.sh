# gawk: floating point, integer limits, formatting, deterministic rand.
gawk 'BEGIN {
    printf "%.12f %.12f %.12f\n", sin(1), cos(1), atan2(1, 2)
    printf "%.12f %.12f %.6e\n", exp(2.5), log(10), sqrt(2) * 1e10
    printf "%d %d %d\n", int(-3.7), int(3.7), 2^53 + 1
    printf "%.17g %.17g\n", 0.1 + 0.2, 1 / 3
    printf "%x %o %c%c\n", 48879, 511, 65, 0x42
    srand(42); s = 0; for (i = 0; i < 1000; i++) s += int(rand() * 100); print "rand sum", s
    x = 1; for (i = 0; i < 70; i++) x *= 2; printf "%.0f %s\n", x, x
    print 1e300 * 1e300, -1e300 * 1e300, log(-1) == log(-1)
    print 7 % 3, -7 % 3, 7.5 % 2
}'
seq 1 20 | gawk '{ s += $1; q += $1 * $1 } END { m = s / NR; printf "mean %.3f sd %.6f\n", m, sqrt(q / NR - m * m) }'
