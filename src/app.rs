//! The root component: language state, router, page frame.

use crate::components::footer::Footer;
use crate::components::header::Header;
use crate::experiments::page::ExperimentsPage;
use crate::i18n::Lang;
use crate::lab::app::LabApp;
use crate::lang_ctx::LangCtx;
use crate::lang_pref;
use crate::pages::compare::ComparePage;
use crate::pages::glossary::GlossaryPage;
use crate::pages::home::HomePage;
use crate::pages::lesson::LessonPage;
use crate::pages::live::LivePage;
use crate::pages::locks::LocksPage;
use crate::pages::not_found::NotFoundPage;
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
                <ScrollToTop />
                <Header />
                <main id="main-content" class="main" tabindex="-1">
                    <Switch<Route> render={switch} />
                </main>
                <Footer />
            </HashRouter>
        </ContextProvider<LangCtx>>
    }
}

/// The page of a route.
fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <HomePage /> },
        // `?key=zs1…` reproduces a shared run; `?scenario=<id>` names a lesson scenario.
        Route::Lab => html! { <LabApp /> },
        Route::Compare => html! { <ComparePage /> },
        Route::Live => html! { <LivePage /> },
        Route::Experiments => html! { <ExperimentsPage /> },
        Route::Locks => html! { <LocksPage /> },
        Route::Glossary => html! { <GlossaryPage /> },
        Route::Lesson { slug } => html! { <LessonPage {slug} /> },
        Route::NotFound => html! { <NotFoundPage /> },
    }
}

/// Scrolls the window up whenever the route changes (hash routing keeps the old scroll
/// offset). A new query on the same page (another scenario in the lab) does not scroll.
#[component]
fn ScrollToTop() -> Html {
    let route = use_route::<Route>();
    use_effect_with(route, |_| {
        gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0)
    });
    Html::default()
}
