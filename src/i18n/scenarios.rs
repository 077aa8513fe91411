//! The words of the lab's scenarios (`lab::scenarios`), zh-CN and English, in the same
//! order as `lab::scenarios::SCENARIOS`. `{id}` marks a value filled in at run time.

/// What one scenario has set up and what the learner might try.
#[derive(Debug)]
pub struct ScenarioText {
    /// Short title.
    pub title: &'static str,
    /// What the prelude has done, and where the run stands.
    pub set_up: &'static str,
    /// What to do next and what to watch.
    pub try_this: &'static str,
}

/// The scenario card's strings and every scenario's words, one language.
#[derive(Debug)]
pub struct ScenarioTexts {
    /// Card heading prefix ("Scenario").
    pub heading: &'static str,
    /// Label of the "what is set up" paragraph.
    pub set_up_label: &'static str,
    /// Label of the "try this" paragraph.
    pub try_label: &'static str,
    /// Button that plays the scenario again from its start.
    pub restart: &'static str,
    /// Button that closes the card (free play goes on).
    pub close: &'static str,
    /// Notice for an unknown id in the link.
    pub unknown: &'static str,
    /// Notice after a scenario was (re)started.
    pub started: &'static str,
    /// The scenarios, in `SCENARIOS` order.
    pub items: [ScenarioText; 8],
}

/// Chinese.
pub static SCENARIOS_ZH: ScenarioTexts = ScenarioTexts {
    heading: "场景",
    set_up_label: "已经准备好的：",
    try_label: "试一试：",
    restart: "从头再来",
    close: "关闭说明",
    unknown: "没有名为 “{id}” 的场景，下面是自由模式。",
    started: "场景 “{id}” 已就绪：准备步骤已经跑完，运行停在这里等你。",
    items: [
        ScenarioText {
            title: "一个协调服务长什么样",
            set_up: "三台服务器已选出领导者，两个客户端都已连上。c1 创建了 /app（内容为 config-v1），c2 读取了它并设置了监听。",
            try_this: "在 zkCli 控制台里选择客户端 c1，输入 set /app config-v2，再按播放：c2 会收到 NodeDataChanged 通知。换一台服务器查看数据树，每台看到的都一样。",
        },
        ScenarioText {
            title: "领导者选举，一票一票地看",
            set_up: "五台服务器刚刚同时启动，都处于 LOOKING，还没有任何选票发出。速度已调到很慢。",
            try_this: "按“单步”，一次只处理一个事件。打开投票箱：每收到一张选票，服务器就按 epoch、zxid、myid 的顺序比较，必要时改投并广播。看看在哪一步凑齐了法定人数。",
        },
        ScenarioText {
            title: "ZAB 广播：一次写入的旅程",
            set_up: "领导者已在服务，客户端已连上。c1 刚发出一次写入（create /w-1），请求正在路上。",
            try_this: "连续按“单步”：请求到达领导者，变成 PROPOSAL 发给各个跟随者；ACK 凑够法定人数后，领导者发出 COMMIT。ZAB 面板里的计数会随之变化。",
        },
        ScenarioText {
            title: "领导者崩溃之后",
            set_up: "五台服务器，已提交三次写入。领导者刚刚崩溃，剩下的四台还不知道。",
            try_this: "按播放：跟随者收不到心跳，重新进入 LOOKING，选出新的领导者，epoch 加一。之后选中旧领导者，点“重启”，看它以跟随者的身份回来，并通过 DIFF、TRUNC 或 SNAP 追上数据。",
        },
        ScenarioText {
            title: "会话、临时节点与监听",
            set_up: "c1 创建了临时节点 /alive，c2 用 stat -w 在它上面设置了监听。",
            try_this: "让 c1 所连的服务器崩溃：c1 会在会话超时之前连到另一台服务器，/alive 依然存在。再在 c1 的控制台执行 delete /alive，看 c2 收到 NodeDeleted。",
        },
        ScenarioText {
            title: "用临时顺序节点实现分布式锁",
            set_up: "三个客户端在 /lock 下各创建了一个临时顺序节点：c1 拿到 0000000000，持有锁；c2 监听 c1 的节点，c3 监听 c2 的节点，不会惊动所有等待者。",
            try_this: "在 c1 的控制台执行 delete /lock/req-0000000000 释放锁，再按播放：只有 c2 收到通知，轮到它持有锁；c3 仍在安静地等待。",
        },
        ScenarioText {
            title: "网络分区",
            set_up: "五台服务器。领导者和它旁边的一台刚被分区隔开，另一侧有三台，占过半数。",
            try_this: "按播放：占过半数的一侧选出新的领导者，epoch 更高；另一侧的旧领导者凑不够法定人数，只好退回 LOOKING。然后在“网络”卡片里点“全部修复”，看它以跟随者的身份回来。",
        },
        ScenarioText {
            title: "提交协议：ZAB 与两阶段提交",
            set_up: "三台服务器，c1 刚发出两次写入。",
            try_this: "一步步看 PROPOSAL → ACK → COMMIT：它像两阶段提交，但领导者收到过半数 ACK 就提交，不等所有人，也没有中止这一步。2PC、3PC 与 Paxos 的对比见“协议对比”页面。",
        },
    ],
};

/// English.
pub static SCENARIOS_EN: ScenarioTexts = ScenarioTexts {
    heading: "Scenario",
    set_up_label: "Set up: ",
    try_label: "Try this: ",
    restart: "Start over",
    close: "Hide",
    unknown: "There is no scenario “{id}”; this is free play.",
    started: "Scenario “{id}” is ready: its set-up has run and the run waits for you here.",
    items: [
        ScenarioText {
            title: "What a coordination service looks like",
            set_up: "Three servers have elected a leader and both clients are connected. c1 created /app (data config-v1); c2 read it and left a watch on it.",
            try_this: "In the zkCli console pick client c1, type set /app config-v2 and press Play: c2 gets a NodeDataChanged notification. Look at the tree from another server: every server shows the same data.",
        },
        ScenarioText {
            title: "Leader election, one vote at a time",
            set_up: "Five servers have just started together. All are LOOKING and no vote has been sent yet. The speed is turned right down.",
            try_this: "Press Step to process one event at a time. Open the ballot box: each vote received is compared by epoch, then zxid, then myid; a server that sees a better vote adopts it and tells everyone. Watch for the step at which a majority agrees.",
        },
        ScenarioText {
            title: "ZAB broadcast: the journey of one write",
            set_up: "The leader serves and the clients are connected. c1 has just sent a write (create /w-1); the request is on its way.",
            try_this: "Keep pressing Step: the request reaches the leader, becomes a PROPOSAL to each follower, the ACKs come back, and once a majority has acknowledged, the leader sends COMMIT. The counters in the ZAB panel follow along.",
        },
        ScenarioText {
            title: "After the leader crashes",
            set_up: "Five servers with three committed writes. The leader has just been shut down; the other four do not know yet.",
            try_this: "Press Play: the followers miss the leader's pings, go back to LOOKING and elect a new leader in a higher epoch. Then select the old leader and press Restart: it returns as a follower and catches up by DIFF, TRUNC or SNAP.",
        },
        ScenarioText {
            title: "Sessions, ephemeral nodes and watches",
            set_up: "c1 created the ephemeral node /alive and c2 set a watch on it with stat -w.",
            try_this: "Crash the server c1 is connected to: c1 moves to another server before its session times out, and /alive survives. Then run delete /alive in c1's console and see c2 receive NodeDeleted.",
        },
        ScenarioText {
            title: "A distributed lock from ephemeral sequential nodes",
            set_up: "Three clients each created an ephemeral sequential node under /lock. c1 got 0000000000 and holds the lock; c2 watches c1's node and c3 watches c2's, so nobody wakes the whole herd.",
            try_this: "Release the lock with delete /lock/req-0000000000 in c1's console and press Play: only c2 is notified and takes its turn; c3 keeps waiting quietly.",
        },
        ScenarioText {
            title: "A network partition",
            set_up: "Five servers. The leader and its neighbour have just been cut off from the other three, who are the majority.",
            try_this: "Press Play: the majority elects a new leader in a higher epoch, while the old leader, unable to gather a quorum, falls back to LOOKING. Then press Heal all in the Network card and watch it rejoin as a follower.",
        },
        ScenarioText {
            title: "Commit protocols: ZAB and two-phase commit",
            set_up: "Three servers; c1 has just sent two writes.",
            try_this: "Step through PROPOSAL → ACK → COMMIT. It resembles two-phase commit, but the leader commits once a majority has acknowledged, without waiting for everyone and without an abort step. The Compare page sets 2PC, 3PC and Paxos side by side.",
        },
    ],
};
