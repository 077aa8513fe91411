//! The four-letter-word parsers against replies recorded from a real ZooKeeper 3.8.0
//! pseudo-cluster (three servers on 127.0.0.1; server 3 led; a zkCli session on server 3
//! had created `/app` and the ephemeral `/app/lock` and set a data and a child watch on
//! `/app`). `*-alone.txt` were recorded from server 3 after the other two were killed.

use super::*;

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("../../tests/fixtures/fourlw/", $name, ".txt"))
    };
}

#[test]
fn srvr_of_a_leader_and_a_follower() {
    let Answer::Reply(leader) = parse_srvr(fixture!("srvr-3")) else {
        panic!("leader's srvr not parsed");
    };
    assert_eq!(leader.mode, Mode::Leader);
    assert_eq!(leader.zxid, 0x1_0000_0003);
    assert_eq!(leader.connections, 2);
    assert_eq!(leader.node_count, 7);
    assert!(leader.version.starts_with("3.8.0"));
    let Answer::Reply(follower) = parse_srvr(fixture!("srvr-1")) else {
        panic!("follower's srvr not parsed");
    };
    assert_eq!(follower.mode, Mode::Follower);
    assert_eq!(follower.connections, 1);
    assert_eq!(Mode::Follower.srvr_word(), Some("follower"));
}

#[test]
fn a_server_without_quorum_is_not_serving_for_every_word() {
    assert_eq!(parse_srvr(fixture!("srvr-alone")), Answer::NotServing);
    assert_eq!(parse_mntr(fixture!("mntr-alone")), Answer::NotServing);
    assert_eq!(parse_cons(fixture!("cons-alone")), Answer::NotServing);
    assert_eq!(parse_wchp(fixture!("wchp-alone")), Answer::NotServing);
    assert_eq!(parse_conf(fixture!("conf-alone")), Answer::NotServing);
}

#[test]
fn a_word_missing_from_the_whitelist_is_told_apart() {
    assert_eq!(parse_srvr(fixture!("stat-1")), Answer::NotWhitelisted);
    assert!(WHITELIST_LINE.starts_with("4lw.commands.whitelist="));
    for word in POLLED_WORDS {
        assert!(WHITELIST_LINE.contains(word), "{word}");
    }
}

#[test]
fn other_services_and_silence_are_unrecognized() {
    assert_eq!(parse_srvr(""), Answer::Unrecognized);
    assert_eq!(
        parse_srvr("HTTP/1.1 400 Bad Request\r\n\r\n"),
        Answer::Unrecognized
    );
    assert_eq!(parse_mntr("SSH-2.0-OpenSSH_9.2\r\n"), Answer::Unrecognized);
    assert_eq!(parse_conf("+OK\r\n"), Answer::Unrecognized);
    assert_eq!(parse_cons("garbage\n"), Answer::Unrecognized);
    assert_eq!(parse_wchp("garbage\n"), Answer::Unrecognized);
}

#[test]
fn mntr_counters_of_the_leader() {
    let Answer::Reply(c) = parse_mntr(fixture!("mntr-3")) else {
        panic!("mntr not parsed");
    };
    assert_eq!(c.peer_state.as_deref(), Some("leading - broadcast"));
    assert_eq!(c.znode_count, Some(7));
    assert_eq!(c.watch_count, Some(2));
    assert_eq!(c.ephemerals_count, Some(1));
    assert_eq!(c.alive_connections, Some(2));
    assert_eq!(c.learners, Some(2));
    assert_eq!(c.synced_followers, Some(2));
    assert_eq!(c.quorum_size, Some(3));
    assert_eq!(c.election_time_ms, Some(384));
    let Answer::Reply(f) = parse_mntr(fixture!("mntr-1")) else {
        panic!("follower's mntr not parsed");
    };
    assert_eq!(f.learners, None);
}

#[test]
fn cons_lists_the_poll_and_the_session() {
    let Answer::Reply(conns) = parse_cons(fixture!("cons-3")) else {
        panic!("cons not parsed");
    };
    assert_eq!(conns.len(), 2);
    assert_eq!(conns[0].remote, "127.0.0.1:34270");
    assert_eq!(conns[0].session, None);
    assert_eq!(conns[1].session, Some(0x0300_0098_7596_0000));
    assert_eq!(conns[1].received, 6);
    assert_eq!(conns[1].last_op.as_deref(), Some("PING"));
    assert_eq!(conns[1].timeout_ms, Some(10_000));
}

#[test]
fn wchp_groups_sessions_under_paths() {
    let Answer::Reply(w) = parse_wchp(fixture!("wchp-3")) else {
        panic!("wchp not parsed");
    };
    assert_eq!(
        w,
        vec![WatchedPath {
            path: "/app".into(),
            sessions: vec![0x0300_0098_7596_0000],
        }]
    );
    assert_eq!(parse_wchp(fixture!("wchp-1")), Answer::Reply(Vec::new()));
}

#[test]
fn conf_names_the_server_and_the_members() {
    let Answer::Reply(c) = parse_conf(fixture!("conf-1")) else {
        panic!("conf not parsed");
    };
    assert_eq!(c.server_id, 1);
    assert_eq!(c.members.len(), 3);
    assert_eq!(
        c.members[2],
        Member {
            id: 3,
            quorum: "127.0.0.1:23883".into(),
            election: "127.0.0.1:23983".into(),
            role: "participant".into(),
        }
    );
    let Answer::Reply(c3) = parse_conf(fixture!("conf-3")) else {
        panic!("conf of server 3 not parsed");
    };
    assert_eq!(c3.server_id, 3);
}

#[test]
fn epoch_is_the_high_half_of_the_zxid_and_one_leader_is_found() {
    let server = |mode, zxid| LiveServer {
        mode,
        zxid: Some(zxid),
        ..LiveServer::default()
    };
    let mut snap = LiveSnapshot {
        servers: vec![
            server(Mode::Follower, 0x2_0000_0001),
            server(Mode::Leader, 0x2_0000_0001),
        ],
        ..LiveSnapshot::default()
    };
    assert_eq!(snap.servers[1].epoch(), Some(2));
    assert_eq!(snap.leader().map(|l| l.mode), Some(Mode::Leader));
    snap.servers[0].mode = Mode::Leader;
    assert!(snap.leader().is_none(), "two leaders are not one leader");
}

#[test]
fn requests_are_tagged_json() {
    let req = BridgeRequest::Run {
        id: 7,
        line: "ls /".into(),
    };
    let text = serde_json::to_string(&req).unwrap();
    assert_eq!(text, r#"{"type":"run","id":7,"line":"ls /"}"#);
    assert_eq!(serde_json::from_str::<BridgeRequest>(&text).unwrap(), req);
    assert!(serde_json::from_str::<BridgeRequest>("{\"type\":\"kill\"}").is_err());
}

#[test]
fn bridge_messages_round_trip_as_postcard_bytes() {
    let Answer::Reply(conf) = parse_conf(fixture!("conf-1")) else {
        panic!("conf not parsed");
    };
    let snapshot = LiveSnapshot {
        seq: 3,
        taken_at_ms: 1_796_170_560_516,
        servers: vec![LiveServer {
            address: "127.0.0.1:23181".into(),
            id: Some(1),
            mode: Mode::Leader,
            serving: true,
            zxid: Some(0x2_0000_0002),
            members: conf.members,
            refused_words: vec!["wchp".into()],
            ..LiveServer::default()
        }],
        tree: LiveTree {
            nodes: vec![LiveZnode {
                path: "/app".into(),
                data: "hello".into(),
                ..LiveZnode::default()
            }],
            session: Some(7),
            ..LiveTree::default()
        },
    };
    for msg in [
        BridgeMessage::Snapshot(snapshot),
        BridgeMessage::Reply(CommandReply {
            id: 1,
            line: "ls /".into(),
            output: "[zookeeper]\n".into(),
        }),
        BridgeMessage::Refused {
            reason: "not a request".into(),
        },
    ] {
        assert_eq!(decode_message(&encode_message(&msg)), Some(msg));
    }
    assert_eq!(decode_message(b"garbage"), None);
    assert_eq!(decode_message(&[]), None);
}

#[test]
fn data_preview_is_cut_and_lossy() {
    assert_eq!(data_preview(b"hello"), "hello");
    assert_eq!(data_preview(&[0xff, b'a']), "\u{fffd}a");
    assert_eq!(data_preview(&[b'x'; 100]).len(), DATA_PREVIEW_MAX);
}
