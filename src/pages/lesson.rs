//! A lesson page. Lesson texts are written in a later release; the page already knows
//! its catalogue entry and links to the lab scenario.

use crate::catalogue;
use crate::lang_ctx::use_texts;
use crate::route::{LabQuery, Route};
use yew::prelude::*;
use yew_router::prelude::*;

/// Props of [`LessonPage`].
#[derive(Properties, PartialEq)]
pub struct LessonPageProps {
    /// The slug from `#/lesson/<slug>` (decoded; anything the address held).
    pub slug: String,
}

/// The lesson page of a slug; a "no such lesson" page for a slug not in the catalogue.
#[component]
pub fn LessonPage(props: &LessonPageProps) -> Html {
    let t = use_texts();
    let slug = &props.slug;
    let Some((index, lesson)) = catalogue::find(slug) else {
        return html! {
            <div class="page page-lesson">
                <h1>{ t.lesson_unknown_title }</h1>
                <p class="page-lead">{ t.lesson_unknown_body }</p>
                <p><code>{ slug.chars().take(64).collect::<String>() }</code></p>
                <Link<Route> to={Route::Home} classes="btn">{ t.lesson_back }</Link<Route>>
            </div>
        };
    };
    let text = &t.lessons[index];
    let number = t.lesson_number.replace("{}", &(index + 1).to_string());
    html! {
        <div class="page page-lesson">
            <Link<Route> to={Route::Home} classes="back-link">{ t.lesson_back }</Link<Route>>
            <header class="page-head">
                <p class="kicker">{ t.lesson_kicker }{ " · " }{ number }</p>
                <div class="title-row">
                    <h1>{ text.title }</h1>
                    <span class="badge badge-muted">{ t.lesson_badge_planned }</span>
                </div>
                <p class="page-lead">{ text.blurb }</p>
            </header>
            <div class="card">
                <p>{ t.lesson_pending }</p>
                <Link<Route, LabQuery> to={Route::Lab} query={LabQuery::scenario(lesson.scenario)}
                    classes="btn btn-primary">
                    { t.lesson_open_lab }
                </Link<Route, LabQuery>>
            </div>
        </div>
    }
}
