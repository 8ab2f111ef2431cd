# RUN: busybox sh
# busybox sh: pipelines of busybox applets and external commands, subshells.
busybox tr -cs 'A-Za-z' '\n' < text.txt | busybox tr 'A-Z' 'a-z' |
    busybox sort | busybox uniq -c | busybox sort -rn -k1,1 | busybox head -n 8 |
    busybox awk '{ printf "%s=%s\n", $2, $1 }' | sort
(cd / && busybox pwd)
x=$(busybox seq 1 50 | busybox wc -l); echo "lines $x"
busybox cut -d, -f2 people.csv | busybox sort -u | busybox tr '\n' ' '; echo
echo "a b c" | (read p q r; echo "$r $q $p")
busybox md5sum text.txt people.csv
