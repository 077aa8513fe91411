#!/usr/bin/env bash
# Re-record the Curator transcripts against real Apache Curator 5.4.0 + ZooKeeper 3.8.0.
#
# For humans with Debian's zookeeper, libcurator-framework-java, libcurator-recipes-java and
# a JDK (javac, jdk.jshell) installed; CI never runs this.
# Usage: tests/curator/record.sh [NN-name.cur ...]   (default: every *.cur in this directory)
#
# For every script: a fresh standalone ZooKeeper (new empty dataDir, so zxids start at 0x1,
# exactly like the simulated `ensemble 1`) on 127.0.0.1:$((BASE+1)), then Harness.java runs the
# script with one CuratorFramework per `client` line; its output, masked (see README.md), is
# stored as real/NN-name.out (or in $CURATOR_REC_OUT). The server is stopped after each script.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BASE=${CURATOR_REC_BASE:-22180}      # server k listens on BASE+k
WORK="$(mktemp -d /tmp/curatorrec.XXXXXX)"
J=/usr/share/java
# The Debian jars name their own dependencies (netty, jute, guava, ...) in their manifests'
# Class-Path; slf4j-nop silences the logging.
CP="$J/curator-recipes.jar:$J/curator-framework.jar:$J/curator-client.jar:$J/zookeeper.jar:$J/zookeeper-jute.jar:$J/guava.jar:$J/slf4j-api.jar:$J/slf4j-nop.jar"
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
SERVER_PID=""

cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

mkdir -p "$WORK/classes"
javac -nowarn -encoding UTF-8 -cp "$CP" -d "$WORK/classes" "$HERE/Harness.java" 2>&1 | grep -v "^Note: " >&2 || true

start_server() {
    rm -rf "$WORK/zk"
    mkdir -p "$WORK/zk/data" "$WORK/zk/log"
    cat > "$WORK/zk/zoo.cfg" <<CFG
tickTime=2000
initLimit=10
syncLimit=5
dataDir=$WORK/zk/data
clientPort=$((BASE + 1))
clientPortAddress=127.0.0.1
admin.enableServer=false
4lw.commands.whitelist=*
extendedTypesEnabled=true
CFG
    java -Dzookeeper.log.dir="$WORK/zk/log" -Dzookeeper.root.logger=INFO,ROLLINGFILE \
        -cp /etc/zookeeper/conf:$J/zookeeper.jar \
        org.apache.zookeeper.server.quorum.QuorumPeerMain "$WORK/zk/zoo.cfg" >"$WORK/zk/log/out" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 150); do
        if [ "$(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$((BASE + 1)) && printf ruok >&3 && cat <&3" 2>/dev/null)" = imok ]; then
            return 0
        fi
        sleep 0.1
    done
    echo "server did not start; see $WORK/zk/log" >&2
    exit 1
}

stop_server() {
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

if [ $# -gt 0 ]; then scripts=("$@"); else scripts=("$HERE"/*.cur); fi
for cur in "${scripts[@]}"; do
    case "$cur" in /*) ;; *) cur="$HERE/$(basename "$cur")";; esac
    out="${CURATOR_REC_OUT:-$HERE/real}/$(basename "${cur%.cur}").out"
    mkdir -p "$(dirname "$out")"
    echo "recording $(basename "$cur")" >&2
    start_server
    : > "$WORK/sessions"
    java -Dsessionmap="$WORK/sessions" -cp "$CP:$WORK/classes" zooscope.oracle.Harness "$BASE" < "$cur" > "$WORK/raw"
    perl "$HERE/mask.pl" "$WORK/sessions" < "$WORK/raw" > "$out"
    # CURATOR_REC_RAW=DIR keeps the unmasked output and session map (to check the masking).
    if [ -n "${CURATOR_REC_RAW:-}" ]; then
        mkdir -p "$CURATOR_REC_RAW"
        cp "$WORK/raw" "$CURATOR_REC_RAW/$(basename "${cur%.cur}").raw"
        cp "$WORK/sessions" "$CURATOR_REC_RAW/$(basename "${cur%.cur}").sessions"
    fi
    stop_server
done
