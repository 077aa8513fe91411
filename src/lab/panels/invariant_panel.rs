//! The safety panel: green while every checker is satisfied, red with the details and
//! a button to jump to the first counterexample when one is not.

use super::fmt::time_s;
use super::{el, glyph, head_row, hidden, list, row_head, txt, zk_table, PanelProps};
use crate::i18n::panels::fill;
use crate::lab::command::LabCommand;
use crate::lang_ctx::use_lang;
use yew::prelude::*;

/// The invariant panel.
#[component]
pub fn InvariantPanel(props: &PanelProps) -> Html {
    let t = use_lang().lang.panels();
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
                    { hidden("inv-glyph", txt("✔")) }
                    { t.inv_ok }
                </p>
                { el("p", "panel-lead", txt(t.inv_lead)) }
                { el("ul", "inv-known", t.inv_known.iter().map(|(_, d)| el("li", "", txt(*d))).collect()) }
            </section>
        };
    }
    let jump = inv.counterexample_step().map(|step| {
        let cb = props.on_command.clone();
        let onclick = Callback::from(move |_: MouseEvent| cb.emit(LabCommand::JumpToStep(step)));
        html! {
            <button type="button" class="btn btn-danger inv-jump" {onclick}>
                { glyph("⏮ ") }{ fill(t.inv_jump, &[&step]) }
            </button>
        }
    });
    let violations = if inv.violations.is_empty() {
        Html::default()
    } else {
        let rows = inv.violations.iter().map(|v| {
            let desc = match describe(&v.invariant) {
                Some(d) => el("span", "inv-desc small", txt(d)),
                None => Html::default(),
            };
            el(
                "tr",
                "",
                list([
                    row_head("", list([el("code", "", txt(v.invariant.clone())), desc])),
                    el("td", "", txt(v.details.clone())),
                    el("td", "num", txt(v.step.to_string())),
                    el("td", "num", txt(time_s(v.time_us))),
                ]),
            )
        });
        el(
            "div",
            "table-wrap",
            html! {
                <table class="zk-table inv-table">
                    <caption class="sr-only">{ t.inv_title }</caption>
                    { el("thead", "", head_row(&t.inv_cols)) }
                    { el("tbody", "", rows.collect()) }
                </table>
            },
        )
    };
    let anomalies = if inv.anomalies.is_empty() {
        Html::default()
    } else {
        let rows = inv.anomalies.iter().map(|a| {
            el(
                "tr",
                "",
                list([
                    row_head("num", txt(a.myid.to_string())),
                    el("td", "", txt(a.text.clone())),
                ]),
            )
        });
        el(
            "div",
            "table-wrap",
            zk_table(
                "zk-table inv-table",
                txt(t.inv_anomalies),
                &t.inv_anomaly_cols,
                rows.collect(),
            ),
        )
    };
    html! {
        <section class="zk-panel inv-panel inv-broken" aria-labelledby="inv-title">
            <h2 id="inv-title">{ t.inv_title }</h2>
            <p class="inv-status" role="alert">
                { hidden("inv-glyph", txt("✖")) }
                { fill(t.inv_broken, &[&inv.total.max(inv.anomalies.len() as u32)]) }
            </p>
            { jump.unwrap_or_default() }
            { violations }
            { anomalies }
        </section>
    }
}
