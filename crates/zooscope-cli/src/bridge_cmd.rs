//! `zooscope bridge --zk HOST:PORT,... [--listen 127.0.0.1:7777] [--allow-remote]
//! [--interval MS]`: attach live mode to a real ZooKeeper ensemble (the bridge itself is
//! crates/zooscope-bridge; this module only reads the arguments).

use std::time::Duration;
use zooscope_bridge::{BridgeConfig, DEFAULT_LISTEN};

const USAGE: &str = "usage: zooscope bridge --zk HOST:PORT[,HOST:PORT...] [--listen 127.0.0.1:7777] [--allow-remote] [--interval MS]";
/// Shortest and longest polling interval accepted, ms.
const INTERVAL_MS: std::ops::RangeInclusive<u64> = 200..=60_000;

/// Reads the arguments.
fn parse(args: &[String]) -> Result<BridgeConfig, String> {
    let mut zk = Vec::new();
    let mut listen = DEFAULT_LISTEN.to_string();
    let mut allow_remote = false;
    let mut interval_ms = 1_000u64;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .ok_or_else(|| format!("{a} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--zk" => zk.extend(
                value()?
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from),
            ),
            "--listen" => listen = value()?.clone(),
            "--allow-remote" => allow_remote = true,
            "--interval" => {
                interval_ms = value()?
                    .parse()
                    .ok()
                    .filter(|ms| INTERVAL_MS.contains(ms))
                    .ok_or_else(|| {
                        format!(
                            "--interval takes {}..={} ms",
                            INTERVAL_MS.start(),
                            INTERVAL_MS.end()
                        )
                    })?
            }
            other => return Err(format!("unknown option '{other}'\n{USAGE}")),
        }
    }
    let listen = listen
        .parse()
        .map_err(|_| format!("--listen '{listen}' is not IP:PORT"))?;
    let cfg = BridgeConfig {
        zk,
        listen,
        allow_remote,
        interval: Duration::from_millis(interval_ms),
        rounds: None,
    };
    zooscope_bridge::check(&cfg).map_err(|e| format!("{e}\n{USAGE}"))?;
    Ok(cfg)
}

/// Run the subcommand.
pub fn run(args: &[String]) -> Result<(), String> {
    zooscope_bridge::run(parse(args)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn reads_the_server_list_and_defaults_to_loopback() {
        let cfg = parse(&args("--zk 127.0.0.1:2181,127.0.0.1:2182 --zk h:2183")).unwrap();
        assert_eq!(cfg.zk, ["127.0.0.1:2181", "127.0.0.1:2182", "h:2183"]);
        assert_eq!(cfg.listen.to_string(), "127.0.0.1:7777");
        assert!(!cfg.allow_remote);
    }

    #[test]
    fn refuses_a_non_loopback_listener_unless_allowed() {
        let err = parse(&args("--zk a:1 --listen 0.0.0.0:7777")).unwrap_err();
        assert!(err.contains("--allow-remote"), "{err}");
        assert!(parse(&args("--zk a:1 --listen 0.0.0.0:7777 --allow-remote")).is_ok());
    }

    #[test]
    fn bad_arguments_are_errors() {
        for bad in [
            "",
            "--zk",
            "--zk nohostport",
            "--zk a:99999",
            "--zk a:1 --listen nowhere",
            "--zk a:1 --interval 5",
            "--zk a:1 --what",
        ] {
            assert!(parse(&args(bad)).is_err(), "{bad:?}");
        }
    }
}
