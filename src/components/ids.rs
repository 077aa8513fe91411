//! Element ids that stay unique when a part of the page appears more than once.
//!
//! The lab's parts name their elements (`lab-play`, `lab-timeline`, …) so labels, tests and
//! keyboard help can find them. A lesson page may embed several runs of the lab, each with
//! its own transport bar, and the comparison page draws one sequence diagram per lane: the
//! same ids twice would make the page invalid and point every `<label for>` and
//! `url(#…)` at the first copy. A part asks [`use_id_scope`] for its ids; the full pages
//! set no scope (their ids stay as they were), and each lab piece of a lesson page
//! (`course::pieces`) provides an [`IdScope`] made from [`use_unique_id`] around its run,
//! lock lab or comparison lab. Drawings that repeat within one page (a sequence diagram
//! per lane, a lock queue) name their SVG markers with [`use_unique_id`] directly.

use std::cell::Cell;
use yew::prelude::*;

thread_local! {
    /// Ids handed out by [`use_unique_id`] so far (per page load).
    static NEXT: Cell<u32> = const { Cell::new(0) };
}

/// The prefix of a part's element ids: none for the page's own copy.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IdScope {
    prefix: Option<AttrValue>,
}

impl IdScope {
    /// A scope whose ids are `PREFIX-name`.
    pub fn new(prefix: AttrValue) -> Self {
        IdScope {
            prefix: Some(prefix),
        }
    }

    /// The element id for `name` in this scope.
    pub fn id(&self, name: impl Into<AttrValue>) -> AttrValue {
        let name = name.into();
        match &self.prefix {
            None => name,
            Some(p) => AttrValue::from(format!("{p}-{name}")),
        }
    }
}

/// The id scope the nearest provider set (none: the page's own ids).
#[hook]
pub fn use_id_scope() -> IdScope {
    use_context::<IdScope>().unwrap_or_default()
}

/// `BASE-N`, unique on the page and the same for the component's whole life.
#[hook]
pub fn use_unique_id(base: &'static str) -> AttrValue {
    let id = use_state(|| {
        let n = NEXT.with(|c| {
            let n = c.get().wrapping_add(1);
            c.set(n);
            n
        });
        AttrValue::from(format!("{base}-{n}"))
    });
    (*id).clone()
}
