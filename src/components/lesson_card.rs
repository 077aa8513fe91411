//! One card of the lesson catalogue.

use crate::catalogue::{self, Lesson};
use crate::lang_ctx::use_texts;
use crate::route::{link, Route};
use yew::prelude::*;

/// Props: which catalogue entry.
#[derive(Properties, PartialEq)]
pub struct LessonCardProps {
    /// Index into [`catalogue::LESSONS`].
    pub index: usize,
}

/// A catalogue card: number, title, blurb, status and links to the lesson and its lab.
#[component]
pub fn LessonCard(props: &LessonCardProps) -> Html {
    let t = use_texts();
    let (Some(lesson), Some(text)) = (
        catalogue::LESSONS.get(props.index),
        catalogue::text(t, props.index),
    ) else {
        return html! {};
    };
    let Lesson {
        slug,
        scenario,
        minutes,
    } = lesson;
    let number = t
        .lesson_number
        .replace("{}", &(props.index + 1).to_string());
    html! {
        <article class="lesson-card" data-slug={*slug}>
            <div class="lesson-card-top">
                <span class="lesson-number">{ number }</span>
                <span class="badge badge-muted">{ t.lesson_badge_planned }</span>
            </div>
            <h3 class="lesson-title">
                { link(&Route::Lesson { slug: slug.to_string() }, None, Classes::new(), text.title.into()) }
            </h3>
            <p class="lesson-blurb">{ text.blurb }</p>
            <div class="lesson-card-foot">
                <span class="lesson-minutes">{ t.lesson_minutes.replace("{}", &minutes.to_string()) }</span>
                { link(&Route::Lab, Some(scenario), classes!("lesson-lab-link"), t.lesson_open_lab.into()) }
            </div>
        </article>
    }
}
