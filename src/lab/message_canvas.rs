//! The moving messages of the cluster view, painted on a `<canvas>` laid over the SVG.
//!
//! Messages move every frame and there can be hundreds of them. As SVG elements each
//! frame cost a DOM diff, an attribute write per message and a style and layout pass
//! over the whole layer (measured: the lab's main thread 85 % busy, every third frame
//! late at 7 servers, 20 clients and ~250 messages). On a canvas a frame is one clear
//! and a handful of paths, one per family, however many messages there are.
//!
//! What the canvas cannot give, this module adds back: clicking (or tapping) a message
//! selects it (a capture-phase listener on the window hit-tests the shapes before a
//! server or link underneath sees the click), the pointer turns into a hand over a message,
//! and [`drawn_messages`] tells the browser tests where each message is on the screen.
//! Keyboard and screen-reader users reach messages through the inspector's list, as
//! before; the canvas itself is `aria-hidden`.

use super::command::LabCommand;
use super::view::Family;
use gloo::events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, MouseEvent as WebMouseEvent};
use yew::prelude::*;

/// Radius (drawing units) within which a click picks a message.
pub const HIT_RADIUS: f64 = 13.0;

/// One message as painted: where, what, how.
#[derive(Clone, Debug, PartialEq)]
pub struct PaintedMsg {
    /// Kernel message id.
    pub id: u64,
    /// Centre in drawing (viewBox) units.
    pub x: f64,
    /// Centre in drawing (viewBox) units.
    pub y: f64,
    /// Family: colour and shape.
    pub family: Family,
    /// Held on a clogged path (drawn faded).
    pub held: bool,
    /// Selected (drawn with a dark outline and always labelled).
    pub selected: bool,
    /// Text label, if drawn.
    pub label: Option<&'static str>,
}

/// The drawing's viewBox: x, y, width, height.
pub type ViewBox = (f64, f64, f64, f64);

/// Props of [`MessageCanvas`].
#[derive(Properties, PartialEq)]
pub struct MessageCanvasProps {
    /// What to paint, in paint order (later on top).
    pub messages: Rc<Vec<PaintedMsg>>,
    /// The viewBox of the SVG underneath (the canvas uses the same mapping).
    pub view_box: ViewBox,
    /// Where a click on a message goes.
    pub on_command: Callback<LabCommand>,
    /// Size of the shapes and labels (1; larger in projector mode).
    #[prop_or(1.0)]
    pub size: f64,
    /// The dark scheme is in effect (the colours are read again when it changes).
    #[prop_or_default]
    pub dark: bool,
}

/// Fill colours of the families and the ink colour, read from the page's CSS custom
/// properties (`--f-election`, …, `--ink`) so the canvas matches the legend.
#[derive(Clone, Debug)]
struct Palette {
    families: [String; 6],
    ink: String,
    /// The paper colour (outlines and label halos).
    paper: String,
}

impl Default for Palette {
    fn default() -> Self {
        Palette {
            families: [
                "#e69f00".into(),
                "#56b4e9".into(),
                "#7b3294".into(),
                "#cc79a7".into(),
                "#8f979e".into(),
                "#8c6d1f".into(),
            ],
            ink: "#17212b".into(),
            paper: "#ffffff".into(),
        }
    }
}

impl Palette {
    fn read(el: &web_sys::Element) -> Palette {
        let mut p = Palette::default();
        let Ok(Some(style)) = gloo::utils::window().get_computed_style(el) else {
            return p;
        };
        let var = |name: &str| {
            style
                .get_property_value(name)
                .ok()
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        for (slot, fam) in p.families.iter_mut().zip(Family::ALL) {
            if let Some(v) = var(&format!("--f-{}", fam.class())) {
                *slot = v;
            }
        }
        if let Some(v) = var("--ink") {
            p.ink = v;
        }
        if let Some(v) = var("--surface") {
            p.paper = v;
        }
        p
    }

    fn fill(&self, f: Family) -> &str {
        let i = Family::ALL.iter().position(|x| *x == f).unwrap_or(0);
        &self.families[i]
    }
}

/// Maps drawing units to CSS pixels of the canvas box the way SVG's default
/// `preserveAspectRatio="xMidYMid meet"` does: uniform scale, centred.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    /// CSS px per drawing unit.
    pub scale: f64,
    /// CSS px offset of the drawing's x = view_box.0.
    pub dx: f64,
    /// CSS px offset of the drawing's y = view_box.1.
    pub dy: f64,
}

impl Fit {
    /// The fit of `vb` into a box of `w` × `h` CSS px.
    pub fn new(vb: ViewBox, w: f64, h: f64) -> Fit {
        let (vw, vh) = (vb.2.max(1.0), vb.3.max(1.0));
        let scale = (w / vw).min(h / vh).max(1e-6);
        Fit {
            scale,
            dx: (w - vw * scale) / 2.0 - vb.0 * scale,
            dy: (h - vh * scale) / 2.0 - vb.1 * scale,
        }
    }

    /// Drawing units → CSS px within the box.
    pub fn to_px(self, x: f64, y: f64) -> (f64, f64) {
        (x * self.scale + self.dx, y * self.scale + self.dy)
    }

    /// CSS px within the box → drawing units.
    pub fn to_units(self, px: f64, py: f64) -> (f64, f64) {
        ((px - self.dx) / self.scale, (py - self.dy) / self.scale)
    }
}

/// The message under drawing point `(x, y)`: the topmost (last painted) within
/// [`HIT_RADIUS`].
pub fn hit(messages: &[PaintedMsg], x: f64, y: f64) -> Option<u64> {
    messages
        .iter()
        .rev()
        .find(|m| (m.x - x).powi(2) + (m.y - y).powi(2) <= HIT_RADIUS * HIT_RADIUS)
        .map(|m| m.id)
}

/// What painting, the event listeners and the test hook need between frames.
#[derive(Default)]
struct Shared {
    messages: Rc<Vec<PaintedMsg>>,
    view_box: ViewBox,
    canvas: Option<HtmlCanvasElement>,
    ctx: Option<CanvasRenderingContext2d>,
    palette: Option<Palette>,
    /// The canvas box in CSS px, kept by a ResizeObserver: reading `clientWidth`
    /// every frame would force a layout in the middle of the frame.
    size: Option<(f64, f64)>,
    /// Shape size (projector mode draws larger).
    scale: f64,
    /// The scheme the palette was read under.
    dark: Option<bool>,
    /// The scheme the props say is in effect.
    dark_prop: bool,
}

impl Shared {
    /// Paint the current messages (if the canvas is mounted and has a size).
    fn repaint(&mut self) {
        let (Some(canvas), Some((w, h))) = (self.canvas.as_ref(), self.size) else {
            return;
        };
        if self.ctx.is_none() {
            self.ctx = canvas
                .get_context("2d")
                .ok()
                .flatten()
                .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok());
        }
        let Some(ctx) = self.ctx.as_ref() else {
            return;
        };
        if self.dark != Some(self.dark_prop) {
            self.palette = None;
            self.dark = Some(self.dark_prop);
        }
        let scale = if self.scale > 0.0 { self.scale } else { 1.0 };
        let pal = self.palette.get_or_insert_with(|| Palette::read(canvas));
        paint(
            canvas,
            ctx,
            pal,
            (w, h),
            &self.messages,
            (self.view_box, scale),
        );
    }
}

thread_local! {
    /// The mounted canvas's state, for [`drawn_messages`] (one lab per page).
    static CURRENT: RefCell<std::rc::Weak<RefCell<Shared>>> = const { RefCell::new(std::rc::Weak::new()) };
}

/// The messages painted in the last frame, with their centres in viewport CSS pixels
/// (for the browser tests: they click there): (id, family class, x, y).
pub fn drawn_messages() -> Vec<(u64, &'static str, f64, f64)> {
    let Some(shared) = CURRENT.with(|c| c.borrow().upgrade()) else {
        return Vec::new();
    };
    let shared = shared.borrow();
    let Some(canvas) = shared.canvas.as_ref() else {
        return Vec::new();
    };
    let rect = canvas.get_bounding_client_rect();
    let fit = Fit::new(shared.view_box, rect.width(), rect.height());
    shared
        .messages
        .iter()
        .map(|m| {
            let (x, y) = fit.to_px(m.x, m.y);
            (m.id, m.family.class(), rect.left() + x, rect.top() + y)
        })
        .collect()
}

/// The drawing point under a mouse event, if the event is over the canvas.
fn event_point(shared: &Shared, e: &WebMouseEvent) -> Option<(f64, f64)> {
    let canvas = shared.canvas.as_ref()?;
    let rect = canvas.get_bounding_client_rect();
    let (px, py) = (
        f64::from(e.client_x()) - rect.left(),
        f64::from(e.client_y()) - rect.top(),
    );
    if px < 0.0 || py < 0.0 || px > rect.width() || py > rect.height() {
        return None;
    }
    Some(Fit::new(shared.view_box, rect.width(), rect.height()).to_units(px, py))
}

/// The canvas layer. Place it in a positioned box that also holds the SVG it covers.
#[component]
pub fn MessageCanvas(p: &MessageCanvasProps) -> Html {
    let canvas_ref = use_node_ref();
    let shared = use_mut_ref(Shared::default);
    {
        let mut s = shared.borrow_mut();
        s.messages = p.messages.clone();
        s.view_box = p.view_box;
        s.scale = p.size;
        s.dark_prop = p.dark;
    }

    // Mount: remember the canvas, listen for clicks (a message lies on top of whatever
    // is under it, so it must see the click first) and pointer moves on the drawing.
    {
        let (canvas_ref, shared, on_command) =
            (canvas_ref.clone(), shared.clone(), p.on_command.clone());
        use_effect_with((), move |_| {
            let canvas = canvas_ref.cast::<HtmlCanvasElement>();
            {
                let mut s = shared.borrow_mut();
                s.canvas = canvas.clone();
                s.size = canvas
                    .as_ref()
                    .map(|c| (f64::from(c.client_width()), f64::from(c.client_height())));
                s.repaint();
            }
            CURRENT.with(|c| *c.borrow_mut() = Rc::downgrade(&shared));
            let resize = canvas.as_ref().and_then(|c| watch_size(c, &shared));
            let stack = canvas.as_ref().and_then(|c| c.parent_element());
            let listeners = stack.map(|stack| {
                let capture = EventListenerOptions {
                    phase: gloo::events::EventListenerPhase::Capture,
                    passive: false,
                };
                // Yew handles every event in the capture phase at its root and then runs
                // the handlers itself, so a capture listener on the drawing would come
                // too late (the link or server under the message would already have
                // acted). The window's capture phase comes before Yew's.
                let click = {
                    let (shared, stack2) = (shared.clone(), stack.clone());
                    EventListener::new_with_options(
                        &gloo::utils::window(),
                        "click",
                        capture,
                        move |event| {
                            let Some(e) = event.dyn_ref::<WebMouseEvent>() else {
                                return;
                            };
                            let inside = e
                                .target()
                                .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                                .is_some_and(|t| stack2.contains(Some(&t)));
                            if !inside {
                                return;
                            }
                            let s = shared.borrow();
                            let Some((x, y)) = event_point(&s, e) else {
                                return;
                            };
                            if let Some(id) = hit(&s.messages, x, y) {
                                drop(s);
                                e.stop_propagation();
                                e.prevent_default();
                                on_command.emit(LabCommand::SelectMessage(Some(id)));
                            }
                        },
                    )
                };
                let hover = {
                    let (shared, stack2) = (shared.clone(), stack.clone());
                    EventListener::new(&stack, "mousemove", move |event| {
                        let Some(e) = event.dyn_ref::<WebMouseEvent>() else {
                            return;
                        };
                        let s = shared.borrow();
                        let over = event_point(&s, e)
                            .is_some_and(|(x, y)| hit(&s.messages, x, y).is_some());
                        let _ = stack2.class_list().toggle_with_force("over-message", over);
                    })
                };
                (click, hover)
            });
            move || {
                drop(listeners);
                if let Some((observer, callback)) = resize {
                    observer.disconnect();
                    drop(callback);
                }
                CURRENT.with(|c| *c.borrow_mut() = std::rc::Weak::new());
            }
        });
    }

    // Every new frame: paint.
    {
        let shared = shared.clone();
        use_effect_with((p.messages.clone(), p.view_box, p.dark), move |_| {
            shared.borrow_mut().repaint();
        });
    }

    html! {
        <canvas ref={canvas_ref} class="cluster cluster-msgs" aria-hidden="true"
            data-drawn={p.messages.len().to_string()} />
    }
}

/// The JavaScript callback of the ResizeObserver.
type ResizeCallback = Closure<dyn FnMut(js_sys::Array)>;

/// A ResizeObserver that keeps `shared.size` current and repaints on a change; the
/// observer and its callback live until the returned pair is disconnected and dropped.
fn watch_size(
    canvas: &HtmlCanvasElement,
    shared: &Rc<RefCell<Shared>>,
) -> Option<(web_sys::ResizeObserver, ResizeCallback)> {
    let shared = shared.clone();
    let callback = ResizeCallback::new(move |entries: js_sys::Array| {
        let Some(entry) = entries
            .iter()
            .last()
            .and_then(|e| e.dyn_into::<web_sys::ResizeObserverEntry>().ok())
        else {
            return;
        };
        let rect = entry.content_rect();
        let mut s = shared.borrow_mut();
        s.size = Some((rect.width(), rect.height()));
        s.repaint();
    });
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(canvas);
    Some((observer, callback))
}

/// Size the backing store to the box (`w` × `h` CSS px) × devicePixelRatio, clear, and
/// paint `messages`.
fn paint(
    canvas: &HtmlCanvasElement,
    ctx: &CanvasRenderingContext2d,
    pal: &Palette,
    (w, h): (f64, f64),
    messages: &[PaintedMsg],
    (vb, size): (ViewBox, f64),
) {
    if w <= 0.0 || h <= 0.0 {
        return;
    }
    let dpr = gloo::utils::window().device_pixel_ratio().clamp(1.0, 3.0);
    let (bw, bh) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
    if canvas.width() != bw || canvas.height() != bh {
        canvas.set_width(bw);
        canvas.set_height(bh);
    }
    let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, f64::from(bw), f64::from(bh));
    if messages.is_empty() {
        return;
    }
    let fit = Fit::new(vb, w, h);
    let k = fit.scale * dpr;
    let _ = ctx.set_transform(k, 0.0, 0.0, k, fit.dx * dpr, fit.dy * dpr);
    ctx.set_line_join("round");

    // One path per (family, faded) group: few canvas calls however many messages.
    for family in Family::ALL {
        for held in [false, true] {
            let group = messages
                .iter()
                .filter(|m| m.family == family && m.held == held && !m.selected);
            if group.clone().next().is_none() {
                continue;
            }
            ctx.begin_path();
            for m in group {
                shape_path(ctx, m.family, m.x, m.y, size);
            }
            ctx.set_global_alpha(if held { 0.5 } else { 1.0 });
            ctx.set_fill_style_str(pal.fill(family));
            ctx.fill();
            ctx.set_stroke_style_str(if family == Family::Broadcast {
                "#7a2d5c"
            } else {
                &pal.paper
            });
            ctx.set_line_width(1.8 * size);
            ctx.stroke();
        }
    }
    // The selected message on top, outlined in ink.
    for m in messages.iter().filter(|m| m.selected) {
        ctx.begin_path();
        shape_path(ctx, m.family, m.x, m.y, size);
        ctx.set_global_alpha(if m.held { 0.5 } else { 1.0 });
        ctx.set_fill_style_str(pal.fill(m.family));
        ctx.fill();
        ctx.set_stroke_style_str(&pal.ink);
        ctx.set_line_width(3.0 * size);
        ctx.stroke();
    }
    ctx.set_global_alpha(1.0);

    // Labels: white halo, then ink.
    let labelled: Vec<&PaintedMsg> = messages.iter().filter(|m| m.label.is_some()).collect();
    if labelled.is_empty() {
        return;
    }
    ctx.set_font(&format!(
        "800 {:.1}px system-ui, -apple-system, 'Segoe UI', 'Noto Sans', sans-serif",
        10.0 * size
    ));
    ctx.set_text_align("center");
    ctx.set_text_baseline("alphabetic");
    ctx.set_line_width(3.0 * size);
    ctx.set_stroke_style_str(&pal.paper);
    let above = 11.0 * size;
    for m in &labelled {
        let _ = ctx.stroke_text(m.label.unwrap_or_default(), m.x, m.y - above);
    }
    ctx.set_fill_style_str(&pal.ink);
    for m in &labelled {
        let _ = ctx.fill_text(m.label.unwrap_or_default(), m.x, m.y - above);
    }
}

/// Add the family's shape centred at (x, y) to the current path (the same shapes as
/// the legend: circle, diamond, rounded square, small circle, triangle).
fn shape_path(ctx: &CanvasRenderingContext2d, family: Family, x: f64, y: f64, k: f64) {
    let circle = |r: f64| {
        ctx.move_to(x + r * k, y);
        let _ = ctx.arc(x, y, r * k, 0.0, std::f64::consts::TAU);
    };
    // Offsets from the centre, scaled by `k`.
    let (move_to, line_to) = (
        |dx: f64, dy: f64| ctx.move_to(x + dx * k, y + dy * k),
        |dx: f64, dy: f64| ctx.line_to(x + dx * k, y + dy * k),
    );
    let arc_to = |ax: f64, ay: f64, bx: f64, by: f64| {
        let _ = ctx.arc_to(x + ax * k, y + ay * k, x + bx * k, y + by * k, 2.0 * k);
    };
    match family {
        Family::Election => circle(7.0),
        Family::Heartbeat => circle(4.5),
        Family::Discovery | Family::Sync => {
            move_to(0.0, -8.0);
            line_to(8.0, 0.0);
            line_to(0.0, 8.0);
            line_to(-8.0, 0.0);
            ctx.close_path();
        }
        Family::Broadcast => {
            move_to(-4.5, -6.5);
            arc_to(6.5, -6.5, 6.5, 6.5);
            arc_to(6.5, 6.5, -6.5, 6.5);
            arc_to(-6.5, 6.5, -6.5, -6.5);
            arc_to(-6.5, -6.5, 6.5, -6.5);
            ctx.close_path();
        }
        Family::Client => {
            move_to(0.0, -8.0);
            line_to(7.5, 6.0);
            line_to(-7.5, 6.0);
            ctx.close_path();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(id: u64, x: f64, y: f64) -> PaintedMsg {
        PaintedMsg {
            id,
            x,
            y,
            family: Family::Election,
            held: false,
            selected: false,
            label: None,
        }
    }

    #[test]
    fn fit_centres_like_svg_meet_and_round_trips() {
        // A 200 × 100 drawing in a 400 × 400 box: scale 2, centred vertically.
        let f = Fit::new((0.0, 0.0, 200.0, 100.0), 400.0, 400.0);
        assert_eq!(f.scale, 2.0);
        assert_eq!(f.to_px(0.0, 0.0), (0.0, 100.0));
        assert_eq!(f.to_px(200.0, 100.0), (400.0, 300.0));
        // An offset viewBox maps its corner to the box's corner.
        let g = Fit::new((50.0, 20.0, 100.0, 100.0), 100.0, 100.0);
        assert_eq!(g.to_px(50.0, 20.0), (0.0, 0.0));
        let (x, y) = g.to_units(30.0, 70.0);
        assert!((x - 80.0).abs() < 1e-9 && (y - 90.0).abs() < 1e-9);
    }

    #[test]
    fn hit_picks_the_topmost_message_within_reach() {
        let ms = vec![msg(1, 10.0, 10.0), msg(2, 14.0, 10.0), msg(3, 100.0, 100.0)];
        // Both 1 and 2 are within reach of (12, 10); 2 is painted later, so on top.
        assert_eq!(hit(&ms, 12.0, 10.0), Some(2));
        assert_eq!(hit(&ms, 100.0, 100.0 + HIT_RADIUS), Some(3));
        assert_eq!(hit(&ms, 100.0, 100.0 + HIT_RADIUS + 0.5), None);
        assert_eq!(hit(&[], 0.0, 0.0), None);
    }
}
