//! The poll of one server against stand-ins that answer like the odd cases of the real
//! thing (the refusal texts are ZooKeeper 3.8's, see the core's recorded fixtures): a
//! closed port, a port that is not ZooKeeper, a server that whitelists nothing we ask,
//! and one that is not serving. None of them may panic the bridge.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use zooscope_bridge::poll::poll_server;
use zooscope_core::live::Mode;

/// A listener on a free loopback port answering every connection with `reply(word)`.
async fn stand_in(reply: fn(&str) -> String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap().to_string();
    tokio::spawn(async move {
        while let Ok((mut conn, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut word = [0u8; 4];
                let _ = conn.read_exact(&mut word).await;
                let text = reply(&String::from_utf8_lossy(&word));
                let _ = conn.write_all(text.as_bytes()).await;
            });
        }
    });
    address
}

#[tokio::test]
async fn a_closed_port_is_down() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap().to_string();
    drop(listener);
    let s = poll_server(&address, Some(2)).await;
    assert_eq!(s.mode, Mode::Down);
    assert!(!s.serving);
    assert!(s.error.is_some());
    assert_eq!(s.id, Some(2), "the id learnt earlier is kept");
}

#[tokio::test]
async fn a_web_server_is_not_zookeeper() {
    let address = stand_in(|_| "HTTP/1.1 400 Bad Request\r\n\r\n".into()).await;
    let s = poll_server(&address, None).await;
    assert_eq!(s.mode, Mode::NotZooKeeper);
}

#[tokio::test]
async fn words_left_out_of_the_whitelist_are_named() {
    let address =
        stand_in(|w| format!("{w} is not executed because it is not in the whitelist.\n")).await;
    let s = poll_server(&address, None).await;
    assert_eq!(s.mode, Mode::Unknown);
    assert_eq!(s.refused_words, ["srvr", "mntr", "cons", "wchp", "conf"]);
}

#[tokio::test]
async fn a_server_without_a_quorum_is_not_serving() {
    let address =
        stand_in(|_| "This ZooKeeper instance is not currently serving requests\n".into()).await;
    let s = poll_server(&address, Some(3)).await;
    assert_eq!(s.mode, Mode::NotServing);
    assert!(!s.serving);
    assert!(s.refused_words.is_empty());
    assert_eq!(s.id, Some(3));
}

#[tokio::test]
async fn a_port_that_accepts_and_never_answers_costs_a_bounded_wait() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap().to_string();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((conn, _)) = listener.accept().await {
            held.push(conn);
        }
    });
    let started = std::time::Instant::now();
    let s = poll_server(&address, None).await;
    assert_eq!(s.mode, Mode::NotZooKeeper);
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}
