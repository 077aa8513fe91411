//! What a lab panel can ask the lab page to do.
//!
//! Panels (cluster view, ballot box, ZAB view, data view, invariant panel, event log)
//! never touch the simulation themselves: they emit a [`LabCommand`] through an
//! `on_command: Callback<LabCommand>` prop, and the lab page applies it to its
//! `Timeline<ZkNode>` (forking the run when the learner acts in the past). Every
//! variant is plain data so it can be logged, tested and narrated.
//!
//! Identifiers: servers are named by their `myid` (`sid`, 1..=255), clients and
//! messages by their kernel ids (`NodeId.0`, `MsgId.0`). Commands naming things that do
//! not exist are reported to the learner, never a panic.
//!
//! Test hook (lab side): `window.wasmBindings.zooscope_lab_votes()` returns the core's
//! election state as JSON, `{"servers":[{"sid":1,"state":"LOOKING","vote":{"leader":3,
//! "zxid":0,"round":1,"epoch":0},"ballots":[{"from":2,"leader":3,"zxid":0,"round":1,
//! "epoch":0,"state":"LOOKING"}]}]}`. The browser test compares it with the ballot box,
//! so please mark each ballot-box row with `data-owner="<sid>"` (whose box) and
//! `data-from="<sid>"` and `data-leader="<sid>"` (the vote's sender and leader).

/// One request from a panel to the lab page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LabCommand {
    /// Select a server by `myid` (`None` clears the selection).
    Select(Option<u32>),
    /// Select a client by kernel node id (`None` clears it).
    SelectClient(Option<u32>),
    /// Crash server `myid` (its disk survives).
    Crash(u32),
    /// Restart crashed server `myid` from its disk.
    Restart(u32),
    /// Freeze server `myid` (a long GC pause).
    Pause(u32),
    /// Unfreeze server `myid`.
    Resume(u32),
    /// Run one zkCli command line on the client with kernel node id `client`
    /// (e.g. `create /a x`, `get -w /a`). The lab turns it into a client request.
    ZkCli {
        /// Kernel node id of the client (`NodeId.0`).
        client: u32,
        /// The command line as typed.
        line: String,
    },
    /// Add a client connected to the whole ensemble.
    AddClient,
    /// Send one write (`create /w-N`) through this client (kernel id), or through any
    /// connected client when `None`; it travels through the ensemble as the run plays.
    SendWrite(Option<u32>),
    /// Select an in-flight message by kernel id (`MsgId.0`) to inspect it.
    SelectMessage(Option<u64>),
    /// Drop in-flight message `MsgId.0`.
    DropMessage(u64),
    /// Hold back in-flight message `MsgId.0` by this many simulated milliseconds.
    DelayMessage(u64, u64),
    /// Rewind or fast-forward to the position after this many events
    /// (`Timeline::seek`). Used by the event log and the invariant panel's
    /// "jump to counterexample".
    JumpToStep(u64),
    /// Cut both directions of the link between servers `a` and `b` (`myid`s).
    CutLink(u32, u32),
    /// Heal the link between servers `a` and `b` (`myid`s).
    HealLink(u32, u32),
    /// Heal every partition, cut link and clog.
    HealAll,
    /// Playback controls (the same as the lab's buttons).
    Play,
    /// Stop playback.
    PausePlayback,
    /// Process exactly one event.
    Step,
    /// Run to the next state change.
    Next,
}
