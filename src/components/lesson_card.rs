//! One card of the lesson catalogue.

use crate::catalogue::{self, Lesson};
use crate::lang_ctx::use_texts;
use crate::route::{LabQuery, Route};
use yew::prelude::*;
use yew_router::prelude::*;

/// Props of [`LessonCard`].
#[derive(Properties, PartialEq)]
pub struct LessonCardProps {
    /// The entry of [`catalogue::LESSONS`] to show.
    pub index: usize,
}

/// A catalogue card: number, title, blurb, status and links to the lesson and its lab.
#[component]
pub fn LessonCard(props: &LessonCardProps) -> Html {
    let t = use_texts();
    let index = props.index;
    let (Some(lesson), Some(text)) = (catalogue::LESSONS.get(index), catalogue::text(t, index))
    else {
        return Html::default();
    };
    let Lesson {
        slug,
        scenario,
        minutes,
    } = lesson;
    let number = t.lesson_number.replace("{}", &(index + 1).to_string());
    html! {
        <article class="lesson-card" data-slug={*slug}>
            <div class="lesson-card-top">
                <span class="lesson-number">{ number }</span>
                <span class="badge badge-muted">{ t.lesson_badge_planned }</span>
            </div>
            <h3 class="lesson-title">
                <Link<Route> to={Route::Lesson { slug: slug.to_string() }}>{ text.title }</Link<Route>>
            </h3>
            <p class="lesson-blurb">{ text.blurb }</p>
            <div class="lesson-card-foot">
                <span class="lesson-minutes">{ t.lesson_minutes.replace("{}", &minutes.to_string()) }</span>
                <Link<Route, LabQuery> to={Route::Lab} query={LabQuery::scenario(scenario)}
                    classes="lesson-lab-link">
                    { t.lesson_open_lab }
                </Link<Route, LabQuery>>
            </div>
        </article>
    }
}
