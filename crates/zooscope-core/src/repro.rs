//! Reproduction keys: a whole run as one compact, URL-safe string.
//!
//! A key holds the protocol name, its config, the network parameters, the seed, the log
//! of user commands (each with the step and time it was applied at) and optionally a
//! position to stop at. Replaying the key re-creates the run event for event, on any
//! target. The text form is `zs1.` followed by base64url (no padding) of the postcard
//! encoding plus a 4-byte FNV checksum, so a mistyped or tampered key is rejected with a
//! clear reason instead of replaying something else.

use crate::command::{CommandOf, Logged};
use crate::hash::StableHasher;
use crate::net::NetConfig;
use crate::process::Protocol;
use crate::world::{Position, World};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::hash::Hasher;

/// The prefix (and format version) of the text form.
pub const KEY_PREFIX: &str = "zs1.";
/// Longest key text accepted (characters).
pub const KEY_TEXT_MAX: usize = 2_000_000;
/// Most events a replay may run before it gives up on a key.
pub const REPLAY_STEPS_MAX: u64 = 50_000_000;

/// Everything needed to reproduce a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct ReproKey<P: Protocol> {
    /// `P::NAME` of the protocol that made it.
    pub protocol: String,
    /// The protocol config.
    pub config: P::Config,
    /// Network parameters at the start.
    pub net: NetConfig,
    /// The seed.
    pub seed: u64,
    /// User commands in the order applied.
    pub log: Vec<Logged<CommandOf<P>>>,
    /// Where to stop (for share links that point into a run).
    pub position: Option<Position>,
}

/// Why a key was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// Nothing was given.
    Empty,
    /// The key is longer than any real run needs.
    TooLong(usize),
    /// It does not start with `zs1.`.
    WrongPrefix,
    /// Characters outside base64url.
    NotBase64,
    /// Too short to hold a checksum.
    Truncated,
    /// The checksum does not match: the key was changed or cut.
    Checksum,
    /// The bytes do not decode to a key.
    Malformed(String),
    /// The key belongs to another protocol.
    WrongProtocol {
        /// What we expected.
        expected: String,
        /// What the key says.
        found: String,
    },
    /// The key decodes but cannot be replayed (a command out of place, bad parameters).
    Replay(String),
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::Empty => write!(f, "the reproduction key is empty"),
            KeyError::TooLong(n) => write!(f, "the reproduction key is too long ({n} characters)"),
            KeyError::WrongPrefix => {
                write!(
                    f,
                    "not a ZooScope reproduction key (it should start with \"{KEY_PREFIX}\")"
                )
            }
            KeyError::NotBase64 => write!(
                f,
                "the reproduction key contains characters that do not belong in it"
            ),
            KeyError::Truncated => write!(f, "the reproduction key is cut short"),
            KeyError::Checksum => write!(f, "the reproduction key is damaged (checksum mismatch)"),
            KeyError::Malformed(why) => write!(f, "the reproduction key cannot be read: {why}"),
            KeyError::WrongProtocol { expected, found } => {
                write!(f, "this key is for the {found} simulation, not {expected}")
            }
            KeyError::Replay(why) => write!(f, "the run in this key cannot be replayed: {why}"),
        }
    }
}

impl std::error::Error for KeyError {}

/// The 4-byte checksum the text form appends to the key bytes.
pub fn checksum(bytes: &[u8]) -> [u8; 4] {
    let mut h = StableHasher::new();
    h.write(bytes);
    let v = h.finish();
    ((v >> 32) as u32 ^ v as u32).to_le_bytes()
}

impl<P: Protocol> ReproKey<P> {
    /// The key of a world's run so far.
    pub fn of(world: &World<P>, initial_net: &NetConfig, position: Option<Position>) -> Self {
        ReproKey {
            protocol: P::NAME.to_string(),
            config: world.config().clone(),
            net: initial_net.clone(),
            seed: world.seed(),
            log: world.command_log().to_vec(),
            position,
        }
    }

    /// The text form.
    pub fn encode(&self) -> String {
        let mut bytes = postcard::to_allocvec(self).expect("in-memory keys always serialize");
        let sum = checksum(&bytes);
        bytes.extend_from_slice(&sum);
        format!("{KEY_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Parse the text form (surrounding whitespace is ignored).
    pub fn decode(text: &str) -> Result<Self, KeyError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(KeyError::Empty);
        }
        if text.len() > KEY_TEXT_MAX {
            return Err(KeyError::TooLong(text.len()));
        }
        let body = text.strip_prefix(KEY_PREFIX).ok_or(KeyError::WrongPrefix)?;
        let bytes = URL_SAFE_NO_PAD
            .decode(body)
            .map_err(|_| KeyError::NotBase64)?;
        if bytes.len() < 5 {
            return Err(KeyError::Truncated);
        }
        let (payload, sum) = bytes.split_at(bytes.len() - 4);
        if checksum(payload) != sum {
            return Err(KeyError::Checksum);
        }
        let key: ReproKey<P> =
            postcard::from_bytes(payload).map_err(|e| KeyError::Malformed(e.to_string()))?;
        if key.protocol != P::NAME {
            return Err(KeyError::WrongProtocol {
                expected: P::NAME.to_string(),
                found: key.protocol,
            });
        }
        key.net.validate().map_err(KeyError::Replay)?;
        P::check_shared_config(&key.config).map_err(KeyError::Replay)?;
        Ok(key)
    }

    /// Re-create the run: a fresh world, each logged command re-applied at its exact step
    /// and time, then run to `position` if the key has one.
    pub fn replay(&self) -> Result<World<P>, KeyError> {
        let mut world = World::new(self.config.clone(), self.net.clone(), self.seed);
        for logged in &self.log {
            run_to_step(&mut world, logged.at_step)?;
            world
                .advance_clock_to(logged.at_time)
                .map_err(KeyError::Replay)?;
            world
                .apply(logged.command.clone())
                .map_err(|e| KeyError::Replay(e.to_string()))?;
        }
        if let Some(position) = self.position {
            run_to_step(&mut world, position.step)?;
            world
                .advance_clock_to(position.time)
                .map_err(KeyError::Replay)?;
        }
        Ok(world)
    }
}

/// Step `world` until it has processed exactly `target` events.
pub fn run_to_step<P: Protocol>(world: &mut World<P>, target: u64) -> Result<(), KeyError> {
    if target < world.steps() {
        return Err(KeyError::Replay(format!(
            "step {target} comes before step {} already reached",
            world.steps()
        )));
    }
    if target > REPLAY_STEPS_MAX {
        return Err(KeyError::Replay(format!(
            "step {target} is beyond the {REPLAY_STEPS_MAX}-event replay limit"
        )));
    }
    while world.steps() < target {
        if !world.step() {
            return Err(KeyError::Replay(format!(
                "the run ends at step {} before step {target}",
                world.steps()
            )));
        }
    }
    Ok(())
}
