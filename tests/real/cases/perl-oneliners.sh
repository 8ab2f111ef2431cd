# perl: one-liners — -n/-p/-l/-a/-F, -i in place, -0 slurp, BEGIN/END.
perl -ne 'print if /river/' text.txt
perl -lane '$s += $F[0] if $F[0] =~ /^\d+$/; END { print "sum $s" }' <(seq 1 100)
perl -F, -lane 'next if $. == 1; $t{$F[1]} += $F[3]; END { printf "%s %.2f\n", $_, $t{$_} for sort keys %t }' people.csv
perl -pe 's/(\w+)/\u$1/g' <<< 'make every word capitalized'
perl -0777 -ne 'my @p = split /\n\n/; print scalar(@p), " paragraphs\n"' text.txt
cp people.csv e.csv; perl -i -pe 's/paris/PARIS/; $_ = "" if /lima/' e.csv; cat e.csv
perl -le 'print join ",", map { $_ ** 2 } grep { $_ % 3 == 0 } 1 .. 30'
perl -e 'printf "%.10f %e %d %s\n", atan2(1, 1) * 4, 1e-300 * 1e-10, 2 ** 53, 9 ** 20'
perl -lne 'print length' <<< $'a\nbb\nccc'
