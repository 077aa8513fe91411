//! What the learner chooses before a run starts: ensemble size, observers, clients,
//! seed, or a whole `zoo.cfg` text.

use zooscope_core::net::NetConfig;
use zooscope_core::protocols::zookeeper::replication::config::{ConfigError, ZkConfig};

/// Fewest servers.
pub const SERVERS_MIN: usize = 1;
/// Most servers (the ring stays readable up to nine).
pub const SERVERS_MAX: usize = 9;
/// Longest zoo.cfg text accepted.
pub const ZOO_CFG_MAX: usize = 8_000;
/// The seed of a fresh lab.
pub const SEED_DEFAULT: u64 = 7;

/// Why a setup cannot start a run (worded for the learner by `i18n::lab_errors`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetupError {
    /// The zoo.cfg text is longer than [`ZOO_CFG_MAX`].
    ZooCfgTooLong,
    /// Outside the lab's [`SERVERS_MIN`]..=[`SERVERS_MAX`] servers.
    Servers {
        /// How many were asked for.
        servers: usize,
        /// Named by a zoo.cfg text (rather than the size control).
        from_zoo_cfg: bool,
    },
    /// Every server would be an observer.
    NoVoter,
    /// The zoo.cfg text or the config breaks a rule.
    Config(ConfigError),
}

impl std::fmt::Display for SetupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SetupError::ZooCfgTooLong => {
                write!(f, "zoo.cfg is longer than {ZOO_CFG_MAX} characters")
            }
            SetupError::Servers {
                servers,
                from_zoo_cfg: false,
            } => write!(
                f,
                "the lab runs {SERVERS_MIN} to {SERVERS_MAX} servers, not {servers}"
            ),
            SetupError::Servers {
                servers,
                from_zoo_cfg: true,
            } => write!(
                f,
                "the lab runs {SERVERS_MIN} to {SERVERS_MAX} servers (zoo.cfg names {servers})"
            ),
            SetupError::NoVoter => f.write_str("at least one server must be a voting participant"),
            SetupError::Config(e) => e.fmt(f),
        }
    }
}

/// The learner's choices for a new run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabSetup {
    /// Servers (1..=9) with ids 1..=n.
    pub servers: usize,
    /// How many of them (the highest ids) are observers.
    pub observers: usize,
    /// Clients added at the start.
    pub clients: u32,
    /// The seed.
    pub seed: u64,
    /// A zoo.cfg text that replaces `servers` / `observers` when set.
    pub zoo_cfg: Option<String>,
}

impl Default for LabSetup {
    fn default() -> Self {
        LabSetup {
            servers: 3,
            observers: 0,
            clients: 2,
            seed: SEED_DEFAULT,
            zoo_cfg: None,
        }
    }
}

impl LabSetup {
    /// The ensemble's config (servers started together at time zero), or why not.
    pub fn config(&self) -> Result<ZkConfig, SetupError> {
        let mut cfg = match &self.zoo_cfg {
            Some(text) => {
                if text.len() > ZOO_CFG_MAX {
                    return Err(SetupError::ZooCfgTooLong);
                }
                ZkConfig::parse(text).map_err(SetupError::Config)?
            }
            None => {
                if !(SERVERS_MIN..=SERVERS_MAX).contains(&self.servers) {
                    return Err(SetupError::Servers {
                        servers: self.servers,
                        from_zoo_cfg: false,
                    });
                }
                if self.observers >= self.servers {
                    return Err(SetupError::NoVoter);
                }
                let n = self.servers as u64;
                let observers: Vec<u64> = (n - self.observers as u64 + 1..=n).collect();
                ZkConfig::ensemble(n, &observers)
            }
        };
        if cfg.servers.is_empty() || cfg.servers.len() > SERVERS_MAX {
            return Err(SetupError::Servers {
                servers: cfg.servers.len(),
                from_zoo_cfg: true,
            });
        }
        cfg.validate().map_err(SetupError::Config)?;
        cfg.start_running = true;
        Ok(cfg)
    }

    /// The network of a lab run.
    pub fn net(&self) -> NetConfig {
        NetConfig::default()
    }

    /// The zoo.cfg text of the current choices (what the editor starts from).
    pub fn zoo_cfg_text(&self) -> String {
        if let Some(t) = &self.zoo_cfg {
            return t.clone();
        }
        let n = self.servers.clamp(SERVERS_MIN, SERVERS_MAX);
        let first_observer = n - self.observers.min(n.saturating_sub(1)) + 1;
        zoo_cfg_for(n, first_observer)
    }
}

/// A zoo.cfg for servers 1..=n where ids from `first_observer` on are observers.
pub fn zoo_cfg_for(n: usize, first_observer: usize) -> String {
    let mut s = String::from(
        "# zoo.cfg — edit and press Apply\ntickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=/var/lib/zookeeper\nclientPort=2181\n",
    );
    for k in 1..=n {
        let role = if k >= first_observer { ":observer" } else { "" };
        s.push_str(&format!(
            "server.{k}=127.0.0.1:{}:{}{role}\n",
            2888 + k - 1,
            3888 + k - 1
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_observers() {
        let cfg = LabSetup::default().config().unwrap();
        assert_eq!(cfg.servers.len(), 3);
        assert!(cfg.start_running);
        let cfg = LabSetup {
            servers: 5,
            observers: 2,
            ..LabSetup::default()
        }
        .config()
        .unwrap();
        assert_eq!(cfg.voters(), vec![1, 2, 3]);
        for bad in [0, 10, 100] {
            let setup = LabSetup {
                servers: bad,
                ..LabSetup::default()
            };
            assert!(setup.config().is_err(), "{bad}");
        }
        let all_observers = LabSetup {
            servers: 3,
            observers: 3,
            ..LabSetup::default()
        };
        assert!(all_observers.config().is_err());
    }

    #[test]
    fn generated_zoo_cfg_parses_back() {
        for n in 1..=SERVERS_MAX {
            for obs in 0..n {
                let setup = LabSetup {
                    servers: n,
                    observers: obs,
                    ..LabSetup::default()
                };
                let text = setup.zoo_cfg_text();
                let from_text = LabSetup {
                    zoo_cfg: Some(text.clone()),
                    ..LabSetup::default()
                }
                .config()
                .unwrap_or_else(|e| panic!("{e}\n{text}"));
                let direct = setup.config().unwrap();
                assert_eq!(from_text.servers.len(), n);
                assert_eq!(from_text.voters(), direct.voters(), "{text}");
            }
        }
    }

    #[test]
    fn bad_zoo_cfg_is_an_error_with_a_line() {
        let setup = LabSetup {
            zoo_cfg: Some("tickTime=2000\nserver.x=oops\n".into()),
            ..LabSetup::default()
        };
        let e = setup.config().unwrap_err();
        assert!(matches!(&e, SetupError::Config(c) if c.line == 2), "{e}");
        let too_many = LabSetup {
            zoo_cfg: Some(zoo_cfg_for(12, 99)),
            ..LabSetup::default()
        };
        assert!(too_many.config().is_err());
    }
}
