//! Small pieces every panel uses: zxids split into epoch | counter, role badges
//! (colour + text + shape), times and session ids.

use crate::i18n::panels::fill;
use crate::i18n::PanelTexts;
use yew::prelude::*;
use zooscope_core::protocols::zookeeper::lab_view::cards::{Liveness, Role, Zxid};
use zooscope_core::protocols::zookeeper::replication::vote::ServerState;
use zooscope_core::protocols::zookeeper::replication::zab::ZabState;

/// A zxid shown as `0x1 | 00000003`: the epoch and the counter visibly apart, the whole
/// hex value for screen readers and copy-paste.
pub fn zxid(z: Zxid, t: &PanelTexts) -> Html {
    let label = fill(t.zxid_aria, &[&z.hex(), &z.epoch(), &z.counter()]);
    html! {
        <span class="zxid" title={label.clone()}>
            <span class="sr-only">{ label }</span>
            <span class="zx-e" aria-hidden="true">{ z.epoch_hex() }</span>
            <span class="zx-sep" aria-hidden="true">{ "|" }</span>
            <span class="zx-c" aria-hidden="true">{ z.counter_hex() }</span>
        </span>
    }
}

/// An optional zxid (`—` when absent).
pub fn zxid_opt(z: Option<Zxid>, t: &PanelTexts) -> Html {
    match z {
        Some(z) => zxid(z, t),
        None => none(),
    }
}

/// `—`, muted: a value that is not there.
pub fn none() -> Html {
    html! { <span class="muted">{ "—" }</span> }
}

/// The accessible name of a server card in the UI language (in English exactly the
/// core's `ServerCard::accessible_name`).
pub fn server_aria(
    card: &zooscope_core::protocols::zookeeper::lab_view::cards::ServerCard,
    t: &PanelTexts,
) -> String {
    match card.role {
        None => fill(t.server_aria_stopped, &[&card.myid]),
        Some(r) => {
            let base = fill(
                t.server_aria,
                &[&card.myid, &r.name(), &card.epoch, &card.last_zxid.hex()],
            );
            if card.live == Liveness::Paused {
                format!("{base}, {}", t.paused)
            } else {
                base
            }
        }
    }
}

/// Shape of a role (a second cue besides colour).
pub fn role_glyph(role: Option<Role>, live: Liveness) -> &'static str {
    match (role, live) {
        (None, _) => "✕",
        (_, Liveness::Paused) => "‖",
        (Some(Role::Leading), _) => "★",
        (Some(Role::Following), _) => "●",
        (Some(Role::Observing), _) => "◎",
        (Some(Role::Looking), _) => "◇",
        (Some(Role::Standalone), _) => "■",
    }
}

/// CSS modifier of a role.
pub fn role_class(role: Option<Role>) -> &'static str {
    match role {
        None => "role-stopped",
        Some(Role::Leading) => "role-leading",
        Some(Role::Following) => "role-following",
        Some(Role::Observing) => "role-observing",
        Some(Role::Looking) => "role-looking",
        Some(Role::Standalone) => "role-standalone",
    }
}

fn gloss(role: Role, t: &PanelTexts) -> &'static str {
    match role {
        Role::Looking => t.role_gloss[0],
        Role::Following => t.role_gloss[1],
        Role::Leading => t.role_gloss[2],
        Role::Observing => t.role_gloss[3],
        Role::Standalone => t.role_gloss[4],
    }
}

/// A role badge: shape, ZooKeeper's state name and a gloss in the UI language.
pub fn role_badge(role: Option<Role>, live: Liveness, t: &PanelTexts) -> Html {
    let (name, note_text) = match role {
        None => (t.stopped.to_string(), None),
        Some(r) => (r.name().to_string(), Some(gloss(r, t))),
    };
    let paused = (live == Liveness::Paused && role.is_some()).then_some(t.paused);
    html! {
        <span class={classes!("role-badge", role_class(role), paused.map(|_| "is-paused"))}>
            <span class="role-glyph" aria-hidden="true">{ role_glyph(role, live) }</span>
            <span class="role-name">{ name }</span>
            if let Some(note) = note_text {
                <span class="role-note">{ note }</span>
            }
            if let Some(paused) = paused {
                <span class="role-note">{ paused }</span>
            }
        </span>
    }
}

/// The role of a vote's sender.
pub fn state_role(s: ServerState) -> Role {
    match s {
        ServerState::Looking => Role::Looking,
        ServerState::Following => Role::Following,
        ServerState::Leading => Role::Leading,
        ServerState::Observing => Role::Observing,
    }
}

/// A ZAB phase in words.
pub fn phase(z: ZabState, t: &PanelTexts) -> &'static str {
    match z {
        ZabState::Election => t.zab_phases[0],
        ZabState::Discovery => t.zab_phases[1],
        ZabState::Synchronization => t.zab_phases[2],
        ZabState::Broadcast => t.zab_phases[3],
    }
}

/// Simulated time as seconds with milliseconds: `12.345 s`.
pub fn time_s(us: u64) -> String {
    format!("{}.{:03} s", us / 1_000_000, (us / 1000) % 1000)
}

/// Milliseconds as `4.000 s` (or `250 ms` when short).
pub fn ms(ms: u64) -> String {
    if ms < 1000 {
        format!("{ms} ms")
    } else {
        format!("{}.{:03} s", ms / 1000, ms % 1000)
    }
}

/// A session id as zkCli prints it.
pub fn session(id: u64) -> String {
    format!("0x{id:x}")
}

/// A candidate (`nobody` for an observer's vote).
pub fn candidate(c: Option<u64>, t: &PanelTexts) -> String {
    c.map_or_else(|| t.nobody.to_string(), |id| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(time_s(12_345_678), "12.345 s");
        assert_eq!(ms(250), "250 ms");
        assert_eq!(ms(4000), "4.000 s");
    }
}
