//! The page for unknown routes.

use crate::lang_ctx::use_texts;
use crate::route::Route;
use yew::prelude::*;
use yew_router::prelude::*;

/// Not found.
#[component]
pub fn NotFoundPage() -> Html {
    let t = use_texts();
    html! {
        <div class="page page-404">
            <p class="big-code" aria-hidden="true">{ "404" }</p>
            <h1>{ t.nf_title }</h1>
            <p class="page-lead">{ t.nf_body }</p>
            <Link<Route> to={Route::Home} classes="btn btn-primary">{ t.nf_home }</Link<Route>>
        </div>
    }
}
