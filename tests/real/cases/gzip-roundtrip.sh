# gzip: compressed bytes (no name/time stored) and round trips, gzip -l, -t.
seq 1 50000 > nums.txt
for l in 1 6 9; do gzip -n -$l -c nums.txt | md5sum; done
gzip -n -c text.txt > text.gz
gzip -l text.gz
gzip -t text.gz && echo tested
gunzip -c text.gz | cmp - text.txt && echo same
zcat text.gz | wc -w
cat text.gz text.gz | gzip -dc | wc -l
printf 'not gzip' | gzip -dc 2>&1; echo "status $?"
