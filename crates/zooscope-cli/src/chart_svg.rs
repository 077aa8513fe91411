//! An experiment's chart as SVG, drawn with plotters' SVG backend, in English (the CLI's
//! language): a line per median series, dots for single runs, dashed verticals with a
//! label for the marks on the time axis.

use plotters::prelude::*;
use zooscope_core::experiment::chart::{Chart, MarkKind, Measure, Phase, SeriesName, Style};
use zooscope_core::experiment::lock_wakeups::Recipe;
use zooscope_core::experiment::Name;

/// Chart size in pixels.
const SIZE: (u32, u32) = (960, 600);
/// Series colours, in order (distinct also in greyscale print-outs).
const PALETTE: [RGBColor; 6] = [
    RGBColor(0, 90, 181),
    RGBColor(220, 50, 32),
    RGBColor(0, 150, 80),
    RGBColor(230, 140, 0),
    RGBColor(120, 60, 170),
    RGBColor(90, 90, 90),
];

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
    }
}

/// The chart as an SVG document.
pub fn render(chart: &Chart, name: Name) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        // Drawing into a string only fails on a plotters bug; the SVG is then partial.
        let _ = draw(&root, chart, name);
        let _ = root.present();
    }
    svg
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    chart: &Chart,
    name: Name,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let ((x0, x1), (_, y1)) = chart.bounds();
    let pad = ((x1 - x0) * 0.05).max(0.5);
    let mut c = ChartBuilder::on(root)
        .caption(title_en(name), ("sans-serif", 24))
        .margin(16)
        .x_label_area_size(48)
        .y_label_area_size(72)
        .build_cartesian_2d((x0 - pad)..(x1 + pad), 0.0..(y1 * 1.15).max(1.0))?;
    let whole = |v: &f64| {
        if (v - v.round()).abs() < 1e-9 {
            format!("{v:.0}")
        } else {
            String::new()
        }
    };
    let servers_axis = matches!(chart.x, Measure::Servers | Measure::Clients);
    c.configure_mesh()
        .x_desc(measure_en(chart.x))
        .y_desc(measure_en(chart.y))
        .label_style(("sans-serif", 14))
        .light_line_style(RGBColor(240, 240, 240))
        .x_label_formatter(&|x| {
            if servers_axis {
                whole(x)
            } else {
                format!("{x:.0}")
            }
        })
        .y_label_formatter(&|y| format!("{y:.0}"))
        .draw()?;
    for (i, s) in chart.series.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()].to_rgba();
        match s.style {
            Style::Line => {
                c.draw_series(LineSeries::new(
                    s.points.iter().copied(),
                    color.stroke_width(2),
                ))?
                .label(series_en(&s.name))
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2))
                });
                c.draw_series(s.points.iter().map(|p| Circle::new(*p, 3, color.filled())))?;
            }
            Style::Dots => {
                let faint = color.mix(0.45);
                c.draw_series(s.points.iter().map(|p| Circle::new(*p, 2, faint.filled())))?
                    .label(series_en(&s.name))
                    .legend(move |(x, y)| Circle::new((x + 9, y), 3, faint.filled()));
            }
        }
    }
    let top = (y1 * 1.15).max(1.0);
    for m in &chart.marks {
        let grey = RGBColor(120, 120, 120);
        c.draw_series(DashedLineSeries::new(
            vec![(m.at, 0.0), (m.at, top)],
            6,
            4,
            grey.stroke_width(1),
        ))?;
        c.draw_series(std::iter::once(Text::new(
            format!(" {}", mark_en(m.kind)),
            (m.at, top * 0.98),
            ("sans-serif", 13).into_font().color(&grey),
        )))?;
    }
    c.configure_series_labels()
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .position(SeriesLabelPosition::LowerRight)
        .label_font(("sans-serif", 13))
        .draw()?;
    Ok(())
}
