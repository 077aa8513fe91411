//! The page footer.

use crate::i18n::Texts;
use yew::prelude::*;

/// The site footer (a plain function of the active language's texts).
pub fn footer(t: &'static Texts) -> Html {
    html! {
        <footer class="site-footer">
            <div class="footer-inner">
                <p>{ t.footer }</p>
                <p class="footer-meta">{ concat!("ZooScope v", env!("CARGO_PKG_VERSION"), " · Apache-2.0") }</p>
            </div>
        </footer>
    }
}
