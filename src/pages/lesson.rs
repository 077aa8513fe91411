//! A lesson page. Lesson texts are written in a later release; the page already knows
//! its catalogue entry and links to the lab scenario.

use crate::catalogue;
use crate::i18n::Texts;
use crate::route::{link, Route};
use yew::prelude::*;

/// The lesson page of `slug` (from `#/lesson/<slug>`).
pub fn lesson_page(t: &'static Texts, slug: &str) -> Html {
    let Some((index, lesson)) = catalogue::find(slug) else {
        return html! {
            <div key="lesson-unknown" class="page page-lesson">
                <h1>{ t.lesson_unknown_title }</h1>
                <p class="page-lead">{ t.lesson_unknown_body }</p>
                <p><code>{ slug.chars().take(64).collect::<String>() }</code></p>
                { link(&Route::Home, None, classes!("btn"), t.lesson_back.into()) }
            </div>
        };
    };
    let text = &t.lessons[index];
    let number = t.lesson_number.replace("{}", &(index + 1).to_string());
    html! {
        <div key="lesson" class="page page-lesson">
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
