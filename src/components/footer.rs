//! The page footer.

use crate::lang_ctx::use_texts;
use yew::prelude::*;

/// The site footer.
#[component]
pub fn Footer() -> Html {
    let t = use_texts();
    html! {
        <footer class="site-footer">
            <div class="footer-inner">
                <p>{ t.footer }</p>
                <p class="footer-meta">{ concat!("ZooScope v", env!("CARGO_PKG_VERSION"), " · Apache-2.0") }</p>
            </div>
        </footer>
    }
}
