//! The root component: language state, router, page frame.

use crate::components::footer::footer;
use crate::components::header::Header;
use crate::components::scroll_top::ScrollTop;
use crate::i18n::Lang;
use crate::lang_ctx::LangCtx;
use crate::lang_pref;
use crate::lab::app::LabApp;
use crate::pages::{compare::Compare, home::Home, lesson::LessonPage, not_found::NotFound};
use crate::route::Route;
use yew::prelude::*;
use yew_router::prelude::*;

/// The whole app.
#[component]
pub fn App() -> Html {
    let lang = use_state(lang_pref::detect);
    use_effect_with(*lang, |lang| lang_pref::apply_to_document(*lang));
    let set = {
        let lang = lang.clone();
        Callback::from(move |next: Lang| {
            lang_pref::save(next);
            lang_pref::strip_lang_from_url();
            lang.set(next);
        })
    };
    let ctx = LangCtx { lang: *lang, set };
    html! {
        <ContextProvider<LangCtx> context={ctx}>
            <HashRouter>
                <ScrollTop />
                <Header />
                <main id="main-content" class="main" tabindex="-1">
                    <Switch<Route> render={switch} />
                </main>
                { footer(lang.texts()) }
            </HashRouter>
        </ContextProvider<LangCtx>>
    }
}

/// The page for a route.
pub fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <Home /> },
        // `?key=zs1…` reproduces a shared run; `?scenario=<id>` names a lesson scenario.
        Route::Lab => html! { <LabApp /> },
        Route::Compare => html! { <Compare /> },
        Route::Lesson { slug } => html! { <LessonPage {slug} /> },
        Route::NotFound => html! { <NotFound /> },
    }
}
