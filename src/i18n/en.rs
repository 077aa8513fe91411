//! English strings.

use super::{LessonText, Texts, Topic};

/// The English table.
pub(super) static TEXTS: Texts = Texts {
    doc_title: "ZooScope — watch ZooKeeper think",
    brand_tagline: "ZooKeeper teaching lab",
    skip_link: "Skip to content",
    nav_label: "Main navigation",
    nav_home: "Home",
    nav_lab: "Lab",
    nav_locks: "Locks",
    nav_compare: "Compare",
    toggle_label: "中文",
    toggle_title: "切换到中文",
    footer: "ZooScope — an open teaching lab for Apache ZooKeeper. Everything runs in your browser; nothing is sent anywhere.",

    hero_kicker: "Apache ZooKeeper, taken apart in your browser",
    hero_title: "See how a ZooKeeper ensemble agrees, one message at a time",
    hero_lead: "ZooScope runs a small simulated ensemble right in this page. Pause it and step through every vote and every proposal, crash a server or cut the network, and watch the protocol recover. Every run is deterministic, so any moment can be shared with a classmate and replayed exactly.",
    cta_lab: "Open the election lab",
    cta_catalogue: "Start the course",
    hero_facts: [
        "Nothing to install: Rust compiled to WebAssembly, running in your browser",
        "Deterministic: same key, same run, every time",
        "Bilingual: 中文 and English",
    ],

    fig_caption: "A three-server ensemble: the leader proposes, the followers acknowledge, and a majority (2 of 3) is enough to commit.",
    fig_aria: "Diagram: three ZooKeeper servers. The leader in the middle sends PROPOSAL messages to the followers on either side, which answer with ACK.",
    fig_leader: "Leader",
    fig_follower: "Follower",
    fig_quorum: "quorum = 2 of 3",

    topics_title: "What you will learn",
    topics_lead: "The five mechanisms behind ZooKeeper. Each has lessons in the course above and a simulation you can step through, break and replay: the first four in the election lab, the fifth in the comparison lab.",
    topics: [
        Topic {
            tag: "Election",
            title: "Electing a leader by vote",
            body: "Each server votes with (epoch, zxid, myid): the higher epoch wins, then the higher zxid (the more up-to-date history), then the higher myid. Watch servers switch to better votes until a majority backs the same candidate.",
        },
        Topic {
            tag: "Broadcast",
            title: "ZAB atomic broadcast",
            body: "Every write goes through the leader. It stamps the write with a zxid (epoch in the high 32 bits, a counter in the low 32), sends a PROPOSAL, waits for ACKs from a majority and then sends COMMIT. The order holds even when servers crash.",
        },
        Topic {
            tag: "Data",
            title: "Data tree, sessions and watches",
            body: "Clients see a tree of znodes. Ephemeral nodes live as long as their session: stop the heartbeats, the session expires and the nodes go. A watch fires once; set it again to hear about the next change.",
        },
        Topic {
            tag: "Locks",
            title: "Distributed locks from ephemeral sequential nodes",
            body: "Each contender creates an ephemeral sequential node under /lock. The lowest number holds the lock; everyone else watches only the node just before their own, so a release wakes one waiter instead of the whole herd.",
        },
        Topic {
            tag: "Compare",
            title: "2PC, 3PC and Paxos side by side",
            body: "The comparison lab runs the classic commit protocols side by side under the same faults: why two-phase commit blocks when its coordinator crashes, what the extra phase of 3PC buys and what it costs under a partition, and why Paxos and ZAB carry on while a majority is up.",
        },
    ],

    lessons: [
        LessonText {
            title: "Why a coordination service?",
        },
        LessonText {
            title: "Fast leader election",
        },
        LessonText {
            title: "ZAB: propose, acknowledge, commit",
        },
        LessonText {
            title: "Crashes and recovery",
        },
        LessonText {
            title: "Sessions, ephemeral nodes and watches",
        },
        LessonText {
            title: "A fair distributed lock",
        },
        LessonText {
            title: "Network partitions and split brain",
        },
        LessonText {
            title: "2PC, 3PC and Paxos compared",
        },
    ],


    how_title: "How learning in ZooScope works",
    how_steps: [
        Topic {
            tag: "01",
            title: "Open a lesson",
            body: "Read a few paragraphs, run the lab embedded in the page, predict what will happen, and let the simulation check your answer.",
        },
        Topic {
            tag: "02",
            title: "Step, pause, break things",
            body: "Advance one event at a time or let it play. Crash servers, drop messages and split the network whenever you like.",
        },
        Topic {
            tag: "03",
            title: "Share the reproduction key",
            body: "A short key captures the scenario, the seed and everything you did. Open a link that carries it to replay exactly what you saw.",
        },
    ],

    lab_title: "Election lab",
    lab_scenario: "Requested scenario: ",
    lab_scenario_none: "none (free play)",

    compare_title: "2PC vs 3PC vs Paxos vs ZAB",
    compare_lead: "One fault script hits four protocols: watch 2PC block, 3PC split under a partition, and Paxos and ZAB stay safe. The short version is in the table below.",
    compare_badge: "Side by side; moving messages coming",
    compare_aspect: "Aspect",
    compare_rows: [
        [
            "Rounds without failures",
            "2: prepare, commit",
            "3: can-commit, pre-commit, do-commit",
            "2: prepare/promise, accept/accepted",
        ],
        ["Who decides", "The coordinator", "The coordinator", "Any majority of acceptors"],
        [
            "Coordinator crashes",
            "Participants that voted yes must wait for it (blocking)",
            "Participants can finish on their own, if failures are crashes only and delays are bounded",
            "Another proposer takes over with a higher ballot",
        ],
        [
            "Network partition",
            "Blocks, but never decides wrongly",
            "The two sides may decide differently (unsafe)",
            "The majority side continues, the minority waits; always safe",
        ],
        [
            "Failures tolerated",
            "Any single failure can block it",
            "A coordinator crash (not a partition)",
            "Any f of 2f+1 nodes crashing",
        ],
        [
            "Where it is used",
            "XA transactions, sharded databases",
            "Mostly in textbooks",
            "Chubby, Spanner; ZooKeeper's ZAB is a close relative",
        ],
    ],
    compare_note: "A round is one request from the coordinator (or proposer) and the collection of all the replies.",

    lesson_back: "← All lessons",
    lesson_unknown_title: "No such lesson",
    lesson_unknown_body: "This address does not match any lesson; the link may be mistyped.",

    nf_title: "Page not found",
    nf_body: "The address you followed does not match any page in ZooScope.",
    nf_home: "Back to home",

    panic_title: "Something went wrong",
    panic_lead: "ZooScope hit an internal error and stopped. This is a bug in the program, not something you did. Include the details below when you report it, then reload the page.",
    panic_message: "Error message",
    panic_key: "Reproduction key",
    panic_key_none: "none",
    panic_reload: "Reload page",
};
