# grep -P (PCRE2): lookaround, lazy quantifiers, \K, Unicode-free classes.
grep -P -o '\b\w+(?=ly\b)' text.txt | sort -u
grep -P -o '(?<=the )\w+' text.txt | sort | uniq -c | sort -k1,1nr -k2 | head -n 5
grep -P -o 'a.*?e' <<< 'abcde abcde'
grep -P -o 'mill\K\w*' text.txt | sort -u
grep -P -c '^\w+,(paris|rome),\d{2},' people.csv
grep -P '^(?!.*e).*$' people.csv
