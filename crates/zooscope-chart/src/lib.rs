//! An experiment's [`Chart`] drawn with plotters, on whatever backend the caller has:
//! the CLI's SVG file, the page's canvas (plotters-canvas) and its SVG download. The
//! caller brings the words ([`Labels`], in its language) and the pixel scale (the page's
//! `devicePixelRatio`, so a high-DPI canvas stays crisp); [`draw`] returns the plot's
//! [`Frame`], which maps a pointer back to the nearest point for hover and "open this
//! run".

use plotters::coord::Shift;
use plotters::prelude::*;
use zooscope_core::experiment::chart::{Chart, Measure, SeriesName, Style};

/// Series colours, in order (distinct also in greyscale print-outs).
pub const PALETTE: [RGBColor; 6] = [
    RGBColor(0, 90, 181),
    RGBColor(220, 50, 32),
    RGBColor(0, 150, 80),
    RGBColor(230, 140, 0),
    RGBColor(120, 60, 170),
    RGBColor(90, 90, 90),
];

/// The words of one chart, in the caller's language.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Labels {
    /// The caption.
    pub title: String,
    /// The x axis title.
    pub x: String,
    /// The y axis title.
    pub y: String,
    /// One legend entry per series, in order.
    pub series: Vec<String>,
    /// One label per mark, in order.
    pub marks: Vec<String>,
}

/// Where the plot landed: its pixel rectangle and the data ranges it shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Left and right pixel.
    pub px: (i32, i32),
    /// Top and bottom pixel.
    pub py: (i32, i32),
    /// Data x at the left and right edge.
    pub x: (f64, f64),
    /// Data y at the bottom and top edge.
    pub y: (f64, f64),
}

impl Frame {
    /// The pixel of data point `(x, y)`.
    pub fn pixel(&self, (x, y): (f64, f64)) -> (f64, f64) {
        let fx = (x - self.x.0) / (self.x.1 - self.x.0);
        let fy = (y - self.y.0) / (self.y.1 - self.y.0);
        (
            f64::from(self.px.0) + fx * f64::from(self.px.1 - self.px.0),
            f64::from(self.py.1) - fy * f64::from(self.py.1 - self.py.0),
        )
    }

    /// The point nearest to pixel `(px, py)` within `radius` pixels: (series, point).
    pub fn nearest(
        &self,
        chart: &Chart,
        (px, py): (f64, f64),
        radius: f64,
    ) -> Option<(usize, usize)> {
        let mut best: Option<(f64, usize, usize)> = None;
        for (si, s) in chart.series.iter().enumerate() {
            for (pi, p) in s.points.iter().enumerate() {
                let (x, y) = self.pixel(*p);
                let d = ((x - px).powi(2) + (y - py).powi(2)).sqrt();
                if d <= radius && best.is_none_or(|b| d < b.0) {
                    best = Some((d, si, pi));
                }
            }
        }
        best.map(|(_, s, p)| (s, p))
    }
}

/// The palette slot of series `i`: series of one protocol or recipe share a colour
/// (a line and its dots), others take the next.
pub fn colour(chart: &Chart, i: usize) -> RGBColor {
    let slot = match &chart.series[i].name {
        SeriesName::CommitCost { protocol, .. } => *protocol as usize,
        SeriesName::LockWakeups { recipe, .. } => *recipe as usize,
        SeriesName::RealFailover { observers } => 4 + usize::from(*observers > 0),
        _ => i,
    };
    PALETTE[slot % PALETTE.len()]
}

fn whole(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}")
    } else {
        String::new()
    }
}

/// How one series is marked: a line with dots, hollow rings (single runs, runs with a
/// failure), or a large outlined dot (a real recording).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    Line,
    Ring,
    Real,
}

fn mark_of(chart: &Chart, i: usize) -> Mark {
    match (&chart.series[i].name, chart.series[i].style) {
        (SeriesName::RealFailover { .. }, _) => Mark::Real,
        (_, Style::Line) => Mark::Line,
        (_, Style::Dots) => Mark::Ring,
    }
}

/// Legend entries longer than this (characters) go one per row.
const LEGEND_WIDE: usize = 46;

/// Draw `chart` on `root`, every length times `scale`: the plot above, its legend in
/// rows under it (never over the data).
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    labels: &Labels,
    scale: f64,
) -> Result<Frame, String> {
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let s = |v: f64| (v * scale).round() as u32;
    let font = |size: f64| ("sans-serif", size * scale);
    root.fill(&WHITE).map_err(e)?;
    let n = chart.series.len();
    let cols = if n < 2
        || labels
            .series
            .iter()
            .any(|l| l.chars().count() > LEGEND_WIDE)
    {
        1
    } else {
        2
    };
    let rows = n.div_ceil(cols);
    let row_h = 20.0 * scale;
    let legend_h = if n == 0 {
        0
    } else {
        (rows as f64 * row_h + 14.0 * scale).round() as u32
    };
    let (w, h) = root.dim_in_pixel();
    let (upper, lower) = root.split_vertically(h.saturating_sub(legend_h));
    let ((x0, x1), (_, y1)) = chart.bounds();
    let pad = ((x1 - x0) * 0.05).max(0.5);
    let top = (y1 * 1.12).max(1.0);
    let x_range = (x0 - pad)..(x1 + pad);
    let mut c = ChartBuilder::on(&upper)
        .caption(&labels.title, font(22.0))
        .margin(s(14.0))
        .x_label_area_size(s(50.0))
        .y_label_area_size(s(70.0))
        .build_cartesian_2d(x_range.clone(), 0.0..top)
        .map_err(e)?;
    let counted = matches!(
        chart.x,
        Measure::Servers | Measure::Clients | Measure::Nodes
    );
    // On a count axis, a label under every measured value and nowhere else.
    let mut measured: Vec<f64> = chart
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0))
        .collect();
    measured.sort_by(f64::total_cmp);
    measured.dedup();
    let steps = ((x1 - x0).round() as usize + 1).clamp(2, 60);
    let mut mesh = c.configure_mesh();
    mesh.x_desc(&labels.x)
        .y_desc(&labels.y)
        .axis_desc_style(font(16.0))
        .label_style(font(14.0))
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(228, 228, 228).stroke_width(s(1.0).max(1)))
        .y_label_formatter(&|y| format!("{y:.0}"));
    let x_fmt = |x: &f64| {
        if !counted {
            format!("{x:.0}")
        } else if measured.iter().any(|m| (m - x).abs() < 1e-6) {
            whole(*x)
        } else {
            String::new()
        }
    };
    mesh.x_label_formatter(&x_fmt);
    if counted {
        mesh.x_labels(steps);
    }
    mesh.draw().map_err(e)?;
    let (line, dot) = (s(2.5).max(1), s(3.5).max(2));
    for (i, series) in chart.series.iter().enumerate() {
        let color = colour(chart, i).to_rgba();
        let points = series.points.iter().copied();
        match mark_of(chart, i) {
            Mark::Line => {
                c.draw_series(LineSeries::new(points.clone(), color.stroke_width(line)))
                    .map_err(e)?;
                c.draw_series(points.map(|p| Circle::new(p, dot, color.filled())))
                    .map_err(e)?;
            }
            Mark::Ring => {
                c.draw_series(
                    points.map(|p| Circle::new(p, dot, color.stroke_width(s(1.5).max(1)))),
                )
                .map_err(e)?;
            }
            Mark::Real => {
                c.draw_series(
                    points
                        .clone()
                        .map(|p| Circle::new(p, dot * 2, color.filled())),
                )
                .map_err(e)?;
                c.draw_series(
                    points.map(|p| Circle::new(p, dot * 2, BLACK.stroke_width(s(1.2).max(1)))),
                )
                .map_err(e)?;
            }
        }
    }
    for (i, m) in chart.marks.iter().enumerate() {
        let grey = RGBColor(110, 110, 110);
        c.draw_series(DashedLineSeries::new(
            vec![(m.at, 0.0), (m.at, top)],
            s(6.0),
            s(4.0),
            grey.stroke_width(s(1.0).max(1)),
        ))
        .map_err(e)?;
        let text = labels.marks.get(i).cloned().unwrap_or_default();
        c.draw_series(std::iter::once(Text::new(
            format!(" {text}"),
            (m.at, top * (0.98 - 0.06 * (i % 2) as f64)),
            font(13.0).into_font().color(&grey),
        )))
        .map_err(e)?;
    }
    let col_w = f64::from(w) / cols as f64;
    let left = 84.0 * scale;
    for i in 0..n {
        let color = colour(chart, i).to_rgba();
        let x = (left + (i % cols) as f64 * (col_w - left / 2.0)) as i32;
        let y = (6.0 * scale + (i / cols) as f64 * row_h + row_h / 2.0) as i32;
        let sw = s(22.0) as i32;
        match mark_of(chart, i) {
            Mark::Line => {
                lower
                    .draw(&PathElement::new(
                        vec![(x, y), (x + sw, y)],
                        color.stroke_width(line),
                    ))
                    .map_err(e)?;
                lower
                    .draw(&Circle::new((x + sw / 2, y), dot, color.filled()))
                    .map_err(e)?;
            }
            Mark::Ring => lower
                .draw(&Circle::new(
                    (x + sw / 2, y),
                    dot,
                    color.stroke_width(s(1.5).max(1)),
                ))
                .map_err(e)?,
            Mark::Real => {
                lower
                    .draw(&Circle::new((x + sw / 2, y), dot * 2, color.filled()))
                    .map_err(e)?;
                lower
                    .draw(&Circle::new(
                        (x + sw / 2, y),
                        dot * 2,
                        BLACK.stroke_width(1),
                    ))
                    .map_err(e)?;
            }
        }
        let text = labels.series.get(i).cloned().unwrap_or_default();
        lower
            .draw(&Text::new(
                text,
                (x + sw + s(8.0) as i32, y - s(7.0) as i32),
                font(13.0).into_font().color(&RGBColor(40, 40, 40)),
            ))
            .map_err(e)?;
    }
    let (px, py) = c.plotting_area().get_pixel_range();
    Ok(Frame {
        px: (px.start, px.end),
        py: (py.start, py.end),
        x: (x_range.start, x_range.end),
        y: (0.0, top),
    })
}

/// The chart as an SVG document of `size` pixels.
#[cfg(feature = "svg")]
pub fn svg(chart: &Chart, labels: &Labels, size: (u32, u32)) -> String {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        // Drawing into a string fails only on a plotters bug; the SVG is then partial.
        let _ = draw(&root, chart, labels, 1.0);
        let _ = root.present();
    }
    out
}

#[cfg(all(test, feature = "svg"))]
mod tests {
    use super::*;
    use zooscope_core::experiment::chart::Series;

    fn chart() -> Chart {
        Chart {
            x: Measure::Servers,
            y: Measure::TimeToQuorumMs,
            series: vec![Series {
                name: SeriesName::ElectionRuns {
                    phase: zooscope_core::experiment::chart::Phase::Cold,
                },
                style: Style::Line,
                points: vec![(3.0, 200.0), (5.0, 260.0)],
                seeds: vec![1, 2],
            }],
            marks: Vec::new(),
        }
    }

    #[test]
    fn the_svg_has_the_words_and_a_line() {
        let labels = Labels {
            title: "T".into(),
            x: "servers".into(),
            y: "选举时间".into(),
            series: vec!["runs".into()],
            marks: vec![],
        };
        let svg = svg(&chart(), &labels, (800, 500));
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("选举时间") && svg.contains("runs"));
        assert!(svg.contains("<polyline") || svg.contains("<path"));
    }

    #[test]
    fn the_frame_finds_the_nearest_point() {
        let mut svg = String::new();
        let root = SVGBackend::with_string(&mut svg, (800, 500)).into_drawing_area();
        let frame = draw(&root, &chart(), &Labels::default(), 1.0).unwrap();
        let c = chart();
        let p = frame.pixel((5.0, 260.0));
        assert_eq!(
            frame.nearest(&c, (p.0 + 2.0, p.1 - 1.0), 10.0),
            Some((0, 1))
        );
        assert_eq!(frame.nearest(&c, (0.0, 0.0), 10.0), None);
    }
}

/// plotters itself, for the backends the callers bring (the page's canvas).
pub use plotters;
