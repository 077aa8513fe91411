//! A lesson page, `#/lesson/<slug>`: the compiled lesson fetched from
//! `lessons/<lang>/<slug>.json`, its prose (HTML rendered by the build step) and its live
//! pieces (`crate::course::pieces`), progress kept in the browser, previous/next links.
//!
//! The query may hold `step=N` (scroll to the N-th piece: a deep link) and `present`
//! (presenter mode, `crate::course::presenter`). A slug the course does not have but the
//! lab's scenario catalogue does (`crate::catalogue`: the lesson addresses of before the
//! course) leads to the course lesson that teaches it now, so old links keep working.

use crate::catalogue;
use crate::course::fetch::{use_json, Fetched};
use crate::course::pieces::{LessonPiece, PageRun, RunHandle};
use crate::course::presenter::Presenter;
use crate::course::{self, progress};
use crate::lang_ctx::{use_lang, use_texts};
use crate::route::Route;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;
use zooscope_lessons::compiled::{CompiledLesson, CompiledPart, IndexEntry};

/// Props of [`LessonPage`].
#[derive(Properties, PartialEq)]
pub struct LessonPageProps {
    /// The slug from `#/lesson/<slug>` (decoded; anything the address held).
    pub slug: String,
}

/// What the lesson page's query asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LessonQuery {
    /// `step=N`: the N-th piece (1-based).
    pub step: Option<usize>,
    /// `present`: presenter mode.
    pub present: bool,
}

impl LessonQuery {
    /// Read `?step=N&present` (other keys are ignored; a bad number is no step).
    pub fn parse(query: &str) -> Self {
        let mut q = LessonQuery::default();
        for pair in query.trim_start_matches('?').split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match k {
                "step" => q.step = v.parse().ok().filter(|n| *n > 0 && *n <= 10_000),
                "present" => q.present = v != "0",
                _ => {}
            }
        }
        q
    }
}

/// The lesson page of a slug: the course index first (so a slug the course does not have
/// is never fetched, and never shows up as a failed request), then the lesson.
#[component]
pub fn LessonPage(props: &LessonPageProps) -> Html {
    let c = use_lang().lang.course();
    let slug: String = props.slug.chars().take(80).collect();
    let index = use_json::<Vec<IndexEntry>>(format!("{}/index.json", course::BASE));
    match index {
        Fetched::Loading => loading(c.loading),
        Fetched::Ready(list) if list.iter().any(|l| l.slug == slug) => {
            html! { <CourseLesson {slug} /> }
        }
        Fetched::Ready(_) | Fetched::Failed(_) => html! { <ScenarioOnlyPage {slug} /> },
    }
}

fn loading(text: &'static str) -> Html {
    html! { <div class="page page-lesson"><p class="muted lesson-loading" role="status">{ text }</p></div> }
}

/// A lesson of the course, fetched in the active language.
#[component]
fn CourseLesson(props: &LessonPageProps) -> Html {
    let lang = use_lang().lang;
    let c = lang.course();
    let slug = props.slug.clone();
    let fetched = use_json::<CompiledLesson>(course::lesson_url(lang.code(), &slug));
    let location = use_location();
    let query = LessonQuery::parse(location.as_ref().map_or("", |l| l.query_str()));
    match fetched {
        Fetched::Ready(lesson) if lesson.slug == slug => html! { <LessonView {lesson} {query} /> },
        Fetched::Loading | Fetched::Ready(_) => loading(c.loading),
        Fetched::Failed(e) => html! {
            <div class="page page-lesson"><p class="piece-error" role="alert">{ c.load_failed }{ e }</p></div>
        },
    }
}

/// Props of [`LessonView`].
#[derive(Properties, PartialEq)]
struct LessonViewProps {
    lesson: Rc<CompiledLesson>,
    query: LessonQuery,
}

/// A fetched lesson.
#[component]
fn LessonView(props: &LessonViewProps) -> Html {
    let lang = use_lang().lang;
    let c = lang.course();
    let lesson = &props.lesson;
    let run = use_memo(props.lesson.clone(), |l| {
        let pieces = l
            .parts
            .iter()
            .filter_map(|p| match p {
                CompiledPart::Piece { piece, recorded } => {
                    Some(((**piece).clone(), recorded.clone()))
                }
                CompiledPart::Prose { .. } => None,
            })
            .collect();
        RunHandle(Rc::new(RefCell::new(PageRun::new(pieces))))
    });
    let version = use_state(|| 0u64);
    let done = use_state(|| progress::load().remove(&lesson.slug).unwrap_or_default());
    let on_done = {
        let done = done.clone();
        let slug = lesson.slug.clone();
        Callback::from(move |i: usize| done.set(progress::mark(&slug, i)))
    };
    let on_change = {
        let version = version.clone();
        Callback::from(move |()| version.set(*version + 1))
    };
    // A deep link to a piece: scroll to it once the page is there.
    {
        let step = props.query.step;
        use_effect_with((lesson.slug.clone(), step), move |(_, step)| {
            if let Some(n) = step {
                if let Some(el) = gloo::utils::document().get_element_by_id(&format!("piece-{n}")) {
                    el.scroll_into_view();
                }
            }
        });
    }
    let piece_view = |index: usize| {
        html! {
            <LessonPiece key={format!("p{index}")} run={(*run).clone()} {index} version={*version}
                done={done.contains(&index)} on_done={on_done.clone()} on_change={on_change.clone()} />
        }
    };
    if props.query.present {
        return html! {
            <Presenter lesson={lesson.clone()} run={(*run).clone()} start={props.query.step}
                version={*version} done={Rc::new((*done).clone())} on_done={on_done.clone()} on_change={on_change.clone()} />
        };
    }
    let tasks = lesson
        .parts
        .iter()
        .filter(|p| matches!(p, CompiledPart::Piece { piece, .. } if piece.kind() != "lab"))
        .count();
    let mut index = 0;
    let body: Vec<Html> = lesson
        .parts
        .iter()
        .map(|part| match part {
            CompiledPart::Prose { html } => html! {
                <div class="prose">{ Html::from_html_unchecked(AttrValue::from(html.clone())) }</div>
            },
            CompiledPart::Piece { .. } => {
                index += 1;
                piece_view(index - 1)
            }
        })
        .collect();
    let progress_line = c
        .progress
        .replace("{n}", &done.len().min(tasks).to_string())
        .replace("{total}", &tasks.to_string());
    html! {
        <article class="page page-lesson lesson" lang={lang.html_tag()} data-slug={lesson.slug.clone()}>
            <Link<Route> to={Route::Home} classes="back-link no-print">{ c.back }</Link<Route>>
            <header class="page-head lesson-head">
                <p class="kicker">{ c.lesson_n.replace("{n}", &lesson.nn.to_string()) }{ " · " }
                    { c.minutes.replace("{n}", &lesson.minutes.to_string()) }</p>
                <h1>{ lesson.title.clone() }</h1>
                <p class="page-lead lesson-summary">{ lesson.summary.clone() }</p>
                if !lesson.prerequisites.is_empty() {
                    <p class="lesson-prereq muted">{ c.prerequisites }
                        { for lesson.prerequisites.iter().map(|p| html! {
                            <Link<Route> to={Route::Lesson { slug: p.clone() }} classes="prereq-link">{ p.clone() }</Link<Route>>
                        }) }
                    </p>
                }
                <div class="lesson-tools no-print">
                    <span class="lesson-progress" id="lesson-progress">{ progress_line }</span>
                    <a class="btn btn-small btn-ghost" href={format!("#/lesson/{}?present", urlencoding::encode(&lesson.slug))}>{ c.present }</a>
                    <button type="button" class="btn btn-small btn-ghost" onclick={Callback::from(|_| { let _ = gloo::utils::window().print(); })}>{ c.print }</button>
                    <Link<Route> to={Route::Glossary} classes="btn btn-small btn-ghost">{ c.glossary_link }</Link<Route>>
                </div>
            </header>
            <div class="lesson-body">{ for body }</div>
            <nav class="lesson-nav no-print" aria-label={c.catalogue_title}>
                if let Some(p) = &lesson.prev {
                    <Link<Route> to={Route::Lesson { slug: p.slug.clone() }} classes="lesson-prev">
                        <span class="muted">{ c.prev }</span>{ " " }{ p.title.clone() }
                    </Link<Route>>
                }
                if let Some(n) = &lesson.next {
                    <Link<Route> to={Route::Lesson { slug: n.slug.clone() }} classes="lesson-next">
                        <span class="muted">{ c.next }</span>{ " " }{ n.title.clone() }
                    </Link<Route>>
                }
            </nav>
        </article>
    }
}

/// Props of [`ScenarioOnlyPage`].
#[derive(Properties, PartialEq)]
struct ScenarioOnlyProps {
    slug: String,
}

/// A slug that is not a course lesson: an old lesson address of the lab's scenario
/// catalogue leads to the course lesson that teaches it now; anything else is "no such
/// lesson".
#[component]
fn ScenarioOnlyPage(props: &ScenarioOnlyProps) -> Html {
    let t = use_texts();
    let slug = &props.slug;
    if let Some((_, old)) = catalogue::find(slug) {
        return html! { <Redirect<Route> to={Route::Lesson { slug: old.course.to_string() }} /> };
    }
    html! {
        <div class="page page-lesson">
            <h1>{ t.lesson_unknown_title }</h1>
            <p class="page-lead">{ t.lesson_unknown_body }</p>
            <p><code>{ slug.chars().take(64).collect::<String>() }</code></p>
            <Link<Route> to={Route::Home} classes="btn">{ t.lesson_back }</Link<Route>>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_reads_step_and_present() {
        assert_eq!(LessonQuery::parse(""), LessonQuery::default());
        assert_eq!(LessonQuery::parse("?step=3").step, Some(3));
        assert!(LessonQuery::parse("present").present);
        assert!(LessonQuery::parse("step=2&present=1").present);
        assert_eq!(LessonQuery::parse("step=x").step, None);
        assert_eq!(LessonQuery::parse("step=0").step, None);
    }
}
