//! The lab page. The interactive ensemble lab comes in a later release; today the page
//! says what will be here and hosts the live kernel check.

use crate::catalogue::LESSONS;
use crate::components::ring_demo::RingDemoCard;
use crate::lang_ctx::use_texts;
use crate::route::LabQuery;
use yew::prelude::*;
use yew_router::prelude::*;

/// The lab page.
#[component]
pub fn Lab() -> Html {
    let t = use_texts();
    let location = use_location();
    let scenario = location
        .and_then(|l| l.query::<LabQuery>().ok())
        .and_then(|q| q.scenario_id());
    let lesson_title = scenario.as_deref().and_then(|id| {
        LESSONS
            .iter()
            .position(|l| l.scenario == id)
            .and_then(|i| t.lessons.get(i))
            .map(|l| l.title)
    });
    html! {
        <div class="page page-lab">
            <header class="page-head">
                <div class="title-row">
                    <h1>{ t.lab_title }</h1>
                    <span class="badge badge-warn">{ t.lab_badge }</span>
                </div>
                <p class="page-lead">{ t.lab_lead }</p>
                <p class="scenario-line">
                    <span class="muted">{ t.lab_scenario }</span>
                    if let Some(id) = scenario.as_deref() {
                        <code id="lab-scenario">{ id.to_string() }</code>
                        if let Some(title) = lesson_title {
                            <span class="scenario-title">{ " — " }{ title }</span>
                        }
                    } else {
                        <span id="lab-scenario">{ t.lab_scenario_none }</span>
                    }
                </p>
            </header>
            <div class="lab-grid">
                <RingDemoCard />
                <aside class="card plan-card" aria-labelledby="plan-title">
                    <h2 id="plan-title">{ t.lab_plan_title }</h2>
                    <ul class="plan-list">
                        { for t.lab_plan.iter().map(|item| plan_item(item)) }
                    </ul>
                </aside>
            </div>
        </div>
    }
}

/// "Cluster view: servers…" → a bold head and the rest.
fn plan_item(item: &'static str) -> Html {
    let (head, rest) = item
        .split_once('：')
        .or_else(|| item.split_once(": "))
        .unwrap_or((item, ""));
    html! {
        <li>
            <strong>{ head }</strong>
            if !rest.is_empty() { <span>{ rest }</span> }
        </li>
    }
}
