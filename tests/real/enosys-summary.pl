#!/usr/bin/perl
# enosys-summary.pl LOG... — the table of system calls that returned ENOSYS
# in -strace logs of tern or qemu (run.sh --strace-summary; one LOG per
# case, named CASE.err).
#
# Where tern printed "tern: ENOSYS name (nr N) [by design]" lines
# (TERN_STRACE_ENOSYS=1: one whole line per refused call) a log is read
# from those alone.  Otherwise from the -strace lines: a call prints as
# "PID name(args) = -1 errno=38 (Function not implemented)" ("= " may be
# missing in qemu's), a call half closed by another thread's line resumes
# as "PID <... name resumed> = ...", an unknown number is "syscall_N(...)"
# (tern) or "PID Unknown syscall N" (qemu).  Output of several processes
# can still meet on one line (a forked child writes to its parent's log):
# a result belongs to the last call printed before it on its line, one
# alone on a line is "(unattributed)", and each row counts all calls of
# that name, so that "1 of 3000" shows a result most likely misattributed.
#
# Exit status 1 if a call returned ENOSYS that is not marked [by design].
use strict;
use warnings;

my %refused;     # name => number of calls that returned ENOSYS
my %calls;       # name => number of calls made
my %cases;       # name => { case => 1 }
my %by_design;   # name => 1 when tern marked it [by design]
my @unattributed;

sub refused {
    my ($name, $case) = @_;
    $refused{$name}++;
    $cases{$name}{$case} = 1;
}

# A line of a plain -strace log: count its calls, and attribute an ENOSYS
# result to the last call (or resumed call) printed before it.
sub strace_line {
    my ($line, $case) = @_;
    $calls{$_}++ for $line =~ /(?:^|[\s)])\d+ (\w+)\(/g;
    if ($line =~ /^\d+ Unknown syscall (\d+)/) {
        $calls{"syscall_$1"}++;
        refused("syscall_$1", $case);
        return;
    }
    return unless $line =~ /errno=38\b|\(Function not implemented\)|-ENOSYS\b/;
    my @names = grep { defined }
        $line =~ /(?:^|[\s)])\d+ (?:<\.\.\. (\w+) resumed>|(\w+)\()/g;
    push @unattributed, "$case: $line" if !@names && @unattributed < 5;
    refused(@names ? $names[-1] : "(unattributed)", $case);
}

for my $f (@ARGV) {
    (my $case = $f) =~ s{.*/|\.err$}{}g;
    open(my $fh, '<', $f) or next;
    my @text = <$fh>;
    close $fh;
    my @tern = grep { /^tern: ENOSYS \S+/ } @text;
    for (@tern) {
        my ($name) = /^tern: ENOSYS (\S+)/;
        refused($name, $case);
        $by_design{$name} = 1 if /\[by design\]/;
    }
    for my $line (@text) {
        if (@tern) {
            $calls{$_}++ for $line =~ /(?:^|[\s)])\d+ (\w+)\(/g;
        } else {
            strace_line($line, $case);
        }
    }
}

my $total = 0;
$total += $_ for values %calls;
printf "strace: %d system calls logged in %d cases\n", $total, scalar @ARGV;
my $missing = 0;
for my $s (sort { $refused{$b} <=> $refused{$a} || $a cmp $b } keys %refused) {
    my @c = sort keys %{ $cases{$s} };
    my $more = @c > 5 ? " +" . (@c - 5) : "";
    my $of = $calls{$s} ? sprintf("of %6d calls", $calls{$s}) : "calls          ";
    $missing++ unless $by_design{$s};
    printf "ENOSYS %-18s %5d %s, %2d cases: %s%s%s\n", $s, $refused{$s}, $of,
        scalar @c, join(" ", @c[0 .. ($#c < 4 ? $#c : 4)]), $more,
        $by_design{$s} ? " [by design]" : "";
}
print "    unattributed: $_" for @unattributed;
printf "%d system calls returned ENOSYS, %d of them by design\n",
    scalar keys %refused, scalar keys %by_design;
exit($missing ? 1 : 0);
