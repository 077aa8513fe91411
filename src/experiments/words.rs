//! A chart's words in the page's language: the core's typed axes, series names and
//! marks put into zh-CN or English ([`crate::i18n::experiments`]).

use crate::i18n::experiments::{texts, ExperimentTexts};
use crate::i18n::Lang;
use zooscope_chart::Labels;
use zooscope_core::experiment::chart::{Chart, MarkKind, Measure, Phase, SeriesName};
use zooscope_core::experiment::commit_cost::{Failure, Protocol};
use zooscope_core::experiment::lock_wakeups::Recipe;
use zooscope_core::experiment::Name;

/// The menu index of an experiment.
pub fn index(name: Name) -> usize {
    Name::ALL.iter().position(|n| *n == name).unwrap_or(0)
}

fn measure(t: &ExperimentTexts, m: Measure) -> &'static str {
    let i = match m {
        Measure::Servers => 0,
        Measure::TimeToQuorumMs => 1,
        Measure::WritesPerSecond => 2,
        Measure::SimulatedSeconds => 3,
        Measure::OpsPerSecond => 4,
        Measure::Clients => 5,
        Measure::MessagesPerRun => 6,
        Measure::Nodes => 7,
        Measure::MessagesPerDecision => 8,
    };
    t.measures[i]
}

fn phase(t: &ExperimentTexts, p: Phase) -> &'static str {
    match p {
        Phase::Cold => t.phases[0],
        Phase::LeaderCrash => t.phases[1],
    }
}

fn protocol(p: Protocol) -> &'static str {
    match p {
        Protocol::TwoPc => "2PC",
        Protocol::ThreePc => "3PC",
        Protocol::Paxos => "Paxos",
        Protocol::MultiPaxos => "Multi-Paxos",
        Protocol::Zab => "ZAB",
    }
}

/// The legend of a series.
pub fn series(t: &ExperimentTexts, s: &SeriesName) -> String {
    match s {
        SeriesName::ElectionMedian {
            phase: p,
            tick_ms,
            finalize_ms,
            observers,
        } => t
            .election_median
            .replace("{phase}", phase(t, *p))
            .replace("{tick}", &tick_ms.to_string())
            .replace("{finalize}", &finalize_ms.to_string())
            .replace("{observers}", &observers.to_string()),
        SeriesName::ElectionRuns { phase: p } => t.election_runs.replace("{phase}", phase(t, *p)),
        SeriesName::Throughput {
            observers,
            reads_percent,
            clients,
        } => t
            .throughput
            .replace("{observers}", &observers.to_string())
            .replace("{reads}", &reads_percent.to_string())
            .replace("{clients}", &clients.to_string()),
        SeriesName::Availability {
            servers,
            clients,
            reads_percent,
        } => t
            .availability
            .replace("{servers}", &servers.to_string())
            .replace("{clients}", &clients.to_string())
            .replace("{reads}", &reads_percent.to_string()),
        SeriesName::LockWakeups { recipe, requests } => format!(
            "{}, {}",
            t.recipes[match recipe {
                Recipe::Herd => 0,
                Recipe::Queue => 1,
            }],
            t.lock_counts[usize::from(*requests)]
        ),
        SeriesName::RealFailover { observers } => {
            t.real_series.replace("{observers}", &observers.to_string())
        }
        SeriesName::CommitCost {
            protocol: p,
            failure,
        } => format!(
            "{}{}",
            protocol(*p),
            t.failures[match failure {
                Failure::None => 0,
                Failure::OneDown => 1,
            }]
        ),
    }
}

fn mark(t: &ExperimentTexts, m: MarkKind) -> &'static str {
    t.marks[match m {
        MarkKind::LeaderCrash => 0,
        MarkKind::Restart => 1,
        MarkKind::Partition => 2,
        MarkKind::Heal => 3,
    }]
}

/// Every word of `chart` for experiment `name` in `lang`.
pub fn labels(lang: Lang, chart: &Chart, name: Name) -> Labels {
    let t = texts(lang);
    Labels {
        title: t.titles[index(name)].into(),
        x: measure(t, chart.x).into(),
        y: measure(t, chart.y).into(),
        series: chart.series.iter().map(|s| series(t, &s.name)).collect(),
        marks: chart.marks.iter().map(|m| mark(t, m.kind).into()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_series_has_words_in_both_languages() {
        for lang in Lang::ALL {
            let t = texts(lang);
            for s in [
                SeriesName::ElectionRuns { phase: Phase::Cold },
                SeriesName::RealFailover { observers: 2 },
                SeriesName::LockWakeups {
                    recipe: Recipe::Queue,
                    requests: true,
                },
                SeriesName::CommitCost {
                    protocol: Protocol::ThreePc,
                    failure: Failure::OneDown,
                },
            ] {
                let w = series(t, &s);
                assert!(!w.is_empty() && !w.contains('{'), "{w}");
            }
        }
    }
}
