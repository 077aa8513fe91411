//! The root component: language state, router, page frame.

use crate::components::footer::footer;
use crate::components::header::Header;
use crate::i18n::Lang;
use crate::lab::app::LabApp;
use crate::lang_ctx::{use_texts, LangCtx};
use crate::lang_pref;
use crate::pages::{compare::compare, home::home, lesson::lesson_page, not_found::not_found};
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
                <Header />
                <main id="main-content" class="main" tabindex="-1">
                    <Page />
                </main>
                { footer(lang.texts()) }
            </HashRouter>
        </ContextProvider<LangCtx>>
    }
}

/// The page for the current route. Also scrolls the window up whenever the route
/// changes (hash routing keeps the old scroll offset). The pages are plain functions
/// whose root elements are keyed by page, so a new page replaces the old one's DOM.
#[component]
fn Page() -> Html {
    let route = use_route::<Route>();
    let t = use_texts();
    use_effect_with(route.clone(), |_| {
        gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0)
    });
    match route {
        Some(Route::Home) => home(t),
        // `?key=zs1…` reproduces a shared run; `?scenario=<id>` names a lesson scenario.
        Some(Route::Lab) => html! { <LabApp /> },
        Some(Route::Compare) => compare(t),
        Some(Route::Lesson { slug }) => lesson_page(t, &slug),
        Some(Route::NotFound) => not_found(t),
        None => Html::default(),
    }
}
