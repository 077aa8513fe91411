//! The safety panel: green while every checker is satisfied, red with the details and
//! a button to jump to the first counterexample when one is not. The checkers' findings
//! are typed; [`crate::i18n::notes`] words them.

use super::fmt::time_s;
use super::PanelProps;
use crate::components::table::DataTable;
use crate::i18n::notes::{anomaly, violation};
use crate::i18n::panels::fill;
use crate::lab::command::LabCommand;
use crate::lang_ctx::use_lang;
use yew::prelude::*;

/// The invariant panel.
#[component]
pub fn InvariantPanel(props: &PanelProps) -> Html {
    let lang = use_lang().lang;
    let t = lang.panels();
    let inv = &props.view.invariants;
    let describe = |name: &str| {
        t.inv_known
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, d)| *d)
    };
    if inv.ok {
        return html! {
            <section class="zk-panel inv-panel inv-ok" aria-labelledby="inv-title">
                <h2 id="inv-title">{ t.inv_title }</h2>
                <p class="inv-status" role="status">
                    <span class="inv-glyph" aria-hidden="true">{ "✔" }</span>
                    { t.inv_ok }
                </p>
                <p class="panel-lead">{ t.inv_lead }</p>
                <ul class="inv-known">
                    { for t.inv_known.iter().map(|(_, d)| html! { <li>{ *d }</li> }) }
                </ul>
            </section>
        };
    }
    let jump = inv.counterexample_step().map(|step| {
        let cb = props.on_command.clone();
        let onclick = Callback::from(move |_: MouseEvent| cb.emit(LabCommand::JumpToStep(step)));
        html! {
            <button type="button" class="btn btn-danger inv-jump" {onclick}>
                <span aria-hidden="true">{ "⏮ " }</span>{ fill(t.inv_jump, &[&step]) }
            </button>
        }
    });
    let violations = inv.violations.iter().map(|v| {
        html! {
            <tr>
                <th scope="row">
                    <code>{ v.invariant.clone() }</code>
                    if let Some(d) = describe(&v.invariant) {
                        <span class="inv-desc small">{ d }</span>
                    }
                </th>
                <td>{ violation(&v.details, lang) }</td>
                <td class="num">{ v.step }</td>
                <td class="num">{ time_s(v.time_us) }</td>
            </tr>
        }
    });
    let anomalies = inv.anomalies.iter().map(|a| {
        html! {
            <tr>
                <th scope="row" class="num">{ a.myid }</th>
                <td>{ anomaly(&a.anomaly, lang) }</td>
            </tr>
        }
    });
    html! {
        <section class="zk-panel inv-panel inv-broken" aria-labelledby="inv-title">
            <h2 id="inv-title">{ t.inv_title }</h2>
            <p class="inv-status" role="alert">
                <span class="inv-glyph" aria-hidden="true">{ "✖" }</span>
                { fill(t.inv_broken, &[&inv.total.max(inv.anomalies.len() as u32)]) }
            </p>
            { jump.unwrap_or_default() }
            if !inv.violations.is_empty() {
                <div class="table-wrap">
                    <DataTable class="zk-table inv-table" caption={html! { t.inv_title }}
                        caption_class="sr-only" cols={&t.inv_cols[..]}>
                        { for violations }
                    </DataTable>
                </div>
            }
            if !inv.anomalies.is_empty() {
                <div class="table-wrap">
                    <DataTable class="zk-table inv-table" caption={html! { t.inv_anomalies }}
                        cols={&t.inv_anomaly_cols[..]}>
                        { for anomalies }
                    </DataTable>
                </div>
            }
        </section>
    }
}
