//! The lab page's body: owns the run, drives it once per animation frame, turns
//! [`LabCommand`]s into operations on it, and lays out the views and panels.
//!
//! The run lives in a `Rc<RefCell<LabSession>>` (cloning it per frame would be
//! wasteful); a small reducer holds the UI state and its frame counter makes Yew
//! re-read the run. Views that are costly and change only as the run moves (event log,
//! sequence diagram, the ZooKeeper panels' view model) are cached and rebuilt at most
//! every [`SLOW_VIEW_FRAMES`] frames while playing.

use super::cluster::ClusterView;
use super::command::LabCommand;
use super::controls::Controls;
use super::event::{on_click, LabEvent};
use super::history::{log_lines, seq_data, EventLog, LogLine, SeqData, SequenceDiagram};
use super::hooks::{
    copy_to_clipboard, download, prefers_reduced_motion, use_animation_frames, use_shortcuts,
    Shortcut,
};
use super::inspector::{FlightRow, Inspector, InspectorData, LISTED_MESSAGES_MAX};
use super::panels::{BallotBox, DataView, InvariantPanel, PanelProps, ZabView};
use super::scenarios;
use super::session::{LabError, LabSession};
use super::setup::LabSetup;
use super::share::{self, error_text, is_input_error, ShareQuery};
use super::state::{Notice, Origin, Selection, UiAction, UiState};
use super::tools::{ClientsNetwork, SetupCard, ShareCard};
use super::view::{
    client_cards, cluster_frame, fill, message_detail, narrate, node_label, server_card,
    server_cards, sim_us_per_ms,
};
use crate::i18n::Lang;
use crate::lang_ctx::use_lang;
use crate::panic;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;
use zooscope_core::protocols::zookeeper::lab_view::{ViewOptions, ZkLabView};

/// Most events one animation frame may process (the run slows down before the page).
pub const EVENTS_PER_FRAME_MAX: u64 = 400;
/// While playing, each slow view (log, diagram, panels) is rebuilt once every this many
/// frames, at staggered frames so no single frame pays for all of them.
pub const SLOW_VIEW_FRAMES: u64 = 30;
/// A quiet stretch is shown this long (real ms) before the clock jumps over it.
pub const IDLE_PAUSE_MS: f64 = 350.0;
/// Frames between refreshes of the reproduction key shown by the panic overlay.
const KEY_REFRESH_FRAMES: u64 = 120;

/// The lab's bookkeeping that must not cause renders: per-frame driver state, the
/// setup of the run in play and what the address asked for when last looked at.
#[derive(Default)]
struct Driver {
    speed_exp: f64,
    skip_idle: bool,
    lang: Lang,
    quiet_ms: f64,
    carry_us: f64,
    frames: u64,
    violations: usize,
    /// The learner's choices behind the run in play (a new run re-renders the lab).
    setup: LabSetup,
    /// The scenario in play as of the last render.
    scenario: Option<usize>,
    /// The `key=` of the address the run in play came from.
    booted_key: Option<String>,
    /// The scenario id of the address the run in play came from.
    booted_scenario: Option<String>,
}

/// The handles [`handle`] acts through (made once; they stay valid).
struct Lab {
    session: Rc<RefCell<LabSession>>,
    driver: Rc<RefCell<Driver>>,
    ui: UseReducerDispatcher<UiState>,
    scenario: UseStateSetter<Option<usize>>,
    link: UseStateSetter<Option<String>>,
}

impl Lab {
    fn notice(&self, notice: Notice) {
        self.ui.dispatch(UiAction::Notice(Some(notice)));
    }

    /// If the run has just stopped before a logged command it could not re-apply, pause
    /// playback and say so (once per stop; the session keeps count).
    fn report_replay_stop(&self) {
        let stop = self.session.borrow_mut().take_replay_stop();
        if let Some(e) = stop {
            self.ui.dispatch(UiAction::SetPlaying(false));
            self.notice(Notice::ReplayStopped(Box::new(e)));
        }
    }
}

/// A cached view and the key it was built for.
type Cached<K, V> = Option<(K, Rc<V>)>;
/// Log cache key: step, revision, category filter, node filter.
type LogKey = (u64, u64, Option<&'static str>, Option<u32>, Lang);
/// Panel cache key: step, revision, selected server, console client.
type PanelKey = (u64, u64, Option<u32>, Option<u32>);

/// Caches of the slow views, with the key they were built for.
#[derive(Default)]
struct Caches {
    log: Cached<LogKey, Vec<LogLine>>,
    seq: Cached<(u64, u64), SeqData>,
    panels: Cached<PanelKey, ZkLabView>,
    flights: Cached<(u64, u64), Vec<FlightRow>>,
}

/// While playing, the frame (mod [`SLOW_VIEW_FRAMES`]) at which each slow view is
/// rebuilt: the event log, the sequence diagram and the ZooKeeper panels. (Measured:
/// giving each panel a frame of its own missed more display refreshes than rendering
/// the four together, as every panel that changes size re-lays out the page.)
const SLOW_VIEW_OFFSETS: [u64; 3] = [0, 10, 20];

/// The learner's choices that describe `s` (for the setup card and Reset).
fn setup_of(s: &LabSession) -> LabSetup {
    let cfg = s.world().config();
    LabSetup {
        servers: cfg.servers.len(),
        observers: cfg.servers.iter().filter(|e| e.observer).count(),
        clients: s.client_ids().len() as u32,
        seed: s.world().seed(),
        zoo_cfg: None,
    }
}

/// The first run: from the link's key if there is one (an error notice and a fresh run
/// if it is bad), else the requested scenario (see [`super::scenarios`]), else the
/// default setup. Also returns the index of the scenario in play.
fn boot(query: &ShareQuery) -> (LabSession, Option<Notice>, Option<usize>) {
    let fresh = || LabSession::new(&LabSetup::default()).expect("the default setup is valid");
    match (query.key.as_deref(), scenario_id(query)) {
        (Some(key), _) => match LabSession::from_key_text(key) {
            Ok(mut s) => {
                let notice = opened(&mut s);
                (s, Some(notice), None)
            }
            Err(e) => (fresh(), Some(Notice::Error(Origin::Link, e)), None),
        },
        (None, Some(id)) => match start_scenario(&id, None) {
            Ok((s, index, notice)) => (s, Some(notice), Some(index)),
            Err(notice) => (fresh(), Some(notice), None),
        },
        (None, None) => (fresh(), None, None),
    }
}

/// The notice for a run just opened from a link: where it stands, or where its replay
/// stopped.
fn opened(s: &mut LabSession) -> Notice {
    match s.take_replay_stop() {
        Some(e) => Notice::ReplayStopped(Box::new(e)),
        None => Notice::Loaded {
            step: s.steps(),
            hash: s.trace_hash_hex(),
        },
    }
}

/// Make `s` the lab's run (from a link, a scenario or a file): remember its setup,
/// give the panic overlay its key, pause, clear the selection, show `notice`, re-render.
fn install_run(lab: &Lab, s: LabSession, notice: Notice) {
    lab.driver.borrow_mut().setup = setup_of(&s);
    *lab.session.borrow_mut() = s;
    panic::set_repro_key(Some(&lab.session.borrow().key_text()));
    lab.ui.dispatch(UiAction::SetPlaying(false));
    lab.ui.dispatch(UiAction::Select(Selection::None));
    lab.notice(notice);
    lab.report_replay_stop();
    lab.ui.dispatch(UiAction::Mutated);
}

/// Handle one lab event.
fn handle(lab: &Lab, ev: LabEvent) {
    let ui = &lab.ui;
    match ev {
        LabEvent::Command(cmd) => command(lab, cmd),
        LabEvent::Ui(a) => ui.dispatch(a),
        LabEvent::Frame(dt) => frame(lab, dt),
        LabEvent::Key(Shortcut::PlayPause) => ui.dispatch(UiAction::TogglePlay),
        LabEvent::Key(Shortcut::Step) => command(lab, LabCommand::Step),
        LabEvent::Key(Shortcut::Next) => command(lab, LabCommand::Next),
        LabEvent::Reset(seed) => {
            let (scenario, mut next) = {
                let d = lab.driver.borrow();
                (d.scenario, d.setup.clone())
            };
            match scenario {
                Some(index) => restart_scenario(lab, index, seed),
                None => {
                    next.seed = seed;
                    new_run(lab, next);
                }
            }
        }
        LabEvent::NewRun(next) => new_run(lab, next),
        LabEvent::Split(groups) => act(lab, &|s| s.partition(&groups)),
        LabEvent::Copy => {
            let base = gloo::utils::window().location().href().unwrap_or_default();
            let url = share::link(&base, &lab.session.borrow());
            lab.link.set(Some(url.clone()));
            let ui = ui.clone();
            copy_to_clipboard(
                &url,
                Callback::from(move |ok: bool| {
                    ui.dispatch(UiAction::Notice(Some(if ok {
                        Notice::Copied
                    } else {
                        Notice::CopyFailed
                    })));
                }),
            );
        }
        LabEvent::Export => {
            let s = lab.session.borrow();
            let name = format!(
                "zooscope-run-seed{}-step{}.json",
                s.world().seed(),
                s.steps()
            );
            download(&name, "application/json", &share::export(&s));
        }
        LabEvent::Import(text) => match share::import(&text) {
            Ok(s) => {
                let hash = s.trace_hash_hex();
                install_run(lab, s, Notice::Imported { hash });
            }
            Err(e) => lab.notice(Notice::Error(Origin::File, e)),
        },
        LabEvent::ScenarioRestart => {
            let (scenario, seed) = {
                let d = lab.driver.borrow();
                (d.scenario, d.setup.seed)
            };
            if let Some(index) = scenario {
                restart_scenario(lab, index, seed);
            }
        }
        LabEvent::ScenarioClose => lab.scenario.set(None),
        LabEvent::Dismiss => ui.dispatch(UiAction::Notice(None)),
        LabEvent::Address(key, id) => address(lab, key, id),
    }
}

/// The address of this tab changed: a different key pasted into it, or a different
/// scenario asked for (a lesson link).
fn address(lab: &Lab, key: Option<String>, id: Option<String>) {
    let has_key = key.is_some();
    let new_key = {
        let mut d = lab.driver.borrow_mut();
        (d.booted_key != key).then(|| {
            d.booted_key = key.clone();
            key
        })
    };
    if let Some(Some(k)) = new_key {
        match LabSession::from_key_text(&k) {
            Ok(mut s) => {
                let notice = opened(&mut s);
                install_run(lab, s, notice);
            }
            Err(e) => lab.notice(Notice::Error(Origin::Link, e)),
        }
    }
    let new_id = {
        let mut d = lab.driver.borrow_mut();
        (d.booted_scenario != id).then(|| {
            d.booted_scenario = id.clone();
            id
        })
    };
    if let (Some(Some(id)), false) = (new_id, has_key) {
        match start_scenario(&id, None) {
            Ok((s, index, notice)) => {
                install_run(lab, s, notice);
                lab.scenario.set(Some(index));
                if let Some(sc) = scenarios::SCENARIOS.get(index) {
                    lab.ui.dispatch(UiAction::SetSpeed(sc.speed_exp));
                }
            }
            // The run in play goes on; the notice says why.
            Err(notice) => lab.notice(notice),
        }
    }
}

/// One animation frame: advance the run by dt × speed (bounded), narrate, re-render.
fn frame(lab: &Lab, dt: f64) {
    let started = now_ms();
    let mut d = lab.driver.borrow_mut();
    let mut s = lab.session.borrow_mut();
    let before = server_cards(&s);
    let quiet = d.skip_idle && s.in_flight() == 0;
    if quiet {
        d.quiet_ms += dt;
    } else {
        d.quiet_ms = 0.0;
    }
    if quiet && d.quiet_ms >= IDLE_PAUSE_MS {
        d.quiet_ms = 0.0;
        d.carry_us = 0.0;
        s.jump_idle(EVENTS_PER_FRAME_MAX);
    } else {
        let want = dt * sim_us_per_ms(d.speed_exp) + d.carry_us;
        let whole = want.floor().max(0.0);
        d.carry_us = want - whole;
        s.advance(whole as u64, EVENTS_PER_FRAME_MAX);
    }
    let after = server_cards(&s);
    let l = d.lang.lab();
    let mut lines = narrate(&before, &after, l);
    let violations = s.world().violations();
    if violations.len() > d.violations {
        for v in violations.iter().skip(d.violations).take(2) {
            lines.push(fill(l.live_violation, &[("name", v.invariant.to_string())]));
        }
        d.violations = violations.len();
    }
    d.frames += 1;
    if d.frames % KEY_REFRESH_FRAMES == 0 {
        panic::set_repro_key(Some(&s.key_text()));
    }
    drop(s);
    drop(d);
    if !lines.is_empty() {
        lab.ui.dispatch(UiAction::Live(lines));
    }
    lab.ui.dispatch(UiAction::Frame { idle: quiet });
    lab.report_replay_stop();
    super::debug::record_frame(now_ms() - started);
}

/// Apply an operation to the run; report forks and errors; narrate what changed.
fn act(lab: &Lab, op: &dyn Fn(&mut LabSession) -> Result<bool, LabError>) {
    let lang = lab.driver.borrow().lang;
    let mut s = lab.session.borrow_mut();
    let before = server_cards(&s);
    let result = op(&mut s);
    let after = server_cards(&s);
    panic::set_repro_key(Some(&s.key_text()));
    lab.driver.borrow_mut().violations = s.world().violations().len();
    drop(s);
    match result {
        Ok(true) => lab.notice(Notice::Forked),
        Ok(false) => {}
        Err(e) => lab.notice(Notice::Error(Origin::Action, e)),
    }
    lab.report_replay_stop();
    let lines = narrate(&before, &after, lang.lab());
    if !lines.is_empty() {
        lab.ui.dispatch(UiAction::Live(lines));
    }
    lab.ui.dispatch(UiAction::Mutated);
}

/// Carry out one [`LabCommand`].
fn command(lab: &Lab, cmd: LabCommand) {
    let ui = &lab.ui;
    let pause = || ui.dispatch(UiAction::SetPlaying(false));
    let select = |sel: Selection| ui.dispatch(UiAction::Select(sel));
    match cmd {
        LabCommand::Select(sid) => {
            select(sid.map_or(Selection::None, |s| Selection::Server(u64::from(s))))
        }
        LabCommand::SelectClient(c) => select(c.map_or(Selection::None, Selection::Client)),
        LabCommand::SelectMessage(m) => select(m.map_or(Selection::None, Selection::Message)),
        LabCommand::Crash(sid) => act(lab, &|s| s.crash(u64::from(sid))),
        LabCommand::Restart(sid) => act(lab, &|s| s.restart(u64::from(sid))),
        LabCommand::Pause(sid) => act(lab, &|s| s.pause(u64::from(sid))),
        LabCommand::Resume(sid) => act(lab, &|s| s.resume(u64::from(sid))),
        LabCommand::CutLink(a, b) => act(lab, &|s| s.cut(u64::from(a), u64::from(b))),
        LabCommand::HealLink(a, b) => act(lab, &|s| s.heal_link(u64::from(a), u64::from(b))),
        LabCommand::HealAll => act(lab, &|s| s.heal_all()),
        LabCommand::DropMessage(id) => {
            act(lab, &|s| s.drop_message(id));
            select(Selection::None);
        }
        LabCommand::DelayMessage(id, ms) => act(lab, &|s| s.delay_message(id, ms)),
        LabCommand::AddClient => act(lab, &|s| s.add_client().map(|_| false)),
        LabCommand::SendWrite(client) => {
            let sent = std::cell::Cell::new(None);
            act(lab, &|s| {
                let c = s.send_write(client)?;
                sent.set(Some(node_label(s, c)));
                Ok(false)
            });
            if let Some(name) = sent.take() {
                lab.notice(Notice::WriteSent { client: name });
            }
        }
        LabCommand::ZkCli { client, line } => {
            pause();
            act(lab, &|s| {
                s.zkcli(client, &line)?;
                Ok(false)
            });
            ui.dispatch(UiAction::ConsoleClient(client));
        }
        LabCommand::JumpToStep(step) => {
            pause();
            act(lab, &|s| s.seek(step).map(|_| false));
        }
        LabCommand::Play => ui.dispatch(UiAction::SetPlaying(true)),
        LabCommand::PausePlayback => pause(),
        LabCommand::Step => {
            pause();
            act(lab, &|s| {
                s.step();
                Ok(false)
            });
        }
        LabCommand::Next => {
            pause();
            act(lab, &|s| {
                s.next_change();
                Ok(false)
            });
        }
    }
}

/// A new run of `next` (Reset, the setup card): no scenario in play, no link made.
fn new_run(lab: &Lab, next: LabSetup) {
    match LabSession::new(&next) {
        Ok(s) => {
            *lab.session.borrow_mut() = s;
            lab.scenario.set(None);
            panic::set_repro_key(Some(&lab.session.borrow().key_text()));
            let seed = next.seed;
            lab.driver.borrow_mut().setup = next;
            lab.link.set(None);
            lab.ui.dispatch(UiAction::SetPlaying(false));
            lab.ui.dispatch(UiAction::Select(Selection::None));
            lab.notice(Notice::NewRun { seed });
            lab.ui.dispatch(UiAction::Mutated);
            strip_key_from_url();
        }
        Err(e) => lab.notice(Notice::Error(Origin::Action, e)),
    }
}

/// Play scenario `index` again from its start with `seed`.
fn restart_scenario(lab: &Lab, index: usize, seed: u64) {
    let Some(sc) = scenarios::SCENARIOS.get(index) else {
        return;
    };
    match start_scenario(sc.id, Some(seed)) {
        Ok((s, _, notice)) => {
            install_run(lab, s, notice);
            lab.link.set(None);
        }
        Err(notice) => lab.notice(notice),
    }
}

/// The scenario id the address asks for, if any.
fn scenario_id(query: &ShareQuery) -> Option<String> {
    crate::route::LabQuery {
        scenario: query.scenario.clone(),
    }
    .scenario_id()
}

/// A fresh run of scenario `id` with its prelude played: the run, the scenario's
/// index and the notice to show; or the notice saying why not.
fn start_scenario(id: &str, seed: Option<u64>) -> Result<(LabSession, usize, Notice), Notice> {
    let Some((index, scenario)) = scenarios::find(id) else {
        return Err(Notice::UnknownScenario(id.to_string()));
    };
    match scenario.start(seed) {
        Ok(s) => Ok((s, index, Notice::ScenarioReady(scenario.id))),
        Err(e) => Err(Notice::Error(Origin::Action, e)),
    }
}

/// The lab.
#[component]
pub fn LabApp() -> Html {
    let lang = use_lang().lang;
    let l = lang.lab();
    let t = lang.texts();
    let location = use_location();
    let query = location
        .as_ref()
        .map(|loc| ShareQuery::parse(loc.query_str()))
        .unwrap_or_default();
    let requested = scenario_id(&query);

    // The first run, the notice to show with it and the scenario in play.
    let init = use_memo((), |_| {
        let (s, notice, index) = boot(&query);
        (Rc::new(RefCell::new(s)), RefCell::new(notice), index)
    });
    let session = init.0.clone();
    // The scenario in play (its card is shown), by index into `scenarios::SCENARIOS`.
    let scenario = use_state(|| init.2);
    let ui = use_reducer(|| {
        let base = UiState::default();
        let speed = init.2.and_then(|i| scenarios::SCENARIOS.get(i));
        UiState {
            notice: init.1.borrow_mut().take(),
            speed_exp: speed.map_or(base.speed_exp, |sc| sc.speed_exp),
            ..base
        }
    });
    let link = use_state(|| None::<String>);
    let reduced_motion = use_state(prefers_reduced_motion);
    let driver = use_mut_ref(|| Driver {
        setup: setup_of(&session.borrow()),
        booted_key: query.key.clone(),
        booted_scenario: requested.clone(),
        ..Driver::default()
    });
    let caches = use_mut_ref(Caches::default);
    {
        let mut d = driver.borrow_mut();
        d.speed_exp = ui.speed_exp;
        d.skip_idle = ui.skip_idle;
        d.lang = lang;
        d.scenario = *scenario;
    }

    // The callbacks are made once (their handles are stable), so a child whose other
    // props did not change is not re-rendered just because a new callback was passed
    // down: that used to re-render every panel on every frame.
    let (on, on_command, on_ui, on_frame, on_key) = (*use_memo((), |_| {
        let lab = Lab {
            session: session.clone(),
            driver: driver.clone(),
            ui: ui.dispatcher(),
            scenario: scenario.setter(),
            link: link.setter(),
        };
        let on = Callback::from(move |ev: LabEvent| handle(&lab, ev));
        (
            on.clone(),
            on.reform(LabEvent::Command),
            on.reform(LabEvent::Ui),
            on.reform(LabEvent::Frame),
            on.reform(LabEvent::Key),
        )
    }))
    .clone();

    // Test hooks, panic overlay key.
    {
        let session = session.clone();
        use_effect_with((), move |_| {
            super::debug::register(&session);
            panic::set_repro_key(Some(&session.borrow().key_text()));
            move || {
                super::debug::unregister();
                panic::set_repro_key(None);
            }
        });
    }
    // A different key or scenario in the address of this tab.
    {
        let on = on.clone();
        use_effect_with((query.key.clone(), requested.clone()), move |(key, id)| {
            on.emit(LabEvent::Address(key.clone(), id.clone()))
        });
    }
    use_animation_frames(ui.playing, on_frame);
    use_shortcuts(on_key);

    // ----- what to show ------------------------------------------------------------
    let s = session.borrow();
    let steps = s.steps();
    let frame = Rc::new(cluster_frame(&s));
    let due = |offset: u64| !ui.playing || ui.frame % SLOW_VIEW_FRAMES == offset;
    let selected_sid = match ui.selected {
        Selection::Server(sid) => u32::try_from(sid).ok(),
        _ => None,
    };
    let console_client = ui.console_client;
    let (log, seq, panel_view, flights) = {
        let mut c = caches.borrow_mut();
        let log_key = (steps, ui.revision, ui.log_category, ui.log_node, lang);
        let [log_at, seq_at, panels_at] = SLOW_VIEW_OFFSETS;
        let log = match &c.log {
            Some((k, v))
                if *k == log_key
                    || (!due(log_at)
                        && k.1 == ui.revision
                        && k.2 == ui.log_category
                        && k.3 == ui.log_node
                        && k.4 == lang) =>
            {
                v.clone()
            }
            _ => {
                let v = Rc::new(log_lines(&s, ui.log_category, ui.log_node, lang));
                c.log = Some((log_key, v.clone()));
                v
            }
        };
        let seq_key = (steps, ui.revision);
        let seq = match &c.seq {
            Some((k, v)) if *k == seq_key || (!due(seq_at) && k.1 == ui.revision) => v.clone(),
            _ => {
                let v = Rc::new(seq_data(&s));
                c.seq = Some((seq_key, v.clone()));
                v
            }
        };
        let panel_key = (steps, ui.revision, selected_sid, console_client);
        let panel_view = match &c.panels {
            Some((k, v))
                if *k == panel_key
                    || (!due(panels_at)
                        && k.1 == ui.revision
                        && k.2 == selected_sid
                        && k.3 == console_client) =>
            {
                v.clone()
            }
            _ => {
                let opts = ViewOptions {
                    selected: selected_sid,
                    client: console_client,
                    console: Some(s.console()),
                };
                let v = Rc::new(ZkLabView::build_with(s.world(), &opts));
                c.panels = Some((panel_key, v.clone()));
                v
            }
        };
        let flights = match &c.flights {
            Some((k, v))
                if *k == (steps, ui.revision)
                    || (ui.playing && ui.frame % 6 != 3 && k.1 == ui.revision) =>
            {
                v.clone()
            }
            _ => {
                let v: Rc<Vec<FlightRow>> = Rc::new(
                    s.world()
                        .in_flight()
                        .take(LISTED_MESSAGES_MAX)
                        .map(|e| FlightRow {
                            id: e.id.0,
                            kind: zooscope_core::process::MessageInfo::kind(&e.msg),
                            from: node_label(&s, e.from.0),
                            to: node_label(&s, e.to.0),
                        })
                        .collect(),
                );
                c.flights = Some(((steps, ui.revision), v.clone()));
                v
            }
        };
        (log, seq, panel_view, flights)
    };
    let nodes: Rc<Vec<(u32, String)>> = Rc::new(
        s.world()
            .node_ids()
            .into_iter()
            .map(|n| (n.0, node_label(&s, n.0)))
            .collect(),
    );
    let inspector = Rc::new(InspectorData {
        server: match ui.selected {
            Selection::Server(sid) => server_card(&s, sid),
            _ => None,
        },
        peers: match ui.selected {
            Selection::Server(sid) => s
                .server_ids()
                .into_iter()
                .filter(|&o| o != sid)
                .map(|o| (o, s.link_cut(sid, o)))
                .collect(),
            _ => Vec::new(),
        },
        client: match ui.selected {
            Selection::Client(c) => client_cards(&s).into_iter().find(|x| x.node == c),
            _ => None,
        },
        message: match ui.selected {
            Selection::Message(id) => message_detail(&s, id),
            _ => None,
        },
        flights: (*flights).clone(),
    });
    let violations: Rc<Vec<u64>> = Rc::new(
        s.world()
            .violations()
            .iter()
            .map(|v| v.step)
            .take(64)
            .collect(),
    );
    let servers: Rc<Vec<u64>> = Rc::new(s.server_ids());
    let clients = s.client_ids().len();
    let controls = html! {
        <Controls playing={ui.playing} speed_exp={ui.speed_exp} skip_idle={ui.skip_idle} idle={ui.idle && ui.playing}
            steps={steps} furthest={s.furthest()} time_us={s.now().0} in_flight={frame.in_flight}
            hash={s.trace_hash_hex()} seed={s.world().seed()} rewound={s.rewound()} violations={violations}
            on={on.clone()} />
    };
    drop(s);

    let panel = |view: &Rc<ZkLabView>| PanelProps {
        view: view.clone(),
        selected: selected_sid,
        on_command: on_command.clone(),
    };
    let lesson_title = requested.as_deref().and_then(|id| {
        crate::catalogue::LESSONS
            .iter()
            .position(|x| x.scenario == id)
            .and_then(|i| t.lessons.get(i))
            .map(|x| x.title)
    });
    html! {
        <div class="page page-lab lab">
            <header class="page-head lab-head">
                <div class="title-row">
                    <h1>{ t.lab_title }</h1>
                    <p class="scenario-line">
                        <span class="muted">{ t.lab_scenario }</span>
                        if let Some(id) = requested {
                            <code id="lab-scenario">{ id }</code>
                            if let Some(title) = lesson_title {
                                <span class="scenario-title">{ " — " }{ title }</span>
                            }
                        } else {
                            <span id="lab-scenario">{ t.lab_scenario_none }</span>
                        }
                    </p>
                </div>
                <p class="page-lead">{ l.lead }</p>
            </header>
            { scenario_card(*scenario, lang, &on) }
            { notice_box(ui.notice.as_ref(), lang, &on) }
            { controls }
            <div class="lab-main">
                <section class="card cluster-card" aria-labelledby="cluster-title">
                    <h2 id="cluster-title" class="visually-hidden">{ l.cluster_title }</h2>
                    <ClusterView frame={frame} selected={ui.selected} playing={ui.playing}
                        reduced_motion={*reduced_motion} on_command={on_command.clone()} />
                </section>
                <div class="lab-side">
                    <Inspector selected={ui.selected} data={inspector} on_command={on_command.clone()} />
                    <BallotBox ..panel(&panel_view) />
                </div>
            </div>
            <div class="lab-row">
                <ZabView ..panel(&panel_view) />
                <InvariantPanel ..panel(&panel_view) />
            </div>
            <div class="lab-row">
                <EventLog lines={log} nodes={nodes} category={ui.log_category} node={ui.log_node}
                    step={steps} on_ui={on_ui.clone()} on_command={on_command.clone()} />
                <SequenceDiagram data={seq} on_command={on_command.clone()} />
            </div>
            <div class="lab-row lab-row-1">
                <DataView ..panel(&panel_view) />
            </div>
            <div class="lab-row lab-row-3">
                <ClientsNetwork servers={servers} clients={clients} on={on.clone()} />
                <SetupCard setup={driver.borrow().setup.clone()} on={on.clone()} />
                <ShareCard link={(*link).clone()} {on} />
            </div>
            <div id="lab-live" class="visually-hidden" role="status" aria-live="polite" aria-atomic="false">
                { for ui.live.iter().map(|line| html! { <p>{ line.clone() }</p> }) }
            </div>
        </div>
    }
}

/// The card of the scenario in play: what its prelude set up and what to try, with
/// buttons to play it again from the start and to hide the card.
fn scenario_card(index: Option<usize>, lang: Lang, on: &Callback<LabEvent>) -> Html {
    let texts = lang.scenarios();
    let (Some(sc), Some(words)) = (
        index.and_then(|i| scenarios::SCENARIOS.get(i)),
        index.and_then(|i| texts.items.get(i)),
    ) else {
        return html! {};
    };
    let para = |label: &'static str, text: &'static str| {
        html! { <p><strong>{ label }</strong>{ text }</p> }
    };
    html! {
        <section id="lab-scenario-card" class="card scenario-card" aria-labelledby="scenario-card-title">
            <div class="scenario-card-text">
                <h2 id="scenario-card-title">
                    <span class="muted">{ texts.heading }{ " · " }</span>
                    { words.title }
                    <code class="scenario-card-id">{ sc.id }</code>
                </h2>
                { para(texts.set_up_label, words.set_up) }
                { para(texts.try_label, words.try_this) }
            </div>
            <div class="scenario-card-actions">
                <button type="button" id="lab-scenario-restart" class="btn btn-small"
                    onclick={on_click(on, LabEvent::ScenarioRestart)}>{ texts.restart }</button>
                <button type="button" class="btn btn-ghost btn-small"
                    onclick={on_click(on, LabEvent::ScenarioClose)}>{ texts.close }</button>
            </div>
        </section>
    }
}

/// `performance.now()`, or 0 where there is none.
fn now_ms() -> f64 {
    gloo::utils::window().performance().map_or(0.0, |p| p.now())
}

/// Drop `key=` from the address (after a new run, a reload must not bring the old one
/// back).
fn strip_key_from_url() {
    let window = gloo::utils::window();
    let href = window.location().href().unwrap_or_default();
    if !href.contains("key=") {
        return;
    }
    let base = href.split('#').next().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{base}#/lab")),
        );
    }
}

/// The message box: info in the active language; a bad link or file in both languages
/// (the person who opens a shared link may read either).
fn notice_box(notice: Option<&Notice>, lang: Lang, on: &Callback<LabEvent>) -> Html {
    let Some(n) = notice else {
        return html! {};
    };
    let l = lang.lab();
    let (class, title, body, other): (&str, Option<&str>, String, Option<String>) = match n {
        Notice::Error(origin, e) => {
            let title = match origin {
                Origin::Link => l.err_link,
                Origin::File => l.err_file,
                Origin::Action => l.err_action,
            };
            let mut body = error_text(e, lang);
            let other = if is_input_error(e) {
                let o = lang.other();
                let ol = o.lab();
                let title_o = match origin {
                    Origin::Link => ol.err_link,
                    Origin::File => ol.err_file,
                    Origin::Action => ol.err_action,
                };
                let gap = |x: Lang| if x == Lang::Zh { "" } else { " " };
                if *origin == Origin::Link {
                    body = format!("{body}{}{}", gap(lang), l.err_keep);
                }
                let colon = if o == Lang::Zh { "：" } else { ": " };
                let keep = if *origin == Origin::Link {
                    ol.err_keep
                } else {
                    ""
                };
                Some(format!(
                    "{title_o}{colon}{}{}{keep}",
                    error_text(e, o),
                    gap(o)
                ))
            } else {
                None
            };
            (
                "lab-notice notice-error",
                Some(title),
                body.trim().to_string(),
                other.map(|x| x.trim().to_string()),
            )
        }
        Notice::Copied => ("lab-notice notice-ok", None, l.copied.into(), None),
        Notice::CopyFailed => ("lab-notice notice-warn", None, l.copy_failed.into(), None),
        Notice::Loaded { step, hash } => (
            "lab-notice notice-ok",
            None,
            fill(
                l.loaded_link,
                &[("step", step.to_string()), ("hash", hash.clone())],
            ),
            None,
        ),
        Notice::Imported { hash } => (
            "lab-notice notice-ok",
            None,
            fill(l.imported, &[("hash", hash.clone())]),
            None,
        ),
        Notice::Forked => ("lab-notice notice-info", None, l.forked_note.into(), None),
        Notice::NewRun { seed } => (
            "lab-notice notice-info",
            None,
            fill(l.new_run, &[("seed", seed.to_string())]),
            None,
        ),
        Notice::ScenarioReady(id) => (
            "lab-notice notice-info",
            None,
            fill(lang.scenarios().started, &[("id", id.to_string())]),
            None,
        ),
        Notice::UnknownScenario(id) => (
            "lab-notice notice-warn",
            None,
            fill(lang.scenarios().unknown, &[("id", id.clone())]),
            None,
        ),
        Notice::ReplayStopped(e) => (
            "lab-notice notice-warn",
            None,
            crate::i18n::replay::replay_stopped(e.as_ref(), lang),
            None,
        ),
        Notice::WriteSent { client } => (
            "lab-notice notice-info",
            None,
            fill(l.write_sent, &[("client", client.clone())]),
            None,
        ),
    };
    let role = if class == "lab-notice notice-error" {
        "alert"
    } else {
        "status"
    };
    html! {
        <div id="lab-notice" {class} {role}>
            <div class="notice-text">
                if let Some(title) = title {
                    <strong class="notice-title">{ title }</strong>
                }
                <p class="notice-body">{ body }</p>
                if let Some(other) = other {
                    <p class="notice-other" lang={lang.other().html_tag()}>{ other }</p>
                }
            </div>
            <button type="button" class="btn btn-ghost btn-small notice-close" aria-label={l.dismiss}
                onclick={on_click(on, LabEvent::Dismiss)}>{ "×" }</button>
        </div>
    }
}
