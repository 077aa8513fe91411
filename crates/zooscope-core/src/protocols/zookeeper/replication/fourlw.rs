//! Four-letter words: `srvr`, `stat`, `mntr`, `conf`, `ruok`, `isro`.
//!
//! Output lines follow `StatCommand`, `ServerStats.toString`, `MonitorCommand`,
//! `ZooKeeperServer.dumpConf` / `QuorumZooKeeperServer.dumpConf`, `RuokCommand` and
//! `IsroCommand` of ZooKeeper 3.8, checked against recordings of a real 3.8.0 ensemble
//! (`tests/scenarios/real/fourlw-sample.out`). Counters belong to the server's current
//! `ZooKeeperServer` instance, which a new role replaces, so they restart whenever the
//! server starts serving. The four-letter connection itself counts: it is one of the
//! `Connections`, its request is in `Received`, and every earlier answer is in `Sent`.
//! A server that is not serving answers "This ZooKeeper instance is not currently
//! serving requests" (except `ruok`).
//!
//! Approximations: `mntr` prints the first block of keys (the long list of
//! histogram metrics that follows in real output is left out, as are the host's file
//! descriptor counts); connection ports in `stat` are made up (real ones are
//! ephemeral); `dataDirSize` counts one preallocated 64 MiB txn log.

use super::server::{Role, ZkServer};
use super::vote::ServerState;
use crate::protocols::zookeeper::data::stat::NodeKind;
use crate::protocols::zookeeper::data::txn::{Txn, TxnKind};
use crate::time::SimTime;

/// `Version.getFullVersion()` of Debian's 3.8.0 build.
pub const VERSION: &str = "3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC";
/// What a server that is not serving answers.
pub const NOT_SERVING: &str = "This ZooKeeper instance is not currently serving requests";

/// Java's `Double.toString` of `e4 / 10_000`. The only doubles these commands print
/// are averages `ServerStats` rounds to four decimals, so they are kept as whole
/// ten-thousandths and printed from their digits (which also keeps core's float
/// formatting out of the web bundle): plain notation with at least one decimal from
/// 10^-3 up to 10^7, computerized scientific notation (`5.0E-4`, `1.2345E7`) outside.
/// The double nearest `e4 / 10_000` has no shorter decimal, so these are the digits
/// Java prints.
pub fn java_double_e4(e4: u64) -> String {
    if e4 == 0 {
        return "0.0".into();
    }
    if (10..100_000_000_000).contains(&e4) {
        let digits = format!("{e4:05}");
        let (int, frac) = digits.split_at(digits.len() - 4);
        let frac = frac.trim_end_matches('0');
        return format!("{int}.{}", if frac.is_empty() { "0" } else { frac });
    }
    let digits = e4.to_string();
    let exp = digits.len() as i32 - 5;
    let (first, rest) = digits.split_at(1);
    let rest = rest.trim_end_matches('0');
    format!("{first}.{}E{exp}", if rest.is_empty() { "0" } else { rest })
}

/// Bytes of a txn as `SerializeUtils.serializeRequest` writes it: the 32-byte header,
/// the jute record, and the 12-byte digest.
pub fn proposal_size(txn: &Txn) -> i64 {
    32 + record_size(&txn.kind) + 12
}

fn s(len: usize) -> i64 {
    4 + len as i64
}

fn buf(data: &Option<Vec<u8>>) -> i64 {
    4 + data.as_ref().map_or(0, |d| d.len() as i64)
}

fn acl_size(acl: &[crate::protocols::zookeeper::data::acl::Acl]) -> i64 {
    4 + acl
        .iter()
        .map(|a| 4 + s(a.id.scheme.len()) + s(a.id.id.len()))
        .sum::<i64>()
}

fn record_size(k: &TxnKind) -> i64 {
    match k {
        TxnKind::Create {
            path,
            data,
            acl,
            owner,
            ..
        } => {
            let base = s(path.len()) + buf(data) + acl_size(acl) + 4;
            match NodeKind::of_owner(*owner) {
                NodeKind::Container => base,
                NodeKind::Ttl(_) => base + 8,
                _ => base + 1,
            }
        }
        TxnKind::Delete { path } => s(path.len()),
        TxnKind::SetData { path, data, .. } => s(path.len()) + buf(data) + 4,
        TxnKind::SetAcl { path, acl, .. } => s(path.len()) + acl_size(acl) + 4,
        TxnKind::Check { path, .. } => s(path.len()) + 4,
        TxnKind::CreateSession { .. } => 4,
        TxnKind::CloseSession { paths } => 4 + paths.iter().map(|p| s(p.len())).sum::<i64>(),
        TxnKind::Error { .. } => 4,
        TxnKind::Multi { ops } => 4 + ops.iter().map(|o| 8 + record_size(o)).sum::<i64>(),
    }
}

fn node_count(server: &ZkServer) -> usize {
    // Real trees hold the root twice ("" and "/").
    server.store.db.tree.len() + 1
}

fn approximate_data_size(server: &ZkServer) -> usize {
    server
        .store
        .db
        .tree
        .nodes()
        .map(|(p, n)| p.len() + n.data.as_ref().map_or(0, |d| d.len()))
        .sum()
}

fn latency(server: &ZkServer) -> (u64, String, u64) {
    let st = &server.stats;
    // ServerStats rounds the average to four decimals before printing it as a double.
    let avg_e4 = if st.latency_count == 0 {
        0
    } else {
        (st.latency_sum as f64 / st.latency_count as f64 * 10_000.0).round() as u64
    };
    (
        st.latency_min.unwrap_or(0),
        java_double_e4(avg_e4),
        st.latency_max,
    )
}

fn outstanding(server: &ZkServer) -> usize {
    server.conns.values().map(|c| c.queue.len()).sum()
}

fn counters(server: &ZkServer) -> (u64, u64) {
    let st = &server.stats;
    (
        st.received + st.four_letter,
        (st.sent + st.four_letter).saturating_sub(1),
    )
}

fn mode(server: &ZkServer) -> &'static str {
    server.mode().unwrap_or("looking")
}

fn srvr_tail(server: &ZkServer, out: &mut String) {
    let (min, avg, max) = latency(server);
    let (recv, sent) = counters(server);
    out.push_str(&format!("Latency min/avg/max: {min}/{avg}/{max}\n"));
    out.push_str(&format!("Received: {recv}\n"));
    out.push_str(&format!("Sent: {sent}\n"));
    out.push_str(&format!("Connections: {}\n", server.conns.len() + 1));
    out.push_str(&format!("Outstanding: {}\n", outstanding(server)));
    out.push_str(&format!("Zxid: 0x{:x}\n", server.store.last_processed()));
    out.push_str(&format!("Mode: {}\n", mode(server)));
    out.push_str(&format!("Node count: {}\n", node_count(server)));
    if let Role::Leader(l) = &server.role {
        let (last, min, max) = l.proposal_sizes;
        out.push_str(&format!(
            "Proposal sizes last/min/max: {last}/{min}/{max}\n"
        ));
    }
}

fn srvr(server: &ZkServer) -> String {
    let mut out = format!("Zookeeper version: {VERSION}\n");
    srvr_tail(server, &mut out);
    out
}

fn stat(server: &ZkServer) -> String {
    let mut out = format!("Zookeeper version: {VERSION}\nClients:\n");
    for (node, c) in &server.conns {
        out.push_str(&format!(
            " /127.0.0.1:{}[1](queued={},recved={},sent={})\n",
            40_000 + node.0,
            c.queue.len(),
            c.received,
            c.sent
        ));
    }
    out.push_str(&format!(
        " /127.0.0.1:{}[0](queued=0,recved=1,sent=0)\n\n",
        50_000 + server.stats.four_letter % 10_000
    ));
    srvr_tail(server, &mut out);
    out
}

fn mntr(server: &ZkServer, now: SimTime) -> String {
    let (min, avg, max) = latency(server);
    let (recv, sent) = counters(server);
    let ephemerals: usize = server
        .store
        .db
        .tree
        .sessions_with_ephemerals()
        .iter()
        .map(|s| server.store.db.tree.ephemerals_of(*s).len())
        .sum();
    let peer_state = match server.state {
        ServerState::Leading => "leading",
        ServerState::Following => "following",
        ServerState::Observing => "observing",
        ServerState::Looking => "looking",
    };
    let mut kv: Vec<(String, String)> = vec![
        ("zk_version".into(), VERSION.into()),
        ("zk_server_state".into(), mode(server).into()),
    ];
    if !matches!(server.role, Role::Standalone) {
        kv.push((
            "zk_peer_state".into(),
            format!(
                "{peer_state} - {}",
                server.zab_state().name().to_ascii_lowercase()
            ),
        ));
    }
    let mut push = |k: &str, v: String| kv.push((k.to_string(), v));
    push("zk_ephemerals_count", ephemerals.to_string());
    push(
        "zk_num_alive_connections",
        (server.conns.len() + 1).to_string(),
    );
    push("zk_avg_latency", avg);
    push("zk_outstanding_requests", outstanding(server).to_string());
    push("zk_znode_count", node_count(server).to_string());
    push(
        "zk_global_sessions",
        server.store.db.sessions.len().to_string(),
    );
    push("zk_non_mtls_remote_conn_count", "0".into());
    push("zk_last_client_response_size", "-1".into());
    push("zk_packets_sent", sent.to_string());
    push("zk_packets_received", recv.to_string());
    push("zk_max_client_response_size", "-1".into());
    push("zk_connection_drop_probability", "0.0".into());
    push("zk_watch_count", server.watches.len().to_string());
    push("zk_auth_failed_count", "0".into());
    push("zk_min_latency", min.to_string());
    push(
        "zk_approximate_data_size",
        approximate_data_size(server).to_string(),
    );
    push("zk_local_sessions", "0".into());
    push(
        "zk_uptime",
        now.since(server.serving_since())
            .as_micros()
            .div_euclid(1000)
            .to_string(),
    );
    push("zk_max_latency", max.to_string());
    push("zk_outstanding_tls_handshake", "0".into());
    push("zk_min_client_response_size", "-1".into());
    push("zk_non_mtls_local_conn_count", "0".into());
    if !matches!(server.role, Role::Standalone) {
        push("zk_quorum_size", server.config().voters().len().to_string());
    }
    if let Role::Leader(l) = &server.role {
        let (last, min, max) = l.proposal_sizes;
        push("zk_learners", l.handlers.len().to_string());
        push("zk_synced_followers", l.synced_followers().to_string());
        push("zk_synced_non_voting_followers", "0".to_string());
        push(
            "zk_synced_observers",
            l.handlers
                .values()
                .filter(|h| h.observer)
                .count()
                .to_string(),
        );
        push("zk_pending_syncs", l.pending_sync_count().to_string());
        push("zk_last_proposal_size", last.to_string());
        push("zk_max_proposal_size", max.to_string());
        push("zk_min_proposal_size", min.to_string());
    }
    kv.into_iter().map(|(k, v)| format!("{k}\t{v}\n")).collect()
}

fn conf(server: &ZkServer) -> String {
    let cfg = server.config();
    let me = cfg.server(server.sid);
    let client_port = me.map_or(2181, |s| s.client_port);
    let dir = format!("{}/version-2", cfg.data_dir.trim_end_matches('/'));
    let size = 67_108_864 + 80 * server.store.db.tree.len();
    let mut out = String::new();
    out.push_str(&format!("clientPort={client_port}\n"));
    out.push_str("secureClientPort=-1\n");
    out.push_str(&format!("dataDir={dir}\ndataDirSize={size}\n"));
    out.push_str(&format!("dataLogDir={dir}\ndataLogSize={size}\n"));
    out.push_str(&format!("tickTime={}\n", cfg.tick_ms));
    out.push_str("maxClientCnxns=60\n");
    out.push_str(&format!(
        "minSessionTimeout={}\n",
        cfg.min_session_timeout_ms
    ));
    out.push_str(&format!(
        "maxSessionTimeout={}\n",
        cfg.max_session_timeout_ms
    ));
    out.push_str("clientPortListenBacklog=-1\n");
    // A standalone server has no quorum id: ZooKeeperServerMain reports 0.
    let server_id = if cfg.standalone() { 0 } else { server.sid };
    out.push_str(&format!("serverId={server_id}\n"));
    if !cfg.standalone() {
        out.push_str(&format!("initLimit={}\n", cfg.init_limit));
        out.push_str(&format!("syncLimit={}\n", cfg.sync_limit));
        out.push_str("electionAlg=3\n");
        if let Some(me) = me {
            out.push_str(&format!("electionPort={}\n", me.election_port));
            out.push_str(&format!("quorumPort={}\n", me.quorum_port));
            out.push_str(&format!("peerType={}\n", u8::from(me.observer)));
        }
        out.push_str("membership: \n");
        for l in cfg.membership_lines() {
            out.push_str(&l);
            out.push('\n');
        }
        out.push_str("version=0\n");
    }
    out
}

/// The data-table watches `(session, path)` (`DataTree.dumpWatches` dumps the data
/// watches only: getData / exists watches, never child watches; FINDINGS.md 19), in path
/// order (the watch table is keyed by path), each path's sessions ascending.
fn data_watches(server: &ZkServer) -> Vec<(u64, String)> {
    server
        .watches
        .list()
        .into_iter()
        .filter(|(_, _, table, _)| *table == 'd')
        .map(|(s, p, _, _)| (s, p))
        .collect()
}

/// `wchs`: `WatchManager.toString()` of the data watches.
fn wchs(server: &ZkServer) -> String {
    let w = data_watches(server);
    let mut sessions: Vec<u64> = w.iter().map(|(s, _)| *s).collect();
    sessions.sort_unstable();
    sessions.dedup();
    // `data_watches` lists by path already, so equal paths are neighbours.
    let mut paths: Vec<&str> = w.iter().map(|(_, p)| p.as_str()).collect();
    paths.dedup();
    format!(
        "{} connections watching {} paths\nTotal watches:{}\n",
        sessions.len(),
        paths.len(),
        w.len()
    )
}

/// `wchc`: per connection (session) the paths it watches.
fn wchc(server: &ZkServer) -> String {
    // By session, then path: `data_watches` lists by path, and this sort is stable.
    let mut w = data_watches(server);
    crate::sorting::sort_by_u64_key(&mut w, |(s, _)| (*s, 0));
    let mut out = String::new();
    let mut last = None;
    for (s, p) in w {
        if last != Some(s) {
            out.push_str(&format!("0x{s:x}\n"));
            last = Some(s);
        }
        out.push_str(&format!("\t{p}\n"));
    }
    out
}

/// `wchp`: per path the sessions watching it.
fn wchp(server: &ZkServer) -> String {
    let mut out = String::new();
    let mut last: Option<String> = None;
    for (s, p) in data_watches(server) {
        if last.as_deref() != Some(p.as_str()) {
            out.push_str(&p);
            out.push('\n');
            last = Some(p);
        }
        out.push_str(&format!("\t0x{s:x}\n"));
    }
    out
}

/// Answer `word` as server `server` would (counters already bumped by the caller).
pub fn answer(server: &ZkServer, word: &str, now: SimTime) -> String {
    match word {
        "ruok" => return "imok".into(),
        "isro" => {
            return if server.serving() {
                "rw".into()
            } else {
                "null".into()
            }
        }
        "srvr" | "stat" | "mntr" | "conf" | "wchs" | "wchc" | "wchp" => {}
        other => return format!("{other} is not a supported four-letter word here\n"),
    }
    if !server.serving() {
        return format!("{NOT_SERVING}\n");
    }
    match word {
        "srvr" => srvr(server),
        "stat" => stat(server),
        "wchs" => wchs(server),
        "wchc" => wchc(server),
        "wchp" => wchp(server),
        "mntr" => mntr(server, now),
        _ => conf(server),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::zookeeper::data::acl::open_acl_unsafe;

    #[test]
    fn proposal_sizes_match_the_recording() {
        // tests/scenarios/real/fourlw-sample.out: createSession 48, create /a hello 91,
        // create -e /e x 87.
        let t = |kind| Txn {
            zxid: 1,
            session: 1,
            cxid: 1,
            time_ms: 0,
            kind,
        };
        assert_eq!(
            proposal_size(&t(TxnKind::CreateSession { timeout_ms: 30000 })),
            48
        );
        let create = |path: &str, data: &str, owner| TxnKind::Create {
            path: path.into(),
            data: Some(data.as_bytes().to_vec()),
            acl: open_acl_unsafe(),
            owner,
            parent_cversion: 1,
        };
        assert_eq!(proposal_size(&t(create("/a", "hello", 0))), 91);
        assert_eq!(proposal_size(&t(create("/e", "x", 0x1000))), 87);
    }

    #[test]
    fn java_doubles() {
        assert_eq!(java_double_e4(0), "0.0");
        assert_eq!(java_double_e4(340_000), "34.0");
        assert_eq!(java_double_e4(2_500), "0.25");
        assert_eq!(java_double_e4(13_333), "1.3333");
        assert_eq!(java_double_e4(10), "0.001");
        // Java's scientific notation outside [10^-3, 10^7).
        assert_eq!(java_double_e4(1), "1.0E-4");
        assert_eq!(java_double_e4(9), "9.0E-4");
        assert_eq!(java_double_e4(100_000_000_000), "1.0E7");
        assert_eq!(java_double_e4(123_456_785_000), "1.23456785E7");
        assert_eq!(java_double_e4(99_999_999_999), "9999999.9999");
    }

    #[test]
    fn java_doubles_are_the_shortest_digits_of_the_rounded_double() {
        // In plain range, what the shortest round-trip form of the double printed
        // (with `.0` for whole values) before the average became ten-thousandths.
        let shortest = |e4: u64| {
            let v = e4 as f64 / 10_000.0;
            if v.fract() == 0.0 {
                format!("{v:.1}")
            } else {
                format!("{v}")
            }
        };
        let mut sampled = (10..300_000u64).collect::<Vec<_>>();
        sampled.extend((300_000..100_000_000_000).step_by(9_999_991));
        sampled.extend([99_999_999_999, 100_000_000, 70_000_000_001]);
        for e4 in sampled {
            assert_eq!(java_double_e4(e4), shortest(e4), "{e4}");
        }
    }
}
