# bash: the classic word count, sort | uniq -c | sort -rn, and PIPESTATUS.
tr -cs 'A-Za-z' '\n' < text.txt | tr 'A-Z' 'a-z' | sort | uniq -c |
    sort -k1,1rn -k2,2 | head -n 15
grep -c the text.txt | cat
false | true | (exit 3)
echo "pipestatus ${PIPESTATUS[*]}"
set -o pipefail
false | true
echo "pipefail $?"
