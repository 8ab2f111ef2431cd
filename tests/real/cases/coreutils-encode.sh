# coreutils: base64, base32, basenc, od, dd, head/tail by bytes.
head -c 100 text.txt | base64
head -c 40 text.txt | base64 | base64 -d | md5sum
head -c 30 text.txt | base32
printf 'tern' | basenc --base16; echo
od -A x -t x1z -N 32 text.txt
od -t d4 -N 16 hello.c
dd if=text.txt bs=64 skip=2 count=3 status=none | wc -c
dd if=/dev/zero bs=1k count=5 status=none | md5sum
head -c 57 text.txt | tail -c 13; echo
tail -c +2000 text.txt | head -c 40; echo
