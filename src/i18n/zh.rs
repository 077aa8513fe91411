//! Simplified Chinese strings.

use super::{LessonText, Texts, Topic};

/// The zh-CN table.
pub(super) static TEXTS: Texts = Texts {
    doc_title: "ZooScope —— 看清 ZooKeeper 的每一步",
    brand_tagline: "ZooKeeper 教学实验室",
    skip_link: "跳到正文",
    nav_label: "主导航",
    nav_home: "首页",
    nav_lab: "实验室",
    nav_compare: "协议对比",
    toggle_label: "EN",
    toggle_title: "Switch to English",
    footer: "ZooScope —— 面向 Apache ZooKeeper 的开放教学实验室。所有计算都在你的浏览器里完成，不会上传任何数据。",

    hero_kicker: "在浏览器里拆开 Apache ZooKeeper",
    hero_title: "一条消息接一条消息，看清 ZooKeeper 集群如何达成一致",
    hero_lead: "ZooScope 在页面里运行一个模拟的小集群。你可以随时暂停，单步查看每一张选票、每一个提案；也可以让某台服务器宕机、把网络切断，观察协议怎样自我恢复。每次运行都是确定的，任何一个瞬间都能分享给同学原样重放。",
    cta_lab: "打开选举实验室",
    cta_catalogue: "浏览课程",
    hero_facts: [
        "离线可用：Rust 编译为 WebAssembly",
        "确定性模拟：同一密钥，结果永远相同",
        "中英双语界面",
    ],

    fig_caption: "三台服务器组成的集群：Leader 发出提案，Follower 回复确认，过半数（3 台中的 2 台）确认即可提交。",
    fig_aria: "示意图：三台 ZooKeeper 服务器，中间一台是 Leader，它向两侧的 Follower 发送 PROPOSAL，Follower 回复 ACK。",
    fig_leader: "Leader",
    fig_follower: "Follower",
    fig_quorum: "多数派 = 2 / 3",

    topics_title: "你将学到什么",
    topics_lead: "ZooKeeper 背后的五个核心机制，每一个都可以亲手操作、反复观察。",
    topics: [
        Topic {
            tag: "选举",
            title: "投票选出 Leader",
            body: "每台服务器用 (epoch, zxid, myid) 投票：先比 epoch，再比 zxid（谁的数据更新），最后比 myid。你会看到选票在服务器之间不断改投，直到过半数认同同一个候选者。",
        },
        Topic {
            tag: "广播",
            title: "ZAB 原子广播",
            body: "所有写请求都交给 Leader。Leader 给每个写分配一个 zxid（高 32 位是 epoch，低 32 位是计数器），先发 PROPOSAL，收到过半数 ACK 后再发 COMMIT。即使有服务器故障，提交顺序也不会乱。",
        },
        Topic {
            tag: "数据",
            title: "数据树、会话与 Watch",
            body: "客户端看到的是一棵 znode 树。临时节点依附于会话：心跳一断、会话过期，节点随之删除。Watch 是一次性的，触发之后必须重新注册，才能收到下一次变化。",
        },
        Topic {
            tag: "锁",
            title: "用顺序节点实现分布式锁",
            body: "每个竞争者在 /lock 下创建一个临时顺序节点，序号最小的人持有锁，其余的人只监听排在自己前面的那一个。锁释放时只唤醒一个等待者，避免“惊群”。",
        },
        Topic {
            tag: "对比",
            title: "2PC、3PC 与 Paxos 对照",
            body: "在同一个模拟器里、用同样的故障运行这几种经典协议：看两阶段提交如何因协调者宕机而卡住，三阶段提交多出的一步换来了什么，以及 Paxos 为什么只要有多数派就能继续前进。",
        },
    ],

    catalogue_title: "课程目录",
    catalogue_lead: "每节课都很短，并配有一个可以反复重放的实验场景。",
    lessons: [
        LessonText {
            title: "为什么需要协调服务",
            blurb: "多台服务器要对“谁说了算”达成一致时会遇到哪些麻烦，以及由 3 台或 5 台组成的集群为什么能容忍故障。",
        },
        LessonText {
            title: "快速 Leader 选举",
            blurb: "从启动开始跟踪每一轮 (epoch, zxid, myid) 投票，直到过半数选定同一个 Leader。",
        },
        LessonText {
            title: "ZAB：提案、确认与提交",
            blurb: "观察一次写请求从客户端到 Leader、再到各个 Follower 的全过程，理解为什么过半数 ACK 就足够。",
        },
        LessonText {
            title: "崩溃与恢复",
            blurb: "在写入途中让 Leader 宕机：新的 epoch 开始，Follower 先完成数据同步，再重新对外服务。",
        },
        LessonText {
            title: "会话、临时节点与 Watch",
            blurb: "让客户端停止发送心跳，看着它的会话过期、临时节点消失、Watch 被触发。",
        },
        LessonText {
            title: "公平的分布式锁",
            blurb: "一步步搭出基于临时顺序节点的锁，并对比它所避免的“惊群效应”。",
        },
        LessonText {
            title: "网络分区与脑裂",
            blurb: "把集群切成两半：只有拥有多数派的一侧才能选出 Leader、接受写入。",
        },
        LessonText {
            title: "2PC、3PC 与 Paxos 对比",
            blurb: "让三种协议面对同样的故障，比较它们的阻塞情况、消息开销和安全性。",
        },
    ],
    lesson_badge_planned: "课程编写中",
    lesson_open_lab: "去实验室试试 →",
    lesson_number: "第 {} 课",

    lesson_minutes: "约 {} 分钟",

    how_title: "在 ZooScope 里怎么学",
    how_steps: [
        Topic {
            tag: "01",
            title: "选一个场景",
            body: "每节课都从一个有名字的场景和一个随机种子开始，所有人看到的是同一次运行。",
        },
        Topic {
            tag: "02",
            title: "单步、暂停、制造故障",
            body: "可以一次只推进一个事件，也可以连续播放；随时让服务器宕机、丢弃消息或切断网络。",
        },
        Topic {
            tag: "03",
            title: "分享重现密钥",
            body: "一段简短的密钥记录了场景、种子和你的全部操作，粘贴它就能一模一样地重放你看到的过程。",
        },
    ],

    lab_title: "选举实验室",
    lab_scenario: "请求的场景：",
    lab_scenario_none: "无（自由模式）",

    compare_title: "2PC、3PC 与 Paxos 对比",
    compare_lead: "这个页面之后会用相同的种子、相同的故障，把三种协议并排运行。在那之前，先看一份简明对照表。",
    compare_badge: "并排模拟开发中",
    compare_aspect: "对比项",
    compare_rows: [
        [
            "无故障时的轮次",
            "2 轮：准备、提交",
            "3 轮：询问、预提交、提交",
            "2 轮：prepare/promise、accept/accepted",
        ],
        ["由谁决定结果", "协调者", "协调者", "任意一个多数派的接受者"],
        [
            "协调者宕机时",
            "已投赞成票的参与者只能等它恢复（阻塞）",
            "只要故障仅限宕机、消息时延有上界，参与者可以自行完成",
            "另一个提议者用更大的编号接手",
        ],
        [
            "网络分区时",
            "阻塞，但不会出错",
            "两侧可能做出相反的决定（不安全）",
            "多数派一侧继续，少数派一侧等待，始终安全",
        ],
        [
            "可容忍的故障",
            "任何一个节点故障都可能导致阻塞",
            "协调者宕机（不包括分区）",
            "2f+1 个节点中的任意 f 个",
        ],
        [
            "典型应用",
            "XA 分布式事务、分库分表",
            "主要出现在教材里",
            "Chubby、Spanner；ZooKeeper 的 ZAB 与它思路相近",
        ],
    ],
    compare_note: "“轮次”指一次往返：协调者（或提议者）发出请求，并收集所有回复。",

    lesson_kicker: "课程",
    lesson_pending: "这节课的正文还在编写中。你可以先去实验室，看看它对应的场景。",
    lesson_back: "← 全部课程",
    lesson_unknown_title: "没有这节课",
    lesson_unknown_body: "这个地址对应的课程不存在，可能是链接写错了。",

    nf_title: "页面不存在",
    nf_body: "你访问的地址在 ZooScope 中没有对应的页面。",
    nf_home: "返回首页",

    panic_title: "页面出错了",
    panic_lead: "ZooScope 遇到内部错误，已经停止运行。这是程序的缺陷，不是你的操作有问题。报告问题时请附上下面的信息，然后重新加载页面。",
    panic_message: "错误信息",
    panic_key: "重现密钥",
    panic_key_none: "无",
    panic_reload: "重新加载",
};
