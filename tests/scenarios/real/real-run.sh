#!/usr/bin/env bash
# Run a ZooScope scenario script (.scn) against a real ZooKeeper 3.8 ensemble on 127.0.0.1
# and print what the real servers say, in the same shape as `zooscope run`.
#
# Usage: tests/scenarios/real/real-run.sh FILE.scn > tests/scenarios/real/FILE.out
#
# Supported lines: ensemble N [observers a,b], start, stop, wait Xms|Xs, wait until ...
# (polled, 60 s at most), status, srvr N, NAME> zkCli command (one-shot zkCli per line),
# client NAME SERVERS. expect/partition/heal lines are echoed and skipped (no iptables here).
# Each server k gets clientPort BASE+k, quorum port 2897+k, election port 3897+k, its own
# conf dir and dataDir (with myid) under a fresh temporary directory; all servers are
# killed on exit. Java is started the way Debian's zkServer.sh does it (its zkEnv.sh
# ignores --config, so the command line is reproduced here with a per-server log dir).
set -u
FILE="$1"
BASE="${ZK_CLIENT_BASE:-2190}"     # 2181 is often taken by a standalone server
ROOT="$(mktemp -d /tmp/zkreal.XXXXXX)"
N=0
OBSERVERS=""
declare -A PID
declare -A CLIENT

cleanup() {
  for k in "${!PID[@]}"; do kill "${PID[$k]}" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$ROOT"
}
trap cleanup EXIT

is_observer() { [[ ",$OBSERVERS," == *",$1,"* ]]; }

write_configs() {
  for k in $(seq 1 "$N"); do
    d="$ROOT/s$k"; mkdir -p "$d/data" "$d/log"
    echo "$k" > "$d/data/myid"
    {
      echo "tickTime=2000"; echo "initLimit=10"; echo "syncLimit=5"
      echo "dataDir=$d/data"; echo "clientPort=$((BASE + k))"
      echo "clientPortAddress=127.0.0.1"
      echo "admin.enableServer=false"; echo "4lw.commands.whitelist=*"
      is_observer "$k" && echo "peerType=observer"
      for j in $(seq 1 "$N"); do
        line="server.$j=127.0.0.1:$((2897 + j)):$((3897 + j))"
        is_observer "$j" && line="$line:observer"
        echo "$line"
      done
    } > "$d/zoo.cfg"
  done
}

start_server() {
  local k=$1 d="$ROOT/s$1"
  /usr/bin/java -Dzookeeper.log.dir="$d/log" -Dzookeeper.root.logger=INFO,ROLLINGFILE \
    -cp /etc/zookeeper/conf:/usr/share/java/zookeeper.jar \
    org.apache.zookeeper.server.quorum.QuorumPeerMain "$d/zoo.cfg" > "$d/log/out" 2>&1 &
  PID[$k]=$!
}

stop_server() {
  local k=$1
  if [ -n "${PID[$k]:-}" ]; then kill "${PID[$k]}" 2>/dev/null; wait "${PID[$k]}" 2>/dev/null; unset "PID[$k]"; fi
}

srvr() { echo srvr | nc -q 2 -w 2 127.0.0.1 $((BASE + $1)) 2>/dev/null; }

state_of() {
  local k=$1
  if [ -z "${PID[$k]:-}" ]; then echo "not running"; return; fi
  local out; out="$(srvr "$k")"
  local mode; mode="$(echo "$out" | sed -n 's/^Mode: //p')"
  if [ -n "$mode" ]; then echo "$mode"; else echo "looking"; fi
}

sleep_for() {
  case "$1" in
    *ms) sleep "$(awk "BEGIN{print ${1%ms}/1000}")" ;;
    *s) sleep "${1%s}" ;;
  esac
}

wait_until() {
  # wait until leader | wait until stable | wait until leader N
  for _ in $(seq 1 120); do
    local ok=0
    case "$1" in
      leader)
        for k in $(seq 1 "$N"); do
          s="$(state_of "$k")"
          if [ "$s" = leader ] && { [ -z "${2:-}" ] || [ "$2" = "$k" ]; }; then ok=1; fi
        done ;;
      stable)
        ok=1
        for k in $(seq 1 "$N"); do [ "$(state_of "$k")" = looking ] && ok=0; done ;;
    esac
    [ $ok = 1 ] && return
    sleep 0.5
  done
}

while IFS= read -r line || [ -n "$line" ]; do
  trimmed="$(echo "$line" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')"
  [ -z "$trimmed" ] && continue
  [[ "$trimmed" == \#* ]] && continue
  echo "> $trimmed"
  set -- $trimmed
  case "$1" in
    ensemble) N=$2; [ "${3:-}" = observers ] && OBSERVERS="$4"; write_configs ;;
    start) shift; for k in "$@"; do start_server "$k"; done ;;
    stop) shift; for k in "$@"; do stop_server "$k"; done ;;
    wait) if [ "$2" = until ]; then wait_until "${3:-}" "${4:-}"; else sleep_for "$2"; fi ;;
    status) for k in $(seq 1 "$N"); do echo "server $k: $(state_of "$k")"; done ;;
    srvr)
      out="$(srvr "$2")"
      if [ -z "${PID[$2]:-}" ]; then echo "server $2 is not running";
      elif [ -z "$out" ]; then echo "(no answer)"; else echo "$out"; fi ;;
    client) CLIENT[$2]="$3" ;;
    expect|partition|heal) echo "(skipped on the real ensemble)" ;;
    *)
      if [[ "$1" == *">" ]]; then
        name="${1%>}"; shift
        servers="${CLIENT[$name]:-1}"; first="${servers%%,*}"
        /usr/share/zookeeper/bin/zkCli.sh -server "127.0.0.1:$((BASE + first))" "$@" 2>&1 \
          | grep -v -e '^Connecting to' -e 'WATCHER::' -e 'WatchedEvent' -e '^$' -e 'log4j' -e 'SLF4J'
      else
        echo "unknown line: $trimmed"
      fi ;;
  esac
done < "$FILE"
