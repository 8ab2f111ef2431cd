# gawk: a CSV report with arrays, user functions, sorted traversal.
gawk -F, '
function bar(n,    s) { s = ""; while (n-- > 0) s = s "#"; return s }
NR == 1 { next }
{ n[$2]++; sum[$2] += $4; if ($4 > best[$2]) { best[$2] = $4; who[$2] = $1 } ages += $3 }
END {
    PROCINFO["sorted_in"] = "@ind_str_asc"
    for (c in n)
        printf "%-7s %d %7.2f %-6s %s\n", c, n[c], sum[c] / n[c], who[c], bar(n[c] * 3)
    printf "mean age %.4f over %d\n", ages / (NR - 1), NR - 1
}' people.csv
gawk '{ for (i = 1; i <= NF; i++) { w = tolower($i); gsub(/[^a-z]/, "", w); if (w != "") c[w]++ } }
END { PROCINFO["sorted_in"] = "@val_num_desc"; k = 0
      for (w in c) { if (c[w] < 4) continue; printf "%s:%d ", w, c[w]; if (++k == 12) break }
      print "" }' text.txt
gawk 'BEGIN { n = split("c,a,b,e,d", arr, ","); asort(arr); for (i = 1; i <= n; i++) printf "%s", arr[i]; print "" }'
