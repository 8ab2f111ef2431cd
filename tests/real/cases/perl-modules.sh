# perl: core modules — Digest::MD5/SHA, Data::Dumper, List::Util, POSIX,
# JSON::PP, Storable, Time::Local, File::Temp.
perl - <<'PL'
use strict; use warnings;
use Digest::MD5 qw(md5_hex); use Digest::SHA qw(sha256_hex sha1_base64);
use Data::Dumper; use List::Util qw(sum max min first reduce shuffle);
use POSIX qw(floor ceil fmod strftime); use JSON::PP; use Storable qw(dclone freeze thaw);
use Time::Local qw(timegm); use File::Temp qw(tempdir); use MIME::Base64;
open(my $fh, '<', 'text.txt') or die; my $t = do { local $/; <$fh> };
print md5_hex($t), " ", sha256_hex($t), " ", sha1_base64("tern"), "\n";
$Data::Dumper::Sortkeys = 1; $Data::Dumper::Indent = 1;
print Dumper({ a => [1, 2], b => { c => 'd' }, e => undef });
my @n = (3, 9, 1, 7, 5);
print sum(@n), " ", max(@n), " ", min(@n), " ", first { $_ > 4 } @n; print " ", reduce { $a * $b } @n; print "\n";
print floor(-2.5), " ", ceil(-2.5), " ", fmod(10, 3), " ", strftime("%Y-%m-%d %H:%M:%S", gmtime(1234567890)), "\n";
my $json = JSON::PP->new->canonical->pretty;
print $json->encode({ list => [1, "two", 3.5], flag => JSON::PP::true, nested => { x => undef } });
my $deep = { a => [1, { b => 2 }] }; my $copy = dclone($deep); $copy->{a}[1]{b} = 3;
print "$deep->{a}[1]{b} $copy->{a}[1]{b} ", thaw(freeze([4, 5]))->[1], "\n";
print timegm(0, 0, 0, 1, 0, 2000), " ", encode_base64("perl modules");
my $dir = tempdir(CLEANUP => 1, DIR => '.'); print -d $dir ? "tempdir ok\n" : "no tempdir\n";
PL
