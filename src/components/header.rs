//! The top bar: logo, navigation, language toggle.

use crate::lang_ctx::use_lang;
use crate::route::Route;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

/// The site header.
#[component]
pub fn Header() -> Html {
    let ctx = use_lang();
    let t = ctx.lang.texts();
    let route = use_route::<Route>();
    let nav_item = |to: Route, label: &'static str| {
        let active = match (&route, &to) {
            (Some(Route::Lesson { .. }), Route::Home) => true,
            (Some(r), to) => r == to,
            (None, _) => false,
        };
        html! {
            <li>
                <Link<Route> {to} classes={classes!("nav-link", active.then_some("active"))}>
                    { label }
                </Link<Route>>
            </li>
        }
    };
    let toggle = {
        let set = ctx.set.clone();
        let next = ctx.lang.other();
        Callback::from(move |_: MouseEvent| set.emit(next))
    };
    html! {
        <header class="site-header">
            <a class="skip-link" href="#main-content" onclick={skip_to_main()}>{ t.skip_link }</a>
            <div class="header-inner">
                <Link<Route> to={Route::Home} classes="brand">
                    <Logo />
                    <span class="brand-text">
                        <span class="brand-name">{ "ZooScope" }</span>
                        <span class="brand-tagline">{ t.brand_tagline }</span>
                    </span>
                </Link<Route>>
                <nav class="site-nav" aria-label={t.nav_label}>
                    <ul>
                        { nav_item(Route::Home, t.nav_home) }
                        { nav_item(Route::Lab, t.nav_lab) }
                        { nav_item(Route::Locks, t.nav_locks) }
                        { nav_item(Route::Compare, t.nav_compare) }
                        { nav_item(Route::Live, ctx.lang.live().title) }
                        { nav_item(Route::Experiments, crate::i18n::experiments::texts(ctx.lang).title) }
                    </ul>
                </nav>
                <button id="lang-toggle" class="lang-toggle" type="button" title={t.toggle_title}
                    aria-label={t.toggle_title} lang={ctx.lang.other().html_tag()} onclick={toggle}>
                    <LangIcon />
                    <span>{ t.toggle_label }</span>
                </button>
            </div>
        </header>
    }
}

/// The globe on the language toggle.
#[component]
fn LangIcon() -> Html {
    html! {
        <svg class="lang-icon" viewBox="0 0 24 24" aria-hidden="true">
            <circle cx="12" cy="12" r="9" />
            <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9M12 3c-2.5 2.7-3.8 5.7-3.8 9s1.3 6.3 3.8 9" />
        </svg>
    }
}

/// The ZooScope mark: three linked nodes in a lens.
#[component]
fn Logo() -> Html {
    html! {
        <svg class="logo" viewBox="0 0 32 32" aria-hidden="true">
            <circle class="logo-ring" cx="16" cy="16" r="14" />
            <path class="logo-edge" d="M16 9 L9.5 20.5 L22.5 20.5 Z" />
            <circle class="logo-lead" cx="16" cy="9" r="3.6" />
            <circle class="logo-node" cx="9.5" cy="20.5" r="3.2" />
            <circle class="logo-node" cx="22.5" cy="20.5" r="3.2" />
        </svg>
    }
}

/// The skip link must not change the hash (that would navigate the hash router), so it
/// moves focus by hand.
fn skip_to_main() -> Callback<MouseEvent> {
    Callback::from(|e: MouseEvent| {
        e.prevent_default();
        let main = gloo::utils::document().get_element_by_id("main-content");
        if let Some(main) = main.and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = main.focus();
        }
    })
}
