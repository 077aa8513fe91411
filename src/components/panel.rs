//! A titled panel of the lab: a section named by its heading.

use yew::prelude::*;

/// Props of [`PanelFrame`].
#[derive(Properties, PartialEq)]
pub struct PanelFrameProps {
    /// Classes of the `<section>`.
    pub class: &'static str,
    /// Id of the `<h2>` (the section is labelled by it).
    pub title_id: &'static str,
    /// The heading.
    pub title: &'static str,
    /// What the header shows under the heading (a lead, a server picker).
    #[prop_or_default]
    pub head: Html,
    /// The body.
    #[prop_or_default]
    pub children: Html,
}

/// `<section class aria-labelledby>` whose `<header class="panel-head">` holds the
/// `<h2>` title and `head`, then the body.
#[component]
pub fn PanelFrame(props: &PanelFrameProps) -> Html {
    html! {
        <section class={props.class} aria-labelledby={props.title_id}>
            <header class="panel-head">
                <h2 id={props.title_id}>{ props.title }</h2>
                { props.head.clone() }
            </header>
            { props.children.clone() }
        </section>
    }
}
