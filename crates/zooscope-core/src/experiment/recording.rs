//! Real ZooKeeper 3.8.0 failovers, as recorded in `tests/failover/real.csv` (by
//! `tests/failover/record.py`: SIGKILL the leader, poll `srvr` every 20 ms): parsed
//! into typed trials and summarised per shape, for the failover test and for the page,
//! which fetches the same file (a static file, not compiled in) and draws the real
//! medians beside the simulated `crash` runs.

use super::chart::{Series, SeriesName, Style};
use super::stats;
use serde::{Deserialize, Serialize};

/// Most trials read from one recording.
pub const TRIALS_MAX: usize = 10_000;

/// One recorded failover.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trial {
    /// The shape's name (`3v`, `5v`, `3v2o`).
    pub shape: String,
    /// Voters.
    pub voters: u64,
    /// Observers.
    pub observers: u64,
    /// From the kill until a new leader served with a quorum, ms.
    pub quorum_ms: u64,
    /// Until every survivor served, ms.
    pub all_ms: u64,
}

/// The median of one shape's trials.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShapeMedian {
    /// The shape's name.
    pub shape: String,
    /// Voters.
    pub voters: u64,
    /// Observers.
    pub observers: u64,
    /// Trials.
    pub trials: usize,
    /// Median time to a serving quorum, ms.
    pub quorum_ms: u64,
    /// Median time to every survivor serving, ms.
    pub all_ms: u64,
}

/// Parse the recording's CSV (header `shape,voters,observers,trial,quorum_ms,all_ms,…`).
pub fn parse(text: &str) -> Result<Vec<Trial>, String> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines
        .next()
        .ok_or("an empty recording")?
        .split(',')
        .collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|c| c.trim() == name)
            .ok_or_else(|| format!("the recording has no column {name}"))
    };
    let (shape, voters, observers, quorum, all) = (
        col("shape")?,
        col("voters")?,
        col("observers")?,
        col("quorum_ms")?,
        col("all_ms")?,
    );
    let mut out = Vec::new();
    for (i, line) in lines.enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        if out.len() >= TRIALS_MAX {
            return Err(format!("more than {TRIALS_MAX} trials"));
        }
        let f: Vec<&str> = line.split(',').map(str::trim).collect();
        let n = |c: usize| {
            f.get(c)
                .and_then(|v| v.parse::<u64>().ok())
                .ok_or_else(|| format!("line {}: column {} is not a number", i + 2, c + 1))
        };
        out.push(Trial {
            shape: f.get(shape).copied().unwrap_or_default().to_string(),
            voters: n(voters)?,
            observers: n(observers)?,
            quorum_ms: n(quorum)?,
            all_ms: n(all)?,
        });
    }
    Ok(out)
}

/// Each shape's medians, in the recording's order.
pub fn medians(trials: &[Trial]) -> Vec<ShapeMedian> {
    let mut out: Vec<ShapeMedian> = Vec::new();
    for t in trials {
        if out.iter().any(|m| m.shape == t.shape) {
            continue;
        }
        let of: Vec<&Trial> = trials.iter().filter(|u| u.shape == t.shape).collect();
        let q: Vec<u64> = of.iter().map(|u| u.quorum_ms).collect();
        let a: Vec<u64> = of.iter().map(|u| u.all_ms).collect();
        out.push(ShapeMedian {
            shape: t.shape.clone(),
            voters: t.voters,
            observers: t.observers,
            trials: of.len(),
            quorum_ms: stats::median(&q).unwrap_or(0),
            all_ms: stats::median(&a).unwrap_or(0),
        });
    }
    out
}

/// The real medians to a serving quorum as chart series (x: voters), one per observer
/// count, to draw beside `election-time`'s chart.
pub fn series(medians: &[ShapeMedian]) -> Vec<Series> {
    let mut counts: Vec<u64> = medians.iter().map(|m| m.observers).collect();
    counts.sort_unstable();
    counts.dedup();
    counts
        .into_iter()
        .map(|observers| {
            let mut of: Vec<&ShapeMedian> = medians
                .iter()
                .filter(|m| m.observers == observers)
                .collect();
            of.sort_by_key(|m| m.voters);
            Series {
                name: SeriesName::RealFailover { observers },
                style: Style::Dots,
                points: of
                    .iter()
                    .map(|m| (m.voters as f64, m.quorum_ms as f64))
                    .collect(),
                seeds: Vec::new(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recording_parses_into_medians() {
        let csv = "shape,voters,observers,trial,quorum_ms,all_ms\n3v,3,0,1,300,300\n3v,3,0,2,500,500\n3v,3,0,3,400,450\n3v2o,3,2,1,420,900\n";
        let t = parse(csv).unwrap();
        assert_eq!(t.len(), 4);
        let m = medians(&t);
        assert_eq!(m.len(), 2);
        assert_eq!((m[0].quorum_ms, m[0].all_ms, m[0].trials), (400, 450, 3));
        let s = series(&m);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].points, vec![(3.0, 400.0)]);
        assert!(parse("shape,voters\n").is_err());
        assert!(parse("shape,voters,observers,quorum_ms,all_ms\n3v,x,0,1,1\n").is_err());
    }
}
