//! The home page: what ZooScope teaches, the lesson catalogue, how a session goes.

use crate::catalogue::LESSONS;
use crate::components::ensemble::ensemble_figure;
use crate::components::lesson_card::lesson_card;
use crate::i18n::{Texts, Topic};
use crate::lab::panels::{el, hidden, list, txt};
use crate::route::{link, Route};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Icons for the five topic tiles, in `Texts::topics` order (24×24, stroked).
fn topic_icon(index: usize) -> Html {
    match index {
        // a ballot going into a box
        0 => html! { <>
            <path d="M4 13h16v7H4z" /><path d="M8 13V4h8v9" /><path d="M10 8.6l1.6 1.6 3-3.2" />
        </> },
        // one node fanning out to two
        1 => html! { <>
            <circle cx="12" cy="5" r="2.6" /><circle cx="5" cy="19" r="2.6" /><circle cx="19" cy="19" r="2.6" />
            <path d="M10.8 7.4L6.3 16.6M13.2 7.4l4.5 9.2" />
        </> },
        // a small tree of znodes
        2 => html! { <>
            <circle cx="12" cy="4.6" r="2.2" /><circle cx="6" cy="12" r="2.2" /><circle cx="18" cy="12" r="2.2" />
            <circle cx="6" cy="19.4" r="2.2" /><path d="M10.7 6.4L7.3 10.2M13.3 6.4l3.4 3.8M6 14.2v3" />
        </> },
        // a padlock
        3 => html! { <>
            <rect x="5" y="11" width="14" height="9.5" rx="2" /><path d="M8 11V8a4 4 0 0 1 8 0v3" /><path d="M12 14.6v2.4" />
        </> },
        // scales
        _ => html! { <>
            <path d="M12 4v16M8 20h8M4.5 7h15" /><path d="M4.5 7L2 13a2.5 2.5 0 0 0 5 0zM19.5 7L17 13a2.5 2.5 0 0 0 5 0z" />
        </> },
    }
}

/// The home page.
pub fn home(t: &'static Texts) -> Html {
    html! {
        <div key="home" class="home">
            <section class="hero">
                <div class="hero-inner">
                    <div class="hero-text">
                        <p class="kicker">{ txt(t.hero_kicker) }</p>
                        <h1 class="hero-title">{ txt(t.hero_title) }</h1>
                        <p class="hero-lead">{ txt(t.hero_lead) }</p>
                        <div class="cta-row">
                            { lab_cta(t.cta_lab) }
                            <a class="btn btn-lg btn-ghost" href="#lessons" onclick={scroll_to("lessons")}>
                                { txt(t.cta_catalogue) }
                            </a>
                        </div>
                        <ul class="hero-facts">
                            { for t.hero_facts.iter().map(|f| el("li", "", txt(*f))) }
                        </ul>
                    </div>
                    <div class="hero-figure">
                        { ensemble_figure(t) }
                    </div>
                </div>
            </section>

            <section class="section" aria-labelledby="topics-title">
                <div class="section-head">
                    <h2 id="topics-title">{ txt(t.topics_title) }</h2>
                    <p class="section-lead">{ txt(t.topics_lead) }</p>
                </div>
                <div class="topic-grid">
                    { for t.topics.iter().enumerate().map(|(i, topic)| topic_tile(topic, i)) }
                </div>
            </section>

            <section class="section section-alt" id="lessons" aria-labelledby="lessons-title">
                <div class="section-head">
                    <h2 id="lessons-title">{ txt(t.catalogue_title) }</h2>
                    <p class="section-lead">{ txt(t.catalogue_lead) }</p>
                </div>
                <div class="lesson-grid">
                    { for (0..LESSONS.len()).map(|index| lesson_card(t, index)) }
                </div>
            </section>

            <section class="section" aria-labelledby="how-title">
                <div class="section-head">
                    <h2 id="how-title">{ txt(t.how_title) }</h2>
                </div>
                <ol class="how-steps">
                    { for t.how_steps.iter().map(|s| el("li", "how-step", list([
                        hidden("how-num", txt(s.tag)),
                        el("h3", "", txt(s.title)),
                        el("p", "", txt(s.body)),
                    ]))) }
                </ol>
                <div class="cta-band">
                    { lab_cta(t.cta_lab) }
                </div>
            </section>
        </div>
    }
}

/// The call to action: the lab with the election scenario.
fn lab_cta(label: &'static str) -> Html {
    link(
        &Route::Lab,
        Some("election"),
        classes!("btn", "btn-primary", "btn-lg"),
        label.into(),
    )
}

fn topic_tile(topic: &'static Topic, index: usize) -> Html {
    html! {
        <article class="topic">
            <div class="topic-icon" aria-hidden="true">
                <svg viewBox="0 0 24 24">{ topic_icon(index) }</svg>
            </div>
            { el("p", "topic-tag", txt(topic.tag)) }
            { el("h3", "", txt(topic.title)) }
            { el("p", "", txt(topic.body)) }
        </article>
    }
}

/// In-page links must not touch the hash (the router owns it): scroll by hand.
fn scroll_to(id: &'static str) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        if let Some(target) = gloo::utils::document().get_element_by_id(id) {
            target.scroll_into_view();
            if let Ok(el) = target.dyn_into::<web_sys::HtmlElement>() {
                el.set_tab_index(-1);
                let _ = el.focus();
            }
        }
    })
}
