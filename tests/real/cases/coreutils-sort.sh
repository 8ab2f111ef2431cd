# coreutils: sort by keys, numbers, versions, stability, uniq variants.
sort -t, -k4,4nr people.csv | head -n 5
sort -t, -k2,2 -k3,3n people.csv | cut -d, -f1,2,3
printf '%s\n' 1.10 1.9 1.2.3 1.02 10 2 | sort -V
printf '%s\n' 3e2 1K 2M 512 1G | sort -h
printf '%s\n' b a c a b a | sort | uniq -c
printf '%s\n' b a c a b a | sort -u | tr '\n' ' '; echo
printf '%s\n' b2 a1 b1 a2 | sort -s -k1.1,1.1
sort -c people.csv; echo "sorted? $?"
seq 1 1000 | sort -n -r | head -n 3
printf '%s\n' x y z | sort -r -o out.txt; cat out.txt
