//! The lab page (`#/lab`): the election lab of [`crate::lab`]. `?key=zs1…` reproduces a
//! shared run; `?scenario=<id>` names the lesson scenario that linked here.

use crate::lab::app::LabApp;
use yew::prelude::*;

/// The lab page.
#[component]
pub fn Lab() -> Html {
    html! { <LabApp /> }
}
