//! One labelled value of a description list.

use yew::prelude::*;

/// Props of [`Field`].
#[derive(Properties, PartialEq)]
pub struct FieldProps {
    /// What the value is.
    pub label: &'static str,
    /// Classes of the `<dd>`.
    #[prop_or_default]
    pub class: Option<&'static str>,
    /// The value.
    #[prop_or_default]
    pub children: Html,
}

/// `<div><dt>label</dt><dd class>value</dd></div>`, one entry of a `<dl>`.
#[component]
pub fn Field(props: &FieldProps) -> Html {
    html! {
        <div>
            <dt>{ props.label }</dt>
            <dd class={props.class}>{ props.children.clone() }</dd>
        </div>
    }
}
