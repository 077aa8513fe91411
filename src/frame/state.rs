//! The frame's own state, as a Yew reducer: which detail panel is shown, which one is
//! pinned beside it, projector mode and whether the shortcut sheet is open.

use std::rc::Rc;
use yew::prelude::*;

/// The frame's state.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct FrameState {
    /// Index of the detail panel shown.
    pub active: usize,
    /// A panel kept open beside the active one (wide screens).
    pub pinned: Option<usize>,
    /// Projector mode: large type, high contrast, shortcuts on screen.
    pub projector: bool,
    /// The keyboard-shortcut sheet is open.
    pub help: bool,
}

/// What can happen to the frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameAction {
    /// Show panel `i` (out of `count`); an index past the end is ignored.
    Show {
        /// The panel.
        index: usize,
        /// How many panels there are.
        count: usize,
    },
    /// Keep the active panel open beside the next one chosen (or stop pinning).
    Pin(bool),
    /// Turn projector mode on or off.
    Projector(bool),
    /// Open or close the shortcut sheet.
    Help(bool),
}

impl Reducible for FrameState {
    type Action = FrameAction;

    fn reduce(self: Rc<Self>, action: FrameAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            FrameAction::Show { index, count } => {
                if index < count {
                    if s.pinned == Some(index) {
                        s.pinned = None;
                    }
                    s.active = index;
                }
            }
            FrameAction::Pin(on) => s.pinned = on.then_some(s.active),
            FrameAction::Projector(on) => s.projector = on,
            FrameAction::Help(on) => s.help = on,
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn showing_pinning_and_bounds() {
        let s = Rc::new(FrameState::default());
        let s = s.reduce(FrameAction::Show { index: 3, count: 8 });
        assert_eq!(s.active, 3);
        let s = s.reduce(FrameAction::Show { index: 8, count: 8 });
        assert_eq!(s.active, 3, "past the end is ignored");
        let s = s.reduce(FrameAction::Pin(true));
        assert_eq!(s.pinned, Some(3));
        let s = s.reduce(FrameAction::Show { index: 1, count: 8 });
        assert_eq!((s.active, s.pinned), (1, Some(3)));
        // Choosing the pinned panel makes it the active one (not shown twice).
        let s = s.reduce(FrameAction::Show { index: 3, count: 8 });
        assert_eq!((s.active, s.pinned), (3, None));
        let s = s
            .reduce(FrameAction::Pin(true))
            .reduce(FrameAction::Pin(false));
        assert_eq!(s.pinned, None);
        let s = s
            .reduce(FrameAction::Projector(true))
            .reduce(FrameAction::Help(true));
        assert!(s.projector && s.help);
    }
}
