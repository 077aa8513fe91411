//! Small pieces every panel uses: zxids split into epoch | counter, role badges
//! (colour + text + shape), times, session ids, and the ballot-box reasons in words.

use crate::i18n::panels::fill;
use crate::i18n::PanelTexts;
use yew::prelude::*;
use zooscope_core::protocols::zookeeper::lab_view::ballot::{ChangeReason, Criterion, Why};
use zooscope_core::protocols::zookeeper::lab_view::cards::{Liveness, Role, Zxid};
use zooscope_core::protocols::zookeeper::vote::ServerState;
use zooscope_core::protocols::zookeeper::zab::ZabState;

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

/// One comparison in words.
pub fn why_text(w: &Why, t: &PanelTexts) -> String {
    match w {
        Why::ObserverTakes { sender } => fill(t.why_observer_takes, &[sender]),
        Why::Same { id } => fill(t.why_same, &[&candidate(*id, t)]),
        Why::Beats { winner, loser, by } => {
            let (w, l) = (candidate(*winner, t), candidate(*loser, t));
            match by {
                Criterion::Epoch { winner, loser } => fill(t.why_epoch, &[&w, &l, winner, loser]),
                Criterion::Zxid { winner, loser } => fill(t.why_zxid, &[&w, &l, winner, loser]),
                Criterion::Myid => fill(t.why_myid, &[&w, &l]),
            }
        }
    }
}

/// Why a vote changed, in words.
pub fn reason_text(r: &ChangeReason, t: &PanelTexts) -> String {
    match r {
        ChangeReason::SelfVote { round, zxid, epoch } => {
            fill(t.why_self_vote, &[round, zxid, epoch])
        }
        ChangeReason::ObserverStart { round } => fill(t.why_observer_start, &[round]),
        ChangeReason::Adopted { sender, why } => fill(t.why_adopted, &[sender, &why_text(why, t)]),
        ChangeReason::RoundJump {
            from_round,
            to_round,
            sender,
            why,
        } => fill(
            t.why_round_jump,
            &[from_round, to_round, sender, &why_text(why, t)],
        ),
        ChangeReason::Finalized {
            leader,
            wait_ms,
            state,
        } => fill(
            t.why_finalized,
            &[&candidate(*leader, t), wait_ms, &state.name()],
        ),
        ChangeReason::Joined { leader, state } => {
            fill(t.why_joined, &[&candidate(*leader, t), &state.name()])
        }
        ChangeReason::Other(s) => s.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use zooscope_core::protocols::zookeeper::lab_view::ballot::parse_reason;

    #[test]
    fn english_reasons_match_the_core_sentences() {
        let t = Lang::En.panels();
        for s in [
            "round 1: votes for itself (zxid 0x0, epoch 0)",
            "vote from 2: 2 beats 1: same epoch, same zxid, higher myid",
            "vote from 3: 1 beats 3: same epoch, higher zxid (0x100000002 > 0x100000001)",
            "vote from 1: 3 beats 1: higher epoch (2 > 1)",
            "round jump 1 -> 4 (server 3 is ahead); 3 beats 2: same epoch, same zxid, higher myid",
            "a quorum agrees on 3 and nothing better came for 200 ms: LEADING",
            "round 2: an observer proposes nobody and follows the voters",
            "vote from 1: an observer takes 1's vote",
            "joins the established leader 2: a quorum of FOLLOWING/LEADING votes agree and 2 says LEADING: FOLLOWING",
        ] {
            assert_eq!(reason_text(&parse_reason(s), t), s);
        }
    }

    #[test]
    fn chinese_reasons_keep_the_numbers() {
        let t = Lang::Zh.panels();
        let r = parse_reason("vote from 3: 3 beats 2: same epoch, same zxid, higher myid");
        assert_eq!(
            reason_text(&r, t),
            "收到 3 的选票：3 胜过 2：epoch 相同，zxid 相同，myid 更大"
        );
    }

    #[test]
    fn times() {
        assert_eq!(time_s(12_345_678), "12.345 s");
        assert_eq!(ms(250), "250 ms");
        assert_eq!(ms(4000), "4.000 s");
    }
}
