//! A live snapshot as the election lab's cluster view draws it: one
//! [`ServerCard`] per polled server, no clients and no messages (a real ensemble's
//! messages are not visible from outside).

use crate::lab::view::{ClusterFrame, Role, ServerCard};
use crate::live::history::{server_label, History};
use std::rc::Rc;
use zooscope_core::live::{LiveSnapshot, Mode};

/// The role the ring shows for a mode. A server that answers but is not serving is
/// electing a leader (or syncing with a new one), which the ring shows as LOOKING; one
/// whose mode is unknown (srvr not whitelisted) is shown the same way, and the servers
/// table says which it is.
pub fn role(mode: Mode) -> Role {
    match mode {
        Mode::Leader => Role::Leading,
        Mode::Follower => Role::Following,
        Mode::Observer => Role::Observing,
        Mode::Standalone => Role::Standalone,
        Mode::ReadOnly | Mode::NotServing | Mode::Unknown => Role::Looking,
        Mode::Down | Mode::NotZooKeeper => Role::Stopped,
    }
}

/// The cluster view's frame for `s`; a server that does not report a zxid now is drawn
/// with the last one `history` measured.
pub fn frame(s: &LiveSnapshot, history: &History) -> ClusterFrame {
    let leader = s
        .servers
        .iter()
        .position(|v| v.mode == Mode::Leader)
        .filter(|_| s.leader().is_some())
        .map(|i| server_label(s, i));
    let servers: Vec<ServerCard> = s
        .servers
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let role = role(v.mode);
            let last = history.last_zxids.get(i).copied().flatten();
            let zxid = v.zxid.or(last).unwrap_or(0);
            ServerCard {
                sid: server_label(s, i),
                node: i as u32,
                role,
                paused: false,
                observer: v.mode == Mode::Observer,
                serving: v.serving,
                epoch: (zxid >> 32) as u32,
                zxid,
                proposal: None,
                leader: matches!(role, Role::Leading | Role::Following | Role::Observing)
                    .then_some(leader)
                    .flatten(),
                clients: v.sessions.len() as u32,
            }
        })
        .collect();
    let voters = s
        .servers
        .iter()
        .map(|v| v.members.iter().filter(|m| m.role == "participant").count())
        .max()
        .filter(|&n| n > 0)
        .unwrap_or(servers.len());
    ClusterFrame {
        servers: Rc::new(servers),
        clients: Rc::new(Vec::new()),
        messages: Vec::new(),
        in_flight: 0,
        cut_links: Rc::new(Vec::new()),
        quorum: voters / 2 + 1,
        voters,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zooscope_core::live::{LiveServer, Member};

    #[test]
    fn roles_epochs_and_the_quorum_come_from_the_snapshot() {
        let member = |id| Member {
            id,
            quorum: String::new(),
            election: String::new(),
            role: "participant".into(),
        };
        let s = LiveSnapshot {
            servers: vec![
                LiveServer {
                    id: Some(1),
                    mode: Mode::Follower,
                    serving: true,
                    zxid: Some(0x2_0000_0001),
                    members: vec![member(1), member(2), member(3)],
                    ..LiveServer::default()
                },
                LiveServer {
                    id: Some(2),
                    mode: Mode::Leader,
                    serving: true,
                    zxid: Some(0x2_0000_0001),
                    ..LiveServer::default()
                },
                LiveServer {
                    id: Some(3),
                    mode: Mode::Down,
                    ..LiveServer::default()
                },
            ],
            ..LiveSnapshot::default()
        };
        let h = History {
            last_zxids: vec![None, None, Some(0x1_0000_0007)],
            ..History::default()
        };
        let f = frame(&s, &h);
        let roles: Vec<_> = f.servers.iter().map(|c| c.role).collect();
        assert_eq!(roles, [Role::Following, Role::Leading, Role::Stopped]);
        assert_eq!(f.servers[0].epoch, 2);
        assert_eq!(f.servers[0].leader, Some(2));
        assert_eq!(f.servers[2].leader, None);
        assert_eq!((f.servers[2].epoch, f.servers[2].zxid), (1, 0x1_0000_0007));
        assert_eq!((f.quorum, f.voters), (2, 3));
    }
}
