# sed: a script file — paragraph numbering, trimming, word wrapping marks.
cat > fmt.sed <<'SED'
# number each paragraph's first line, squeeze blanks, mark long lines
/^$/ { N; /^\n$/D }
/./ { x; /^$/ { s/^/1/; x; s/^/[P] /; b end }; x }
/.\{72\}/ s/$/ <long>/
:end
s/  */ /g
SED
sed -f fmt.sed text.txt | head -n 20
printf '  lead and trail  \n' | sed 's/^[ \t]*//; s/[ \t]*$//' | od -c | head -n 1
