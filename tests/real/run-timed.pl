#!/usr/bin/perl
# run-timed.pl SECONDS STATUS-FILE COMMAND... — run COMMAND (stdio
# inherited) in a process group of its own and write how it ended to
# STATUS-FILE: "exit=N", "signal=S" or "timeout".
#
# Unlike a shell's $?, this tells an exit status above 128 from a death by
# signal (a guest shell that exits 254 after a failed fork is not a
# signal).  On timeout the whole group gets SIGTERM, then SIGKILL two
# seconds later, so that no guest child outlives its case.
use strict;
use warnings;
use POSIX ();

my ($limit, $status_file, @cmd) = @ARGV;
die "usage: run-timed.pl SECONDS STATUS-FILE COMMAND...\n" unless @cmd;

my $pid = fork();
die "run-timed: fork: $!\n" unless defined $pid;
if ($pid == 0) {
    setpgrp(0, 0);
    no warnings 'exec';          # one message, ours, if exec fails
    { exec { $cmd[0] } @cmd }    # the block keeps -w quiet about what follows
    print STDERR "run-timed: $cmd[0]: $!\n";
    POSIX::_exit(127);
}
my $timed_out = 0;
$SIG{ALRM} = sub {
    $timed_out = 1;
    kill 'TERM', -$pid;
    sleep 2;
    kill 'KILL', -$pid;
};
alarm $limit;
waitpid($pid, 0);
my $status = $?;
alarm 0;

open(my $out, '>', $status_file) or die "run-timed: $status_file: $!\n";
if ($timed_out) {
    print $out "timeout\n";
} elsif ($status & 127) {
    print $out "signal=", $status & 127, "\n";
} else {
    print $out "exit=", $status >> 8, "\n";
}
close $out;
