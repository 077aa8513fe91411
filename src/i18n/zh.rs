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
    nav_locks: "分布式锁",
    nav_compare: "协议对比",
    toggle_label: "EN",
    toggle_title: "Switch to English",
    footer: "ZooScope —— 面向 Apache ZooKeeper 的开放教学实验室。所有计算都在你的浏览器里完成，不会上传任何数据。",

    hero_kicker: "在浏览器里拆开 Apache ZooKeeper",
    hero_title: "一条消息接一条消息，看清 ZooKeeper 集群如何达成一致",
    hero_lead: "ZooScope 在页面里运行一个模拟的小集群。你可以随时暂停，单步查看每一张选票、每一个提案；也可以让某台服务器崩溃、切断网络，看协议如何恢复。每次运行都是确定的，任何一个瞬间都能分享给同学原样重放。",
    cta_lab: "打开选举实验室",
    cta_catalogue: "开始学习课程",
    hero_facts: [
        "无需安装：Rust 编译为 WebAssembly，在浏览器里运行",
        "确定性模拟：同一个复现码，永远得到同一次运行",
        "中英双语界面",
    ],

    fig_caption: "三台服务器组成的集群：领导者发出提案，跟随者回复确认，过半数（3 台中的 2 台）确认即可提交。",
    fig_aria: "示意图：三台 ZooKeeper 服务器，中间一台是领导者，它向两侧的跟随者发送 PROPOSAL，跟随者回复 ACK。",
    fig_leader: "领导者",
    fig_follower: "跟随者",
    fig_quorum: "法定人数 = 3 台中的 2 台",

    topics_title: "你将学到什么",
    topics_lead: "ZooKeeper 背后的五个核心机制。每个机制在上面的课程里都有对应的课，也都能在模拟中单步观察、制造故障、反复重放：前四个在选举实验室里，第五个在协议对比实验室里。",
    topics: [
        Topic {
            tag: "选举",
            title: "投票选出领导者",
            body: "每台服务器用 (epoch, zxid, myid) 投票：先比 epoch，再比 zxid（谁的数据更新），最后比 myid。你会看到服务器一次次改投更好的选票，直到过半数选定同一个候选者。",
        },
        Topic {
            tag: "广播",
            title: "ZAB 原子广播",
            body: "所有写请求都交给领导者。领导者为每次写入分配一个 zxid（高 32 位是 epoch，低 32 位是计数器），先发 PROPOSAL，收到过半数 ACK 后再发 COMMIT。即使有服务器崩溃，提交顺序也不会乱。",
        },
        Topic {
            tag: "数据",
            title: "数据树、会话与监听",
            body: "客户端看到的是一棵 znode 树。临时节点依附于会话：心跳一断、会话过期，节点随之删除。监听是一次性的：触发之后要重新设置，才能收到下一次变化的通知。",
        },
        Topic {
            tag: "锁",
            title: "用临时顺序节点实现分布式锁",
            body: "每个竞争者在 /lock 下创建一个临时顺序节点，序号最小的持有锁，其余的只监听排在自己前面的那一个。锁释放时只唤醒一个等待者，避免惊群效应。",
        },
        Topic {
            tag: "对比",
            title: "2PC、3PC 与 Paxos 对照",
            body: "协议对比实验室把几种经典协议放在同样的故障下并排运行：两阶段提交为什么会因协调者崩溃而阻塞，三阶段提交多出的一步换来了什么、遇到网络分区又要付出什么代价，Paxos 和 ZAB 为什么只要过半数节点在线就能继续。",
        },
    ],

    lessons: [
        LessonText {
            title: "为什么需要协调服务",
        },
        LessonText {
            title: "快速领导者选举",
        },
        LessonText {
            title: "ZAB：提案、确认与提交",
        },
        LessonText {
            title: "崩溃与恢复",
        },
        LessonText {
            title: "会话、临时节点与监听",
        },
        LessonText {
            title: "公平的分布式锁",
        },
        LessonText {
            title: "网络分区与脑裂",
        },
        LessonText {
            title: "2PC、3PC 与 Paxos 对比",
        },
    ],


    how_title: "在 ZooScope 里怎么学",
    how_steps: [
        Topic {
            tag: "01",
            title: "打开一节课",
            body: "读几段短文，运行嵌在页面里的实验，先预测会发生什么，再让模拟来验证你的答案。",
        },
        Topic {
            tag: "02",
            title: "单步、暂停、制造故障",
            body: "可以一次只推进一个事件，也可以连续播放；随时让服务器崩溃、丢弃消息或切断网络。",
        },
        Topic {
            tag: "03",
            title: "分享复现码",
            body: "一段简短的复现码记录了场景、种子和你的全部操作，打开带复现码的链接，就能原样重放你看到的过程。",
        },
    ],

    lab_title: "选举实验室",
    lab_scenario: "请求的场景：",
    lab_scenario_none: "无（自由模式）",

    compare_title: "2PC、3PC、Paxos 与 ZAB 对比",
    compare_lead: "同一段故障脚本打在四种协议上：看 2PC 怎样阻塞，3PC 怎样在分区下不一致，Paxos 和 ZAB 怎样保持安全。下面还有一份简明对照表。",
    compare_badge: "并排运行；动画消息即将推出",
    compare_aspect: "对比项",
    compare_rows: [
        [
            "无故障时的轮次",
            "2 轮：准备、提交",
            "3 轮：询问、预提交、提交",
            "2 轮：prepare/promise、accept/accepted",
        ],
        ["由谁决定结果", "协调者", "协调者", "任意过半数的接受者"],
        [
            "协调者崩溃时",
            "已投赞成票的参与者只能等它恢复（阻塞）",
            "只要故障仅限崩溃、消息时延有上界，参与者可以自行完成",
            "另一个提议者用更大的提案编号接手",
        ],
        [
            "网络分区时",
            "阻塞，但不会出错",
            "两侧可能做出相反的决定（不安全）",
            "占过半数的一侧继续，另一侧等待，始终安全",
        ],
        [
            "可容忍的故障",
            "任何一个节点故障都可能导致阻塞",
            "协调者崩溃（不包括网络分区）",
            "2f+1 个节点中任意 f 个崩溃",
        ],
        [
            "典型应用",
            "XA 分布式事务、分库分表",
            "主要出现在教材里",
            "Chubby、Spanner；ZooKeeper 的 ZAB 与它思路相近",
        ],
    ],
    compare_note: "这里的“轮”指一次往返：协调者（或提议者）发出请求，再收齐回复。",

    lesson_back: "← 全部课程",
    lesson_unknown_title: "没有这节课",
    lesson_unknown_body: "这个地址对应的课程不存在，可能是链接写错了。",

    nf_title: "页面不存在",
    nf_body: "你访问的地址在 ZooScope 中没有对应的页面。",
    nf_home: "返回首页",

    panic_title: "页面出错了",
    panic_lead: "ZooScope 遇到内部错误，已经停止运行。这是程序的缺陷，不是你的操作有问题。报告问题时请附上下面的信息，然后重新加载页面。",
    panic_message: "错误信息",
    panic_key: "复现码",
    panic_key_none: "无",
    panic_reload: "重新加载",
};
