# perl: a script with regexes, hashes, references, sort, sprintf, closures.
cat > report.pl <<'PL'
use strict;
use warnings;
my (%count, %first);
open(my $fh, '<', 'text.txt') or die "text.txt: $!";
while (my $line = <$fh>) {
    while ($line =~ /\b([A-Za-z]+)\b/g) {
        my $w = lc $1;
        $count{$w}++;
        $first{$w} //= $.;
    }
}
close $fh;
my @top = (sort { $count{$b} <=> $count{$a} || $a cmp $b } keys %count)[0 .. 9];
printf "%-10s %3d (line %d)\n", $_, $count{$_}, $first{$_} for @top;
my %by_len;
push @{ $by_len{length $_} }, $_ for keys %count;
print join(" ", map { "$_:" . scalar @{ $by_len{$_} } } sort { $a <=> $b } keys %by_len), "\n";
my @make = map { my $n = $_; sub { $n * shift } } 1 .. 3;
print join(",", map { $_->(10) } @make), "\n";
my $data = { list => [1, [2, 3], { k => 'v' }], name => 'nested' };
print "$data->{name} $data->{list}[1][1] $data->{list}[2]{k} ", ref($data->{list}), "\n";
(my $s = "2024-05-06") =~ s/(\d+)-(\d+)-(\d+)/$3.$2.$1/;
print "$s ", join("|", "a1b22c333" =~ /(\d+)/g), " ", scalar(() = "banana" =~ /a/g), "\n";
my $text = "x=1, y=22, z=333";
my %kv = $text =~ /(\w)=(\d+)/g;
print join(";", map { "$_$kv{$_}" } sort keys %kv), "\n";
local $@;
eval { die { code => 42 } };
print "died with code $@->{code}\n";
printf "%s\n", join ",", sort { $a <=> $b } (10, 9, 100, 1);
PL
perl report.pl
perl -c report.pl 2>&1
