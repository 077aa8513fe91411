//! The card of the scenario in play, folded to one line by default: its title, id and
//! what to try (abbreviated, the whole sentence in the tooltip), with buttons to show
//! the whole card, play the scenario again from its start and hide it.

use super::event::{on_click, LabEvent};
use super::scenarios;
use crate::lang_ctx::use_lang;
use yew::prelude::*;

/// Props of [`ScenarioCard`].
#[derive(Properties, PartialEq)]
pub struct ScenarioCardProps {
    /// The scenario in play, by index into `scenarios::SCENARIOS`.
    pub index: Option<usize>,
    /// Where Start over and Close go.
    pub on: Callback<LabEvent>,
}

/// The scenario card (nothing when no scenario is in play).
#[component]
pub fn ScenarioCard(p: &ScenarioCardProps) -> Html {
    let lang = use_lang().lang;
    let f = lang.frame();
    let open = use_state(|| false);
    let texts = lang.scenarios();
    let (Some(sc), Some(words)) = (
        p.index.and_then(|i| scenarios::SCENARIOS.get(i)),
        p.index.and_then(|i| texts.items.get(i)),
    ) else {
        return html! {};
    };
    let para = |label: &'static str, text: &'static str| {
        html! { <p><strong>{ label }</strong>{ text }</p> }
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let class = classes!("card", "scenario-card", (*open).then_some("open"));
    html! {
        <section id="lab-scenario-card" {class} aria-labelledby="scenario-card-title">
            <div class="scenario-card-line">
                <h2 id="scenario-card-title" title={format!("{} · {} ({})", texts.heading, words.title, sc.id)}>
                    <span class="muted">{ texts.heading }{ " · " }</span>
                    { words.title }
                    <code class="scenario-card-id">{ sc.id }</code>
                </h2>
                if !*open {
                    <p class="scenario-card-try" title={words.try_this}>
                        <strong>{ texts.try_label }</strong>{ words.try_this }
                    </p>
                }
                <div class="scenario-card-actions">
                    <button type="button" id="lab-scenario-more" class="btn btn-ghost btn-small"
                        aria-expanded={open.to_string()} aria-controls="lab-scenario-text"
                        onclick={toggle}>
                        { if *open { f.scenario_less } else { f.scenario_more } }
                    </button>
                    <button type="button" id="lab-scenario-restart" class="btn btn-small"
                        onclick={on_click(&p.on, LabEvent::ScenarioRestart)}>{ texts.restart }</button>
                    <button type="button" class="btn btn-ghost btn-small"
                        onclick={on_click(&p.on, LabEvent::ScenarioClose)}>{ texts.close }</button>
                </div>
            </div>
            if *open {
                <div id="lab-scenario-text" class="scenario-card-text">
                    { para(texts.set_up_label, words.set_up) }
                    { para(texts.try_label, words.try_this) }
                </div>
            }
        </section>
    }
}
