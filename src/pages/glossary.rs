//! The glossary page, `#/glossary`: every term of `lessons/glossary.tsv` in English and
//! Chinese with its meaning, fetched as `lessons/glossary.json` (written by the build step),
//! with a filter.

use crate::course::fetch::{use_json, Fetched};
use crate::course::BASE;
use crate::i18n::Lang;
use crate::lang_ctx::use_lang;
use serde::Deserialize;
use yew::prelude::*;

/// One glossary row (the TSV's columns but `zh_avoid`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Term {
    /// Stable id.
    pub id: String,
    /// English word.
    pub en: String,
    /// Chinese word.
    pub zh: String,
    /// English meaning.
    pub en_definition: String,
    /// Chinese meaning.
    pub zh_definition: String,
}

/// Whether `term` matches the filter (case-insensitive, any column).
pub fn matches(term: &Term, filter: &str) -> bool {
    let f = filter.trim().to_lowercase();
    f.is_empty()
        || [&term.en, &term.zh, &term.en_definition, &term.zh_definition]
            .iter()
            .any(|s| s.to_lowercase().contains(&f))
}

/// The glossary page.
#[component]
pub fn GlossaryPage() -> Html {
    let lang = use_lang().lang;
    let c = lang.course();
    let terms = use_json::<Vec<Term>>(format!("{BASE}/glossary.json"));
    let filter = use_state(String::new);
    let oninput = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                filter.set(i.value().chars().take(80).collect());
            }
        })
    };
    let rows = match &terms {
        Fetched::Loading => html! { <p class="muted" role="status">{ c.loading }</p> },
        Fetched::Failed(e) => {
            html! { <p class="piece-error" role="alert">{ c.load_failed }{ e.clone() }</p> }
        }
        Fetched::Ready(list) => html! {
            <table class="data-table glossary-table">
                <thead><tr>{ for c.glossary_cols.iter().map(|h| html! { <th scope="col">{ *h }</th> }) }</tr></thead>
                <tbody>
                    { for list.iter().filter(|t| matches(t, &filter)).map(|t| html! {
                        <tr id={format!("term-{}", t.id)}>
                            <td lang="en">{ t.en.clone() }</td>
                            <td lang="zh-CN">{ t.zh.clone() }</td>
                            <td>{ if lang == Lang::Zh { t.zh_definition.clone() } else { t.en_definition.clone() } }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        },
    };
    html! {
        <div class="page page-glossary">
            <header class="page-head">
                <h1>{ c.glossary_title }</h1>
                <p class="page-lead">{ c.glossary_lead }</p>
            </header>
            <label class="glossary-filter">
                <span class="field-label">{ c.glossary_filter }</span>
                <input type="search" class="field-input" value={(*filter).clone()} {oninput} />
            </label>
            { rows }
        </div>
    }
}
