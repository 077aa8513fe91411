#!/usr/bin/env bash
# A three-server ZooKeeper pseudo-cluster on 127.0.0.1 (Debian's `zookeeper` package and
# its java; scripts/setup.sh installs them), for the live-mode end-to-end test and for
# trying `zooscope bridge` by hand.
#
#   tests/live/cluster.sh start DIR        write DIR/zk{1,2,3}/{zoo.cfg,data/myid}, start three JVMs
#   tests/live/cluster.sh run DIR ID       (re)start server ID
#   tests/live/cluster.sh kill DIR ID      kill -9 server ID's JVM (pid from DIR/zkID/pid)
#   tests/live/cluster.sh stop DIR         kill every JVM started under DIR
#   tests/live/cluster.sh word ID [WORD]   a four-letter word's reply (default srvr)
#
# Ports (client / quorum / election): 23181+ID-1, 23881+ID-1, 23981+ID-1; override the
# bases with ZK_CLIENT_BASE, ZK_QUORUM_BASE, ZK_ELECTION_BASE. Only the JVMs whose pids
# this script wrote are ever killed.
set -euo pipefail
ZK_CLIENT_BASE=${ZK_CLIENT_BASE:-23181}
ZK_QUORUM_BASE=${ZK_QUORUM_BASE:-23881}
ZK_ELECTION_BASE=${ZK_ELECTION_BASE:-23981}
ZK_JAR=/usr/share/java/zookeeper.jar

client_port() { echo $(( ZK_CLIENT_BASE + $1 - 1 )); }

# zoo.cfg and myid of servers 1..3 under $1: the course's pseudo-cluster layout.
configure() {
  local dir=$1 id peer
  for id in 1 2 3; do
    mkdir -p "$dir/zk$id/data" "$dir/zk$id/logs"
    echo "$id" > "$dir/zk$id/data/myid"
    {
      echo "tickTime=500"
      echo "initLimit=10"
      echo "syncLimit=5"
      echo "dataDir=$dir/zk$id/data"
      echo "clientPortAddress=127.0.0.1"
      echo "clientPort=$(client_port "$id")"
      echo "admin.enableServer=false"
      echo "4lw.commands.whitelist=srvr,mntr,cons,wchp,conf,ruok"
      for peer in 1 2 3; do
        echo "server.$peer=127.0.0.1:$(( ZK_QUORUM_BASE + peer - 1 )):$(( ZK_ELECTION_BASE + peer - 1 ))"
      done
    } > "$dir/zk$id/zoo.cfg"
  done
}

run() {
  local dir=$1 id=$2
  cd "$dir/zk$id"
  # Small heap, client compiler only: three JVMs share a small machine.
  nohup java -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dzookeeper.log.dir="$dir/zk$id/logs" -Dzookeeper.root.logger=INFO,CONSOLE \
    -Dlog4j.configuration=file:/etc/zookeeper/conf/log4j.properties \
    -cp "$ZK_JAR" org.apache.zookeeper.server.quorum.QuorumPeerMain "$dir/zk$id/zoo.cfg" \
    > "$dir/zk$id/logs/console.log" 2>&1 < /dev/null &
  echo $! > "$dir/zk$id/pid"
  cd - > /dev/null
}

kill_one() {
  local pidfile="$1/zk$2/pid" pid
  [[ -f $pidfile ]] || return 0
  pid=$(cat "$pidfile")
  # Only a JVM still running this very config is ours to kill.
  if grep -qs "$1/zk$2/zoo.cfg" "/proc/$pid/cmdline"; then
    kill -9 "$pid" 2> /dev/null || true
    while kill -0 "$pid" 2> /dev/null; do sleep 0.05; done
  fi
  rm -f "$pidfile"
}

word() {
  local port
  port=$(client_port "$1")
  exec 9<> "/dev/tcp/127.0.0.1/$port" 2> /dev/null || return 0
  printf '%s' "${2:-srvr}" >&9
  timeout 3 cat <&9 || true
  exec 9>&- 9<&-
}

cmd=${1:-}
case $cmd in
  start) mkdir -p "$2"; dir=$(cd "$2" && pwd); configure "$dir"; for id in 1 2 3; do run "$dir" "$id"; done ;;
  run) run "$(cd "$2" && pwd)" "$3" ;;
  kill) kill_one "$(cd "$2" && pwd)" "$3" ;;
  stop) dir=$(cd "$2" && pwd); for id in 1 2 3; do kill_one "$dir" "$id"; done ;;
  word) word "$2" "${3:-srvr}" ;;
  *) sed -n '2,15p' "$0"; exit 2 ;;
esac
