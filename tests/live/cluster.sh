#!/usr/bin/env bash
# A three-server ZooKeeper pseudo-cluster on 127.0.0.1 (Debian's `zookeeper` package), for
# the live-mode end-to-end test and for trying the bridge by hand.
#
#   source tests/live/cluster.sh
#   zk_install                # apt-get install zookeeper default-jdk-headless if missing
#   zk_start DIR              # write DIR/zk{1,2,3}/{zoo.cfg,data/myid} and start three JVMs
#   zk_srvr ID                # the `srvr` four-letter word of server ID
#   zk_kill ID                # kill -9 server ID's JVM
#   zk_run ID                 # (re)start server ID
#   zk_stop_all               # kill every JVM this file started
#
# Ports (client / quorum / election): 23181+ID-1, 23881+ID-1, 23981+ID-1. Override the
# bases with ZK_CLIENT_BASE, ZK_QUORUM_BASE, ZK_ELECTION_BASE.
ZK_CLIENT_BASE=${ZK_CLIENT_BASE:-23181}
ZK_QUORUM_BASE=${ZK_QUORUM_BASE:-23881}
ZK_ELECTION_BASE=${ZK_ELECTION_BASE:-23981}
ZK_CLASSPATH="/usr/share/java/zookeeper.jar"
declare -A ZK_PIDS=()
ZK_DIR=""

zk_install() {
  if [[ ! -f /usr/share/java/zookeeper.jar || ! -x /usr/bin/java ]]; then
    echo "[live] installing Debian zookeeper and a JDK"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q zookeeper default-jdk-headless
  fi
}

zk_client_port() { echo $(( ZK_CLIENT_BASE + $1 - 1 )); }

# Writes zoo.cfg and myid for servers 1..3 under $1 (the course's pseudo-cluster layout).
zk_configure() {
  ZK_DIR=$1
  for id in 1 2 3; do
    mkdir -p "$ZK_DIR/zk$id/data" "$ZK_DIR/zk$id/logs"
    echo "$id" > "$ZK_DIR/zk$id/data/myid"
    {
      echo "tickTime=500"
      echo "initLimit=10"
      echo "syncLimit=5"
      echo "dataDir=$ZK_DIR/zk$id/data"
      echo "clientPortAddress=127.0.0.1"
      echo "clientPort=$(zk_client_port "$id")"
      echo "admin.enableServer=false"
      echo "4lw.commands.whitelist=srvr,mntr,cons,wchp,conf,ruok"
      for peer in 1 2 3; do
        echo "server.$peer=127.0.0.1:$(( ZK_QUORUM_BASE + peer - 1 )):$(( ZK_ELECTION_BASE + peer - 1 ))"
      done
    } > "$ZK_DIR/zk$id/zoo.cfg"
  done
}

zk_run() {
  local id=$1
  (cd "$ZK_DIR/zk$id" && exec java -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
      -Dzookeeper.log.dir="$ZK_DIR/zk$id/logs" -Dlog4j.configuration=file:/etc/zookeeper/conf/log4j.properties \
      -Dzookeeper.root.logger=INFO,CONSOLE \
      -cp "$ZK_CLASSPATH" org.apache.zookeeper.server.quorum.QuorumPeerMain "$ZK_DIR/zk$id/zoo.cfg" \
      > "$ZK_DIR/zk$id/logs/console.log" 2>&1) &
  ZK_PIDS[$id]=$!
}

zk_start() {
  zk_configure "$1"
  for id in 1 2 3; do zk_run "$id"; done
}

# The reply to four-letter word $2 (default srvr) from server $1 (empty if it is down).
zk_4lw() {
  local port; port=$(zk_client_port "$1")
  exec 9<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null || return 0
  printf '%s' "${2:-srvr}" >&9
  timeout 3 cat <&9 || true
  exec 9>&- 9<&-
}
zk_srvr() { zk_4lw "$1" srvr; }
zk_mode() { zk_srvr "$1" | sed -n 's/^Mode: //p'; }

zk_kill() {
  local pid=${ZK_PIDS[$1]:-}
  [[ -n "$pid" ]] && kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  unset "ZK_PIDS[$1]"
}

zk_stop_all() {
  for id in "${!ZK_PIDS[@]}"; do zk_kill "$id"; done
}
