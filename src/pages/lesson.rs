//! A lesson page. Lesson texts are written in a later release; the page already knows
//! its catalogue entry and links to the lab scenario.

use crate::catalogue;
use crate::lang_ctx::use_texts;
use crate::route::{link, Route};
use yew::prelude::*;

/// Props: the slug from the URL.
#[derive(Properties, PartialEq)]
pub struct LessonProps {
    /// `#/lesson/<slug>`.
    pub slug: String,
}

/// The lesson page.
#[component]
pub fn LessonPage(props: &LessonProps) -> Html {
    let t = use_texts();
    let Some((index, lesson)) = catalogue::find(&props.slug) else {
        return html! {
            <div class="page page-lesson">
                <h1>{ t.lesson_unknown_title }</h1>
                <p class="page-lead">{ t.lesson_unknown_body }</p>
                <p><code>{ props.slug.chars().take(64).collect::<String>() }</code></p>
                { link(&Route::Home, None, classes!("btn"), t.lesson_back.into()) }
            </div>
        };
    };
    let text = &t.lessons[index];
    let number = t.lesson_number.replace("{}", &(index + 1).to_string());
    html! {
        <div class="page page-lesson">
            { link(&Route::Home, None, classes!("back-link"), t.lesson_back.into()) }
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
                { link(&Route::Lab, Some(lesson.scenario), classes!("btn", "btn-primary"), t.lesson_open_lab.into()) }
            </div>
        </div>
    }
}
