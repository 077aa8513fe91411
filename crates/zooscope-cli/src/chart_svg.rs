//! An experiment's chart as SVG in English (the CLI's language): the words here, the
//! drawing (plotters' SVG backend) in `zooscope-chart`, shared with the page.

use zooscope_chart::Labels;
use zooscope_core::experiment::chart::{Chart, MarkKind, Measure, Phase, SeriesName};
use zooscope_core::experiment::commit_cost::{Failure, Protocol};
use zooscope_core::experiment::lock_wakeups::Recipe;
use zooscope_core::experiment::Name;

/// Chart size in pixels.
const SIZE: (u32, u32) = (960, 600);
/// The axis title of a quantity.
pub fn measure_en(m: Measure) -> &'static str {
    match m {
        Measure::Servers => "voting servers",
        Measure::TimeToQuorumMs => "time to a serving quorum (simulated ms)",
        Measure::WritesPerSecond => "writes per simulated second",
        Measure::SimulatedSeconds => "simulated seconds",
        Measure::OpsPerSecond => "successful operations per simulated second",
        Measure::Clients => "clients contending for the lock",
        Measure::MessagesPerRun => "messages per run (every client takes the lock once)",
        Measure::Nodes => "nodes",
        Measure::MessagesPerDecision => "phase messages per decision",
    }
}

fn phase_en(p: Phase) -> &'static str {
    match p {
        Phase::Cold => "cold start",
        Phase::LeaderCrash => "after the leader's crash",
    }
}

/// The legend of a series.
pub fn series_en(s: &SeriesName) -> String {
    match s {
        SeriesName::ElectionMedian {
            phase,
            tick_ms,
            finalize_ms,
            observers,
        } => format!(
            "median, {}, tickTime {tick_ms} ms, finalizeWait {finalize_ms} ms, {observers} observers",
            phase_en(*phase)
        ),
        SeriesName::ElectionRuns { phase } => format!("each run, {}", phase_en(*phase)),
        SeriesName::Throughput {
            observers,
            reads_percent,
            clients,
        } => format!("{observers} observers, {reads_percent} % reads, {clients} clients (median)"),
        SeriesName::Availability {
            servers,
            clients,
            reads_percent,
        } => format!("{servers} servers, {clients} clients, {reads_percent} % reads (median)"),
        SeriesName::LockWakeups { recipe, requests } => format!(
            "{}, {}",
            match recipe {
                Recipe::Herd => "herd lock",
                Recipe::Queue => "queue (InterProcessMutex)",
            },
            if *requests {
                "requests"
            } else {
                "watch notifications"
            }
        ),
        SeriesName::RealFailover { observers } => {
            format!("real ZooKeeper 3.8.0, median after the leader's crash, {observers} observers")
        }
        SeriesName::CommitCost { protocol, failure } => format!(
            "{}{}",
            match protocol {
                Protocol::TwoPc => "2PC",
                Protocol::ThreePc => "3PC",
                Protocol::Paxos => "Paxos",
                Protocol::MultiPaxos => "Multi-Paxos",
                Protocol::Zab => "ZAB",
            },
            match failure {
                Failure::None => "",
                Failure::OneDown => ", one node down",
            }
        ),
    }
}

fn mark_en(m: MarkKind) -> &'static str {
    match m {
        MarkKind::LeaderCrash => "leader killed",
        MarkKind::Restart => "it restarts",
        MarkKind::Partition => "new leader cut off",
        MarkKind::Heal => "partition healed",
    }
}

fn title_en(name: Name) -> &'static str {
    match name {
        Name::ElectionTime => "ZooKeeper: time to elect a leader",
        Name::WriteThroughput => "ZooKeeper: write throughput",
        Name::Availability => "ZooKeeper: availability through a crash and a partition",
        Name::LockWakeups => "Curator locks: who is woken when the lock is released",
        Name::CommitCost => "What one decision costs: 2PC, 3PC, Paxos, Multi-Paxos, ZAB",
    }
}

/// The English words of `chart`.
pub fn labels_en(chart: &Chart, name: Name) -> Labels {
    Labels {
        title: title_en(name).into(),
        x: measure_en(chart.x).into(),
        y: measure_en(chart.y).into(),
        series: chart.series.iter().map(|s| series_en(&s.name)).collect(),
        marks: chart.marks.iter().map(|m| mark_en(m.kind).into()).collect(),
    }
}

/// The chart as an SVG document.
pub fn render(chart: &Chart, name: Name) -> String {
    zooscope_chart::svg(chart, &labels_en(chart, name), SIZE)
}
