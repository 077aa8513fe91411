//! The course catalogue on the home page: every lesson of `lessons/index.json` (written by
//! the build step) with the learner's progress, and a search across the lessons
//! (`lessons/search-<lang>.json`, fetched the first time the learner types).

use crate::course::fetch::{get_json, use_json, Fetched};
use crate::course::{progress, BASE};
use crate::i18n::Lang;
use crate::lang_ctx::use_lang;
use crate::route::Route;
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;
use zooscope_lessons::compiled::{IndexEntry, SearchEntry};

/// Most search results shown.
pub const RESULTS_MAX: usize = 12;

/// The entries whose heading, title or text contain every word of `query`
/// (case-insensitive), best first: heading and title matches before text matches.
pub fn search<'a>(entries: &'a [SearchEntry], query: &str) -> Vec<&'a SearchEntry> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(u8, &SearchEntry)> = entries
        .iter()
        .filter_map(|e| {
            let head = format!("{} {}", e.title, e.heading).to_lowercase();
            let text = e.text.to_lowercase();
            if !words.iter().all(|w| head.contains(w) || text.contains(w)) {
                return None;
            }
            Some((u8::from(!words.iter().any(|w| head.contains(w))), e))
        })
        .collect();
    zooscope_core::sorting::sort_by_u64_key(&mut hits, |(rank, _)| (u64::from(*rank), 0));
    hits.into_iter().map(|(_, e)| e).take(RESULTS_MAX).collect()
}

/// The catalogue.
#[component]
pub fn CourseCatalogue() -> Html {
    let lang = use_lang().lang;
    let c = lang.course();
    let index = use_json::<Vec<IndexEntry>>(format!("{BASE}/index.json"));
    let done = use_memo((), |_| progress::load());
    let query = use_state(String::new);
    let found = use_state(|| None::<(Lang, Rc<Vec<SearchEntry>>)>);
    let oninput = {
        let query = query.clone();
        let found = found.clone();
        Callback::from(move |e: InputEvent| {
            let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            query.set(i.value().chars().take(80).collect());
            if found.as_ref().is_none_or(|(l, _)| *l != lang) {
                let found = found.clone();
                yew::platform::spawn_local(async move {
                    if let Ok(v) =
                        get_json::<Vec<SearchEntry>>(&format!("{BASE}/search-{}.json", lang.code()))
                            .await
                    {
                        found.set(Some((lang, Rc::new(v))));
                    }
                });
            }
        })
    };
    let results = match (&*found, query.trim().is_empty()) {
        (Some((l, entries)), false) if *l == lang => {
            let hits = search(entries, &query);
            html! {
                <ul class="search-results" id="search-results">
                    if hits.is_empty() {
                        <li class="muted">{ c.search_none }</li>
                    }
                    { for hits.iter().map(|h| html! {
                        <li class="search-hit">
                            <Link<Route> to={Route::Lesson { slug: h.slug.clone() }}>
                                <strong>{ h.title.clone() }</strong>
                                if h.heading != h.title {
                                    { " · " }{ h.heading.clone() }
                                }
                            </Link<Route>>
                            <p class="muted">{ h.text.chars().take(140).collect::<String>() }{ "…" }</p>
                        </li>
                    }) }
                </ul>
            }
        }
        _ => Html::default(),
    };
    let cards = match &index {
        Fetched::Loading => html! { <p class="muted" role="status">{ c.loading }</p> },
        Fetched::Failed(e) => {
            html! { <p class="piece-error" role="alert">{ c.load_failed }{ e.clone() }</p> }
        }
        Fetched::Ready(list) => html! {
            <ol class="course-grid">
                { for list.iter().map(|l| {
                    let words = if lang == Lang::Zh { &l.zh } else { &l.en };
                    let n = done.get(&l.slug).map_or(0, |s| s.len().min(l.tasks));
                    html! {
                        <li class={classes!("course-card", (n == l.tasks && l.tasks > 0).then_some("course-card-done"))}
                            data-slug={l.slug.clone()}>
                            <span class="lesson-number">{ c.lesson_n.replace("{n}", &l.nn.to_string()) }</span>
                            <h3 class="lesson-title">
                                <Link<Route> to={Route::Lesson { slug: l.slug.clone() }}>{ words.title.clone() }</Link<Route>>
                            </h3>
                            <p class="lesson-blurb">{ words.summary.clone() }</p>
                            <div class="lesson-card-foot">
                                <span class="lesson-minutes">{ c.minutes.replace("{n}", &l.minutes.to_string()) }</span>
                                <span class="course-progress">
                                    { c.progress.replace("{n}", &n.to_string()).replace("{total}", &l.tasks.to_string()) }
                                </span>
                            </div>
                        </li>
                    }
                }) }
            </ol>
        },
    };
    html! {
        <section class="section" id="course" aria-labelledby="course-title">
            <div class="section-head">
                <h2 id="course-title">{ c.catalogue_title }</h2>
                <p class="section-lead">{ c.catalogue_lead }</p>
            </div>
            <div class="course-tools">
                <label class="course-search">
                    <span class="field-label">{ c.search_label }</span>
                    <input type="search" class="field-input" id="course-search" placeholder={c.search_placeholder}
                        value={(*query).clone()} {oninput} />
                </label>
                <Link<Route> to={Route::Glossary} classes="btn btn-small btn-ghost">{ c.glossary_link }</Link<Route>>
            </div>
            { results }
            { cards }
        </section>
    }
}
