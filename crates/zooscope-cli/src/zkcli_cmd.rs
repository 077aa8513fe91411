//! `zooscope zkcli [--servers N] [--server HOST:PORT]`: zkCli.sh against a simulated
//! ensemble, commands on stdin.
//!
//! Prints what ZooKeeper 3.8's `zkCli.sh -server <server 1> < file` prints, stdout and
//! stderr merged in order (we print everything to stdout). Times in `ctime`/`mtime`
//! come from the simulated clock. A line `#! sleep <ms>` is a ZooScope directive, not a
//! zkCli command: simulated time passes (the recorder `tests/zkcli/record.sh` sleeps
//! for real instead). With one server the ensemble is a
//! `zooscope_core::protocols::zookeeper::replication::standalone::StandaloneServer`; with more, a
//! simulated ensemble (`driver::EnsembleClient`) elects a leader first.

use std::io::{Read, Write};
use zooscope_core::protocols::zookeeper::client::driver::EnsembleClient;
use zooscope_core::protocols::zookeeper::client::library::ZkClientApi;
#[cfg(test)]
use zooscope_core::protocols::zookeeper::client::zkcli::SLEEP_MS_MAX;
use zooscope_core::protocols::zookeeper::client::zkcli::{sleep_directive, Shell};
use zooscope_core::protocols::zookeeper::replication::standalone::StandaloneServer;

const USAGE: &str = "usage: zooscope zkcli [--servers N] [--server HOST:PORT] < commands";

/// Split input into lines like Java's `BufferedReader.readLine` (`\n`, `\r\n` or `\r`).
fn java_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            b'\r' => {
                out.push(&text[start..i]);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < bytes.len() {
        out.push(&text[start..]);
    }
    out
}

/// Run the subcommand.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut servers = 1u32;
    let mut host = "127.0.0.1:2181".to_string();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--servers" => {
                servers = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .filter(|n| *n >= 1)
                    .ok_or_else(|| format!("--servers needs a positive number\n{USAGE}"))?;
            }
            "--server" | "-server" => {
                host = it
                    .next()
                    .cloned()
                    .ok_or_else(|| format!("--server needs HOST:PORT\n{USAGE}"))?;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown zkcli option '{other}'\n{USAGE}")),
        }
    }
    let mut input = Vec::new();
    std::io::stdin()
        .read_to_end(&mut input)
        .map_err(|e| format!("reading stdin: {e}"))?;
    let text = String::from_utf8_lossy(&input);
    // More than one server: a simulated ensemble elects a leader first, and zkCli's
    // client connects with every server in its connect string, server 1 first.
    let mut server: Box<dyn ZkClientApi> = if servers > 1 {
        Box::new(EnsembleClient::new(u64::from(servers), 1)?)
    } else {
        Box::new(StandaloneServer::default())
    };
    let mut shell = Shell::new(&host);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut emit = |s: String| -> Result<(), String> {
        out.write_all(s.as_bytes())
            .map_err(|e| format!("writing stdout: {e}"))
    };
    emit(shell.start(server.as_mut()))?;
    for line in java_lines(&text) {
        if line.starts_with("#!") {
            if let Some(ms) = sleep_directive(line) {
                server.sleep(ms?);
            }
            continue;
        }
        emit(shell.execute(line, server.as_mut()))?;
        if shell.exited() {
            break;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_like_readline() {
        assert_eq!(java_lines("a\nb\r\nc\rd"), vec!["a", "b", "c", "d"]);
        assert_eq!(java_lines("a\n\n"), vec!["a", ""]);
        assert_eq!(sleep_directive("#! sleep 75000"), Some(Ok(75_000)));
        assert_eq!(sleep_directive("#! nope"), None);
    }

    #[test]
    fn a_huge_or_bad_sleep_is_refused() {
        let e = sleep_directive("#! sleep 18446744073709551615").unwrap();
        assert!(e.unwrap_err().contains("at most"));
        assert!(sleep_directive("#! sleep soon").unwrap().is_err());
        assert_eq!(
            sleep_directive(&format!("#! sleep {SLEEP_MS_MAX}")),
            Some(Ok(SLEEP_MS_MAX))
        );
    }
}
