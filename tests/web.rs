//! Browser tests (wasm-bindgen-test in headless Chromium): the app mounted for real,
//! the language toggle, the router, the lab, and shared keys replayed in wasm32 (the
//! kernel's own golden-key check is `crates/zooscope-wasm-bench/tests/golden.rs`).
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web`
//! (runner and Chrome flags come from `.cargo/config.toml` and `webdriver.json`).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::AppHandle;
use zooscope_web::app::App;
use zooscope_web::i18n::Lang;
use zooscope_web::lang_pref::{self, STORAGE_KEY};

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    gloo::utils::window().local_storage().unwrap().unwrap()
}

/// Go to `hash` without a navigation event (the router reads it when it mounts).
fn set_hash(hash: &str) {
    gloo::utils::window()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash))
        .unwrap();
}

/// Mount the whole app at `hash` with `lang` saved as the learner's choice.
async fn mount(hash: &str, lang: Lang) -> (AppHandle<App>, Element) {
    storage().set_item(STORAGE_KEY, lang.code()).unwrap();
    set_hash(hash);
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    (handle, root)
}

async fn unmount(handle: AppHandle<App>, root: Element) {
    handle.destroy();
    yew::scheduler::flush().await;
    root.remove();
}

fn text_of(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

async fn click(root: &Element, selector: &str) {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    yew::scheduler::flush().await;
}

fn html_lang() -> String {
    gloo::utils::document()
        .document_element()
        .unwrap()
        .get_attribute("lang")
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn home_page_in_both_languages() {
    for lang in Lang::ALL {
        let t = lang.texts();
        let (handle, root) = mount("#/", lang).await;
        assert_eq!(text_of(&root, ".hero-title"), t.hero_title);
        assert_eq!(text_of(&root, "#topics-title"), t.topics_title);
        // The hero leads into the course catalogue (its cards are fetched: not served here).
        assert_eq!(text_of(&root, ".hero .btn-primary"), t.cta_catalogue);
        assert_eq!(
            text_of(&root, "#course-title"),
            lang.course().catalogue_title
        );
        assert_eq!(count(&root, ".lesson-card"), 0);
        assert_eq!(count(&root, ".topic"), 5);
        assert_eq!(count(&root, ".ensemble-svg .server"), 3);
        assert_eq!(html_lang(), lang.html_tag());
        assert_eq!(gloo::utils::document().title(), t.doc_title);
        unmount(handle, root).await;
    }
}

#[wasm_bindgen_test]
async fn toggle_switches_language_and_saves_it() {
    let (handle, root) = mount("#/", Lang::Zh).await;
    assert_eq!(text_of(&root, ".hero-title"), Lang::Zh.texts().hero_title);
    assert_eq!(text_of(&root, "#lang-toggle").trim(), "EN");

    click(&root, "#lang-toggle").await;
    assert_eq!(text_of(&root, ".hero-title"), Lang::En.texts().hero_title);
    assert_eq!(text_of(&root, ".nav-link.active"), "Home");
    assert_eq!(
        storage().get_item(STORAGE_KEY).unwrap().as_deref(),
        Some("en")
    );
    assert_eq!(html_lang(), "en");
    // A fresh page load would now pick English from storage.
    assert_eq!(lang_pref::detect(), Lang::En);

    click(&root, "#lang-toggle").await;
    assert_eq!(text_of(&root, ".hero-title"), Lang::Zh.texts().hero_title);
    assert_eq!(
        storage().get_item(STORAGE_KEY).unwrap().as_deref(),
        Some("zh")
    );
    assert_eq!(html_lang(), "zh-CN");
    assert_eq!(lang_pref::detect(), Lang::Zh);
    unmount(handle, root).await;
}

#[wasm_bindgen_test]
async fn router_renders_every_route() {
    let en = Lang::En.texts();
    let cases = [
        ("#/lab", en.lab_title),
        ("#/compare", en.compare_title),
        // No bridge runs here: the page says so and keeps trying.
        ("#/live?bridge=127.0.0.1:9", Lang::En.live().title),
        ("#/lesson/nope", en.lesson_unknown_title),
        ("#/glossary", Lang::En.course().glossary_title),
        ("#/no/such/page", en.nf_title),
    ];
    for (hash, title) in cases {
        let (handle, root) = mount(hash, Lang::En).await;
        // A lesson page first fetches `lessons/en/<slug>.json` (absent here: the old
        // scenario card or "no such lesson" follows the failed fetch).
        for _ in 0..100 {
            if count(&root, "h1") > 0 {
                break;
            }
            gloo::timers::future::TimeoutFuture::new(20).await;
            yew::scheduler::flush().await;
        }
        assert_eq!(text_of(&root, "h1"), title, "at {hash}");
        unmount(handle, root).await;
    }
}

/// An old lesson address (of the scenario catalogue) leads to the course lesson that
/// teaches it now.
#[wasm_bindgen_test]
async fn an_old_lesson_address_leads_to_its_course_lesson() {
    let (handle, root) = mount("#/lesson/partitions", Lang::En).await;
    for _ in 0..100 {
        if gloo::utils::window().location().hash().unwrap() == "#/lesson/why-coordination" {
            break;
        }
        gloo::timers::future::TimeoutFuture::new(20).await;
        yew::scheduler::flush().await;
    }
    assert_eq!(
        gloo::utils::window().location().hash().unwrap(),
        "#/lesson/why-coordination"
    );
    unmount(handle, root).await;
}

#[wasm_bindgen_test]
async fn nav_links_navigate() {
    let t = Lang::En.texts();
    let (handle, root) = mount("#/", Lang::En).await;
    let links = root.query_selector_all(".site-nav .nav-link").unwrap();
    assert_eq!(links.length(), 6);
    // Fourth link: Compare.
    links
        .get(3)
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    yew::scheduler::flush().await;
    assert_eq!(text_of(&root, "h1"), t.compare_title);
    assert_eq!(text_of(&root, ".nav-link.active"), t.nav_compare);
    assert_eq!(
        gloo::utils::window().location().hash().unwrap(),
        "#/compare"
    );

    click(&root, ".brand").await; // the logo goes home
    assert_eq!(text_of(&root, ".hero-title"), t.hero_title);
    unmount(handle, root).await;
}

#[wasm_bindgen_test]
fn storage_choice_beats_browser_language() {
    storage().set_item(STORAGE_KEY, "en").unwrap();
    assert_eq!(lang_pref::detect(), Lang::En);
    storage().set_item(STORAGE_KEY, "zh").unwrap();
    assert_eq!(lang_pref::detect(), Lang::Zh);
    storage().remove_item(STORAGE_KEY).unwrap();
    let browser = gloo::utils::window()
        .navigator()
        .language()
        .unwrap_or_default();
    let expected = if browser.to_ascii_lowercase().starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    };
    assert_eq!(lang_pref::detect(), expected);
}

// ----- election lab -------------------------------------------------------------------

fn server_names(root: &Element) -> Vec<String> {
    let list = root
        .query_selector_all(".cluster .srv[role=button]")
        .unwrap();
    (0..list.length())
        .filter_map(|i| list.get(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .map(|e| e.get_attribute("aria-label").unwrap_or_default())
        .collect()
}

/// Next (run to the next state change) until some server leads, at most 60 times.
async fn next_until_leader(root: &Element) -> Option<String> {
    for _ in 0..60 {
        if let Some(n) = server_names(root)
            .into_iter()
            .find(|n| n.contains(", LEADING,"))
        {
            return Some(n);
        }
        click(root, "#lab-next").await;
    }
    None
}

#[wasm_bindgen_test]
async fn lab_steps_and_elects_a_leader() {
    let (handle, root) = mount("#/lab", Lang::En).await;
    let names = server_names(&root);
    assert_eq!(
        names,
        [
            "Server 1, LOOKING, epoch 0, zxid 0x0",
            "Server 2, LOOKING, epoch 0, zxid 0x0",
            "Server 3, LOOKING, epoch 0, zxid 0x0"
        ]
    );
    assert_eq!(text_of(&root, "#lab-events"), "0");
    for expected in 1..=5 {
        click(&root, "#lab-step").await;
        assert_eq!(text_of(&root, "#lab-events"), expected.to_string());
    }
    // The test hook reads the same run the page shows.
    let votes: serde_json::Value =
        serde_json::from_str(&zooscope_web::lab::debug::zooscope_lab_votes()).unwrap();
    assert_eq!(votes["step"], 5);
    assert_eq!(votes["servers"].as_array().unwrap().len(), 3);
    let leader = next_until_leader(&root)
        .await
        .expect("no leader after 60 × Next");
    assert!(leader.starts_with("Server "), "{leader}");
    assert_eq!(
        server_names(&root)
            .iter()
            .filter(|n| n.contains(", LEADING,"))
            .count(),
        1
    );
    // The panic overlay would offer this run's key.
    assert!(zooscope_web::panic::repro_key()
        .unwrap()
        .starts_with("zs1."));
    unmount(handle, root).await;
    assert_eq!(zooscope_web::panic::repro_key(), None);
}

/// Click an SVG element (it has no `click()`): a bubbling click event, as a mouse makes.
async fn click_svg(root: &Element, selector: &str) {
    let el = root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"));
    let f = js_sys::Function::new_with_args(
        "el",
        "el.dispatchEvent(new MouseEvent('click', { bubbles: true }))",
    );
    f.call1(&wasm_bindgen::JsValue::NULL, &el).unwrap();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn lab_selecting_a_server_offers_crash_and_restart() {
    let (handle, root) = mount("#/lab", Lang::En).await;
    click_svg(&root, ".cluster .srv[role=button]").await;
    assert_eq!(text_of(&root, "#lab-crash"), "Crash server 1");
    click(&root, "#lab-crash").await;
    assert!(server_names(&root)[0].starts_with("Server 1, stopped,"));
    assert_eq!(text_of(&root, "#lab-restart"), "Restart server 1");
    click(&root, "#lab-restart").await;
    assert!(server_names(&root)[0].starts_with("Server 1, LOOKING,"));
    unmount(handle, root).await;
}

#[wasm_bindgen_test]
async fn lab_bad_link_shows_both_languages_and_keeps_working() {
    let (handle, root) = mount("#/lab?key=zs1.definitely-not-valid", Lang::Zh).await;
    let notice = text_of(&root, "#lab-notice");
    assert!(notice.contains(Lang::Zh.lab().err_link), "{notice}");
    assert!(notice.contains(Lang::En.lab().err_link), "{notice}");
    assert_eq!(
        root.query_selector("#lab-notice")
            .unwrap()
            .unwrap()
            .get_attribute("role")
            .as_deref(),
        Some("alert")
    );
    click(&root, "#lab-step").await;
    assert_eq!(text_of(&root, "#lab-events"), "1");
    assert!(server_names(&root)[0].starts_with("服务器 1，"));
    unmount(handle, root).await;
}

/// A shared key replays to the same trace hash in wasm32 (and so in any browser).
#[wasm_bindgen_test]
fn lab_key_replays_in_wasm() {
    use zooscope_web::lab::session::LabSession;
    use zooscope_web::lab::setup::LabSetup;
    let mut s = LabSession::new(&LabSetup::default()).unwrap();
    for _ in 0..1_500 {
        s.advance(1_000, 10_000);
    }
    s.crash(1).unwrap();
    for _ in 0..300 {
        s.advance(1_000, 10_000);
    }
    let copy = LabSession::from_key_text(&s.key_text()).unwrap();
    assert_eq!(copy.trace_hash_hex(), s.trace_hash_hex());
    assert_eq!(copy.steps(), s.steps());
}

/// A link whose log crashes a server a second time while it is down opens at the
/// command before it, says in the notice which command and why, and waits there.
#[wasm_bindgen_test]
async fn lab_link_with_a_refused_command_opens_up_to_it_and_says_so() {
    use zooscope_core::command::{Command, Logged};
    use zooscope_web::lab::session::LabSession;
    use zooscope_web::lab::setup::LabSetup;
    let mut s = LabSession::new(&LabSetup::default()).unwrap();
    for _ in 0..1_500 {
        s.advance(1_000, 10_000);
    }
    s.crash(1).unwrap();
    for _ in 0..300 {
        s.advance(1_000, 10_000);
    }
    let mut key = s.timeline().key();
    let at = s.world().position();
    key.log.push(Logged {
        at_step: at.step,
        at_time: at.time,
        command: Command::Crash(s.node_of(1).unwrap()),
    });
    key.position = None;
    let text = key.encode();
    let stopped = LabSession::from_key_text(&text).unwrap();
    let e = stopped.replay_error().expect("the second crash is refused");
    let (handle, root) = mount(&format!("#/lab?key={text}"), Lang::En).await;
    let notice = text_of(&root, "#lab-notice");
    assert!(
        notice.contains(&zooscope_web::i18n::replay::replay_stopped(e, Lang::En)),
        "{notice}"
    );
    assert!(notice.contains("could not be re-applied"), "{notice}");
    assert_eq!(text_of(&root, "#lab-events"), at.step.to_string());
    click(&root, "#lab-step").await;
    assert_eq!(text_of(&root, "#lab-events"), at.step.to_string());
    unmount(handle, root).await;
}

/// Run files in wasm: what `export` writes loads (a seed above 2^53 included), a
/// tampered or malformed file is refused with a reason.
#[wasm_bindgen_test]
fn run_files_load_in_wasm() {
    use zooscope_web::lab::session::{LabError, LabSession};
    use zooscope_web::lab::setup::LabSetup;
    use zooscope_web::lab::share::{error_text, export, import};
    let setup = LabSetup {
        seed: u64::MAX - 2,
        ..LabSetup::default()
    };
    let mut s = LabSession::new(&setup).unwrap();
    for _ in 0..200 {
        s.step();
    }
    let text = export(&s);
    let back = import(&text).unwrap();
    assert_eq!(back.trace_hash_hex(), s.trace_hash_hex());
    assert_eq!(back.world().seed(), u64::MAX - 2);

    let mut file: serde_json::Value = serde_json::from_str(&text).unwrap();
    file["trace_hash"] = "0123456789abcdef".into();
    let e = import(&file.to_string()).unwrap_err();
    assert!(error_text(&e, Lang::En).contains("different trace hash"));

    let shape = |bad: &str| match import(bad) {
        Err(LabError::File(problem)) => problem.to_string(),
        other => panic!("{bad}: {:?}", other.map(|s| s.steps())),
    };
    // serde_json's words for a syntax error, with where it is.
    assert_eq!(
        shape(r#"{"hello":"#),
        "shape: EOF while parsing a value at line 1 column 9"
    );
    assert_eq!(shape("[1,2]"), "shape: not a JSON object");
    assert_eq!(shape("null"), "shape: not a JSON object");
    assert_eq!(shape("\"zs1.x\""), "shape: not a JSON object");
    assert_eq!(shape("{}"), "shape: missing field `format`");
    file["step"] = 1.5.into();
    assert_eq!(
        shape(&file.to_string()),
        "shape: invalid type: floating point `1.5`, expected u64"
    );
    file["step"] = serde_json::Value::Null;
    assert!(shape(&file.to_string()).contains("null"));
    file["step"] = 200.into();
    file["key"] = 7.into();
    assert_eq!(
        shape(&file.to_string()),
        "shape: invalid type: integer `7`, expected a string"
    );
}

/// Links carry their run in the query: a lesson's
/// `?scenario=…` (escaped, among other parameters) opens that scenario, a `key`
/// given twice is ignored as before (a fresh run, no error).
#[wasm_bindgen_test]
async fn lab_reads_its_query() {
    let id = zooscope_web::lab::scenarios::SCENARIOS[0].id;
    let escaped = id.replace('-', "%2D");
    let (handle, root) = mount(&format!("#/lab?lang=en&scenario={escaped}"), Lang::En).await;
    assert_eq!(text_of(&root, "#lab-scenario"), id);
    assert_eq!(count(&root, "#lab-scenario-card"), 1);
    unmount(handle, root).await;

    let (handle, root) = mount("#/lab?key=zs1.a&key=zs1.b", Lang::En).await;
    assert_eq!(count(&root, "#lab-notice[role=alert]"), 0);
    assert_eq!(count(&root, "#lab-scenario-card"), 0);
    unmount(handle, root).await;
}
