//! The lock lab's panels: the counters (with their values per acquisition), the chart of
//! wake-ups as clients grow, the fenced storage's writes, the 12306 sales and the
//! console of scenario lines.

use crate::components::ids::use_id_scope;
use crate::i18n::LockTexts;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use zooscope_core::scenario::fencing::{StorageWrite, Verdict};
use zooscope_core::scenario::lock_view::LockCounters;
use zooscope_core::scenario::tickets::{TicketEvent, TicketRun};

/// Longest line the console takes.
pub const LINE_MAX: usize = 300;
/// Transcript lines shown (the newest).
pub const TRANSCRIPT_SHOWN: usize = 60;

fn fill(t: &str, pairs: &[(&str, String)]) -> String {
    let mut s = t.to_string();
    for (k, v) in pairs {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

fn values(c: &LockCounters) -> [(&'static str, u64); 7] {
    [
        ("acquisitions", c.acquisitions),
        ("releases", c.releases),
        ("wakeups", c.wakeups),
        ("notifications", c.notifications),
        ("requests", c.requests),
        ("zxids", c.zxids),
        ("gave-up", c.gave_up),
    ]
}

/// Props of [`CountersTable`].
#[derive(Properties, PartialEq)]
pub struct CountersProps {
    /// One column per side: (heading, counters, counters before the last line).
    pub sides: Vec<(AttrValue, LockCounters, LockCounters)>,
    /// The words.
    pub texts: &'static LockTexts,
}

/// The counters, a column per side, each with its value per acquisition; a counter that
/// rose with the last line flashes.
#[component]
pub fn CountersTable(p: &CountersProps) -> Html {
    let t = p.texts;
    html! {
        <table class="lk-counters">
            <thead><tr>
                <th scope="col">{ t.counters_title }</th>
                { for p.sides.iter().map(|(h, _, _)| html! { <th scope="col" colspan="2">{ h.clone() }</th> }) }
            </tr><tr>
                <th></th>
                { for p.sides.iter().map(|_| html! { <><th></th><th scope="col" class="muted">{ t.per_acquisition }</th></> }) }
            </tr></thead>
            <tbody>
                { for (0..7).map(|i| html! {
                    <tr>
                        <th scope="row">{ t.counters[i] }</th>
                        { for p.sides.iter().enumerate().map(|(side, (_, now, before))| {
                            let (id, v) = values(now)[i];
                            let rose = v > values(before)[i].1;
                            let per = if now.acquisitions > 0 { format!("{:.1}", v as f64 / now.acquisitions as f64) } else { "–".into() };
                            html! { <>
                                <td class={classes!("lk-count", rose.then_some("lk-flash"))} data-counter={id} data-side={side.to_string()}>{ v }</td>
                                <td class="muted">{ per }</td>
                            </> }
                        }) }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// Props of [`CounterChips`].
#[derive(Properties, PartialEq)]
pub struct ChipsProps {
    /// The counters now.
    pub now: LockCounters,
    /// Before the last line.
    pub before: LockCounters,
    /// The side they belong to (herd versus queue: 0 the herd, 1 the queue).
    #[prop_or(0)]
    pub side: usize,
    /// The words.
    pub texts: &'static LockTexts,
}

/// The counters as a compact grid (the lab's aside); one that rose flashes.
#[component]
pub fn CounterChips(p: &ChipsProps) -> Html {
    let before = values(&p.before);
    html! {
        <dl class="lk-chips">
            { for values(&p.now).iter().enumerate().map(|(i, (id, v))| html! {
                <div class="lk-chip">
                    <dt>{ p.texts.counters[i] }</dt>
                    <dd class={classes!("lk-count", (*v > before[i].1).then_some("lk-flash"))} data-counter={*id} data-side={p.side.to_string()}>{ *v }</dd>
                </div>
            }) }
        </dl>
    }
}

/// Props of [`WakeupChart`].
#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// (n, herd, queue) points, if measured.
    pub points: Option<Rc<Vec<(usize, u64, u64)>>>,
    /// Measure them.
    pub on_measure: Callback<()>,
    /// The words.
    pub texts: &'static LockTexts,
}

/// Notifications (wake-ups) against n for the herd lock and the queue, measured by running both.
#[component]
pub fn WakeupChart(p: &ChartProps) -> Html {
    let t = p.texts;
    let Some(points) = &p.points else {
        let on = p.on_measure.clone();
        return html! {
            <div class="lk-chart">
                <p>{ t.chart_title }</p>
                <button type="button" class="btn lk-measure" onclick={Callback::from(move |_| on.emit(()))}>{ t.chart_run }</button>
            </div>
        };
    };
    let (w, h, pad) = (360.0, 200.0, 36.0);
    let max_n = points.iter().map(|p| p.0).max().unwrap_or(2) as f64;
    let max_y = points.iter().map(|p| p.1).max().unwrap_or(1).max(1) as f64;
    let x = |n: usize| pad + (n as f64 - 2.0) / (max_n - 2.0).max(1.0) * (w - 2.0 * pad);
    let y = |v: u64| h - pad - v as f64 / max_y * (h - 2.0 * pad);
    let line = |f: &dyn Fn(&(usize, u64, u64)) -> u64| {
        points
            .iter()
            .map(|pt| format!("{},{}", x(pt.0), y(f(pt))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    html! {
        <figure class="lk-chart">
            <figcaption>{ t.chart_title }</figcaption>
            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={t.chart_title}>
                <line class="lk-axis" x1={pad.to_string()} y1={(h - pad).to_string()} x2={(w - pad).to_string()} y2={(h - pad).to_string()} />
                <line class="lk-axis" x1={pad.to_string()} y1={pad.to_string()} x2={pad.to_string()} y2={(h - pad).to_string()} />
                <polyline class="lk-herd-line" points={line(&|p| p.1)} />
                <polyline class="lk-queue-line" points={line(&|p| p.2)} />
                { for points.iter().map(|pt| html! { <>
                    <circle class="lk-herd-dot" cx={x(pt.0).to_string()} cy={y(pt.1).to_string()} r="3.5" data-n={pt.0.to_string()} data-wakeups={pt.1.to_string()} />
                    <circle class="lk-queue-dot" cx={x(pt.0).to_string()} cy={y(pt.2).to_string()} r="3.5" data-n={pt.0.to_string()} data-wakeups={pt.2.to_string()} />
                    <text class="lk-tick" x={x(pt.0).to_string()} y={(h - pad + 16.0).to_string()} text-anchor="middle">{ pt.0 }</text>
                </> }) }
                <text class="lk-tick" x={(pad - 6.0).to_string()} y={(pad + 4.0).to_string()} text-anchor="end">{ max_y as u64 }</text>
                <text class="lk-axis-label" x={(w / 2.0).to_string()} y={(h - 4.0).to_string()} text-anchor="middle">{ t.chart_x }</text>
                <text class="lk-axis-label" x="4" y="14">{ t.chart_y }</text>
            </svg>
            <p class="lk-legend"><span class="lk-key lk-herd-key"></span>{ t.herd_side }
                <span class="lk-key lk-queue-key"></span>{ t.queue_side }</p>
        </figure>
    }
}

/// Props of [`StoragePanel`].
#[derive(Properties, PartialEq)]
pub struct StorageProps {
    /// The writes.
    pub writes: Rc<Vec<StorageWrite>>,
    /// The words.
    pub texts: &'static LockTexts,
}

/// The fenced storage's writes, newest last.
#[component]
pub fn StoragePanel(p: &StorageProps) -> Html {
    let t = p.texts;
    if p.writes.is_empty() {
        return html! { <p class="muted">{ t.storage_empty }</p> };
    }
    html! {
        <ol class="lk-storage">
            { for p.writes.iter().map(|w| {
                let token = w.token.map_or("–".into(), |v| v.to_string());
                let (class, text) = match w.verdict {
                    Verdict::Accepted => ("accepted", fill(t.accepted, &[("client", w.client.clone()), ("value", w.value.clone()), ("token", token)])),
                    Verdict::Stale { seen } => ("rejected", fill(t.rejected_stale, &[("client", w.client.clone()), ("value", w.value.clone()), ("token", token), ("seen", seen.to_string())])),
                    Verdict::NoToken => ("rejected", fill(t.rejected_no_token, &[("client", w.client.clone()), ("value", w.value.clone())])),
                };
                html! { <li class={classes!("lk-write", format!("lk-{class}"))} data-verdict={class}>{ text }</li> }
            }) }
        </ol>
    }
}

/// Props of [`TicketsView`].
#[derive(Properties, PartialEq)]
pub struct TicketsProps {
    /// (heading, run) per column.
    pub runs: Vec<(AttrValue, Option<Rc<TicketRun>>)>,
    /// Sellers now.
    pub sellers: usize,
    /// Change the sellers.
    pub on_sellers: Callback<usize>,
    /// The words.
    pub texts: &'static LockTexts,
}

/// The 12306 demo: the sales of each run, oversold seats in red.
#[component]
pub fn TicketsView(p: &TicketsProps) -> Html {
    let t = p.texts;
    let on = p.on_sellers.clone();
    let change = Callback::from(move |e: Event| {
        if let Some(v) = e
            .target_dyn_into::<web_sys::HtmlSelectElement>()
            .and_then(|s| s.value().parse().ok())
        {
            on.emit(v);
        }
    });
    html! {
        <div class="lk-tickets">
            <label class="lk-sellers">{ t.sellers }{ " " }
                <select onchange={change}>
                    { for (2..=10).map(|n| html! { <option value={n.to_string()} selected={n == p.sellers}>{ n }</option> }) }
                </select>
            </label>
            <div class="lk-ticket-columns">
                { for p.runs.iter().enumerate().map(|(i, (h, run))| html! {
                    <section class="lk-ticket-run" data-locked={(i == 1).to_string()}>
                        <h3>{ h.clone() }</h3>
                        if let Some(run) = run {
                            <p class={classes!("lk-summary", (run.oversold() > 0).then_some("lk-bad"))} data-oversold={run.oversold().to_string()}>
                                { fill(t.tickets_summary, &[("sold", run.sales().count().to_string()), ("oversold", run.oversold().to_string()), ("left", run.left.to_string())]) }
                            </p>
                            <ol class="lk-sales">
                                { for run.events.iter().map(|e| match e {
                                    TicketEvent::Sold(s) => html! {
                                        <li class={classes!("lk-sale", s.resold.then_some("lk-oversold"))} data-ticket={s.ticket.to_string()}>
                                            { fill(t.sold, &[("seller", s.seller.clone()), ("ticket", s.ticket.to_string())]) }
                                            if s.resold { <strong class="lk-oversold-tag">{ format!(" · {}", t.oversold) }</strong> }
                                        </li>
                                    },
                                    TicketEvent::GaveUp { seller, .. } => html! {
                                        <li class="lk-gaveup">{ fill(t.gave_up, &[("seller", seller.clone())]) }</li>
                                    },
                                }) }
                            </ol>
                        }
                    </section>
                }) }
            </div>
        </div>
    }
}

/// Props of [`Console`].
#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    /// The transcript's newest lines.
    pub transcript: Rc<Vec<String>>,
    /// Where typed lines go.
    pub on_line: Callback<String>,
    /// The words.
    pub texts: &'static LockTexts,
}

/// The transcript and a line of the scenario language.
#[component]
pub fn Console(p: &ConsoleProps) -> Html {
    let t = p.texts;
    let ids = use_id_scope();
    let input = use_node_ref();
    let submit = {
        let (on, input) = (p.on_line.clone(), input.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(i) = input.cast::<HtmlInputElement>() {
                let line: String = i.value().trim().chars().take(LINE_MAX).collect();
                if !line.is_empty() {
                    on.emit(line);
                    i.set_value("");
                }
            }
        })
    };
    let shown = &p.transcript[p.transcript.len().saturating_sub(TRANSCRIPT_SHOWN)..];
    html! {
        <div class="lk-console">
            <pre class="lk-transcript" tabindex="0">{ shown.join("\n") }</pre>
            <form class="lk-row" onsubmit={submit}>
                <label class="visually-hidden" for={ids.id("lk-line")}>{ t.console_input }</label>
                <input id={ids.id("lk-line")} ref={input} class="lk-input" placeholder="c1 lock /lock" maxlength="300" autocomplete="off" spellcheck="false" />
                <button type="submit" class="btn">{ t.console_run }</button>
            </form>
        </div>
    }
}
