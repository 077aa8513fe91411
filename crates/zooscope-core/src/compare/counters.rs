//! Per-lane counters (messages, round trips, simulated time to decision) and their CSV.
//!
//! Messages are the protocol's phase messages sent (client traffic and ZooKeeper's
//! pings are not counted); a round trip is one node sending requests that ask for
//! replies in one step (a broadcast of PREPARE, Accept, PROPOSAL, ...); time to decision
//! runs from the first `propose` to the first moment every running node had decided.

use super::script::LaneKind;
use crate::time::SimDuration;

/// One lane's counters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Counters {
    /// Phase messages sent.
    pub messages: u64,
    /// Request waves sent.
    pub round_trips: u64,
    /// Lane time of the first proposal.
    pub first_request: Option<SimDuration>,
    /// From the first proposal until every running node had decided.
    pub decided_after: Option<SimDuration>,
}

/// The CSV header line.
pub const CSV_HEADER: &str = "lane,messages,round_trips,time_to_decision_ms";

/// Counters of several lanes as CSV (header first; an empty time when undecided).
pub fn to_csv(rows: &[(LaneKind, Counters)]) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push('\n');
    for (lane, c) in rows {
        let time = c
            .decided_after
            .map(|d| format!("{}.{:03}", d.0 / 1_000, d.0 % 1_000))
            .unwrap_or_default();
        out.push_str(&format!(
            "{},{},{},{}\n",
            lane.word(),
            c.messages,
            c.round_trips,
            time
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_a_header_and_one_row_per_lane() {
        let c = Counters {
            messages: 12,
            round_trips: 3,
            first_request: Some(SimDuration::ZERO),
            decided_after: Some(SimDuration(7_250)),
        };
        let csv = to_csv(&[(LaneKind::TwoPc, c), (LaneKind::Zab, Counters::default())]);
        assert_eq!(csv, format!("{CSV_HEADER}\n2pc,12,3,7.250\nzab,0,0,\n"));
    }
}
