//! What the lab page shows, derived from the run and the UI state: the cluster frame
//! (every render), and the slow views — event log, sequence diagram, the ZooKeeper
//! panels' view model, the in-flight list — cached and, while playing, rebuilt at most
//! every [`SLOW_VIEW_FRAMES`] frames at staggered frames.

use super::history::{log_lines, seq_data, LogLine, SeqData};
use super::inspector::{FlightRow, InspectorData, LISTED_MESSAGES_MAX};
use super::session::LabSession;
use super::state::{Selection, UiState};
use super::view::{
    client_cards, cluster_frame, message_detail, node_label, server_card, ClusterFrame,
};
use crate::i18n::Lang;
use std::rc::Rc;
use zooscope_core::protocols::zookeeper::lab_view::{ViewOptions, ZkLabView};

/// While playing, each slow view (log, diagram, panels) is rebuilt once every this many
/// frames, at staggered frames so no single frame pays for all of them.
pub const SLOW_VIEW_FRAMES: u64 = 30;
/// A cached view and the key it was built for.
type Cached<K, V> = Option<(K, Rc<V>)>;
/// Log cache key: step, revision, category filter, node filter, language.
type LogKey = (u64, u64, Option<&'static str>, Option<u32>, Lang);
/// Panel cache key: step, revision, selected server, console client.
type PanelKey = (u64, u64, Option<u32>, Option<u32>);

/// Caches of the slow views, with the key they were built for.
#[derive(Default)]
struct Caches {
    log: Cached<LogKey, Vec<LogLine>>,
    seq: Cached<(u64, u64), SeqData>,
    panels: Cached<PanelKey, ZkLabView>,
    flights: Cached<(u64, u64), Vec<FlightRow>>,
}

/// While playing, the frame (mod [`SLOW_VIEW_FRAMES`]) at which each slow view is
/// rebuilt: the event log, the sequence diagram and the ZooKeeper panels. (Measured:
/// giving each panel a frame of its own missed more display refreshes than rendering
/// the four together, as every panel that changes size re-lays out the page.)
const SLOW_VIEW_OFFSETS: [u64; 3] = [0, 10, 20];

/// Violations whose steps are marked on the timeline.
const MARKED_VIOLATIONS_MAX: usize = 64;

/// Everything the page shows of the run at one render.
pub struct Derived {
    /// Events processed.
    pub steps: u64,
    /// The cluster view's frame.
    pub frame: Rc<ClusterFrame>,
    /// The event log's lines.
    pub log: Rc<Vec<LogLine>>,
    /// The sequence diagram.
    pub seq: Rc<SeqData>,
    /// The ZooKeeper panels' view model.
    pub panels: Rc<ZkLabView>,
    /// What the inspector shows.
    pub inspector: Rc<InspectorData>,
    /// Kernel nodes with their labels (the log's node filter).
    pub nodes: Rc<Vec<(u32, String)>>,
    /// Steps of the first violations (timeline marks).
    pub violations: Rc<Vec<u64>>,
    /// Server ids.
    pub servers: Rc<Vec<u64>>,
    /// Number of clients.
    pub clients: usize,
    /// The selected server, if any.
    pub selected_sid: Option<u32>,
}

/// The view caches of the page (one per mounted lab).
#[derive(Default)]
pub struct ViewCache(Caches);

impl ViewCache {
    /// The views of `s` under `ui`, reusing what is still current.
    pub fn derive(&mut self, s: &LabSession, ui: &UiState, lang: Lang) -> Derived {
        let c = &mut self.0;
        let steps = s.steps();
        let frame = Rc::new(cluster_frame(s));
        let due = |offset: u64| !ui.playing || ui.frame % SLOW_VIEW_FRAMES == offset;
        let selected_sid = match ui.selected {
            Selection::Server(sid) => u32::try_from(sid).ok(),
            _ => None,
        };
        let console_client = ui.console_client;
        let (log, seq, panel_view, flights) = {
            let log_key = (steps, ui.revision, ui.log_category, ui.log_node, lang);
            let [log_at, seq_at, panels_at] = SLOW_VIEW_OFFSETS;
            let log = match &c.log {
                Some((k, v))
                    if *k == log_key
                        || (!due(log_at)
                            && k.1 == ui.revision
                            && k.2 == ui.log_category
                            && k.3 == ui.log_node
                            && k.4 == lang) =>
                {
                    v.clone()
                }
                _ => {
                    let v = Rc::new(log_lines(s, ui.log_category, ui.log_node, lang));
                    c.log = Some((log_key, v.clone()));
                    v
                }
            };
            let seq_key = (steps, ui.revision);
            let seq = match &c.seq {
                Some((k, v)) if *k == seq_key || (!due(seq_at) && k.1 == ui.revision) => v.clone(),
                _ => {
                    let v = Rc::new(seq_data(s));
                    c.seq = Some((seq_key, v.clone()));
                    v
                }
            };
            let panel_key = (steps, ui.revision, selected_sid, console_client);
            let panel_view = match &c.panels {
                Some((k, v))
                    if *k == panel_key
                        || (!due(panels_at)
                            && k.1 == ui.revision
                            && k.2 == selected_sid
                            && k.3 == console_client) =>
                {
                    v.clone()
                }
                _ => {
                    let opts = ViewOptions {
                        selected: selected_sid,
                        client: console_client,
                        console: Some(s.console()),
                    };
                    let v = Rc::new(ZkLabView::build_with(s.world(), &opts));
                    c.panels = Some((panel_key, v.clone()));
                    v
                }
            };
            let flights = match &c.flights {
                Some((k, v))
                    if *k == (steps, ui.revision)
                        || (ui.playing && ui.frame % 6 != 3 && k.1 == ui.revision) =>
                {
                    v.clone()
                }
                _ => {
                    let v: Rc<Vec<FlightRow>> = Rc::new(
                        s.world()
                            .in_flight()
                            .take(LISTED_MESSAGES_MAX)
                            .map(|e| FlightRow {
                                id: e.id.0,
                                kind: zooscope_core::process::MessageInfo::kind(&e.msg),
                                from: node_label(s, e.from.0),
                                to: node_label(s, e.to.0),
                            })
                            .collect(),
                    );
                    c.flights = Some(((steps, ui.revision), v.clone()));
                    v
                }
            };
            (log, seq, panel_view, flights)
        };
        let nodes: Rc<Vec<(u32, String)>> = Rc::new(
            s.world()
                .node_ids()
                .into_iter()
                .map(|n| (n.0, node_label(s, n.0)))
                .collect(),
        );
        let inspector = Rc::new(InspectorData {
            server: match ui.selected {
                Selection::Server(sid) => server_card(s, sid),
                _ => None,
            },
            peers: match ui.selected {
                Selection::Server(sid) => s
                    .server_ids()
                    .into_iter()
                    .filter(|&o| o != sid)
                    .map(|o| (o, s.link_cut(sid, o)))
                    .collect(),
                _ => Vec::new(),
            },
            client: match ui.selected {
                Selection::Client(c) => client_cards(s).into_iter().find(|x| x.node == c),
                _ => None,
            },
            message: match ui.selected {
                Selection::Message(id) => message_detail(s, id),
                _ => None,
            },
            flights: (*flights).clone(),
        });
        let violations: Rc<Vec<u64>> = Rc::new(
            s.world()
                .violations()
                .iter()
                .map(|v| v.step)
                .take(MARKED_VIOLATIONS_MAX)
                .collect(),
        );
        let servers: Rc<Vec<u64>> = Rc::new(s.server_ids());
        let clients = s.client_ids().len();
        Derived {
            steps,
            frame,
            log,
            seq,
            panels: panel_view,
            inspector,
            nodes,
            violations,
            servers,
            clients,
            selected_sid,
        }
    }
}
