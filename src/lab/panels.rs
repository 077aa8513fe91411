//! The lab's ZooKeeper panels: ballot box, ZAB replication, data tree (with a zkCli
//! console) and safety checks.
//!
//! Every panel is a Yew function component taking [`PanelProps`]: the view model the
//! core computed from the run ([`ZkLabView`], see
//! `zooscope_core::protocols::zookeeper::lab_view`), the selected server (`myid`) and a
//! callback for [`LabCommand`]s. Panels never touch the simulation; they ask the lab
//! page. Words come from [`crate::i18n::PanelTexts`] in the language of the context;
//! ZooKeeper's own terms (state names, packet names, zkCli output) stay as ZooKeeper
//! writes them. Roles are told apart by colour, text and shape; tables have captions
//! and column headers; nothing needs a hover.

pub mod ballot_box;
pub mod console;
pub mod data_view;
pub mod fmt;
pub mod invariant_panel;
pub mod zab_view;

pub use ballot_box::BallotBox;
pub use console::ZkConsole;
pub use data_view::DataView;
pub use invariant_panel::InvariantPanel;
pub use zab_view::ZabView;

use super::command::LabCommand;
use std::rc::Rc;
use yew::prelude::*;
use zooscope_core::protocols::zookeeper::lab_view::ZkLabView;

/// What every panel gets from the lab page.
///
/// Equal when they hold the *same* view (`Rc::ptr_eq`), not merely an equal one. The lab
/// page builds a new view only when its cache key changes, and a view records the step
/// and simulated time it was built at, so two different builds practically never compare
/// equal: a field-by-field comparison of the whole view would cost time on every render
/// and a few KiB of bundle for nothing.
#[derive(Properties, Clone)]
pub struct PanelProps {
    /// The view of the run at the current position.
    pub view: Rc<ZkLabView>,
    /// The selected server (`myid`).
    #[prop_or_default]
    pub selected: Option<u32>,
    /// Ask the lab page to do something.
    pub on_command: Callback<LabCommand>,
}

impl PartialEq for PanelProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.view, &other.view)
            && self.selected == other.selected
            && self.on_command == other.on_command
    }
}

/// The server a panel shows: the selected one if it has a card, else the first
/// running server, else the first one.
pub fn focus_server(view: &ZkLabView, selected: Option<u32>) -> Option<u32> {
    selected
        .filter(|s| view.server(*s).is_some())
        .or_else(|| {
            view.servers
                .iter()
                .find(|s| s.role.is_some())
                .map(|s| s.myid)
        })
        .or_else(|| view.servers.first().map(|s| s.myid))
}

/// A row of buttons to choose a server (each names the server and its role).
pub fn server_picker(
    view: &ZkLabView,
    current: Option<u32>,
    on_command: &Callback<LabCommand>,
    t: &crate::i18n::PanelTexts,
) -> Html {
    html! {
        <div class="panel-picker" role="group" aria-label={t.pick_server}>
            { for view.servers.iter().map(|s| {
                let id = s.myid;
                let cb = on_command.clone();
                let onclick = Callback::from(move |_: MouseEvent| cb.emit(LabCommand::Select(Some(id))));
                let pressed = if current == Some(id) { "true" } else { "false" };
                html! {
                    <button type="button" key={id}
                        class={classes!("picker-btn", fmt::role_class(s.role))}
                        aria-pressed={pressed}
                        aria-label={crate::i18n::panels::fill(t.pick_server_aria, &[&fmt::server_aria(s, t)])}
                        {onclick}>
                        <span class="role-glyph" aria-hidden="true">{ fmt::role_glyph(s.role, s.live) }</span>
                        { crate::i18n::panels::fill(t.server_n, &[&id]) }
                    </button>
                }
            }) }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn props_are_equal_only_for_the_same_view() {
        let view = Rc::new(ZkLabView::default());
        let on_command = Callback::from(|_: LabCommand| {});
        let props = |view: &Rc<ZkLabView>, selected| PanelProps {
            view: view.clone(),
            selected,
            on_command: on_command.clone(),
        };
        assert!(props(&view, Some(1)) == props(&view, Some(1)));
        assert!(props(&view, Some(1)) != props(&view, Some(2)));
        // An equal view built anew is a new view: the panels render it.
        let rebuilt = Rc::new(ZkLabView::default());
        assert!(props(&view, Some(1)) != props(&rebuilt, Some(1)));
        let other_callback = PanelProps {
            on_command: Callback::from(|_: LabCommand| {}),
            ..props(&view, Some(1))
        };
        assert!(props(&view, Some(1)) != other_callback);
    }
}
