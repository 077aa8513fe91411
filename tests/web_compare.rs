//! Browser test of the comparison lab on `#/compare`: every preset run in the page to its
//! end (the timeline moved to its last step), each lane's verdict read by its accessible
//! name, in both languages; Step, rewind and a bad script.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p zooscope-web --target
//! wasm32-unknown-unknown --test web_compare`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use zooscope_core::compare::presets::PRESETS;
use zooscope_web::compare_lab::CompareLab;
use zooscope_web::i18n::Lang;
use zooscope_web::lang_ctx::LangCtx;

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Properties, PartialEq)]
struct HostProps {
    lang: Lang,
}

#[component]
fn Host(p: &HostProps) -> Html {
    let ctx = LangCtx {
        lang: p.lang,
        set: Callback::noop(),
    };
    html! {
        <ContextProvider<LangCtx> context={ctx}>
            <CompareLab />
        </ContextProvider<LangCtx>>
    }
}

fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

/// The accessible names of the verdicts shown, lane by lane.
fn verdict_names(root: &Element) -> Vec<String> {
    let list = root
        .query_selector_all(".compare-lane [role=status]")
        .unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .filter_map(|e| e.get_attribute("aria-label"))
        .collect()
}

async fn run_preset(root: &Element, index: usize) -> Vec<String> {
    let select: HtmlSelectElement = one(root, ".compare-preset").dyn_into().unwrap();
    select.set_value(&index.to_string());
    let change = js_sys::eval("new Event('change', {bubbles: true})")
        .unwrap()
        .dyn_into::<web_sys::Event>()
        .unwrap();
    select.dispatch_event(&change).unwrap();
    yew::scheduler::flush().await;
    seek(root, None).await;
    verdict_names(root)
}

/// Move the timeline to `step` (its end when None), as dragging it does.
async fn seek(root: &Element, step: Option<u64>) {
    let slider: HtmlInputElement = one(root, "#lab-timeline").dyn_into().unwrap();
    let value = step.map_or(slider.max(), |s| s.to_string());
    slider.set_value(&value);
    let input = js_sys::eval("new InputEvent('input', {bubbles: true})")
        .unwrap()
        .dyn_into::<web_sys::Event>()
        .unwrap();
    slider.dispatch_event(&input).unwrap();
    yew::scheduler::flush().await;
}

fn text_of(root: &Element, selector: &str) -> String {
    one(root, selector).text_content().unwrap_or_default()
}

/// What each preset ends with at seed 1 (the native tests in `compare::tests` assert
/// the same verdicts).
fn expected(lang: Lang) -> Vec<Vec<&'static str>> {
    match lang {
        Lang::En => vec![
            vec![
                "2PC verdict: blocked",
                "3PC verdict: aborted",
                "Paxos verdict: committed x=1",
                "ZAB verdict: committed x=1",
            ],
            vec![
                "2PC verdict: committed x=1",
                "3PC verdict: inconsistent",
                "Paxos verdict: committed x=1",
                "ZAB verdict: committed x=1",
            ],
            vec![
                "2PC verdict: committed x=1",
                "3PC verdict: inconsistent",
                "Paxos verdict: committed x=1",
                "ZAB verdict: committed x=1",
            ],
            vec![
                "Paxos verdict: committed y=2",
                "Multi-Paxos verdict: committed x=1",
                "ZAB verdict: committed x=1",
            ],
            vec![
                "2PC verdict: blocked",
                "3PC verdict: aborted",
                "Paxos verdict: committed x=1",
                "ZAB verdict: committed x=1",
            ],
            vec![
                "2PC verdict: aborted",
                "3PC verdict: aborted",
                "Paxos verdict: committed x=1",
                "ZAB verdict: committed x=1",
            ],
        ],
        Lang::Zh => vec![
            vec![
                "2PC 的结论：阻塞",
                "3PC 的结论：已中止",
                "Paxos 的结论：已提交 x=1",
                "ZAB 的结论：已提交 x=1",
            ],
            vec![
                "2PC 的结论：已提交 x=1",
                "3PC 的结论：不一致",
                "Paxos 的结论：已提交 x=1",
                "ZAB 的结论：已提交 x=1",
            ],
            vec![
                "2PC 的结论：已提交 x=1",
                "3PC 的结论：不一致",
                "Paxos 的结论：已提交 x=1",
                "ZAB 的结论：已提交 x=1",
            ],
            vec![
                "Paxos 的结论：已提交 y=2",
                "Multi-Paxos 的结论：已提交 x=1",
                "ZAB 的结论：已提交 x=1",
            ],
            vec![
                "2PC 的结论：阻塞",
                "3PC 的结论：已中止",
                "Paxos 的结论：已提交 x=1",
                "ZAB 的结论：已提交 x=1",
            ],
            vec![
                "2PC 的结论：已中止",
                "3PC 的结论：已中止",
                "Paxos 的结论：已提交 x=1",
                "ZAB 的结论：已提交 x=1",
            ],
        ],
    }
}

#[wasm_bindgen_test]
async fn every_preset_shows_its_verdicts_by_accessible_name() {
    for lang in Lang::ALL {
        let document = gloo::utils::document();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        let handle =
            yew::Renderer::<Host>::with_root_and_props(root.clone(), HostProps { lang }).render();
        yew::scheduler::flush().await;
        let want = expected(lang);
        assert_eq!(want.len(), PRESETS.len());
        for (i, want) in want.iter().enumerate() {
            assert_eq!(
                run_preset(&root, i).await,
                *want,
                "{lang:?}: {}",
                PRESETS[i].id
            );
            let broken: Vec<String> = {
                let list = root.query_selector_all(".compare-broken").unwrap();
                (0..list.length())
                    .filter_map(|k| list.item(k))
                    .filter_map(|n| n.text_content())
                    .collect()
            };
            let splits = want
                .iter()
                .any(|v| v.ends_with("inconsistent") || v.ends_with("不一致"));
            let atomicity = lang.compare().broken.replace("{name}", "atomicity");
            assert_eq!(
                broken.len(),
                usize::from(splits),
                "{lang:?}: {}",
                PRESETS[i].id
            );
            assert!(
                broken.iter().all(|b| b.starts_with(&atomicity)),
                "{lang:?}: {broken:?}"
            );
        }
        handle.destroy();
        yew::scheduler::flush().await;
        root.remove();
    }
}

#[wasm_bindgen_test]
async fn step_and_rewind_come_back_to_the_same_moment() {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let handle =
        yew::Renderer::<Host>::with_root_and_props(root.clone(), HostProps { lang: Lang::En })
            .render();
    yew::scheduler::flush().await;
    for _ in 0..30 {
        one(&root, "#lab-step")
            .dyn_into::<HtmlElement>()
            .unwrap()
            .click();
        yew::scheduler::flush().await;
    }
    assert_eq!(text_of(&root, "#lab-events"), "30");
    let hash = text_of(&root, "#lab-hash");
    let names = verdict_names(&root);
    seek(&root, None).await;
    assert_ne!(text_of(&root, "#lab-hash"), hash);
    assert_ne!(verdict_names(&root), names);
    seek(&root, Some(30)).await;
    assert_eq!(text_of(&root, "#lab-hash"), hash);
    assert_eq!(verdict_names(&root), names);
    handle.destroy();
    yew::scheduler::flush().await;
    root.remove();
}

#[wasm_bindgen_test]
async fn a_bad_script_names_its_line() {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let handle =
        yew::Renderer::<Host>::with_root_and_props(root.clone(), HostProps { lang: Lang::En })
            .render();
    yew::scheduler::flush().await;
    let area: web_sys::HtmlTextAreaElement = one(&root, ".compare-script").dyn_into().unwrap();
    area.set_value("nodes 5\nfly away\n");
    let input = js_sys::eval("new InputEvent('input', {bubbles: true})")
        .unwrap()
        .dyn_into::<web_sys::Event>()
        .unwrap();
    area.dispatch_event(&input).unwrap();
    yew::scheduler::flush().await;
    one(&root, ".compare-run")
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    yew::scheduler::flush().await;
    let error = one(&root, ".compare-error").text_content().unwrap();
    assert!(
        error.starts_with("The script has an error on line 2: "),
        "{error}"
    );
    handle.destroy();
    yew::scheduler::flush().await;
    root.remove();
}
