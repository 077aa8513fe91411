//! One card of the lesson catalogue.

use crate::catalogue::{self, Lesson};
use crate::i18n::Texts;
use crate::route::{link, Route};
use yew::prelude::*;

/// A catalogue card for entry `index` of [`catalogue::LESSONS`] (keyed by it): number,
/// title, blurb, status and links to the lesson and its lab. A plain function: the home
/// page renders the cards once per language.
pub fn lesson_card(t: &'static Texts, index: usize) -> Html {
    let (Some(lesson), Some(text)) = (catalogue::LESSONS.get(index), catalogue::text(t, index))
    else {
        return html! {};
    };
    let Lesson {
        slug,
        scenario,
        minutes,
    } = lesson;
    let number = t.lesson_number.replace("{}", &(index + 1).to_string());
    html! {
        <article key={index} class="lesson-card" data-slug={*slug}>
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
