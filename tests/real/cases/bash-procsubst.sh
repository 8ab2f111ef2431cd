# bash: process substitution, mapfile, diff of two generated streams.
diff <(seq 1 10) <(seq 1 10 | sed '5d; 8s/8/eight/')
echo "diff status $?"
mapfile -t lines < <(grep -n river text.txt)
echo "${#lines[@]} river lines, first: ${lines[0]}"
while IFS=, read -r name city age score; do
    [ "$name" = name ] && continue
    echo "$city $name"
done < people.csv | sort | head -n 5
paste <(cut -d, -f1 people.csv) <(cut -d, -f3 people.csv) | tail -n 3
