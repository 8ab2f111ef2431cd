# bench/scripts/regex.pl FILE LINES — regular-expression work over the
# first LINES lines of FILE (bench/gen/data.sh's text.txt): word counts
# through a split, alternations and anchors, captures with backreferences,
# substitutions with /e, tr counting, a case-insensitive scan and a
# sprintf-built line format parsed back.  Prints counts and the top words
# in a fixed order (never Perl's hash order, which is randomised).
use strict;
use warnings;

my ($file, $lines) = @ARGV;
$lines //= 100000;
open my $in, '<', $file or die "$file: $!";

my %freq;
my ($alt, $anch, $pairs, $subs, $vowels, $ci, $parsed, $bytes) = (0) x 8;
while (my $line = <$in>) {
    last if $. > $lines;
    chomp $line;
    $bytes += length $line;
    $freq{$_}++ for split ' ', $line;
    $alt++ while $line =~ /\b(?:the|and|which|there|through)\b/g;
    $anch++ if $line =~ /^(?:[a-z]+ ){3}of\b/ || $line =~ /\bman$/;
    # a word followed later by the same word (backreference)
    $pairs++ if $line =~ /\b(\w{4,})\b.*\b\1\b/;
    (my $copy = $line) =~ s/\b(\w)(\w*)/\U$1\E$2/g;
    $subs += ($copy =~ s/([A-Z])(\w+)/length($2) > 3 ? "$1" . length($2) : "$1$2"/ge);
    $vowels += ($line =~ tr/aeiou//);
    $ci++ while $line =~ /W[AEIOU]R?[KLD]/gi;
    my $rec = sprintf "%05d|%s|%d", $., substr($line, 0, 12), length $line;
    $parsed += $3 if $rec =~ /^(\d+)\|([^|]*)\|(\d+)$/;
}
close $in;

my @top = (sort { $freq{$b} <=> $freq{$a} || $a cmp $b } keys %freq)[0 .. 9];
print "bytes $bytes words ", scalar(keys %freq), "\n";
print "alt $alt anch $anch pairs $pairs subs $subs vowels $vowels ci $ci parsed $parsed\n";
print "top ", join(' ', map { "$_=$freq{$_}" } @top), "\n";
