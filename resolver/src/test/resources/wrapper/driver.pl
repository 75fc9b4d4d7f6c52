# Test driver for the wrapper property test: runs each case file given on the command line.
# A case file is NUL-terminated fields: N, N words of the command to exec, M, M NAME=VALUE
# environment entries. The command runs with exactly that environment (nothing inherited), stdin
# from /dev/null. Prints "<case file> <wait status>" per case. Byte-exact: no locale, no encoding.
use strict;
use warnings;

for my $case (@ARGV) {
    open(my $in, '<:raw', $case) or die "$case: $!";
    my $data = do { local $/; <$in> };
    close $in;
    my @fields = split /\0/, $data, -1;
    pop @fields;
    my $n = shift @fields;
    my @command = splice(@fields, 0, $n);
    my $m = shift @fields;
    my @env = splice(@fields, 0, $m);
    my $pid = fork();
    die "fork: $!" unless defined $pid;
    if ($pid == 0) {
        %ENV = ();
        for my $e (@env) {
            my ($k, $v) = split /=/, $e, 2;
            $ENV{$k} = $v;
        }
        open(STDIN, '<', '/dev/null') or die;
        no warnings 'exec';
        exec { $command[0] } @command;
        print STDERR "driver: cannot exec $command[0]: $!\n";
        exit 127;
    }
    waitpid($pid, 0);
    print "$case $?\n";
}
