//! The comparison lab on `#/compare`: a preset or a hand-written fault script runs in
//! every lane at once (the core's `compare::run_text`, the same code as
//! `zooscope compare`), and each lane shows its nodes' outcomes, its verdict (also its
//! accessible name), its counters and any invariant that broke. The core hands over
//! typed verdicts and outcomes; every word here comes from `i18n::CompareTexts`.

use crate::i18n::compare_notes::commit_violation;
use crate::i18n::notes::violation;
use crate::i18n::{CompareTexts, Lang};
use crate::lang_ctx::use_lang;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;
use zooscope_core::compare::counters::to_csv;
use zooscope_core::compare::lane::LaneDetail;
use zooscope_core::compare::presets::PRESETS;
use zooscope_core::compare::script::{LaneKind, ScriptError};
use zooscope_core::compare::verdict::{NodeOutcome, Verdict};
use zooscope_core::compare::{run_text, LaneVerdict, Report};
use zooscope_core::protocols::commit::Outcome;

/// A lane's name, the same in every language.
pub fn lane_name(lane: LaneKind) -> &'static str {
    match lane {
        LaneKind::TwoPc => "2PC",
        LaneKind::ThreePc => "3PC",
        LaneKind::Paxos => "Paxos",
        LaneKind::Zab => "ZAB",
        LaneKind::MultiPaxos => "Multi-Paxos",
    }
}

/// A verdict in words.
pub fn verdict_words(t: &CompareTexts, v: &Verdict) -> String {
    match v {
        Verdict::Committed(value) => t.verdicts[0].replace("{v}", value),
        Verdict::Aborted => t.verdicts[1].into(),
        Verdict::Blocked => t.verdicts[2].into(),
        Verdict::Undecided => t.verdicts[3].into(),
        Verdict::Inconsistent => t.verdicts[4].into(),
    }
}

fn outcome_words(t: &CompareTexts, o: &NodeOutcome) -> (String, &'static str) {
    match o {
        NodeOutcome::Up(Outcome::Committed(v)) => (t.outcomes[0].replace("{v}", v), "committed"),
        NodeOutcome::Up(Outcome::Aborted) => (t.outcomes[1].into(), "aborted"),
        NodeOutcome::Up(Outcome::Uncertain) => (t.outcomes[2].into(), "uncertain"),
        NodeOutcome::Up(Outcome::Undecided) => (t.outcomes[3].into(), "undecided"),
        NodeOutcome::Down => (t.outcomes[4].into(), "down"),
    }
}

fn verdict_class(v: &Verdict) -> &'static str {
    match v {
        Verdict::Committed(_) => "verdict verdict-committed",
        Verdict::Aborted => "verdict verdict-aborted",
        Verdict::Blocked => "verdict verdict-blocked",
        Verdict::Undecided => "verdict verdict-undecided",
        Verdict::Inconsistent => "verdict verdict-inconsistent",
    }
}

/// What a broken invariant reports, in words.
pub fn detail_words(detail: &LaneDetail, lang: Lang) -> String {
    match detail {
        LaneDetail::Commit(d) => commit_violation(d, lang),
        LaneDetail::Zab(d) => violation(d, lang),
    }
}

fn lane_card(t: &CompareTexts, lang: Lang, report: &Report, v: &LaneVerdict) -> Html {
    let name = lane_name(v.lane);
    let words = verdict_words(t, &v.verdict);
    let label = t
        .verdict_label
        .replace("{lane}", name)
        .replace("{verdict}", &words);
    let counters = report
        .counters
        .iter()
        .find(|(l, _)| *l == v.lane)
        .map(|(_, c)| match c.decided_after {
            Some(d) => t
                .counters
                .replace("{m}", &c.messages.to_string())
                .replace("{r}", &c.round_trips.to_string())
                .replace(
                    "{t}",
                    &format!("{}.{:03}s", d.0 / 1_000_000, (d.0 / 1_000) % 1_000),
                ),
            None => t.not_decided.to_string(),
        })
        .unwrap_or_default();
    let broken: Vec<(&'static str, String)> = report
        .violations
        .iter()
        .filter(|(l, _, _)| *l == v.lane)
        .map(|(_, name, detail)| (*name, detail_words(detail, lang)))
        .collect();
    html! {
        <section class="card compare-lane" aria-label={name}>
            <h3>{ name }</h3>
            <p class={verdict_class(&v.verdict)} role="status" aria-label={label}>{ words }</p>
            <ul class="compare-nodes">
                { for v.nodes.iter().enumerate().map(|(i, o)| {
                    let (text, class) = outcome_words(t, o);
                    html! {
                        <li class={classes!("compare-node", class)}>
                            <span class="compare-node-id">{ t.node.replace("{k}", &(i + 1).to_string()) }</span>
                            <span class="compare-node-outcome">{ text }</span>
                        </li>
                    }
                }) }
            </ul>
            <p class="muted compare-counters">{ counters }</p>
            { for broken.iter().map(|(n, detail)| html! {
                <p class="compare-broken" role="alert">
                    <strong>{ t.broken.replace("{name}", n) }</strong>{ " " }{ detail }
                </p>
            }) }
        </section>
    }
}

/// The comparison lab.
#[component]
pub fn CompareLab() -> Html {
    let lang = use_lang().lang;
    let t = lang.compare();
    let preset = use_state(|| 0usize);
    let script = use_state(|| PRESETS[0].script.to_string());
    let seed = use_state(|| 1u64);
    let result = use_state(|| None::<Result<Report, ScriptError>>);

    let on_preset = {
        let (preset, script, result) = (preset.clone(), script.clone(), result.clone());
        Callback::from(move |e: Event| {
            let i: usize = e
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .parse()
                .unwrap_or(0);
            if let Some(p) = PRESETS.get(i) {
                preset.set(i);
                script.set(p.script.to_string());
                result.set(None);
            }
        })
    };
    let on_script = {
        let script = script.clone();
        Callback::from(move |e: InputEvent| {
            script.set(e.target_unchecked_into::<HtmlTextAreaElement>().value());
        })
    };
    let on_seed = {
        let seed = seed.clone();
        Callback::from(move |e: InputEvent| {
            if let Ok(v) = e
                .target_unchecked_into::<HtmlInputElement>()
                .value()
                .parse()
            {
                seed.set(v);
            }
        })
    };
    let on_run = {
        let (script, seed, result) = (script.clone(), seed.clone(), result.clone());
        Callback::from(move |_: MouseEvent| result.set(Some(run_text(&script, *seed))))
    };

    let body = match &*result {
        None => Html::default(),
        Some(Err(e)) => html! {
            <p class="compare-error" role="alert">{ t.error.replace("{line}", &e.line.to_string()) }{ &e.message }</p>
        },
        Some(Ok(report)) => {
            let csv = to_csv(&report.counters);
            let href = format!(
                "data:text/csv;charset=utf-8,{}",
                js_sys::encode_uri_component(&csv)
            );
            html! {
                <>
                    <div class="compare-lanes">
                        { for report.verdicts.iter().map(|v| lane_card(t, lang, report, v)) }
                    </div>
                    <a class="btn" href={href} download="compare-counters.csv">{ t.export }</a>
                </>
            }
        }
    };

    html! {
        <section class="card compare-lab" aria-labelledby="compare-lab-title">
            <h2 id="compare-lab-title">{ t.heading }</h2>
            <p class="page-lead">{ t.lead }</p>
            <div class="compare-form">
                <label>{ t.preset }
                    <select class="compare-preset" onchange={on_preset}>
                        { for PRESETS.iter().enumerate().map(|(i, _)| html! {
                            <option value={i.to_string()} selected={i == *preset}>{ t.presets[i] }</option>
                        }) }
                    </select>
                </label>
                <label>{ t.seed }
                    <input class="compare-seed" type="number" min="0" value={seed.to_string()} oninput={on_seed} />
                </label>
                <button class="btn btn-primary compare-run" onclick={on_run}>{ t.run }</button>
            </div>
            <label class="compare-script-label">{ t.script }
                <textarea class="compare-script" rows="12" spellcheck="false" value={(*script).clone()} oninput={on_script} />
            </label>
            { body }
        </section>
    }
}
