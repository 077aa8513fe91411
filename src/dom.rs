//! Small, non-generic builders for the markup the app repeats (cells, wrappers, tables,
//! hidden glyphs, buttons).
//!
//! Each `html!` element is expanded in place into its own copy of the node-building
//! code; a cell written through these functions shares one copy instead (bundle size).
//! The nodes are the ones `html!` would build: same tags, attributes and children.

use yew::virtual_dom::Key;
use yew::virtual_dom::{AttrValue, AttributeOrProperty, Attributes, Listeners, VList, VTag, VText};
use yew::{Callback, Html, MouseEvent, NodeRef};

/// `<name …attrs>children</name>` (no listeners, no key).
pub fn tag(name: &'static str, attrs: Attributes, children: Html) -> Html {
    VTag::__new_other(
        AttrValue::Static(name),
        NodeRef::default(),
        None,
        attrs,
        Listeners::None,
        children,
    )
    .into()
}

/// `<name keys…=values…>children</name>`; an absent value leaves its attribute out.
pub fn tag_with(
    name: &'static str,
    keys: &'static [&'static str],
    values: Box<[Option<AttributeOrProperty>]>,
    children: Html,
) -> Html {
    tag(name, Attributes::Dynamic { keys, values }, children)
}

/// A literal attribute value, for [`tag_with`].
pub fn static_attr(v: &'static str) -> Option<AttributeOrProperty> {
    Some(AttributeOrProperty::Static(v))
}

/// A computed attribute value, for [`tag_with`].
pub fn text_attr(v: String) -> Option<AttributeOrProperty> {
    Some(AttributeOrProperty::Attribute(v.into()))
}

/// `<name class="class">children</name>`; no class attribute when `class` is empty.
pub fn el(name: &'static str, class: &'static str, children: Html) -> Html {
    let attrs = if class.is_empty() {
        Attributes::Static(&[])
    } else {
        Attributes::Dynamic {
            keys: &["class"],
            values: Box::new([Some(AttributeOrProperty::Static(class))]),
        }
    };
    tag(name, attrs, children)
}

/// A text node (from a `&'static str` or a `String`).
pub fn txt(s: impl Text) -> Html {
    s.node()
}

/// What [`txt`] takes; each kind has one out-of-line builder (bundle size).
pub trait Text {
    /// The text node.
    fn node(self) -> Html;
}

impl Text for &'static str {
    #[inline]
    fn node(self) -> Html {
        static_text(self)
    }
}

impl Text for String {
    #[inline]
    fn node(self) -> Html {
        string_text(self)
    }
}

#[inline(never)]
fn static_text(s: &'static str) -> Html {
    VText::new(s).into()
}

#[inline(never)]
fn string_text(s: String) -> Html {
    VText::new(s).into()
}

/// Several nodes side by side.
pub fn list<const N: usize>(children: [Html; N]) -> Html {
    nodes(Vec::from(children))
}

/// Nodes side by side.
pub fn nodes(children: Vec<Html>) -> Html {
    VList::with_children(children, None).into()
}

/// `<span class="class" aria-hidden="true">child</span>` (no class when empty): what a
/// screen reader skips because words beside it say the same.
pub fn hidden(class: &'static str, child: Html) -> Html {
    let class = (!class.is_empty()).then_some(AttributeOrProperty::Static(class));
    tag(
        "span",
        Attributes::Dynamic {
            keys: &["class", "aria-hidden"],
            values: Box::new([class, Some(AttributeOrProperty::Static("true"))]),
        },
        child,
    )
}

/// `<span aria-hidden="true">g</span>`: a shape beside words that say the same.
pub fn glyph(g: &'static str) -> Html {
    hidden("", txt(g))
}

/// A table's header row: one `<th scope="col">` per column name.
pub fn head_row(cols: &[&'static str]) -> Html {
    const COL: &[(&str, AttributeOrProperty)] = &[("scope", AttributeOrProperty::Static("col"))];
    el(
        "tr",
        "",
        cols.iter()
            .map(|c| tag("th", Attributes::Static(COL), txt(*c)))
            .collect(),
    )
}

/// `<table class="class">` with a caption, the column headers and the body rows.
pub fn zk_table(class: &'static str, caption: Html, cols: &[&'static str], rows: Html) -> Html {
    el(
        "table",
        class,
        list([
            el("caption", "", caption),
            el("thead", "", head_row(cols)),
            el("tbody", "", rows),
        ]),
    )
}

/// `<th scope="row" class="class">children</th>` (no class attribute when empty).
pub fn row_head(class: &'static str, children: Html) -> Html {
    let class = (!class.is_empty()).then_some(AttributeOrProperty::Static(class));
    tag(
        "th",
        Attributes::Dynamic {
            keys: &["scope", "class"],
            values: Box::new([Some(AttributeOrProperty::Static("row")), class]),
        },
        children,
    )
}

/// Gives an element built here its list key.
pub fn keyed(node: &mut Html, key: Key) {
    if let Html::VTag(tag) = node {
        if let Some(tag) = std::rc::Rc::get_mut(tag) {
            tag.key = Some(key);
        }
    }
}

/// One `<div><dt>label</dt><dd class="dd_class">value</dd></div>` of a `<dl>`.
pub fn field(label: &'static str, dd_class: &'static str, value: Html) -> Html {
    el(
        "div",
        "",
        list([el("dt", "", txt(label)), el("dd", dd_class, value)]),
    )
}

/// A panel: `<section class="class" aria-labelledby="id">` whose `<header
/// class="panel-head">` holds the `<h2 id="id">` title and `head`, then `body`.
pub fn panel(
    class: &'static str,
    id: &'static str,
    title: &'static str,
    head: Html,
    body: Html,
) -> Html {
    yew::html! {
        <section class={class} aria-labelledby={id}>
            <header class="panel-head">
                <h2 {id}>{ title }</h2>
                { head }
            </header>
            { body }
        </section>
    }
}

/// `<button type="button" id="id" class="class">label</button>` calling `onclick` (no id
/// attribute when `id` is empty); one copy of the button-building code (bundle size).
pub fn button(
    id: &'static str,
    class: &'static str,
    onclick: Callback<MouseEvent>,
    label: Html,
) -> Html {
    button_with(
        &["type", "id", "class"],
        Box::new([
            Some(AttributeOrProperty::Static("button")),
            (!id.is_empty()).then_some(AttributeOrProperty::Static(id)),
            Some(AttributeOrProperty::Static(class)),
        ]),
        onclick,
        label,
    )
}

/// `<button keys=values>children</button>` calling `onclick`.
pub fn button_with(
    keys: &'static [&'static str],
    values: Box<[Option<AttributeOrProperty>]>,
    onclick: Callback<MouseEvent>,
    children: Html,
) -> Html {
    VTag::__new_other(
        AttrValue::Static("button"),
        NodeRef::default(),
        None,
        Attributes::Dynamic { keys, values },
        Listeners::Pending(Box::new([yew::html::onclick::Wrapper::__macro_new(
            onclick,
        )])),
        children,
    )
    .into()
}
