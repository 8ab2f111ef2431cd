# xz: multi-threaded compression (-T2 with small blocks: several blocks,
# two worker threads), its exact bytes, listing, round trip, lzma format.
seq 1 150000 > nums.txt; cat text.txt text.txt text.txt >> nums.txt
xz -3 -T2 --block-size=128KiB -c nums.txt > mt.xz
md5sum < mt.xz
xz -l mt.xz | sed -n '2p' | awk '{ print $1, $2 }'
xz -T2 -dc mt.xz | cmp - nums.txt && echo threads round trip ok
xz -3 -T1 -c nums.txt | xz -dc | md5sum; md5sum < nums.txt
xz -t mt.xz && echo tested
xz --format=lzma -2 -c text.txt | md5sum
xz --format=lzma -dc < <(xz --format=lzma -c text.txt) | wc -c
xz -9e -c people.csv | xz -d | diff - people.csv && echo extreme ok
