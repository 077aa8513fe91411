//! [`LabEvent`]: everything that happens to the lab, as one value the page handles in
//! one place; the controls, tool cards, keyboard, animation frames and address speak it.

use super::command::LabCommand;
use super::hooks::Shortcut;
use super::setup::LabSetup;
use super::state::UiAction;
use yew::{Callback, MouseEvent};

/// Everything that happens to the lab: what its controls, tool cards, keyboard,
/// animation frames and address ask for. One enum handled by one function, so the lab
/// needs one callback type rather than one closure type per control.
#[derive(Clone, Debug, PartialEq)]
pub enum LabEvent {
    /// An operation on the run.
    Command(LabCommand),
    /// A UI state change.
    Ui(UiAction),
    /// An animation frame, `dt` ms after the last.
    Frame(f64),
    /// A keyboard shortcut.
    Key(Shortcut),
    /// Reset: a new run of the same setup (or scenario) with this seed.
    Reset(u64),
    /// A new run of this setup.
    NewRun(LabSetup),
    /// Split the ensemble into these groups of server ids.
    Split(Vec<Vec<u64>>),
    /// Make a link to the run and copy it.
    Copy,
    /// Export the run as a file.
    Export,
    /// A run file's text to import.
    Import(String),
    /// Play the scenario in play again from its start.
    ScenarioRestart,
    /// Hide the scenario card.
    ScenarioClose,
    /// Hide the notice.
    Dismiss,
    /// The address now asks for this key and scenario.
    Address(Option<String>, Option<String>),
}

/// A click handler that sends `ev` (one closure type for every button of the lab).
pub fn on_click(on: &Callback<LabEvent>, ev: LabEvent) -> Callback<MouseEvent> {
    let on = on.clone();
    Callback::from(move |_: MouseEvent| on.emit(ev.clone()))
}
