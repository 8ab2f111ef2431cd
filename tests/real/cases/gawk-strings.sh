# gawk: split, gsub, match captures, gensub, sprintf, strftime, substr.
gawk 'BEGIN {
    s = "The quick brown fox jumps over the lazy dog"
    n = split(s, w, " "); print n, w[2], w[n]
    t = s; c = gsub(/o/, "0", t); print c, t
    if (match(s, /(q[a-z]+) (b[a-z]+)/, m)) print RSTART, RLENGTH, m[1], m[2]
    print gensub(/([a-z]+) ([a-z]+)$/, "\\2 \\1", 1, s)
    print toupper(substr(s, 5, 5)), length(s), index(s, "fox")
    print sprintf("%-10s|%5.1f|%03d", "left", 3.14159, 7)
    print strftime("%Y-%m-%d %H:%M:%S", 1600000000, 1)
    printf "%s\n", substr("translator", 0, 5) substr("translator", 6)
}'
gawk -v RS= '{ print NR ": " $1, $2, $3, "(" NF " words)" }' text.txt
gawk 'BEGIN { FS = "," ; OFS = "|" } NR > 1 { $3 = $3 + 1; print $1, $3 }' people.csv | head -n 3
