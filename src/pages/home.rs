//! The home page: what ZooScope teaches, the course catalogue (with the learner's progress
//! and a search across the lessons), how a session goes.

use crate::components::course_catalogue::CourseCatalogue;
use crate::components::ensemble::EnsembleFigure;
use crate::lang_ctx::use_texts;
use crate::route::{LabQuery, Route};
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

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
#[component]
pub fn HomePage() -> Html {
    let t = use_texts();
    html! {
        <div class="home">
            <section class="hero">
                <div class="hero-inner">
                    <div class="hero-text">
                        <p class="kicker">{ t.hero_kicker }</p>
                        <h1 class="hero-title">{ t.hero_title }</h1>
                        <p class="hero-lead">{ t.hero_lead }</p>
                        <div class="cta-row">
                            <a class="btn btn-lg btn-primary cta-course" href="#course" onclick={scroll_to("course")}>
                                { t.cta_catalogue }
                            </a>
                            <LabCta label={t.cta_lab} primary={false} />
                        </div>
                        <ul class="hero-facts">
                            { for t.hero_facts.iter().map(|f| html! { <li>{ *f }</li> }) }
                        </ul>
                    </div>
                    <div class="hero-figure">
                        <EnsembleFigure />
                    </div>
                </div>
            </section>

            <CourseCatalogue />

            <section class="section section-alt" aria-labelledby="topics-title">
                <div class="section-head">
                    <h2 id="topics-title">{ t.topics_title }</h2>
                    <p class="section-lead">{ t.topics_lead }</p>
                </div>
                <div class="topic-grid">
                    { for t.topics.iter().enumerate().map(|(icon, topic)| html! {
                        <TopicTile {icon} tag={topic.tag} title={topic.title} body={topic.body} />
                    }) }
                </div>
            </section>


            <section class="section" aria-labelledby="how-title">
                <div class="section-head">
                    <h2 id="how-title">{ t.how_title }</h2>
                </div>
                <ol class="how-steps">
                    { for t.how_steps.iter().map(|s| html! {
                        <li class="how-step">
                            <span class="how-num" aria-hidden="true">{ s.tag }</span>
                            <h3>{ s.title }</h3>
                            <p>{ s.body }</p>
                        </li>
                    }) }
                </ol>
                <div class="cta-band">
                    <LabCta label={t.cta_lab} primary={true} />
                </div>
            </section>
        </div>
    }
}

/// Props of [`LabCta`].
#[derive(Properties, PartialEq)]
struct LabCtaProps {
    label: &'static str,
    /// The page's main call to action (else a quieter button).
    primary: bool,
}

/// The call to action: the lab with the election scenario.
#[component]
fn LabCta(props: &LabCtaProps) -> Html {
    html! {
        <Link<Route, LabQuery> to={Route::Lab} query={LabQuery::scenario("election")}
            classes={classes!("btn", "btn-lg", "cta-lab", if props.primary { "btn-primary" } else { "btn-ghost" })}>
            { props.label }
        </Link<Route, LabQuery>>
    }
}

/// Props of [`TopicTile`].
#[derive(Properties, PartialEq)]
struct TopicTileProps {
    /// Which icon of [`topic_icon`] (the tile's place in `Texts::topics`).
    icon: usize,
    tag: &'static str,
    title: &'static str,
    body: &'static str,
}

/// One topic tile: icon, tag, title and body.
#[component]
fn TopicTile(props: &TopicTileProps) -> Html {
    let topic = props;
    html! {
        <article class="topic">
            <div class="topic-icon" aria-hidden="true">
                <svg viewBox="0 0 24 24">{ topic_icon(props.icon) }</svg>
            </div>
            <p class="topic-tag">{ topic.tag }</p>
            <h3>{ topic.title }</h3>
            <p>{ topic.body }</p>
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
