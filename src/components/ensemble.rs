//! The home page illustration: a three-server ensemble with a leader broadcasting a
//! proposal and the followers acknowledging it. Pure SVG; the moving message dots are
//! hidden when the learner prefers reduced motion (see `app.css`).

use crate::lang_ctx::use_texts;
use yew::prelude::*;

/// One server box in the drawing.
#[derive(PartialEq)]
struct Server {
    myid: u32,
    x: i32,
    y: i32,
    leader: bool,
}

const SERVERS: [Server; 3] = [
    Server {
        myid: 1,
        x: 24,
        y: 206,
        leader: false,
    },
    Server {
        myid: 3,
        x: 154,
        y: 44,
        leader: true,
    },
    Server {
        myid: 2,
        x: 284,
        y: 206,
        leader: false,
    },
];

/// Width and height of a server box. The drawing is on whole units: integers print
/// without core's float formatting.
const BOX_W: i32 = 132;
const BOX_H: i32 = 66;

/// Paths from the leader to each follower (proposals go down, acks come back up).
const LEFT_LINK: &str = "M192 110 L110 206";
const RIGHT_LINK: &str = "M248 110 L330 206";
const LEFT_BACK: &str = "M110 206 L192 110";
const RIGHT_BACK: &str = "M330 206 L248 110";

/// The ensemble figure with its caption.
#[component]
pub fn EnsembleFigure() -> Html {
    let t = use_texts();
    html! {
        <figure class="ensemble">
            <svg class="ensemble-svg" viewBox="0 30 440 290" role="img" aria-label={t.fig_aria}>
                <defs>
                    <linearGradient id="zs-leader-fill" x1="0" y1="0" x2="0" y2="1">
                        <stop offset="0" stop-color="#fff7e6" />
                        <stop offset="1" stop-color="#ffe7b3" />
                    </linearGradient>
                </defs>
                <path class="link" d={LEFT_LINK} />
                <path class="link" d={RIGHT_LINK} />
                <text class="msg-label proposal" x="142" y="148" text-anchor="end">{ "PROPOSAL" }</text>
                <text class="msg-label ack" x="162" y="176">{ "ACK" }</text>
                <text class="msg-label proposal" x="298" y="148">{ "PROPOSAL" }</text>
                <text class="msg-label ack" x="278" y="176" text-anchor="end">{ "ACK" }</text>
                <Dot class="msg-dot proposal" path={LEFT_LINK} first_half={true} />
                <Dot class="msg-dot proposal" path={RIGHT_LINK} first_half={true} />
                <Dot class="msg-dot ack" path={LEFT_BACK} first_half={false} />
                <Dot class="msg-dot ack" path={RIGHT_BACK} first_half={false} />
                { for SERVERS.iter().map(|server| html! {
                    <ServerBox key={server.myid} {server} role={if server.leader { t.fig_leader } else { t.fig_follower }} />
                }) }
                <g class="quorum">
                    <rect x="120" y="286" width="200" height="26" rx="13" />
                    <text x="220" y="303.5" text-anchor="middle">{ t.fig_quorum }</text>
                </g>
            </svg>
            <figcaption>{ t.fig_caption }</figcaption>
        </figure>
    }
}

/// Props of [`Dot`].
#[derive(Properties, PartialEq)]
struct DotProps {
    class: &'static str,
    path: &'static str,
    /// Travels in the first half of each cycle (proposals) or the second (ACKs).
    first_half: bool,
}

/// A message dot travelling along `path`, forever. Proposals travel in the first half
/// of each cycle and ACKs in the second; a dot is hidden while it is not travelling.
#[component]
fn Dot(props: &DotProps) -> Html {
    let DotProps {
        class,
        path,
        first_half,
    } = *props;
    let (points, opacity) = if first_half {
        ("0;1;1", "1;0")
    } else {
        ("0;0;1", "0;1")
    };
    html! {
        <circle class={class} r="6" cx="0" cy="0" opacity={if first_half { "1" } else { "0" }}>
            <animateMotion dur="2.8s" repeatCount="indefinite" path={path}
                keyPoints={points} keyTimes="0;0.5;1" calcMode="linear" />
            <animate attributeName="opacity" dur="2.8s" repeatCount="indefinite"
                values={opacity} keyTimes="0;0.5" calcMode="discrete" />
        </circle>
    }
}

/// Props of [`ServerBox`].
#[derive(Properties, PartialEq)]
struct ServerBoxProps {
    /// One of [`SERVERS`].
    server: &'static Server,
    /// Its role in words.
    role: &'static str,
}

/// One server: a rounded box with a role label and its myid.
#[component]
fn ServerBox(props: &ServerBoxProps) -> Html {
    let (s, role) = (props.server, props.role);
    let class = if s.leader {
        "server leader"
    } else {
        "server follower"
    };
    let cx = s.x + BOX_W / 2;
    html! {
        <g class={class}>
            <rect class="server-box" x={s.x.to_string()} y={s.y.to_string()}
                width={BOX_W.to_string()} height={BOX_H.to_string()} rx="12" />
            <circle class="server-led" cx={(s.x + BOX_W - 12).to_string()} cy={(s.y + 12).to_string()} r="4" />
            <text class="server-role" x={cx.to_string()} y={(s.y + 30).to_string()} text-anchor="middle">{ role }</text>
            <text class="server-id" x={cx.to_string()} y={(s.y + 50).to_string()} text-anchor="middle">
                { format!("myid = {}", s.myid) }
            </text>
        </g>
    }
}
