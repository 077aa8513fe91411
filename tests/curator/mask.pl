#!/usr/bin/perl
# Mask a raw harness transcript (README.md "Masking"): perl mask.pl SESSIONS < raw > out
# SESSIONS lists "NAME hex decimal" per client (written by the harness).
use strict;
use warnings;

my @sessions;
open(my $f, "<", $ARGV[0]) or die "sessions file: $!";
while (<$f>) { my ($n, $h, $d) = split; push @sessions, [$n, $h, $d]; }
close $f;

my @lines;
while (my $line = <STDIN>) {
    $_ = $line;
    for my $s (@sessions) {
        my ($n, $h, $d) = @$s;
        s/0x$h\b/<$n>/g;
        s/\b$d\b/<$n>/g;
    }
    s/_c_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-/_c_<UUID>-/g;
    s/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/<UUID>/g;
    # Stat.toString(): czxid,mzxid,ctime,mtime,version,cversion,aversion,ephemeralOwner,dataLength,numChildren,pzxid
    s{\b(\d+),(\d+),(\d+),(\d+),(-?\d+),(-?\d+),(-?\d+),(-?\d+|<\w+>),(\d+),(\d+),(\d+)\b}{
        my @x = ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11);
        $x[2] = "<TIME>" if $x[2] ne "0";
        $x[3] = "<TIME>" if $x[3] ne "0";
        $x[7] = "<SESSION>" if $x[7] =~ m{^\d+$} && $x[7] ne "0";
        join(",", @x)
    }ge;
    s/^(\t)0x[0-9a-f]{6,}$/$1<SESSION>/;
    s/^0x[0-9a-f]{6,}$/<SESSION>/;
    s/@[0-9a-f]{4,8}\b/@<HASH>/g;
    s/\b(Zookeeper version: ).*/$1<VERSION>/;
    s/\b(Latency min\/avg\/max: ).*/$1<LATENCY>/;
    s#/127\.0\.0\.1:\d+\[#/127.0.0.1:<PORT>[#g;
    # getChildren() order is the server hash-set order, which depends on the UUIDs.
    if (/^\[(.*<UUID>.*)\]$/) { $_ = "[" . join(", ", sort split(/, /, $1)) . "]\n"; }
    push @lines, $_;
}

# wchp / wchc answers list paths and sessions in the server's hash order (identity hashes of
# connections, hashes of random names): sort the blocks, and the lines inside each block.
my @out;
my $i = 0;
while ($i < @lines) {
    push @out, $lines[$i];
    if ($lines[$i] =~ /^> (wchp|wchc) \d+$/) {
        $i++;
        my @blocks;
        while ($i < @lines && $lines[$i] !~ /^> /) {
            if ($lines[$i] =~ /^\t/ && @blocks) {
                push @{$blocks[-1]}, $lines[$i];
            } else {
                push @blocks, [$lines[$i]];
            }
            $i++;
        }
        for my $b (sort { $a->[0] cmp $b->[0] } @blocks) {
            my ($head, @rest) = @$b;
            push @out, $head, sort @rest;
        }
        next;
    }
    $i++;
}
# Several clients woken by one change print the same message at the same moment from their own
# threads, in an order that is a race: a run of consecutive lines that differ only in their
# leading client name ("c2: passed /bar", "c3: passed /bar") is sorted by client name.
my @final;
my $j = 0;
while ($j < @out) {
    if ($out[$j] =~ /^(\w+): (.*)$/s) {
        my $msg = $2;
        my $k = $j;
        $k++ while $k + 1 < @out && $out[$k + 1] =~ /^\w+: \Q$msg\E$/s;
        push @final, sort @out[$j .. $k];
        $j = $k + 1;
        next;
    }
    push @final, $out[$j];
    $j++;
}
print @final;
