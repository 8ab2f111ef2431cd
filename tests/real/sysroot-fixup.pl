#!/usr/bin/perl
# sysroot-fixup.pl ROOT [POSTINST...] — finish a sysroot unpacked with
# `dpkg -x` (called by setup-sysroot.sh).
#
# 1. update-alternatives: the maintainer scripts that were not run would
#    have made links such as /usr/bin/awk -> /etc/alternatives/awk ->
#    /usr/bin/gawk.  Every `update-alternatives --install LINK NAME PATH
#    PRIO` (and its `--slave LINK NAME PATH`) found in the given postinst
#    files becomes one direct link LINK -> PATH, the highest priority
#    winning, when PATH exists in ROOT and LINK does not.
# 2. Absolute symlinks are rewritten as relative ones, so that they
#    resolve inside ROOT whether ROOT is chroot'ed into or used as a
#    translator's -L prefix (an absolute target would be the host's file).
#
# Invariant on exit: no symlink under ROOT has an absolute target.
use strict;
use warnings;
use File::Find;
use File::Basename qw(dirname);
use File::Spec;

my ($root, @postinst) = @ARGV;
die "usage: sysroot-fixup.pl ROOT [POSTINST...]\n" unless defined $root && -d $root;

# One shell command per element: continuation lines joined.
sub commands_of {
    my ($file) = @_;
    open(my $fh, '<', $file) or return ();
    local $/;
    my $text = <$fh>;
    close $fh;
    $text =~ s/\\\n/ /g;
    return grep { /update-alternatives/ } split /\n|;|&&|\|\|/, $text;
}

# alternatives: link => [path, priority]
my %alt;
sub offer {
    my ($link, $path, $prio) = @_;
    return if "$link$path" =~ /[\$`"']/;    # computed in the script: skip
    return if exists $alt{$link} && $alt{$link}[1] >= $prio;
    $alt{$link} = [$path, $prio];
}

for my $file (@postinst) {
    for my $cmd (commands_of($file)) {
        my @w = split ' ', $cmd;
        my $prio = 0;
        for (my $i = 0; $i < @w; $i++) {
            if ($w[$i] eq '--install' && $i + 4 < @w) {
                $prio = $w[$i + 4] =~ /^\d+$/ ? $w[$i + 4] : 0;
                offer($w[$i + 1], $w[$i + 3], $prio);
                $i += 4;
            } elsif ($w[$i] eq '--slave' && $i + 3 < @w) {
                offer($w[$i + 1], $w[$i + 3], $prio);
                $i += 3;
            }
        }
    }
}

for my $link (sort keys %alt) {
    my $path = $alt{$link}[0];
    next unless $link =~ m{^/} && $path =~ m{^/};
    next if -e "$root$link" || -l "$root$link" || !-e "$root$path";
    next unless -d dirname("$root$link");
    symlink($path, "$root$link") or die "symlink $root$link: $!\n";
}

# Relative form of an absolute TARGET for a link at LINK (both in ROOT).
sub relative {
    my ($link, $target) = @_;
    my $rel = File::Spec->abs2rel($target, dirname($link));
    return $rel eq '' ? '.' : $rel;
}

my @fix;
find({ no_chdir => 1, wanted => sub {
    return unless -l $_;
    my $t = readlink $_;
    push @fix, [$_, $t] if defined $t && $t =~ m{^/};
} }, $root);
for my $f (@fix) {
    my ($path, $target) = @$f;
    my $inside = substr($path, length $root);
    unlink $path or die "unlink $path: $!\n";
    symlink(relative($inside, $target), $path) or die "symlink $path: $!\n";
}
