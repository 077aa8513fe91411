//! The top bar: logo, navigation, language toggle.

use crate::dom::button_with;
use crate::lab::panels::{el, list, txt};
use crate::lang_ctx::use_lang;
use crate::route::{link, Route};
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew::virtual_dom::AttributeOrProperty as A;
use yew_router::prelude::use_route;

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
        el(
            "li",
            "",
            link(
                &to,
                None,
                classes!("nav-link", active.then_some("active")),
                txt(label),
            ),
        )
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
                { link(&Route::Home, None, classes!("brand"), list([
                    logo(),
                    el("span", "brand-text", list([
                        el("span", "brand-name", txt("ZooScope")),
                        el("span", "brand-tagline", txt(t.brand_tagline)),
                    ])),
                ])) }
                <nav class="site-nav" aria-label={t.nav_label}>
                    <ul>
                        { nav_item(Route::Home, t.nav_home) }
                        { nav_item(Route::Lab, t.nav_lab) }
                        { nav_item(Route::Compare, t.nav_compare) }
                    </ul>
                </nav>
                { button_with(
                    &["id", "class", "type", "title", "aria-label", "lang"],
                    Box::new([
                        Some(A::Static("lang-toggle")),
                        Some(A::Static("lang-toggle")),
                        Some(A::Static("button")),
                        Some(A::Static(t.toggle_title)),
                        Some(A::Static(t.toggle_title)),
                        Some(A::Static(ctx.lang.other().html_tag())),
                    ]),
                    toggle,
                    list([lang_icon(), el("span", "", txt(t.toggle_label))]),
                ) }
            </div>
        </header>
    }
}

/// The globe on the language toggle.
fn lang_icon() -> Html {
    html! {
        <svg class="lang-icon" viewBox="0 0 24 24" aria-hidden="true">
            <circle cx="12" cy="12" r="9" />
            <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9M12 3c-2.5 2.7-3.8 5.7-3.8 9s1.3 6.3 3.8 9" />
        </svg>
    }
}

/// The ZooScope mark: three linked nodes in a lens (a plain function: it has no state,
/// and a component would cost the bundle its own lifecycle code).
fn logo() -> Html {
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
