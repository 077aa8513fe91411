//! The lock lab's page (`#/locks?preset=NAME`): the lab filling the window.

use crate::locks::query::LocksQuery;
use crate::locks::LockLab;
use yew::prelude::*;
use yew_router::prelude::*;

/// The `#/locks` page.
#[component]
pub fn LocksPage() -> Html {
    let location = use_location();
    let q = location
        .as_ref()
        .map(|l| LocksQuery::parse(l.query_str()))
        .unwrap_or_default();
    let key = format!("{}|{}", q.preset_name(), q.sellers());
    html! {
        <LockLab key={key} preset={AttrValue::from(q.preset_name())} log={q.log_lines()}
            at={q.at} sellers={q.sellers()} />
    }
}
