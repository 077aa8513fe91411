//! The textbook failures as scripts a learner can edit and run.
//!
//! Each preset is a `.cmp` file next to this module, compiled in with `include_str!`,
//! so the CLI, the tests and the page run the very same text.

/// A preset: a stable id and its script.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// Stable id (also the file name).
    pub id: &'static str,
    /// The script.
    pub script: &'static str,
}

/// Every preset, in teaching order.
pub const PRESETS: [Preset; 6] = [
    Preset {
        id: "2pc-coordinator-crash",
        script: include_str!("presets/2pc-coordinator-crash.cmp"),
    },
    Preset {
        id: "2pc-commit-reaches-one",
        script: include_str!("presets/2pc-commit-reaches-one.cmp"),
    },
    Preset {
        id: "3pc-partition",
        script: include_str!("presets/3pc-partition.cmp"),
    },
    Preset {
        id: "paxos-dueling-proposers",
        script: include_str!("presets/paxos-dueling-proposers.cmp"),
    },
    Preset {
        id: "zab-leader-crash-before-commit",
        script: include_str!("presets/zab-leader-crash-before-commit.cmp"),
    },
    Preset {
        id: "a-no-vote",
        script: include_str!("presets/a-no-vote.cmp"),
    },
];

/// The preset with this id.
pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}
