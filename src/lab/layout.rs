//! Where the cluster view puts things so that no two labels overlap, and no label sits
//! on a link or on the banner, for 1–9 servers and up to [`super::setup`]'s client limit.
//!
//! Servers stand on a ring ([`server_xy`]); links between them are chords, so they stay
//! inside the ring. Each server's label block (state word, epoch and zxid, its vote)
//! therefore goes *outside* its shape, pushed radially outward until the block clears
//! the shape. The banner (leader and quorum line) goes above the topmost label, outside
//! the ring too. Clients stand on an ellipse around all of that: the smallest ellipse
//! of the drawing's proportions on which no client box touches a label block, a server
//! or the banner. Block sizes are fixed bounds per label scale (not the text of the
//! moment), so nothing moves when a label's text changes.

use super::view::{server_radius, server_xy, CENTER};

/// Height of one label line at scale 1 (drawing units).
pub const LINE_H: f64 = 15.0;
/// Lines of a server's label block (state, epoch and zxid, vote).
pub const LABEL_LINES: usize = 3;
/// Width bound of a label block at scale 1 (the widest line the lab writes under a
/// server: "epoch 12 · 0x12│1f3", "votes S9 · round 12", "投给 S9 · 第 12 轮").
pub const LABEL_W: f64 = 150.0;
/// Banner size at scale 1 (two lines: "★ S3 · epoch 2", the quorum line).
pub const BANNER_W: f64 = 270.0;
/// Banner height at scale 1.
pub const BANNER_H: f64 = 42.0;
/// Half size of a client box.
pub const CLIENT_HALF: (f64, f64) = (22.0, 13.0);
/// Room kept between any two things.
const GAP: f64 = 6.0;

/// An axis-aligned rectangle: left, top, right, bottom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left.
    pub x0: f64,
    /// Top.
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Bottom.
    pub y1: f64,
}

impl Rect {
    /// The rectangle of size `w` × `h` centred on `c`.
    pub fn around(c: (f64, f64), w: f64, h: f64) -> Rect {
        Rect {
            x0: c.0 - w / 2.0,
            y0: c.1 - h / 2.0,
            x1: c.0 + w / 2.0,
            y1: c.1 + h / 2.0,
        }
    }

    /// Do the two overlap (touching counts), after growing `self` by `margin`?
    pub fn hits(&self, o: &Rect, margin: f64) -> bool {
        self.x0 - margin < o.x1
            && o.x0 < self.x1 + margin
            && self.y0 - margin < o.y1
            && o.y0 < self.y1 + margin
    }

    /// Distance from `p` to the nearest point of the rectangle (0 inside).
    pub fn distance(&self, p: (f64, f64)) -> f64 {
        let dx = (self.x0 - p.0).max(p.0 - self.x1).max(0.0);
        let dy = (self.y0 - p.1).max(p.1 - self.y1).max(0.0);
        (dx * dx + dy * dy).sqrt()
    }
}

/// Where everything of one ensemble goes.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Server centres, in ring order.
    pub servers: Vec<(f64, f64)>,
    /// Radius of a server's shape.
    pub radius: f64,
    /// Each server's label block (text centred in it, lines from its top).
    pub labels: Vec<Rect>,
    /// The banner's box (text centred in it).
    pub banner: Rect,
    /// Client centres.
    pub clients: Vec<(f64, f64)>,
}

/// Radius of the circle a server's shape fits in (the leader's hexagon and the
/// observer's diamond are a little larger than the follower's circle).
fn shape_reach(r: f64) -> f64 {
    r * 1.12 + 3.0
}

/// The label block of a server at `at` on a ring centred at `center`, pushed outward
/// until it clears the shape of radius `reach`.
fn label_block(at: (f64, f64), reach: f64, w: f64, h: f64) -> Rect {
    let (dx, dy) = (at.0 - CENTER.0, at.1 - CENTER.1);
    let len = (dx * dx + dy * dy).sqrt();
    // A lone server (at the centre) has its label below.
    let (ux, uy) = if len < 1e-6 {
        (0.0, 1.0)
    } else {
        (dx / len, dy / len)
    };
    let mut t = reach;
    loop {
        let p = (at.0 + ux * t, at.1 + uy * t);
        let c = (p.0 + ux * w / 2.0, p.1 + uy * h / 2.0);
        let rect = Rect::around(c, w, h);
        if rect.distance(at) >= reach + GAP || t > reach + w + h {
            return rect;
        }
        t += 1.0;
    }
}

/// The layout of `servers` servers and `clients` clients with labels of `lines` lines
/// ([`LABEL_LINES`], or 0 on a phone, where only the shapes read) at `scale` (1
/// normally, larger in projector mode).
pub fn layout(servers: usize, clients: usize, lines: usize, scale: f64) -> Layout {
    let scale = scale.clamp(0.5, 3.0);
    let lines = lines.min(LABEL_LINES);
    let r = server_radius(servers);
    let reach = shape_reach(r);
    let centres: Vec<(f64, f64)> = (0..servers).map(|i| server_xy(i, servers)).collect();
    let (w, h) = if lines == 0 {
        (0.0, 0.0)
    } else {
        (LABEL_W * scale, LINE_H * scale * lines as f64)
    };
    let labels: Vec<Rect> = centres
        .iter()
        .map(|&at| label_block(at, reach, w, h))
        .collect();
    // The banner sits above everything of the ring.
    let top = labels
        .iter()
        .map(|b| b.y0)
        .chain(centres.iter().map(|c| c.1 - reach))
        .fold(CENTER.1, f64::min);
    // Without labels (a phone) the banner is smaller too.
    let banner_scale = if lines == 0 { scale * 0.8 } else { scale };
    let (bw, bh) = (BANNER_W * banner_scale, BANNER_H * banner_scale);
    let banner = Rect::around((CENTER.0, top - GAP * 2.0 - bh / 2.0), bw, bh);
    let mut keep_out: Vec<Rect> = labels.clone();
    keep_out.push(banner);
    keep_out.extend(
        centres
            .iter()
            .map(|&c| Rect::around(c, reach * 2.0, reach * 2.0)),
    );
    let aspect = if lines == 0 {
        CLIENT_ASPECT_COMPACT
    } else {
        CLIENT_ASPECT
    };
    let clients = client_ring(clients, &keep_out, aspect);
    Layout {
        servers: centres,
        radius: r,
        labels,
        banner,
        clients,
    }
}

/// Proportions of the client ellipse (wider than tall, as screens are).
const CLIENT_ASPECT: f64 = 1.3;
/// …and on a phone, whose stage is a short wide strip.
const CLIENT_ASPECT_COMPACT: f64 = 1.8;

/// Client `i` of `n` on the ellipse of vertical radius `ry`: spread evenly, offset
/// half a step from the top so the first client is not above the banner.
fn client_at(i: usize, n: usize, ry: f64, aspect: f64) -> (f64, f64) {
    let step = std::f64::consts::TAU / n.max(1) as f64;
    let a = -std::f64::consts::FRAC_PI_2 + step / 2.0 + step * i as f64;
    (CENTER.0 + ry * aspect * a.cos(), CENTER.1 + ry * a.sin())
}

/// The clients on the smallest ellipse where no client box touches `keep_out`.
fn client_ring(n: usize, keep_out: &[Rect], aspect: f64) -> Vec<(f64, f64)> {
    if n == 0 {
        return Vec::new();
    }
    let boxed = |c: (f64, f64)| Rect::around(c, CLIENT_HALF.0 * 2.0, CLIENT_HALF.1 * 2.0);
    let mut ry = 120.0;
    while ry < 2000.0 {
        let placed: Vec<(f64, f64)> = (0..n).map(|i| client_at(i, n, ry, aspect)).collect();
        let clear = placed.iter().enumerate().all(|(i, &c)| {
            let b = boxed(c);
            keep_out.iter().all(|k| !b.hits(k, GAP))
                && placed[..i].iter().all(|&o| !b.hits(&boxed(o), 2.0))
        });
        if clear {
            return placed;
        }
        ry += 4.0;
    }
    (0..n).map(|i| client_at(i, n, ry, aspect)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The segment from `p` to `q` passes through `r`.
    fn crosses(r: &Rect, p: (f64, f64), q: (f64, f64)) -> bool {
        (0..=200).any(|k| {
            let t = k as f64 / 200.0;
            r.distance((p.0 + (q.0 - p.0) * t, p.1 + (q.1 - p.1) * t)) == 0.0
        })
    }

    #[test]
    fn nothing_overlaps_for_one_to_nine_servers_and_up_to_twenty_clients() {
        for (lines, scale) in [(LABEL_LINES, 1.0), (LABEL_LINES, 1.3), (0, 1.0)] {
            for n in 1..=9 {
                for clients in [0, 1, 3, 20] {
                    let l = layout(n, clients, lines, scale);
                    let reach = shape_reach(l.radius);
                    let ctx = format!("{n} servers, {clients} clients, scale {scale}");
                    for (i, a) in l.labels.iter().enumerate() {
                        assert!(!a.hits(&l.banner, 0.0), "label {i} on the banner: {ctx}");
                        for b in &l.labels[i + 1..] {
                            assert!(!a.hits(b, 0.0), "labels overlap: {ctx}");
                        }
                        for (j, &s) in l.servers.iter().enumerate() {
                            assert!(a.distance(s) >= reach, "label {i} on server {j}: {ctx}");
                        }
                        // No label on a link between two servers.
                        for p in 0..n {
                            for q in p + 1..n {
                                assert!(
                                    !crosses(a, l.servers[p], l.servers[q]),
                                    "label {i} on link {p}-{q}: {ctx}"
                                );
                            }
                        }
                    }
                    for (p, &s) in l.servers.iter().enumerate() {
                        assert!(l.banner.distance(s) >= reach, "banner on server {p}: {ctx}");
                        for q in p + 1..n {
                            assert!(
                                !crosses(&l.banner, s, l.servers[q]),
                                "banner on link {p}-{q}: {ctx}"
                            );
                        }
                    }
                    assert_eq!(l.clients.len(), clients);
                    for (i, &c) in l.clients.iter().enumerate() {
                        let b = Rect::around(c, CLIENT_HALF.0 * 2.0, CLIENT_HALF.1 * 2.0);
                        assert!(!b.hits(&l.banner, 0.0), "client {i} on the banner: {ctx}");
                        assert!(
                            l.labels.iter().all(|x| !b.hits(x, 0.0)),
                            "client {i} on a label: {ctx}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_layout_depends_only_on_counts() {
        assert_eq!(layout(5, 20, 3, 1.0), layout(5, 20, 3, 1.0));
        // More servers never pull the clients in closer than they need.
        let far = |l: &Layout| {
            l.clients
                .iter()
                .map(|c| (c.1 - CENTER.1).abs())
                .fold(0.0, f64::max)
        };
        assert!(far(&layout(9, 20, 3, 1.0)) >= far(&layout(3, 20, 3, 1.0)) - 1.0);
        // Without labels (a phone) the drawing is smaller.
        assert!(far(&layout(5, 20, 0, 1.0)) < far(&layout(5, 20, 3, 1.0)));
    }
}
