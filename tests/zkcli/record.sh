#!/usr/bin/env bash
# Re-record the zkCli transcripts against a real Apache ZooKeeper 3.8.0 standalone server.
#
# For humans with the Debian `zookeeper` package installed; CI never runs this.
# Usage: tests/zkcli/record.sh [NN-name.zk ...]   (default: every *.zk in this directory)
#
# For every script it starts a fresh standalone server (new, empty dataDir, so zxids
# start from scratch) on 127.0.0.1:2181, pipes the script into zkCli.sh and stores
# stdout+stderr (merged, in the order zkCli printed them) as NN-name.out, minus the
# SLF4J banner lines the Debian jars print. Lines of the form `#! sleep <ms>` are
# ZooScope directives: they are not sent to zkCli; the recorder pauses instead.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ZKBIN=${ZKBIN:-/usr/share/zookeeper/bin}
WORK=${WORK:-/tmp/zkrec}
PORT=2181
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8

start_server() {
    rm -rf "$WORK"
    mkdir -p "$WORK/conf" "$WORK/data"
    cat > "$WORK/conf/zoo.cfg" <<CFG
tickTime=2000
clientPort=$PORT
clientPortAddress=127.0.0.1
dataDir=$WORK/data
admin.enableServer=false
4lw.commands.whitelist=*
extendedTypesEnabled=true
CFG
    ZOO_LOG_DIR="$WORK" "$ZKBIN/zkServer.sh" start-foreground "$WORK/conf/zoo.cfg" \
        >"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 100); do
        if [ "$(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT && printf ruok >&3 && cat <&3" 2>/dev/null)" = imok ]; then
            return 0
        fi
        sleep 0.1
    done
    echo "server did not start; see $WORK/server.log" >&2
    exit 1
}

stop_server() {
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
}

# Feed the script line by line, honouring `#! sleep <ms>` directives.
feed() {
    local line
    # Let zkCli connect first, so the SyncConnected notification always comes first.
    sleep 1.5
    while IFS= read -r line || [ -n "$line" ]; do
        if [[ "$line" =~ ^\#!\ sleep\ ([0-9]+)$ ]]; then
            sleep "$(awk "BEGIN{print ${BASH_REMATCH[1]}/1000}")"
        elif [[ "$line" =~ ^\#! ]]; then
            :
        else
            printf '%s\n' "$line"
            # Give zkCli time to finish printing before the next command, so that
            # asynchronous watch notifications land where a human would see them.
            sleep 0.3
        fi
    done < "$1"
}

if [ $# -gt 0 ]; then scripts=("$@"); else scripts=("$HERE"/*.zk); fi
for zk in "${scripts[@]}"; do
    case "$zk" in /*) ;; *) zk="$HERE/$(basename "$zk")";; esac
    out="${zk%.zk}.out"
    echo "recording $(basename "$zk")" >&2
    start_server
    feed "$zk" | "$ZKBIN/zkCli.sh" -server "127.0.0.1:$PORT" 2>&1 \
        | grep -v '^SLF4J: ' > "$out" || true
    stop_server
done
