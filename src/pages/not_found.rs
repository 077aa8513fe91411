//! The page for unknown routes.

use crate::i18n::Texts;
use crate::route::{link, Route};
use yew::prelude::*;

/// Not found.
pub fn not_found(t: &'static Texts) -> Html {
    html! {
        <div key="404" class="page page-404">
            <p class="big-code" aria-hidden="true">{ "404" }</p>
            <h1>{ t.nf_title }</h1>
            <p class="page-lead">{ t.nf_body }</p>
            { link(&Route::Home, None, classes!("btn", "btn-primary"), t.nf_home.into()) }
        </div>
    }
}
