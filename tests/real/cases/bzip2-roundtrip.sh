# bzip2: block sizes, compressed bytes, round trip, test, truncated input.
seq 1 60000 > nums.txt
bzip2 -1 -c nums.txt | md5sum
bzip2 -9 -c nums.txt > nums.bz2; md5sum < nums.bz2
bunzip2 -c nums.bz2 | md5sum; md5sum < nums.txt
bzip2 -t nums.bz2 && echo tested
bzcat nums.bz2 | tail -n 2
head -c 1000 nums.bz2 | bzip2 -dc > /dev/null 2> err.txt; echo "truncated status $?"
sed 's/^[^:]*: //' err.txt | head -n 2
