#!/bin/sh
# bench/gen/data.sh DIR [quick] — deterministic inputs for the workloads
# that read files, made once (existing files are kept; delete DIR to
# remake them):
#   text.txt       ~23 MB of prose-like text (quick: ~1.5 MB): sentences of
#                  words drawn with a skewed (Zipf-like) frequency from a
#                  600-word vocabulary plus generated rarer words and
#                  numbers, so compressors see realistic redundancy (xz
#                  about 3.5:1) rather than a short repeating cycle
#   text-1m.txt, text-8m.txt   its first 1 MB and 8 MB (quick: 64 KB and
#                  512 KB), the inputs of the compressors: xz -9, gzip -9
#                  and bzip2 -9 over the whole text would take 5-30 s each
#   text.txt.gz / .bz2 / .xz   text.txt compressed by the host's tools, the
#                  inputs of the decompression workloads (the compressed
#                  bytes need not match the guest's: only the decompressed
#                  output is checked)
#   random.bin     8 MB of LCG bytes (quick: 1 MB), incompressible
# Integer arithmetic is Perl's 64-bit: (s * 1103515245 + 12345) stays
# below 2^62, so the LCG is exact (awk's doubles are not).
set -eu
dir=$1
scale=16
[ "${2:-}" = quick ] && scale=1
mkdir -p "$dir"
if [ ! -s "$dir/text.txt" ]; then
    perl -e '
        my ($words) = @ARGV;
        my @v = qw(the of and to in is was that for it with as his on be at by
            had are but from or have an they which one you were her all she
            there would their we him been has when who will more no if out so
            said what up its about into than them can only other new some could
            time these two may then do first any my now such like our over man
            me even most made after also did many before must through back
            years where much your way well down should because each just those
            people how too little state good very make world still own see men
            work long get here between both life being under never day same
            another know while last might us great old year off come since
            against go came right used take three);
        my $s = 7;
        sub rnd { $s = ($s * 1103515245 + 12345) % 2147483648; return ($s >> 8) / 8388608 }
        my @syl = qw(ka lo mi ne ru sa ti vo ze pa qu ba de fi go hu ja ke la mo);
        while (@v < 600) {
            my $w = ""; $w .= $syl[int(rnd() * @syl)] for 0 .. 1 + int(rnd() * 3);
            push @v, $w;
        }
        my ($n, $line) = (0, "");
        while ($n < $words) {
            my $len = 4 + int(rnd() * 18);
            my @sent;
            for (1 .. $len) {
                my $r = rnd();
                my $w = $r < 0.03 ? int(rnd() * 100000) : $v[int(@v * rnd() ** 2.5)];
                push @sent, $w;
            }
            $sent[0] = ucfirst $sent[0];
            my $sentence = join(" ", @sent) . (rnd() < 0.1 ? "?" : ".");
            $n += $len;
            if (length($line) + length($sentence) > 72) {
                print "$line\n";
                $line = $sentence;
            } else {
                $line = $line eq "" ? $sentence : "$line $sentence";
            }
            print "$line\n\n" and $line = "" if rnd() < 0.02;
        }
        print "$line\n" if $line ne "";
    ' $((scale * 256000)) > "$dir/text.txt.tmp"
    mv "$dir/text.txt.tmp" "$dir/text.txt"
fi
for mb in 1 8; do
    [ -s "$dir/text-${mb}m.txt" ] ||
        head -c $((scale * mb * 65536)) "$dir/text.txt" > "$dir/text-${mb}m.txt"
done
# xz at its default level: -9 would take a minute here for no other input.
for z in "gz gzip -9" "bz2 bzip2 -9" "xz xz -6"; do
    set -- $z
    ext=$1
    shift
    [ -s "$dir/text.txt.$ext" ] && continue
    "$@" -c "$dir/text.txt" > "$dir/text.txt.$ext.tmp"
    mv "$dir/text.txt.$ext.tmp" "$dir/text.txt.$ext"
done
if [ ! -s "$dir/random.bin" ]; then
    perl -e 'my $s = 99; for (1 .. $ARGV[0]) {
        $s = ($s * 1103515245 + 12345) % 2147483648; print pack("N", $s) }' \
        $((scale * 131072)) > "$dir/random.bin.tmp"
    mv "$dir/random.bin.tmp" "$dir/random.bin"
fi
