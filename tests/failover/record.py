#!/usr/bin/env python3
"""Record leader failover times of real ZooKeeper 3.8.0 ensembles on 127.0.0.1.

Usage: tests/failover/record.py [--trials N] [--out tests/failover/real.csv]
       (also writes real.json beside the CSV: versions, date, and the disk's fsync time)

For each shape (3 voters; 5 voters; 3 voters + 2 observers) and each trial: start a fresh
ensemble (tickTime 2000, initLimit 10, syncLimit 5, the sample config's timing), wait
until every server serves and a further settle time, SIGKILL the leader, then poll `srvr`
on every survivor every 20 ms until all of them serve again. A server counts as serving
again once `srvr` names a mode after it has first answered "not currently serving" (or
refused) since the kill. Written per trial:

  shape,voters,observers,trial,quorum_ms,all_ms,fle_ms_min,fle_ms_max

quorum_ms: from the kill until the new leader and a quorum of voters serve; all_ms: until
every survivor (observers included) serves; fle_ms_*: the `LEADER ELECTION TOOK` values
the survivors logged for this election (voters only: observers do not log it).

Ports (reserved for this harness): client 24181+k, quorum 24881+k, election 24981+k.
Java is started the way Debian's zkServer.sh does it, one log dir per server.
"""
import argparse, json, os, re, shutil, signal, socket, subprocess, sys, tempfile, time

CLIENT, QUORUM, ELECTION = 24180, 24880, 24980
SHAPES = [("3v", 3, []), ("5v", 5, []), ("3v2o", 5, [4, 5])]
POLL_S = 0.020
# Debian's zkEnv.sh puts no SLF4J binding on the class path: add log4j 1.2 so the log is written.
CP = "/etc/zookeeper/conf:/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-log4j12.jar:/usr/share/java/log4j-1.2.jar"


def srvr(k):
    """The mode server k reports, 'down' if it refuses, 'looking' if not serving."""
    try:
        with socket.create_connection(("127.0.0.1", CLIENT + k), timeout=0.5) as s:
            s.sendall(b"srvr")
            data = b""
            while True:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
    except OSError:
        return "down"
    m = re.search(rb"^Mode: (\w+)", data, re.M)
    return m.group(1).decode() if m else "looking"


def write_configs(root, n, observers):
    for k in range(1, n + 1):
        d = os.path.join(root, f"s{k}")
        os.makedirs(os.path.join(d, "data"))
        os.makedirs(os.path.join(d, "log"))
        with open(os.path.join(d, "data", "myid"), "w") as f:
            f.write(f"{k}\n")
        lines = ["tickTime=2000", "initLimit=10", "syncLimit=5",
                 f"dataDir={d}/data", f"clientPort={CLIENT + k}",
                 "clientPortAddress=127.0.0.1", "admin.enableServer=false",
                 "4lw.commands.whitelist=*"]
        if k in observers:
            lines.append("peerType=observer")
        for j in range(1, n + 1):
            line = f"server.{j}=127.0.0.1:{QUORUM + j}:{ELECTION + j}"
            if j in observers:
                line += ":observer"
            lines.append(line)
        with open(os.path.join(d, "zoo.cfg"), "w") as f:
            f.write("\n".join(lines) + "\n")


def start(root, k):
    d = os.path.join(root, f"s{k}")
    out = open(os.path.join(d, "log", "out"), "w")
    return subprocess.Popen(
        ["/usr/bin/java", f"-Dzookeeper.log.dir={d}/log",
         "-Dzookeeper.root.logger=INFO,ROLLINGFILE", "-cp", CP,
         "org.apache.zookeeper.server.quorum.QuorumPeerMain", f"{d}/zoo.cfg"],
        stdout=out, stderr=subprocess.STDOUT)


def fle_times(root, k, skip):
    """`LEADER ELECTION TOOK` values in server k's log after the first `skip` of them."""
    path = os.path.join(root, f"s{k}", "log", "zookeeper.log")
    try:
        text = open(path, errors="replace").read()
    except OSError:
        return []
    return [int(v) for v in re.findall(r"LEADER ELECTION TOOK - (\d+)", text)][skip:]


def trial(shape, n, observers, t, settle):
    root = tempfile.mkdtemp(prefix="zkfail.")
    procs = {}
    try:
        write_configs(root, n, observers)
        for k in range(1, n + 1):
            procs[k] = start(root, k)
        deadline = time.time() + 60
        while time.time() < deadline:
            modes = {k: srvr(k) for k in procs}
            if all(m not in ("down", "looking") for m in modes.values()):
                break
            time.sleep(0.2)
        else:
            raise RuntimeError(f"{shape}: the ensemble did not start: {modes}")
        time.sleep(settle)
        modes = {k: srvr(k) for k in procs}
        leaders = [k for k, m in modes.items() if m == "leader"]
        if len(leaders) != 1:
            raise RuntimeError(f"{shape}: no single leader: {modes}")
        old = leaders[0]
        voters = [k for k in range(1, n + 1) if k not in observers]
        before = {k: len(fle_times(root, k, 0)) for k in procs}
        t0 = time.monotonic()
        procs[old].send_signal(signal.SIGKILL)
        procs[old].wait()
        del procs[old]
        dropped = set()
        back = {}
        quorum_ms = None
        while time.monotonic() - t0 < 60:
            tick = time.monotonic()
            for k in procs:
                m = srvr(k)
                if m in ("down", "looking"):
                    dropped.add(k)
                elif k in dropped and k not in back:
                    back[k] = ((time.monotonic() - t0) * 1000.0, m)
            serving_voters = [k for k in back if k in voters]
            new_leader = any(m == "leader" for _, m in back.values())
            if quorum_ms is None and new_leader and 2 * len(serving_voters) > len(voters):
                quorum_ms = max(back[k][0] for k in serving_voters)
            if len(back) == len(procs):
                break
            time.sleep(max(0.0, POLL_S - (time.monotonic() - tick)))
        else:
            raise RuntimeError(f"{shape}: survivors did not all serve: {back}")
        all_ms = max(v[0] for v in back.values())
        time.sleep(0.5)
        fle = [v for k in procs if k in voters for v in fle_times(root, k, before[k])]
        return [shape, len(voters), len(observers), t, round(quorum_ms), round(all_ms),
                min(fle) if fle else "", max(fle) if fle else ""]
    finally:
        for p in procs.values():
            p.kill()
            p.wait()
        shutil.rmtree(root, ignore_errors=True)


def fsync_ms(directory, n=50):
    """Median time to write, fsync and rename a 100-byte file in `directory` (what
    ZooKeeper's AtomicFileOutputStream does for acceptedEpoch/currentEpoch), ms."""
    times = []
    path = os.path.join(directory, "fsync.tmp")
    for _ in range(n):
        t = time.perf_counter()
        with open(path, "wb") as f:
            f.write(b"x" * 100)
            f.flush()
            os.fsync(f.fileno())
        os.replace(path, path + ".done")
        times.append((time.perf_counter() - t) * 1000.0)
    times.sort()
    return round(times[len(times) // 2], 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--trials", type=int, default=7)
    ap.add_argument("--settle", type=float, default=3.0)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "real.csv"))
    ap.add_argument("--shape", action="append", help="only these shapes (3v, 5v, 3v2o)")
    a = ap.parse_args()
    rows = []
    for shape, n, obs in SHAPES:
        if a.shape and shape not in a.shape:
            continue
        for t in range(1, a.trials + 1):
            row = trial(shape, n, obs, t, a.settle)
            print(",".join(map(str, row)), file=sys.stderr, flush=True)
            rows.append(row)
    with open(a.out, "w") as f:
        f.write("shape,voters,observers,trial,quorum_ms,all_ms,fle_ms_min,fle_ms_max\n")
        for r in rows:
            f.write(",".join(map(str, r)) + "\n")
    probe = tempfile.mkdtemp(prefix="zkfsync.")
    try:
        disk = fsync_ms(probe)
    finally:
        shutil.rmtree(probe, ignore_errors=True)
    version = subprocess.run(
        ["/usr/bin/java", "-cp", CP, "org.apache.zookeeper.version.VersionInfoMain"],
        capture_output=True, text=True).stdout.strip()
    meta = {
        "zookeeper": version,
        "recorded": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "trials_per_shape": a.trials,
        "settle_s": a.settle,
        "poll_ms": POLL_S * 1000,
        "fsync_ms": disk,
        "config": "tickTime=2000 initLimit=10 syncLimit=5, loopback, fresh dataDir per trial",
    }
    with open(os.path.splitext(a.out)[0] + ".json", "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
