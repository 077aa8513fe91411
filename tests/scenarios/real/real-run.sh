#!/usr/bin/env bash
# Run a ZooScope scenario script (.scn) against a real ZooKeeper 3.8 ensemble on 127.0.0.1
# and print what the real servers say, in the same shape as `zooscope run`.
#
# Usage: tests/scenarios/real/real-run.sh FILE.scn > tests/scenarios/real/FILE.out
#
# Supported lines: ensemble N [observers a,b], start, stop, wait Xms|Xs, wait until ...
# (polled, 60 s at most), status, srvr/stat/mntr/conf/ruok N, client NAME SERVERS (one
# long-running zkCli per client, fed through a FIFO), NAME> zkCli command (output is what
# zkCli printed within ZKCLI_WAIT seconds). expect/partition/heal lines are echoed and
# skipped (no iptables here).
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
declare -A CLI_FD
declare -A CLI_PID
declare -A CLI_SEEN
ZKCLI_WAIT="${ZKCLI_WAIT:-2}"
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8

cleanup() {
  for c in "${!CLI_PID[@]}"; do
    for child in $(ps --ppid "${CLI_PID[$c]}" -o pid=); do kill "$child" 2>/dev/null; done
    kill "${CLI_PID[$c]}" 2>/dev/null
  done
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

# Print what client $1's zkCli printed since the last call.
cli_new_output() {
  local name=$1 f="$ROOT/cli-$1.out"
  local total; total=$(wc -l < "$f")
  tail -n +"$(( ${CLI_SEEN[$name]} + 1 ))" "$f" | head -n "$(( total - ${CLI_SEEN[$name]} ))" \
    | grep -v -e '^SLF4J' -e 'log4j'
  CLI_SEEN[$name]=$total
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
    srvr|stat|mntr|conf|ruok|isro|envi|cons|wchs|dump)
      out="$(echo "$1" | nc -q 2 -w 2 127.0.0.1 $((BASE + $2)) 2>/dev/null)"
      if [ -z "${PID[$2]:-}" ]; then echo "server $2 is not running";
      elif [ -z "$out" ]; then echo "(no answer)"; else echo "$out"; fi ;;
    client)
      name=$2; CLIENT[$name]="$3"; hosts=""
      for k in ${3//,/ }; do hosts="$hosts${hosts:+,}127.0.0.1:$((BASE + k))"; done
      mkfifo "$ROOT/cli-$name.in"
      /usr/share/zookeeper/bin/zkCli.sh -server "$hosts" < "$ROOT/cli-$name.in" > "$ROOT/cli-$name.out" 2>&1 &
      CLI_PID[$name]=$!
      exec {fd}>"$ROOT/cli-$name.in"
      CLI_FD[$name]=$fd; CLI_SEEN[$name]=0
      sleep 3
      cli_new_output "$name" ;;
    kill)
      # zkCli.sh runs java as a child: kill that JVM (by its pid) so no goodbye is sent.
      for child in $(ps --ppid "${CLI_PID[$2]}" -o pid=); do kill -9 "$child" 2>/dev/null; done
      kill -9 "${CLI_PID[$2]}" 2>/dev/null; wait "${CLI_PID[$2]}" 2>/dev/null; unset "CLI_PID[$2]" ;;
    expect|partition|heal) echo "(skipped on the real ensemble)" ;;
    *)
      if [[ "$1" == *">" ]]; then
        name="${1%>}"; cmd="${trimmed#*> }"
        echo "$cmd" >&"${CLI_FD[$name]}"
        sleep "$ZKCLI_WAIT"
        cli_new_output "$name"
      else
        echo "unknown line: $trimmed"
      fi ;;
  esac
done < "$FILE"
