//! The lab's reducer: [`LabState`] takes every [`LabEvent`] the page sends (controls,
//! tool cards, keyboard, animation frames, the address) and carries it out on the run:
//! advancing it once per animation frame (bounded), turning [`LabCommand`]s into
//! operations, starting new runs from a setup, a link, a scenario or a file, and
//! narrating what changed for the live region.
//!
//! The run lives in a `Rc<RefCell<LabSession>>` (cloning it per frame would be
//! wasteful); the reducer's new state each event is what makes Yew re-render.

use super::command::LabCommand;
use super::event::LabEvent;
use super::hooks::{copy_to_clipboard, download, Shortcut};
use super::scenarios;
use super::session::{LabError, LabSession};
use super::setup::LabSetup;
use super::share::{self, ShareQuery};
use super::state::{Notice, Origin, Selection, UiAction, UiState};
use super::view::{fill, narrate, node_label, server_cards, sim_us_per_ms};
use crate::i18n::Lang;
use crate::panic;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Most events one animation frame may process (the run slows down before the page).
pub const EVENTS_PER_FRAME_MAX: u64 = 400;
/// A quiet stretch is shown this long (real ms) before the clock jumps over it.
pub const IDLE_PAUSE_MS: f64 = 350.0;
/// Frames between refreshes of the reproduction key shown by the panic overlay.
const KEY_REFRESH_FRAMES: u64 = 120;

/// The lab's bookkeeping that must not cause renders: per-frame driver state, the
/// setup of the run in play and what the address asked for when last looked at.
#[derive(Default)]
pub struct Driver {
    /// The page's language (narration is written in it).
    pub lang: Lang,
    quiet_ms: f64,
    carry_us: f64,
    frames: u64,
    violations: usize,
    /// The learner's choices behind the run in play (a new run re-renders the lab).
    pub setup: LabSetup,
    /// The `key=` of the address the run in play came from.
    booted_key: Option<String>,
    /// The scenario id of the address the run in play came from.
    booted_scenario: Option<String>,
}

/// The lab's state, as the Yew book's `use_reducer` holds it: the UI state, the scenario
/// in play and the last link made are plain values replaced on every event; the run
/// itself (too large to clone per frame) and the driver's bookkeeping are shared cells
/// the reducer updates in place. Every [`LabEvent`] the page sends goes through
/// [`LabState::reduce`].
pub struct LabState {
    /// Playback, selection, filters, notices, live lines.
    pub ui: UiState,
    /// The scenario in play (its card is shown), by index into `scenarios::SCENARIOS`.
    pub scenario: Option<usize>,
    /// The last link made by Copy link.
    pub link: Option<String>,
    /// The run.
    pub session: Rc<RefCell<LabSession>>,
    /// Bookkeeping that must not cause renders.
    pub driver: Rc<RefCell<Driver>>,
    /// Where an answer that comes later (the clipboard's) is sent: the reducer's own
    /// dispatcher, set by the page once it has it.
    pub relay: Rc<RefCell<Option<Callback<LabEvent>>>>,
}

impl LabState {
    /// The first state: the run the address asks for (see [`boot`]).
    pub fn boot(query: &ShareQuery) -> LabState {
        let (s, notice, index) = boot(query);
        let base = UiState::default();
        let speed = index.and_then(|i| scenarios::SCENARIOS.get(i));
        let driver = Driver {
            setup: setup_of(&s),
            booted_key: query.key.clone(),
            booted_scenario: scenario_id(query),
            ..Driver::default()
        };
        LabState {
            ui: UiState {
                notice,
                speed_exp: speed.map_or(base.speed_exp, |sc| sc.speed_exp),
                ..base
            },
            scenario: index,
            link: None,
            session: Rc::new(RefCell::new(s)),
            driver: Rc::new(RefCell::new(driver)),
            relay: Rc::default(),
        }
    }

    /// The state around a run someone else holds (a lesson's embedded lab, which reads
    /// and moves the same run): nothing asked for by the address, no scenario card.
    pub fn around(session: Rc<RefCell<LabSession>>) -> LabState {
        let driver = Driver {
            setup: setup_of(&session.borrow()),
            ..Driver::default()
        };
        LabState {
            ui: UiState::default(),
            scenario: None,
            link: None,
            session,
            driver: Rc::new(RefCell::new(driver)),
            relay: Rc::default(),
        }
    }

    fn notice(&mut self, notice: Notice) {
        self.ui.apply(UiAction::Notice(Some(notice)));
    }

    /// If the run has just stopped before a logged command it could not re-apply, pause
    /// playback and say so (once per stop; the session keeps count).
    fn report_replay_stop(&mut self) {
        let stop = self.session.borrow_mut().take_replay_stop();
        if let Some(e) = stop {
            self.ui.apply(UiAction::SetPlaying(false));
            self.notice(Notice::ReplayStopped(Box::new(e)));
        }
    }
}

impl Reducible for LabState {
    type Action = LabEvent;

    fn reduce(self: Rc<Self>, ev: LabEvent) -> Rc<Self> {
        let mut next = LabState {
            ui: self.ui.clone(),
            scenario: self.scenario,
            link: self.link.clone(),
            session: self.session.clone(),
            driver: self.driver.clone(),
            relay: self.relay.clone(),
        };
        handle(&mut next, ev);
        Rc::new(next)
    }
}

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
fn install_run(lab: &mut LabState, s: LabSession, notice: Notice) {
    lab.driver.borrow_mut().setup = setup_of(&s);
    *lab.session.borrow_mut() = s;
    panic::set_repro_key(Some(&lab.session.borrow().key_text()));
    lab.ui.apply(UiAction::SetPlaying(false));
    lab.ui.apply(UiAction::Select(Selection::None));
    lab.notice(notice);
    lab.report_replay_stop();
    lab.ui.apply(UiAction::Mutated);
}

/// Handle one lab event.
fn handle(lab: &mut LabState, ev: LabEvent) {
    match ev {
        LabEvent::Command(cmd) => command(lab, cmd),
        LabEvent::Ui(a) => lab.ui.apply(a),
        LabEvent::Frame(dt) => frame(lab, dt),
        LabEvent::Key(Shortcut::PlayPause) => lab.ui.apply(UiAction::TogglePlay),
        LabEvent::Key(Shortcut::Step) => command(lab, LabCommand::Step),
        LabEvent::Key(Shortcut::Next) => command(lab, LabCommand::Next),
        LabEvent::Reset(seed) => {
            let (scenario, mut next) = {
                let d = lab.driver.borrow();
                (lab.scenario, d.setup.clone())
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
            lab.link = Some(url.clone());
            let relay = lab.relay.borrow().clone();
            copy_to_clipboard(
                &url,
                Callback::from(move |ok: bool| {
                    let notice = if ok {
                        Notice::Copied
                    } else {
                        Notice::CopyFailed
                    };
                    // Later, never inside this reduce (a refusal can come at once).
                    if let Some(relay) = relay.clone() {
                        gloo::timers::callback::Timeout::new(0, move || {
                            relay.emit(LabEvent::Ui(UiAction::Notice(Some(notice))))
                        })
                        .forget();
                    }
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
                (lab.scenario, d.setup.seed)
            };
            if let Some(index) = scenario {
                restart_scenario(lab, index, seed);
            }
        }
        LabEvent::ScenarioClose => lab.scenario = None,
        LabEvent::Dismiss => lab.ui.apply(UiAction::Notice(None)),
        LabEvent::Address(key, id) => address(lab, key, id),
    }
}

/// The address of this tab changed: a different key pasted into it, or a different
/// scenario asked for (a lesson link).
fn address(lab: &mut LabState, key: Option<String>, id: Option<String>) {
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
                lab.scenario = Some(index);
                if let Some(sc) = scenarios::SCENARIOS.get(index) {
                    lab.ui.apply(UiAction::SetSpeed(sc.speed_exp));
                }
            }
            // The run in play goes on; the notice says why.
            Err(notice) => lab.notice(notice),
        }
    }
}

/// One animation frame: advance the run by dt × speed (bounded), narrate, re-render.
fn frame(lab: &mut LabState, dt: f64) {
    let started = now_ms();
    let mut d = lab.driver.borrow_mut();
    let mut s = lab.session.borrow_mut();
    let before = server_cards(&s);
    let quiet = lab.ui.skip_idle && s.in_flight() == 0;
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
        let want = dt * sim_us_per_ms(lab.ui.speed_exp) + d.carry_us;
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
        lab.ui.apply(UiAction::Live(lines));
    }
    lab.ui.apply(UiAction::Frame { idle: quiet });
    lab.report_replay_stop();
    super::debug::record_frame(now_ms() - started);
}

/// Apply an operation to the run; report forks and errors; narrate what changed.
fn act(lab: &mut LabState, op: &dyn Fn(&mut LabSession) -> Result<bool, LabError>) {
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
        lab.ui.apply(UiAction::Live(lines));
    }
    lab.ui.apply(UiAction::Mutated);
}

/// Carry out one [`LabCommand`].
fn command(lab: &mut LabState, cmd: LabCommand) {
    let pause = |lab: &mut LabState| lab.ui.apply(UiAction::SetPlaying(false));
    let select = |lab: &mut LabState, sel: Selection| lab.ui.apply(UiAction::Select(sel));
    match cmd {
        LabCommand::Select(sid) => select(
            lab,
            sid.map_or(Selection::None, |s| Selection::Server(u64::from(s))),
        ),
        LabCommand::SelectClient(c) => select(lab, c.map_or(Selection::None, Selection::Client)),
        LabCommand::SelectMessage(m) => select(lab, m.map_or(Selection::None, Selection::Message)),
        LabCommand::Crash(sid) => act(lab, &|s| s.crash(u64::from(sid))),
        LabCommand::Restart(sid) => act(lab, &|s| s.restart(u64::from(sid))),
        LabCommand::Pause(sid) => act(lab, &|s| s.pause(u64::from(sid))),
        LabCommand::Resume(sid) => act(lab, &|s| s.resume(u64::from(sid))),
        LabCommand::CutLink(a, b) => act(lab, &|s| s.cut(u64::from(a), u64::from(b))),
        LabCommand::HealLink(a, b) => act(lab, &|s| s.heal_link(u64::from(a), u64::from(b))),
        LabCommand::HealAll => act(lab, &|s| s.heal_all()),
        LabCommand::DropMessage(id) => {
            act(lab, &|s| s.drop_message(id));
            select(lab, Selection::None);
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
            pause(lab);
            act(lab, &|s| {
                s.zkcli(client, &line)?;
                Ok(false)
            });
            lab.ui.apply(UiAction::ConsoleClient(client));
        }
        LabCommand::JumpToStep(step) => {
            pause(lab);
            act(lab, &|s| s.seek(step).map(|_| false));
        }
        LabCommand::Play => lab.ui.apply(UiAction::SetPlaying(true)),
        LabCommand::PausePlayback => pause(lab),
        LabCommand::Step => {
            pause(lab);
            act(lab, &|s| {
                s.step();
                Ok(false)
            });
        }
        LabCommand::Next => {
            pause(lab);
            act(lab, &|s| {
                s.next_change();
                Ok(false)
            });
        }
    }
}

/// A new run of `next` (Reset, the setup card): no scenario in play, no link made.
fn new_run(lab: &mut LabState, next: LabSetup) {
    match LabSession::new(&next) {
        Ok(s) => {
            *lab.session.borrow_mut() = s;
            lab.scenario = None;
            panic::set_repro_key(Some(&lab.session.borrow().key_text()));
            let seed = next.seed;
            lab.driver.borrow_mut().setup = next;
            lab.link = None;
            lab.ui.apply(UiAction::SetPlaying(false));
            lab.ui.apply(UiAction::Select(Selection::None));
            lab.notice(Notice::NewRun { seed });
            lab.ui.apply(UiAction::Mutated);
            strip_key_from_url();
        }
        Err(e) => lab.notice(Notice::Error(Origin::Action, e)),
    }
}

/// Play scenario `index` again from its start with `seed`.
fn restart_scenario(lab: &mut LabState, index: usize, seed: u64) {
    let Some(sc) = scenarios::SCENARIOS.get(index) else {
        return;
    };
    match start_scenario(sc.id, Some(seed)) {
        Ok((s, _, notice)) => {
            install_run(lab, s, notice);
            lab.link = None;
        }
        Err(notice) => lab.notice(notice),
    }
}

/// The scenario id the address asks for, if any.
pub fn scenario_id(query: &ShareQuery) -> Option<String> {
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
