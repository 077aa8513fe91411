//! Browser tests of the lab's ZooKeeper panels: each panel mounted with a real
//! `ZkLabView` from a simulated election, its rows checked against the core's state,
//! in both languages.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p zooscope-web --target
//! wasm32-unknown-unknown --test web_panels`.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;
use zooscope_core::command::Command;
use zooscope_core::invariant::Invariant;
use zooscope_core::protocols::zookeeper::lab_view::console::{LabConsole, JAVA_PROMPT};
use zooscope_core::protocols::zookeeper::lab_view::{ViewOptions, ZkLabView};
use zooscope_core::protocols::zookeeper::node::{self, ZkNode};
use zooscope_core::protocols::zookeeper::replication::config::ZkConfig;
use zooscope_core::protocols::zookeeper::violation::ViolationDetail;
use zooscope_core::scenario::curator_console::{is_curator, CuratorConsole};
use zooscope_core::{NetConfig, NodeId, SimDuration, SimTime, World};
use zooscope_web::i18n::reasons::vote_change;
use zooscope_web::i18n::Lang;
use zooscope_web::lab::command::LabCommand;
use zooscope_web::lab::panels::{BallotBox, DataView, InvariantPanel, ZabView};
use zooscope_web::lang_ctx::LangCtx;

wasm_bindgen_test_configure!(run_in_browser);

fn run_for(w: &mut World<ZkNode>, d: SimDuration) {
    let until = SimTime(w.now().0 + d.0);
    w.run_until(until, 10_000_000);
}

/// Servers 1, 2, 3 started three seconds apart (server 2 leads), a client `c1` on
/// server 2 that created `/a` (data "hello") and the ephemeral `/b`.
fn run() -> (World<ZkNode>, LabConsole, u32) {
    let mut w = node::world(ZkConfig::ensemble(3, &[]), NetConfig::default(), 7);
    for i in 0..3 {
        w.apply(Command::Restart(NodeId(i))).unwrap();
        run_for(&mut w, SimDuration::from_secs(3));
    }
    let c = node::add_client(&mut w, "c1", &[2], 30_000).unwrap();
    let mut con = LabConsole::new();
    assert_eq!(
        con.run(&mut w, c.0, "create /a hello").unwrap(),
        "Created /a\n"
    );
    assert_eq!(
        con.run(&mut w, c.0, "create -e /b").unwrap(),
        "Created /b\n"
    );
    run_for(&mut w, SimDuration::from_secs(1));
    (w, con, c.0)
}

#[derive(Properties, PartialEq)]
struct HostProps {
    view: Rc<ZkLabView>,
    selected: Option<u32>,
    lang: Lang,
    log: Rc<RefCell<Vec<LabCommand>>>,
}

#[component]
fn Host(p: &HostProps) -> Html {
    let ctx = LangCtx {
        lang: p.lang,
        set: Callback::noop(),
    };
    let log = p.log.clone();
    let on_command = Callback::from(move |c: LabCommand| log.borrow_mut().push(c));
    html! {
        <ContextProvider<LangCtx> context={ctx}>
            <div id="bb"><BallotBox view={p.view.clone()} selected={p.selected} on_command={on_command.clone()} /></div>
            <div id="zab"><ZabView view={p.view.clone()} selected={p.selected} on_command={on_command.clone()} /></div>
            <div id="data"><DataView view={p.view.clone()} selected={p.selected} on_command={on_command.clone()} /></div>
            <div id="inv"><InvariantPanel view={p.view.clone()} selected={p.selected} on_command={on_command} /></div>
        </ContextProvider<LangCtx>>
    }
}

struct Mounted {
    handle: yew::AppHandle<Host>,
    root: Element,
    log: Rc<RefCell<Vec<LabCommand>>>,
}

async fn mount(view: ZkLabView, selected: Option<u32>, lang: Lang) -> Mounted {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let log = Rc::new(RefCell::new(Vec::new()));
    let props = HostProps {
        view: Rc::new(view),
        selected,
        lang,
        log: log.clone(),
    };
    let handle = yew::Renderer::<Host>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    Mounted { handle, root, log }
}

async fn unmount(m: Mounted) {
    m.handle.destroy();
    yew::scheduler::flush().await;
    m.root.remove();
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

fn texts(root: &Element, selector: &str) -> Vec<String> {
    all(root, selector)
        .iter()
        .map(|e| e.text_content().unwrap_or_default())
        .collect()
}

fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

async fn click(el: &Element) {
    el.clone().dyn_into::<HtmlElement>().unwrap().click();
    yew::scheduler::flush().await;
}

fn event(js: &str) -> web_sys::Event {
    js_sys::eval(js)
        .unwrap()
        .dyn_into::<web_sys::Event>()
        .unwrap()
}

#[wasm_bindgen_test]
async fn ballot_box_rows_match_the_election_in_both_languages() {
    let (w, _, _) = run();
    let view = ZkLabView::build(&w, Some(1));
    let b = view.ballot(1).unwrap().clone();
    let election = &w.node(NodeId(0)).and_then(ZkNode::server).unwrap().election;
    for lang in Lang::ALL {
        let m = mount(view.clone(), Some(1), lang).await;
        let bb = one(&m.root, "#bb");
        // One row per sender, as the server's election holds them.
        let senders = texts(&bb, ".ballot-table tbody th");
        let expected: Vec<String> = election.ballots.keys().map(|s| s.to_string()).collect();
        assert_eq!(senders, expected, "{lang:?}");
        // Proposed leader column.
        let leaders = texts(&bb, ".ballot-table tbody td:nth-of-type(1)");
        assert!(leaders.iter().all(|l| l == "2"), "{leaders:?}");
        assert_eq!(one(&bb, ".vote-leader").text_content().unwrap(), "2");
        assert_eq!(
            one(&bb, ".facts .big").text_content().unwrap(),
            b.round.to_string()
        );
        // The reasons, newest first, in the language.
        let whys = texts(&bb, ".change-why");
        assert_eq!(whys.len(), b.changes.len());
        let adopted = match lang {
            Lang::En => "vote from 2: 2 beats 1: same epoch, same zxid, higher myid",
            Lang::Zh => "收到服务器 2 的选票：2 胜过 1：epoch 和 zxid 都相同，myid 更大",
        };
        assert!(whys.iter().any(|s| s == adopted), "{lang:?}: {whys:?}");
        // Each of the election's typed reasons, in the UI's words.
        let words: Vec<String> = b
            .changes
            .iter()
            .rev()
            .map(|c| vote_change(&c.reason, lang))
            .collect();
        assert_eq!(whys, words);
        // The picker names every server; choosing one asks the page.
        let buttons = all(&bb, ".picker-btn");
        assert_eq!(buttons.len(), 3);
        let label = buttons[1].get_attribute("aria-label").unwrap();
        match lang {
            Lang::En => assert_eq!(
                label,
                "Show in the panels: Server 2, LEADING, epoch 1, zxid 0x100000003"
            ),
            Lang::Zh => assert_eq!(
                label,
                "在面板中查看：服务器 2，LEADING，epoch 1，zxid 0x100000003"
            ),
        }
        click(&buttons[2]).await;
        assert_eq!(m.log.borrow().last(), Some(&LabCommand::Select(Some(3))));
        unmount(m).await;
    }
}

#[wasm_bindgen_test]
async fn zab_panel_shows_the_pipeline_learners_and_logs() {
    let (w, _, _) = run();
    let view = ZkLabView::build(&w, Some(2));
    let m = mount(view.clone(), Some(2), Lang::En).await;
    let z = one(&m.root, "#zab");
    assert_eq!(
        all(&z, ".pipeline-table tbody tr").len(),
        view.zab.pipeline.len()
    );
    let ops = texts(&z, ".pipeline-table tbody td:nth-of-type(1)");
    assert_eq!(ops, ["createSession", "create /a", "create /b"]);
    let applied = texts(&z, ".pipeline-table tbody td:nth-of-type(5)");
    assert!(applied.iter().all(|a| a.starts_with("3/3")), "{applied:?}");
    assert_eq!(all(&z, ".learner-table tbody tr").len(), 2);
    assert_eq!(all(&z, ".log-card").len(), 3);
    assert_eq!(
        one(&z, ".phase.is-current")
            .text_content()
            .unwrap()
            .trim_start_matches('▶'),
        "broadcast"
    );
    // zxids are split: epoch | counter, the whole value for screen readers.
    let first = one(&z, ".pipeline-table tbody th .zxid");
    assert_eq!(one(&first, ".zx-e").text_content().unwrap(), "0x1");
    assert_eq!(one(&first, ".zx-c").text_content().unwrap(), "00000001");
    assert!(one(&first, ".sr-only")
        .text_content()
        .unwrap()
        .starts_with("zxid 0x100000001"));
    // Each learner's sync line carries the leader's typed reason, worded in the language.
    let why = one(&z, ".learner-table .sync-why")
        .get_attribute("title")
        .unwrap();
    assert!(
        why.starts_with("the learner is at 0x0 like the leader: an empty DIFF"),
        "{why}"
    );
    unmount(m).await;
    let m = mount(view, Some(2), Lang::Zh).await;
    let why = one(&one(&m.root, "#zab"), ".learner-table .sync-why")
        .get_attribute("title")
        .unwrap();
    assert_eq!(why, "学习者和领导者一样停在 0x0：发送空的 DIFF");
    unmount(m).await;
}

#[wasm_bindgen_test]
async fn data_panel_tree_stat_and_console() {
    let (w, con, client) = run();
    let view = ZkLabView::build_with(
        &w,
        &ViewOptions {
            selected: Some(2),
            client: Some(client),
            console: Some(&con),
        },
    );
    let d = view.data.clone().unwrap();
    let m = mount(view.clone(), Some(2), Lang::En).await;
    let dv = one(&m.root, "#data");
    let names = texts(&dv, ".tree-table tbody th .link-btn");
    let expected: Vec<String> = d.nodes.iter().map(|n| n.name.clone()).collect();
    assert_eq!(names, expected);
    assert_eq!(names[..3], ["/", "a", "b"]);
    // The ephemeral names its owner.
    assert!(texts(&dv, ".owner")
        .iter()
        .any(|o| o.contains("owned by c1")));
    // Stat of /a on click, as zkCli prints the values.
    let buttons = all(&dv, ".tree-table tbody th .link-btn");
    click(&buttons[1]).await;
    let stat = one(&dv, ".stat-table");
    assert_eq!(one(&stat, "caption").text_content().unwrap(), "Stat of /a");
    let rows = texts(&stat, "tbody th");
    assert_eq!(rows[0], "cZxid");
    assert_eq!(rows.len(), 11);
    let values = texts(&stat, "tbody td:nth-of-type(1)");
    assert!(values[0].contains("0x100000002"), "{values:?}");
    assert_eq!(values[6], "0", "dataVersion");
    assert_eq!(values[9], "5", "dataLength of hello");
    // Sessions.
    assert_eq!(all(&dv, ".session-table tbody tr").len(), 1);
    // Console: the transcript is zkCli's, a line typed goes to the page.
    let screen = one(&dv, ".console-screen").text_content().unwrap();
    assert!(screen.contains("create /a hello\nCreated /a\n"), "{screen}");
    let input: HtmlInputElement = one(&dv, ".console-input").dyn_into().unwrap();
    // ↑ brings back the last line typed.
    input
        .dispatch_event(&event(
            "new KeyboardEvent('keydown', {key: 'ArrowUp', bubbles: true, cancelable: true})",
        ))
        .unwrap();
    yew::scheduler::flush().await;
    assert_eq!(input.value(), "create -e /b");
    // Tab completes a path from the tree.
    input.set_value("get /z");
    input
        .dispatch_event(&event("new InputEvent('input', {bubbles: true})"))
        .unwrap();
    yew::scheduler::flush().await;
    input
        .dispatch_event(&event(
            "new KeyboardEvent('keydown', {key: 'Tab', bubbles: true, cancelable: true})",
        ))
        .unwrap();
    yew::scheduler::flush().await;
    assert_eq!(input.value(), "get /zookeeper");
    let form = one(&dv, ".console-form");
    form.dispatch_event(&event(
        "new SubmitEvent('submit', {bubbles: true, cancelable: true})",
    ))
    .unwrap();
    yew::scheduler::flush().await;
    assert_eq!(
        m.log.borrow().last(),
        Some(&LabCommand::ZkCli {
            client,
            line: "get /zookeeper".into()
        })
    );
    unmount(m).await;
}

/// A Curator line beside the zkCli lines: run by the scenario's code on the client, shown
/// after JShell's prompt, and Tab completes its builder chain in the console.
#[wasm_bindgen_test]
async fn the_console_runs_and_completes_curator_lines() {
    let (mut w, mut con, client) = run();
    let mut curator = CuratorConsole::new();
    let line =
        "client.create().withMode(CreateMode.EPHEMERAL).forPath(\"/cur\", \"hi\".getBytes())";
    assert!(is_curator(line) && !is_curator("get /cur"));
    let step = w.steps();
    let out = curator.run(&mut w, "c1", NodeId(client), line);
    assert_eq!(out, ["c1: CONNECTED", "/cur"]);
    con.record(
        client,
        JAVA_PROMPT,
        line,
        &format!("{}\n", out.join("\n")),
        step,
    )
    .unwrap();
    // zkCli sees what Curator wrote.
    assert!(con.run(&mut w, client, "get /cur").unwrap().contains("hi"));
    let view = ZkLabView::build_with(
        &w,
        &ViewOptions {
            selected: Some(2),
            client: Some(client),
            console: Some(&con),
        },
    );
    let m = mount(view, Some(2), Lang::En).await;
    let dv = one(&m.root, "#data");
    let screen = one(&dv, ".console-screen").text_content().unwrap();
    assert!(
        screen.contains(&format!("jshell> {line}\nc1: CONNECTED\n/cur\n")),
        "{screen}"
    );
    let input: HtmlInputElement = one(&dv, ".console-input").dyn_into().unwrap();
    for (typed, completed) in [
        ("client.create().cre", "client.create().creatingParent"),
        (
            "client.create().withMode(CreateMode.EPHEMERAL_",
            "client.create().withMode(CreateMode.EPHEMERAL_SEQUENTIAL",
        ),
        (
            "client.getData().forPath(\"/cu",
            "client.getData().forPath(\"/cur",
        ),
    ] {
        input.set_value(typed);
        input
            .dispatch_event(&event("new InputEvent('input', {bubbles: true})"))
            .unwrap();
        yew::scheduler::flush().await;
        input
            .dispatch_event(&event(
                "new KeyboardEvent('keydown', {key: 'Tab', bubbles: true, cancelable: true})",
            ))
            .unwrap();
        yew::scheduler::flush().await;
        assert_eq!(input.value(), completed);
    }
    // Several matches are listed.
    let listed = texts(&dv, ".console-matches code");
    assert!(listed.is_empty(), "one match lists nothing: {listed:?}");
    input.set_value("client.create().cre");
    input
        .dispatch_event(&event("new InputEvent('input', {bubbles: true})"))
        .unwrap();
    yew::scheduler::flush().await;
    input
        .dispatch_event(&event(
            "new KeyboardEvent('keydown', {key: 'Tab', bubbles: true, cancelable: true})",
        ))
        .unwrap();
    yew::scheduler::flush().await;
    assert_eq!(
        texts(&dv, ".console-matches code"),
        [
            "creatingParentContainersIfNeeded()",
            "creatingParentsIfNeeded()"
        ]
    );
    unmount(m).await;
}

#[wasm_bindgen_test]
async fn a_lagging_follower_is_marked_stale() {
    let (mut w, mut con, client) = run();
    w.apply(Command::Pause(NodeId(0))).unwrap();
    assert_eq!(
        con.run(&mut w, client, "create /fresh x").unwrap(),
        "Created /fresh\n"
    );
    let view = ZkLabView::build(&w, Some(1));
    for lang in Lang::ALL {
        let m = mount(view.clone(), Some(1), lang).await;
        let dv = one(&m.root, "#data");
        let fresh = one(&dv, ".freshness");
        assert!(fresh
            .get_attribute("class")
            .unwrap_or_default()
            .contains("fresh-stale"));
        let text = fresh.text_content().unwrap();
        match lang {
            Lang::En => assert!(text.contains("1 committed txns behind"), "{text}"),
            Lang::Zh => assert!(text.contains("落后领导者 1 个"), "{text}"),
        }
        assert!(!texts(&dv, ".tree-table tbody th .link-btn").contains(&"fresh".to_string()));
        unmount(m).await;
    }
}

/// A checker that objects to any leader, so the panel turns red.
#[derive(Clone, Debug)]
struct NoLeaderAllowed;

impl Invariant<World<ZkNode>> for NoLeaderAllowed {
    fn name(&self) -> &'static str {
        "no-leader-allowed"
    }
    fn check(&mut self, world: &World<ZkNode>, problems: &mut Vec<ViolationDetail>) {
        let leader = world.node_ids().into_iter().find_map(|id| {
            world
                .node(id)
                .and_then(ZkNode::server)
                .filter(|s| s.leader().is_some())
        });
        if let Some(s) = leader {
            // Any leader counts as a second one next to an imaginary server 9.
            problems.push(ViolationDetail::TwoLeaders {
                first: 9,
                second: s.sid,
                epoch: 1,
            });
        }
    }
    fn clone_box(&self) -> Box<dyn Invariant<World<ZkNode>>> {
        Box::new(self.clone())
    }
}

#[wasm_bindgen_test]
async fn invariant_panel_green_then_red_with_a_jump() {
    let (w, _, _) = run();
    let m = mount(ZkLabView::build(&w, None), None, Lang::En).await;
    let inv = one(&m.root, "#inv");
    assert!(inv.query_selector(".inv-ok").unwrap().is_some());
    assert_eq!(
        one(&inv, ".inv-status").text_content().unwrap(),
        "✔Every invariant holds"
    );
    unmount(m).await;

    let mut w = node::world(ZkConfig::ensemble(3, &[]), NetConfig::default(), 7);
    w.add_invariant(Box::new(NoLeaderAllowed));
    for i in 0..3 {
        w.apply(Command::Restart(NodeId(i))).unwrap();
    }
    run_for(&mut w, SimDuration::from_secs(5));
    let view = ZkLabView::build(&w, None);
    let step = view.invariants.counterexample_step().unwrap();
    for lang in Lang::ALL {
        let m = mount(view.clone(), None, lang).await;
        let inv = one(&m.root, "#inv");
        assert!(inv.query_selector(".inv-broken").unwrap().is_some());
        assert_eq!(
            texts(&inv, ".inv-table tbody th code")[0],
            "no-leader-allowed"
        );
        // The checker's typed detail, worded in the UI language.
        let detail = texts(&inv, ".inv-table tbody td")[0].clone();
        match lang {
            Lang::En => assert!(
                detail.starts_with("S9 and S")
                    && detail.ends_with("both established leadership of epoch 1"),
                "{detail}"
            ),
            Lang::Zh => assert!(
                detail.starts_with("S9 和 S") && detail.ends_with("都在 epoch 1 确立了领导者地位"),
                "{detail}"
            ),
        }
        let jump = one(&inv, ".inv-jump");
        let label = jump.text_content().unwrap();
        match lang {
            Lang::En => assert!(label.contains(&format!("event {step}")), "{label}"),
            Lang::Zh => assert!(label.contains(&format!("第 {step} 个事件")), "{label}"),
        }
        click(&jump).await;
        assert_eq!(m.log.borrow().last(), Some(&LabCommand::JumpToStep(step)));
        unmount(m).await;
    }
}

#[wasm_bindgen_test]
async fn a_newcomer_joining_the_leader_is_explained() {
    let (w, _, _) = run();
    let view = ZkLabView::build(&w, Some(3));
    for lang in Lang::ALL {
        let m = mount(view.clone(), Some(3), lang).await;
        let bb = one(&m.root, "#bb");
        let newest = texts(&bb, ".change-why").into_iter().next().unwrap();
        let expected = match lang {
            Lang::En => "joins the established leader 2: a quorum of FOLLOWING/LEADING votes agree and 2 says LEADING: FOLLOWING",
            Lang::Zh => "加入已有的领导者 2：法定人数的服务器以 FOLLOWING/LEADING 回复支持它，且 2 自己回复 LEADING（这里不比较选票，所以新加入的服务器不会取代领导者）：进入 FOLLOWING 状态",
        };
        assert_eq!(newest, expected);
        // Its box holds the established ensemble's answers.
        let states = texts(&bb, ".ballot-table tbody .role-name");
        assert!(states.contains(&"LEADING".to_string()), "{states:?}");
        unmount(m).await;
    }
}
