# grep: counts, line numbers, inversion, words, only-matching, recursion.
grep -n 'river' text.txt
grep -c -i 'the' text.txt
grep -v -c 'e' text.txt
grep -w -o 'mill[a-z]*' text.txt | sort | uniq -c
grep -E -o '\b[A-Z][a-z]+\b' text.txt | sort -u | head -n 8
grep -F -x 'bob,berlin,27,92.25' people.csv
mkdir -p d/e && cp text.txt d/one.txt && cp people.csv d/e/two.csv
grep -r -l --include='*.csv' paris d
grep -r -c bridge d | sort
grep -A1 -B1 -m1 'sluice' text.txt
grep -q zzz text.txt; echo "status $?"
grep -e child -e church --color=never text.txt | wc -l
