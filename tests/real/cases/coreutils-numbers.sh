# coreutils: seq, factor, numfmt, expr, printf with floats.
seq 0.5 0.25 2; seq -w 8 11; seq -s: 1 3 20
factor 1001 65537 600851475143 18446744073709551615
numfmt --to=iec 1048576 123456789; numfmt --from=si 2.5M; numfmt --grouping 1234567 2>&1
expr 123456789 '*' 987654321; expr length "translator"; expr substr abcdefgh 3 4
printf '%.3f %e %g %G\n' 3.14159265 123456.789 0.0001234 1e20
printf '%10.4f|%-10.2e|%+d\n' 2.718281828 0.000314 5
echo "scale" | awk '{ printf "%.6f\n", 1/3 }'
