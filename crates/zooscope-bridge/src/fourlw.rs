//! Asking one server one four-letter word over plain TCP: connect, send the word, read
//! until the server closes (ZooKeeper closes after answering). Every step has a time
//! limit and the reply a size limit, so a port that is not ZooKeeper (a web server
//! waiting for more, a service that never closes) costs at most a few seconds.

use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{timeout, Instant};

/// Longest wait for the TCP connection.
pub const CONNECT_TIMEOUT: Duration = Duration::from_millis(1_000);
/// Longest wait for the whole reply.
pub const REPLY_TIMEOUT: Duration = Duration::from_millis(2_000);
/// Most bytes of a reply kept (a `mntr` reply is about 16 KiB).
pub const REPLY_MAX: usize = 256 * 1024;

/// The reply to `word` from `address`, as lossy UTF-8: what arrived before the server
/// closed, the deadline passed or [`REPLY_MAX`] was reached. `Err` when no connection
/// could be made or the word could not be sent.
pub async fn ask(address: &str, word: &str) -> Result<String, String> {
    let mut stream = match timeout(CONNECT_TIMEOUT, TcpStream::connect(address)).await {
        Err(_) => return Err(format!("no answer within {CONNECT_TIMEOUT:?}")),
        Ok(Err(e)) => return Err(e.to_string()),
        Ok(Ok(s)) => s,
    };
    stream
        .write_all(word.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    let deadline = Instant::now() + REPLY_TIMEOUT;
    let mut reply = Vec::new();
    let mut chunk = [0u8; 8192];
    while reply.len() < REPLY_MAX {
        match tokio::time::timeout_at(deadline, stream.read(&mut chunk)).await {
            Ok(Ok(0)) | Err(_) => break,
            Ok(Ok(n)) => reply.extend_from_slice(&chunk[..n]),
            Ok(Err(e)) if reply.is_empty() => return Err(e.to_string()),
            Ok(Err(_)) => break,
        }
    }
    reply.truncate(REPLY_MAX);
    Ok(String::from_utf8_lossy(&reply).into_owned())
}
