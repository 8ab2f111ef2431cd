#!/bin/sh
# bench/gen/data.sh DIR — deterministic inputs for the workloads that read
# files: text.txt (~24 MB of words, compressible like prose, sortable) and
# random.bin (8 MB of LCG bytes, incompressible).  Idempotent: existing
# files of the right size are kept.
set -eu
dir=$1
mkdir -p "$dir"
if [ ! -s "$dir/text.txt" ]; then
    awk 'BEGIN {
        split("the of and to in is was that for it with as his on be at by had are but from or have an they which one you were her all she there would their we him been has when who will more no if out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three", w, " ")
        s = 7; for (i = 0; i < 6500000; i++) {
            s = (s * 1103515245 + 12345) % 2147483648
            printf "%s%s", w[1 + int(s / 65536) % 200], (i % 13 == 12) ? "\n" : " "
        }
    }' > "$dir/text.txt.tmp"
    mv "$dir/text.txt.tmp" "$dir/text.txt"
fi
if [ ! -s "$dir/random.bin" ]; then
    perl -e 'my $s = 99; for (1 .. 2097152) {
        $s = ($s * 1103515245 + 12345) % 2147483648; print pack("N", $s) }' \
        > "$dir/random.bin.tmp"
    mv "$dir/random.bin.tmp" "$dir/random.bin"
fi
