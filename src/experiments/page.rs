//! The experiments page (`#/experiments`): the form (experiment and parameters), the
//! run in the web worker with its progress bar and Cancel button, the chart on a canvas
//! with hover and "open this run", the downloads (CSV, PNG, SVG), the chart's data as a
//! table, and — for `election-time` — the real ZooKeeper failovers beside the
//! simulated ones.

use super::client::WorkerLink;
use super::draw;
use super::links::open_run;
use super::protocol::{FromWorker, ToWorker};
use super::words::{self, index};
use crate::i18n::experiments::{texts, ExperimentTexts};
use crate::lang_ctx::use_lang;
use std::str::FromStr;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;
use zooscope_chart::Frame;
use zooscope_core::experiment::chart::{Chart, Phase};
use zooscope_core::experiment::recording::{self, ShapeMedian};
use zooscope_core::experiment::stats;
use zooscope_core::experiment::{Name, Params, Rows};

/// The real recording's summary, fetched when the page opens (not compiled in).
pub const RECORDING_URL: &str = "failover/real.csv";
/// Hover radius, CSS pixels.
const HOVER_PX: f64 = 14.0;

/// The form's text fields.
#[derive(Clone, Debug, PartialEq)]
struct Form {
    seeds: String,
    from: String,
    servers: String,
    observers: String,
    clients: String,
    tick: String,
    finalize: String,
    reads: String,
}

fn join<T: ToString>(v: &[T]) -> String {
    v.iter().map(T::to_string).collect::<Vec<_>>().join(",")
}

impl Form {
    fn of(p: &Params) -> Self {
        Form {
            seeds: p.seeds.to_string(),
            from: p.from.to_string(),
            servers: join(&p.servers),
            observers: join(&p.observers),
            clients: join(&p.clients),
            tick: join(&p.tick_ms),
            finalize: join(&p.finalize_ms),
            reads: join(&p.reads_percent),
        }
    }

    /// The parameters, or the label of the first field that does not read.
    fn params(&self, name: Name, t: &ExperimentTexts) -> Result<Params, &'static str> {
        fn list<T: FromStr>(s: &str, field: &'static str) -> Result<Vec<T>, &'static str> {
            s.split(',')
                .map(|v| v.trim().parse::<T>())
                .collect::<Result<Vec<T>, _>>()
                .map_err(|_| field)
        }
        Ok(Params {
            seeds: self.seeds.trim().parse().map_err(|_| t.seeds)?,
            from: self.from.trim().parse().map_err(|_| t.from)?,
            servers: list(&self.servers, t.servers)?,
            observers: list(&self.observers, t.observers)?,
            clients: list(&self.clients, t.clients)?,
            tick_ms: list(&self.tick, t.tick)?,
            finalize_ms: list(&self.finalize, t.finalize)?,
            reads_percent: list(&self.reads, t.reads)?,
            network: name.defaults().network,
        })
    }
}

/// Which fields an experiment reads.
fn fields(name: Name) -> [bool; 6] {
    // servers, observers, clients, tick, finalize, reads
    match name {
        Name::ElectionTime => [true, true, false, true, true, false],
        Name::WriteThroughput => [true, true, true, false, false, true],
        Name::Availability => [true, false, true, false, false, true],
        Name::LockWakeups => [false, false, true, false, false, false],
        Name::CommitCost => [true, false, false, false, false, false],
    }
}

#[derive(Clone, Debug, PartialEq)]
enum RunState {
    Idle,
    Running { id: u32, done: usize, total: usize },
    Cancelled { done: usize, total: usize },
    Failed(String),
}

/// The chart of a finished run, with the real medians beside `election-time`'s — only
/// those of the observer counts the run has, so like is drawn beside like.
fn chart_of(rows: &Rows, real: Option<&Vec<ShapeMedian>>) -> Chart {
    let mut chart = rows.chart();
    if let (Rows::ElectionTime(r), Some(real)) = (rows, real) {
        let shown: Vec<ShapeMedian> = real
            .iter()
            .filter(|m| r.iter().any(|row| row.cell.observers == m.observers))
            .cloned()
            .collect();
        chart.series.extend(recording::series(&shown));
    }
    chart
}

/// The simulated median after the crash for a recorded shape, ms.
fn simulated(rows: &Rows, shape: &ShapeMedian) -> Option<f64> {
    let Rows::ElectionTime(rows) = rows else {
        return None;
    };
    let v: Vec<u64> = rows
        .iter()
        .filter(|r| {
            r.phase == Phase::LeaderCrash
                && r.cell.servers == shape.voters
                && r.cell.observers == shape.observers
                && r.cell.finalize_ms == 200
        })
        .filter_map(|r| r.quorum.map(|d| d.0))
        .collect();
    stats::median(&v).map(|us| us as f64 / 1000.0)
}

fn number(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// The experiments page.
#[component]
pub fn ExperimentsPage() -> Html {
    let lang = use_lang().lang;
    let t = texts(lang);
    let name = use_state(|| Name::ElectionTime);
    let form = use_state(|| Form::of(&Name::ElectionTime.defaults()));
    let run = use_state(|| RunState::Idle);
    let result = use_state(|| None::<(Name, Rows)>);
    let problem = use_state(|| None::<String>);
    let real = use_state(|| None::<Vec<ShapeMedian>>);
    let worker = use_mut_ref(|| None::<WorkerLink>);
    let next_id = use_mut_ref(|| 0u32);
    let canvas = use_node_ref();
    let frame = use_mut_ref(|| None::<(Frame, f64)>);
    let hover = use_state(|| None::<(usize, usize)>);
    let png = use_state(String::new);

    {
        let real = real.clone();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                let Ok(resp) = gloo::net::http::Request::get(RECORDING_URL).send().await else {
                    return;
                };
                if !resp.ok() {
                    return;
                }
                if let Ok(text) = resp.text().await {
                    if let Ok(trials) = recording::parse(&text) {
                        real.set(Some(recording::medians(&trials)));
                    }
                }
            });
        });
    }

    let chart = result
        .as_ref()
        .map(|(n, rows)| (*n, chart_of(rows, (*real).as_ref())));

    {
        let canvas = canvas.clone();
        let frame = frame.clone();
        let png = png.clone();
        let hover = hover.clone();
        use_effect_with((chart.clone(), lang), move |(chart, lang)| {
            hover.set(None);
            if let (Some((name, chart)), Some(c)) = (chart, canvas.cast::<HtmlCanvasElement>()) {
                let ratio = draw::pixel_ratio();
                let labels = words::labels(*lang, chart, *name);
                match draw::on_canvas(&c, chart, &labels, ratio) {
                    Ok(f) => {
                        // Where each point landed, in CSS pixels, for tests and tools.
                        let pixels: Vec<String> = chart
                            .series
                            .iter()
                            .flat_map(|s| s.points.iter())
                            .map(|p| {
                                let (x, y) = f.pixel(*p);
                                format!("{:.1},{:.1}", x / ratio, y / ratio)
                            })
                            .collect();
                        let _ = c.set_attribute("data-pixels", &pixels.join(";"));
                        *frame.borrow_mut() = Some((f, ratio));
                        png.set(c.to_data_url().unwrap_or_default());
                    }
                    Err(e) => web_sys::console::warn_1(&e.into()),
                }
            }
        });
    }

    let on_message = {
        let run = run.clone();
        let result = result.clone();
        Callback::from(move |msg: FromWorker| {
            let current = match &*run {
                RunState::Running { id, .. } => Some(*id),
                _ => None,
            };
            match msg {
                FromWorker::Progress { id, progress } if current == Some(id) => {
                    run.set(RunState::Running {
                        id,
                        done: progress.done,
                        total: progress.total,
                    })
                }
                FromWorker::Done { id, rows } if current == Some(id) => {
                    run.set(RunState::Idle);
                    result.set(Some((rows.name(), rows)));
                }
                FromWorker::Failed { id, error } if current == Some(id) || id == 0 => {
                    run.set(RunState::Failed(error))
                }
                FromWorker::Cancelled { id } if current == Some(id) => {
                    if let RunState::Running { done, total, .. } = *run {
                        run.set(RunState::Cancelled { done, total });
                    }
                }
                _ => {}
            }
        })
    };

    let on_run = {
        let (name, form, run, worker, next_id, problem) = (
            name.clone(),
            form.clone(),
            run.clone(),
            worker.clone(),
            next_id.clone(),
            problem.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let params = match form.params(*name, t) {
                Ok(p) => p,
                Err(field) => {
                    problem.set(Some(t.bad_list.replace("{field}", field)));
                    return;
                }
            };
            problem.set(None);
            if worker.borrow().is_none() {
                *worker.borrow_mut() = WorkerLink::start(on_message.clone());
            }
            let id = {
                let mut n = next_id.borrow_mut();
                *n += 1;
                *n
            };
            let sent = worker.borrow().as_ref().map(|w| {
                w.send(&ToWorker::Start {
                    id,
                    name: *name,
                    params,
                })
            });
            if sent.is_none() {
                problem.set(Some(t.no_worker.into()));
                return;
            }
            run.set(RunState::Running {
                id,
                done: 0,
                total: 0,
            });
        })
    };

    let on_cancel = {
        let (run, worker) = (run.clone(), worker.clone());
        Callback::from(move |_: MouseEvent| {
            if let RunState::Running { id, .. } = *run {
                if let Some(w) = worker.borrow().as_ref() {
                    w.send(&ToWorker::Cancel { id });
                }
            }
        })
    };

    let on_pick = {
        let (name, form) = (name.clone(), form.clone());
        Callback::from(move |e: Event| {
            let v = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            if let Some(n) = Name::parse(&v) {
                name.set(n);
                form.set(Form::of(&n.defaults()));
            }
        })
    };

    let field = |label: &'static str, value: &str, key: &'static str, shown: bool| {
        if !shown {
            return Html::default();
        }
        let form = form.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let v = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            let mut f = (*form).clone();
            match key {
                "seeds" => f.seeds = v,
                "from" => f.from = v,
                "servers" => f.servers = v,
                "observers" => f.observers = v,
                "clients" => f.clients = v,
                "tick" => f.tick = v,
                "finalize" => f.finalize = v,
                _ => f.reads = v,
            }
            form.set(f);
        });
        html! {
            <label class="exp-field">
                <span>{ label }</span>
                <input type="text" name={key} value={value.to_string()} {oninput} inputmode="numeric" />
            </label>
        }
    };

    let on_move = {
        let (frame, hover, chart) = (frame.clone(), hover.clone(), chart.clone());
        Callback::from(move |e: MouseEvent| {
            let (Some((f, ratio)), Some((_, chart))) = (*frame.borrow(), chart.as_ref()) else {
                return;
            };
            // Device pixels per displayed pixel (the canvas may be shown narrower).
            let scale = e
                .target_dyn_into::<HtmlCanvasElement>()
                .filter(|c| c.client_width() > 0)
                .map_or(ratio, |c| {
                    f64::from(c.width()) / f64::from(c.client_width())
                });
            let p = (
                f64::from(e.offset_x()) * scale,
                f64::from(e.offset_y()) * scale,
            );
            let near = f.nearest(chart, p, HOVER_PX * scale);
            if near.is_some() {
                hover.set(near);
            }
        })
    };

    let sel = words::index(*name);
    let shown = fields(*name);
    let servers_label = if *name == Name::CommitCost {
        t.nodes
    } else {
        t.servers
    };
    let running = matches!(*run, RunState::Running { .. });
    let status = match &*run {
        RunState::Running { done, total, .. } => html! {
            <div class="exp-progress">
                <progress max={total.max(&1).to_string()} value={done.to_string()}
                    aria-label={t.progress.replace("{done}", &done.to_string()).replace("{total}", &total.to_string())}
                    data-done={done.to_string()} data-total={total.to_string()} />
                <span>{ t.progress.replace("{done}", &done.to_string()).replace("{total}", &total.to_string()) }</span>
                <button class="btn exp-cancel" onclick={on_cancel}>{ t.cancel }</button>
            </div>
        },
        RunState::Cancelled { done, total } => html! {
            <p class="exp-status" role="status" data-state="cancelled">
                { t.cancelled.replace("{done}", &done.to_string()).replace("{total}", &total.to_string()) }
            </p>
        },
        RunState::Failed(e) => html! {
            <p class="exp-status exp-error" role="alert">{ t.failed.replace("{error}", e) }</p>
        },
        RunState::Idle => Html::default(),
    };

    let hovered = match (&chart, &*result, *hover) {
        (Some((_, chart)), Some((_, rows)), Some((si, pi))) => {
            let s = &chart.series[si];
            let (x, y) = s.points[pi];
            let legend = words::series(t, &s.name);
            let seed = s.seeds.get(pi).copied();
            let link = seed.and_then(|seed| open_run(rows, &s.name, x, seed));
            html! {
                <div class="exp-hover" data-x={number(x)} data-y={number(y)}>
                    <strong>{ legend }</strong>
                    <span>{ format!(" · x = {} · y = {}", number(x), number(y)) }</span>
                    { for seed.map(|s| html! { <span>{ format!(" · {} {s}", t.seed) }</span> }) }
                    { for link.map(|href| html! {
                        <a class="btn exp-open" {href}>{ t.open_run }</a>
                    }) }
                </div>
            }
        }
        _ => html! { <p class="muted exp-hover-hint">{ t.hover_hint }</p> },
    };

    let downloads = match (&chart, &*result) {
        (Some((n, chart)), Some((_, rows))) => {
            let csv = rows.table().to_csv();
            let svg = draw::svg(chart, &words::labels(lang, chart, *n));
            html! {
                <div class="exp-downloads">
                    <a class="btn" href={draw::data_url("text/csv", &csv)} download={format!("{}.csv", n.as_str())}>{ t.download_csv }</a>
                    <a class="btn" href={(*png).clone()} download={format!("{}.png", n.as_str())}>{ t.download_png }</a>
                    <a class="btn" href={draw::data_url("image/svg+xml", &svg)} download={format!("{}.svg", n.as_str())}>{ t.download_svg }</a>
                </div>
            }
        }
        _ => Html::default(),
    };

    let data_table = match (&chart, &*result) {
        (Some((_, chart)), Some((n, rows))) => {
            let table = rows.table();
            html! {
                <>
                <details class="card exp-data">
                    <summary>{ t.table }</summary>
                    <table class="exp-points" data-experiment={n.as_str()}>
                        <thead><tr>
                            <th scope="col">{ "series" }</th><th scope="col">{ "x" }</th>
                            <th scope="col">{ "y" }</th><th scope="col">{ t.seed }</th>
                        </tr></thead>
                        <tbody>
                        { for chart.series.iter().flat_map(|s| {
                            let legend = words::series(t, &s.name);
                            s.points.iter().enumerate().map(move |(i, (x, y))| html! {
                                <tr data-x={number(*x)} data-y={number(*y)}>
                                    <td>{ legend.clone() }</td><td>{ number(*x) }</td>
                                    <td>{ number(*y) }</td>
                                    <td>{ s.seeds.get(i).map(|v| v.to_string()).unwrap_or_default() }</td>
                                </tr>
                            })
                        }) }
                        </tbody>
                    </table>
                    <pre class="exp-csv" data-rows={table.rows.len().to_string()}>{ table.to_csv() }</pre>
                </details>
                </>
            }
        }
        _ => Html::default(),
    };

    let real_table = match (&*real, *name) {
        (Some(real), Name::ElectionTime) => html! {
            <section class="card exp-real" aria-labelledby="exp-real-title">
                <h2 id="exp-real-title">{ t.real_title }</h2>
                <p class="muted">{ t.real_note }</p>
                <table class="exp-real-table">
                    <thead><tr>{ for t.real_heads.iter().map(|h| html! { <th scope="col">{ *h }</th> }) }</tr></thead>
                    <tbody>
                    { for real.iter().map(|m| {
                        let sim = result.as_ref().and_then(|(_, rows)| simulated(rows, m));
                        html! {
                            <tr data-shape={m.shape.clone()}>
                                <th scope="row">{ &m.shape }</th>
                                <td>{ m.trials }</td>
                                <td>{ m.quorum_ms }</td>
                                <td>{ m.all_ms }</td>
                                <td>{ sim.map(number).unwrap_or_else(|| "—".into()) }</td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
            </section>
        },
        _ => Html::default(),
    };

    html! {
        <div class="page page-experiments">
            <header class="page-head">
                <h1>{ t.title }</h1>
                <p class="page-lead">{ t.lead }</p>
            </header>
            <section class="card exp-form" aria-label={t.experiment}>
                <label class="exp-field exp-pick">
                    <span>{ t.experiment }</span>
                    <select name="experiment" onchange={on_pick}>
                        { for Name::ALL.iter().enumerate().map(|(i, n)| html! {
                            <option value={n.as_str()} selected={i == sel}>{ t.names[i] }</option>
                        }) }
                    </select>
                </label>
                <p class="muted exp-about">{ t.about[sel] }</p>
                <div class="exp-fields">
                    { field(t.seeds, &form.seeds, "seeds", true) }
                    { field(t.from, &form.from, "from", true) }
                    { field(servers_label, &form.servers, "servers", shown[0]) }
                    { field(t.observers, &form.observers, "observers", shown[1]) }
                    { field(t.clients, &form.clients, "clients", shown[2]) }
                    { field(t.tick, &form.tick, "tick", shown[3]) }
                    { field(t.finalize, &form.finalize, "finalize", shown[4]) }
                    { field(t.reads, &form.reads, "reads", shown[5]) }
                </div>
                <p class="muted exp-hint">{ t.list_hint }</p>
                <div class="exp-actions">
                    <button class="btn btn-primary exp-run" onclick={on_run} disabled={running}>{ t.run }</button>
                </div>
                { for problem.as_ref().map(|p| html! { <p class="exp-status exp-error" role="alert">{ p }</p> }) }
                { status }
            </section>
            if chart.is_some() {
                <section class="card exp-chart" aria-label={chart.as_ref().map(|(n, _)| t.titles[index(*n)]).unwrap_or_default()}>
                    <canvas ref={canvas} class="exp-canvas" width={draw::SIZE.0.to_string()} height={draw::SIZE.1.to_string()}
                        style={format!("width:{}px;max-width:100%;aspect-ratio:{}/{}", draw::SIZE.0, draw::SIZE.0, draw::SIZE.1)}
                        role="img" aria-label={chart.as_ref().map(|(n, _)| t.titles[index(*n)]).unwrap_or_default()}
                        data-series={chart.as_ref().map(|(_, c)| c.series.len().to_string()).unwrap_or_default()}
                        onmousemove={on_move} />
                    { hovered }
                    { downloads }
                </section>
            }
            { data_table }
            { real_table }
        </div>
    }
}
