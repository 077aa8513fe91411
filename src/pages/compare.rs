//! The protocol comparison page: the comparison lab (one fault script run by 2PC, 3PC,
//! Paxos and ZAB side by side, [`crate::compare_lab`]), with the summary table as one of
//! its panels.

use crate::compare_lab::CompareLab;
use crate::lang_ctx::{use_lang, use_texts};
use yew::prelude::*;

/// Column heads after the "aspect" column (protocol names are the same in every language).
const PROTOCOLS: [&str; 3] = ["2PC", "3PC", "Paxos"];

/// The compare page.
#[component]
pub fn ComparePage() -> Html {
    let t = use_texts();
    let summary = html! {
        <div class="compare-summary">
            <p class="page-lead">{ t.compare_lead }</p>
            <div class="table-wrap">
                <table class="compare-table">
                    <thead>
                        <tr>
                            <th scope="col">{ t.compare_aspect }</th>
                            { for PROTOCOLS.iter().map(|p| html! { <th scope="col">{ *p }</th> }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for t.compare_rows.iter().map(|row| html! {
                            <tr>
                                <th scope="row">{ row[0] }</th>
                                { for row[1..].iter().zip(PROTOCOLS).map(|(cell, p)| html! {
                                    <td data-label={p}>{ *cell }</td>
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <p class="muted table-note">{ t.compare_note }</p>
        </div>
    };
    let lab = use_lang().lang.compare();
    let head = html! {
        <div class="compare-head">
            <div class="title-row">
                <h1>{ t.compare_title }</h1>
            </div>
            <p class="page-lead" title={lab.lead}>{ lab.lead }</p>
        </div>
    };
    html! { <CompareLab summary={summary} head={head} /> }
}
