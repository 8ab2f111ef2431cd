# bash: 64-bit arithmetic, bases, overflow, let, integer division.
echo $(( 2**62 + (2**62 - 1) )) $(( 2**63 )) $(( -2**63 / -1 )) 2>&1
echo $(( 0x7fffffffffffffff + 1 )) $(( 077 )) $(( 2#101101 )) $(( 36#zz ))
echo $(( -17 / 5 )) $(( -17 % 5 )) $(( 17 / -5 )) $(( 1 << 40 )) $(( -1 >> 3 ))
let "x = 5 * (3 + 4)" "y = x ** 2" "z = y % 11"
echo $x $y $z
i=0; s=0; while (( i < 5000 )); do (( s += i * i % 13, i++ )); done; echo $s
echo $(( 3 > 2 ? 10 : 20 )) $(( !0 )) $(( ~5 )) $(( 6 & 3 )) $(( 6 ^ 3 )) $(( 6 | 3 ))
printf '%d %u %o %X\n' -1 255 255 3735928559
