//! Drawing a chart on the page: plotters' canvas backend (plotters-canvas) into a
//! `<canvas>` whose pixel size is its CSS size times `devicePixelRatio` (plotters does
//! not scale by itself, so the drawing is scaled instead and stays crisp on high-DPI
//! screens), and the same drawing as an SVG download (`zooscope_chart::svg`). Plotters
//! lays text out through the DOM, so this runs on the main thread, never in the worker.

use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;
use zooscope_chart::plotters::prelude::IntoDrawingArea;
use zooscope_chart::{Frame, Labels};
use zooscope_core::experiment::chart::Chart;

/// The chart's size in CSS pixels (and the SVG's).
pub const SIZE: (u32, u32) = (900, 600);

/// The screen's pixels per CSS pixel (1 when unknown), at most 4.
pub fn pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r > 0.0)
        .unwrap_or(1.0)
        .min(4.0)
}

/// Draw `chart` into `canvas` at `ratio` device pixels per CSS pixel; the frame is in
/// device pixels.
pub fn on_canvas(
    canvas: &HtmlCanvasElement,
    chart: &Chart,
    labels: &Labels,
    ratio: f64,
) -> Result<Frame, String> {
    canvas.set_width((f64::from(SIZE.0) * ratio).round() as u32);
    canvas.set_height((f64::from(SIZE.1) * ratio).round() as u32);
    let backend =
        CanvasBackend::with_canvas_object(canvas.clone()).ok_or("the canvas has no 2D context")?;
    let root = backend.into_drawing_area();
    let frame = zooscope_chart::draw(&root, chart, labels, ratio)?;
    root.present().map_err(|e| e.to_string())?;
    Ok(frame)
}

/// The same chart as an SVG document.
pub fn svg(chart: &Chart, labels: &Labels) -> String {
    zooscope_chart::svg(chart, labels, SIZE)
}

/// A `data:` URL of `text` with `mime`, for a download link.
pub fn data_url(mime: &str, text: &str) -> String {
    format!("data:{mime};charset=utf-8,{}", urlencoding::encode(text))
}
