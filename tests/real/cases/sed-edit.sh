# sed: substitutions, addresses, ranges, hold space, y///, in-place edits.
sed -n '3,5p' text.txt
sed 's/the/THE/2; s/\([a-z]*\)ing/<\1>/g' text.txt | head -n 8
sed -n '/^In spring/,/^$/ { /river/p }' text.txt
sed '1!G;h;$!d' people.csv | head -n 3
sed -E 's/^([^,]+),([^,]+),.*/\2:\1/' people.csv | sort | head -n 4
sed 'y/abc/xyz/' <<< 'aabbcc cab'
cp people.csv edit.csv; sed -i -e '1d' -e 's/,/;/g' -e '/lima/d' edit.csv; cat edit.csv
sed = people.csv | sed 'N; s/\n/ /' | tail -n 2
sed -n '$=' text.txt
sed -e :a -e '$!N; s/\n/ /; ta' -e 'P;D' <<< $'one\ntwo\nthree'
