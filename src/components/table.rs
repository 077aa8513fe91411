//! A data table with a caption and column headers, as the lab's panels draw them.

use yew::prelude::*;

/// Props of [`DataTable`].
#[derive(Properties, PartialEq)]
pub struct DataTableProps {
    /// Classes of the `<table>`.
    pub class: &'static str,
    /// The caption.
    pub caption: Html,
    /// Classes of the caption (`sr-only` when the panel's heading already says it).
    #[prop_or_default]
    pub caption_class: Option<&'static str>,
    /// The column names, one `<th scope="col">` each.
    pub cols: &'static [&'static str],
    /// The body rows.
    #[prop_or_default]
    pub children: Html,
}

/// `<table class>` with its caption, the column headers and the body rows.
#[component]
pub fn DataTable(props: &DataTableProps) -> Html {
    html! {
        <table class={props.class}>
            <caption class={props.caption_class}>{ props.caption.clone() }</caption>
            <thead>
                <tr>
                    { for props.cols.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }
                </tr>
            </thead>
            <tbody>{ props.children.clone() }</tbody>
        </table>
    }
}
