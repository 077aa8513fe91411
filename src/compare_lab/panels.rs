//! The comparison lab's panels: the script editor with its presets, the lanes'
//! sequence diagrams (the election lab's [`SequenceDiagram`]), the counters with their
//! CSV export, and what the lanes reported (with the conditions that never held).

use super::run::CompareRun;
use super::words::{lane_name, note_words};
use super::CompareAction;
use crate::components::ids::IdScope;
use crate::i18n::{compare_errors, CompareTexts, Lang};
use crate::lab::command::LabCommand;
use crate::lab::history::{SeqArrow, SeqData, SequenceDiagram};
use crate::lang_ctx::use_lang;
use std::rc::Rc;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;
use zooscope_core::compare::lane::Lane;
use zooscope_core::compare::presets::PRESETS;
use zooscope_core::compare::script::ScriptError;

/// Trace events scanned for a lane's sequence diagram.
pub const SEQ_SCAN: usize = 600;
/// Arrows a lane's sequence diagram shows at most (the newest).
pub const SEQ_ARROWS_MAX: usize = 80;
/// Notes shown per lane.
pub const NOTES_SHOWN: usize = 12;

/// The script's error in words, or nothing.
pub fn error_words<T>(t: &CompareTexts, lang: Lang, state: &Result<T, ScriptError>) -> String {
    match state {
        Ok(_) => String::new(),
        Err(e) => format!(
            "{}{}",
            t.error.replace("{line}", &e.line.to_string()),
            compare_errors::problem_text(&e.problem, lang)
        ),
    }
}

/// Props of [`ScriptPanel`].
#[derive(Properties, PartialEq)]
pub struct ScriptPanelProps {
    /// The script now running.
    pub text: String,
    /// Its error in words (empty when it runs).
    pub error: String,
    /// How many presets there are.
    pub presets: usize,
    /// A notice after Share: "copied" or "failed".
    pub notice: Option<&'static str>,
    /// The last link Share made.
    pub link: Option<String>,
    /// Load, share, export.
    pub on: Callback<CompareAction>,
}

/// The script editor: a preset picker, the text, Run, Share and Export.
#[component]
pub fn ScriptPanel(p: &ScriptPanelProps) -> Html {
    let t = use_lang().lang.compare();
    let draft = use_state(|| p.text.clone());
    {
        let draft = draft.clone();
        use_effect_with(p.text.clone(), move |text| draft.set(text.clone()));
    }
    let on_preset = {
        let on = p.on.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(preset) = v.parse::<usize>().ok().and_then(|i| PRESETS.get(i)) {
                on.emit(CompareAction::Load(preset.script.to_string()));
            }
        })
    };
    let on_input = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            draft.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let on_run = {
        let (on, draft) = (p.on.clone(), draft.clone());
        Callback::from(move |_: MouseEvent| on.emit(CompareAction::Load((*draft).clone())))
    };
    let act = |a: CompareAction| {
        let on = p.on.clone();
        Callback::from(move |_: MouseEvent| on.emit(a.clone()))
    };
    let selected = PRESETS.iter().position(|x| x.script == p.text);
    html! {
        <div class="compare-script-panel">
            <div class="compare-form">
                <label>{ t.preset }
                    <select class="compare-preset" onchange={on_preset}>
                        if selected.is_none() {
                            <option value="" selected=true>{ "—" }</option>
                        }
                        { for (0..p.presets).map(|i| html! {
                            <option value={i.to_string()} selected={selected == Some(i)}>{ t.presets[i] }</option>
                        }) }
                    </select>
                </label>
                <button type="button" class="btn btn-primary compare-run" onclick={on_run}>{ t.run }</button>
                <button type="button" class="btn compare-share" onclick={act(CompareAction::Share)}>{ t.share }</button>
                <button type="button" class="btn btn-ghost compare-export-script" onclick={act(CompareAction::ExportScript)}>{ t.export_script }</button>
            </div>
            if let Some(n) = p.notice {
                <p class="compare-notice" role="status">{ if n == "copied" { t.copied[0] } else { t.copied[1] } }</p>
            }
            if let Some(url) = &p.link {
                <input class="compare-link" type="url" readonly=true value={url.clone()} aria-label={t.share} />
            }
            <label class="compare-script-label">{ t.script }
                <textarea class="compare-script" rows="10" spellcheck="false" value={(*draft).clone()} oninput={on_input} />
            </label>
            if !p.error.is_empty() {
                <p class="compare-error" role="alert">{ p.error.clone() }</p>
            }
        </div>
    }
}

fn seq_data(lane: &dyn Lane, step: u64) -> SeqData {
    let mut arrows: Vec<SeqArrow> = lane
        .arrows(SEQ_SCAN)
        .into_iter()
        .map(|a| SeqArrow {
            from: a.from,
            to: a.to,
            sent: a.sent.0,
            end: a.end.0,
            kind: a.kind,
            dropped: a.dropped,
            step,
            seq: a.seq,
        })
        .collect();
    let skip = arrows.len().saturating_sub(SEQ_ARROWS_MAX);
    arrows.drain(..skip);
    SeqData {
        lanes: (1..=lane.nodes()).map(|k| (k, k.to_string())).collect(),
        arrows,
    }
}

/// Every lane's sequence diagram.
pub fn sequences(run: &CompareRun, ids: &IdScope) -> Html {
    let Some(p) = run.playing() else {
        return Html::default();
    };
    let step = p.stepper.steps();
    let diagrams = p.stepper.lanes().iter().map(|c| {
        let lane = c.lane();
        let word = lane.kind().word();
        html! {
            <SequenceDiagram key={word} data={Rc::new(seq_data(lane, step))}
                on_command={Callback::<LabCommand>::noop()}
                title={AttrValue::from(lane_name(lane.kind()))}
                title_id={ids.id(format!("seq-title-{word}"))} />
        }
    });
    html! { <div class="compare-seqs">{ for diagrams }</div> }
}

/// The counters table and its CSV export.
pub fn counters(t: &CompareTexts, run: &CompareRun, on: &Callback<CompareAction>) -> Html {
    let Some(p) = run.playing() else {
        return Html::default();
    };
    let rows = p.stepper.lanes().iter().map(|c| {
        let l = c.lane();
        let k = l.counters();
        let time = k.decided_after.map_or(t.not_decided.to_string(), |d| {
            format!("{}.{:03}s", d.0 / 1_000_000, (d.0 / 1_000) % 1_000)
        });
        html! {
            <tr key={l.kind().word()}>
                <th scope="row">{ lane_name(l.kind()) }</th>
                <td>{ k.messages }</td><td>{ k.round_trips }</td><td>{ time }</td>
            </tr>
        }
    });
    let on_csv = {
        let on = on.clone();
        Callback::from(move |_: MouseEvent| on.emit(CompareAction::ExportCsv))
    };
    html! {
        <div class="compare-counters-panel">
            <div class="table-wrap">
                <table class="data-table compare-counters-table">
                    <thead><tr>{ for t.counter_heads.iter().map(|h| html! { <th scope="col">{ *h }</th> }) }</tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <button type="button" class="btn compare-export" onclick={on_csv}>{ t.export }</button>
        </div>
    }
}

/// What each lane reported, newest last, and the conditions that never held.
pub fn notes(t: &CompareTexts, run: &CompareRun) -> Html {
    let Some(p) = run.playing() else {
        return Html::default();
    };
    let lanes = p.stepper.lanes().iter().map(|c| {
        let notes = c.notes();
        let shown = &notes[notes.len().saturating_sub(NOTES_SHOWN)..];
        html! {
            <section class="compare-notes-lane" key={c.lane().kind().word()}>
                <h3>{ lane_name(c.lane().kind()) }</h3>
                if shown.is_empty() {
                    <p class="muted">{ t.no_notes }</p>
                } else {
                    <ol class="compare-notes">
                        { for shown.iter().map(|(line, n)| html! {
                            <li><span class="muted">{ t.at_line.replace("{line}", &line.to_string()) }</span>{ " " }{ note_words(t, n) }</li>
                        }) }
                    </ol>
                }
            </section>
        }
    });
    let never = p.never.iter().map(|(line, text, lanes)| {
        let names: Vec<&str> = lanes.iter().map(|l| lane_name(*l)).collect();
        html! {
            <p class="compare-never">{ t.never.replace("{line}", &line.to_string()).replace("{text}", text).replace("{lanes}", &names.join(", ")) }</p>
        }
    });
    html! {
        <div class="compare-notes-panel">
            <div class="compare-notes-lanes">{ for lanes }</div>
            { for never }
        </div>
    }
}
