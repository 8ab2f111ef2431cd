# coreutils: checksums of the data files and of generated data.
md5sum text.txt people.csv hello.c
sha1sum text.txt
sha224sum people.csv
sha256sum text.txt people.csv
sha384sum hello.c
sha512sum text.txt
b2sum text.txt
cksum text.txt people.csv
sum text.txt
seq 1 100000 | sha256sum
md5sum text.txt > sums; md5sum -c sums
