//! The active language as a Yew context, and hooks to read it.

use crate::i18n::{Lang, Texts};
use yew::prelude::*;

/// What the language context carries: the language and how to change it.
#[derive(Clone, Debug, PartialEq)]
pub struct LangCtx {
    /// The active language.
    pub lang: Lang,
    /// Switch to another language (saves the choice and re-renders).
    pub set: Callback<Lang>,
}

impl Default for LangCtx {
    fn default() -> Self {
        LangCtx {
            lang: Lang::default(),
            set: Callback::noop(),
        }
    }
}

/// The language context (a default one when rendered outside the app, as in tests of
/// single components).
#[hook]
pub fn use_lang() -> LangCtx {
    use_context::<LangCtx>().unwrap_or_default()
}

/// The message table of the active language.
#[hook]
pub fn use_texts() -> &'static Texts {
    use_lang().lang.texts()
}
