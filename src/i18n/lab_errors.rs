//! Why the lab refused an action, in words: zh-CN and English.
//!
//! The lab reports refusals as typed values (its `LabError`, the core's
//! [`CommandError`], [`ConfigError`] and [`ConsoleError`]); `lab::share::error_text`
//! picks the sentence here for each. The functions take the values, not the lab's
//! types, so this table imports nothing from the lab. zoo.cfg keys (`tickTime`,
//! `server.N`) stay as ZooKeeper spells them.

use super::Lang;
use zooscope_core::protocols::zookeeper::lab_view::console::ConsoleError;
use zooscope_core::protocols::zookeeper::replication::config::{
    self as cfg, ConfigError, ConfigProblem,
};

/// Pick the sentence of `lang`.
fn say(lang: Lang, zh: String, en: String) -> String {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// A server id the run does not have.
pub fn no_server(sid: u64, lang: Lang) -> String {
    say(
        lang,
        format!("没有服务器 {sid}"),
        format!("there is no server {sid}"),
    )
}

/// A client the run does not have (kernel node id).
pub fn no_client(node: u32, lang: Lang) -> String {
    say(
        lang,
        format!("没有节点 {node} 这个客户端"),
        format!("there is no client n{node}"),
    )
}

/// The client limit.
pub fn too_many_clients(max: usize, lang: Lang) -> String {
    say(
        lang,
        format!("最多只能有 {max} 个客户端"),
        format!("at most {max} clients"),
    )
}

/// No connected client to send a write through.
pub fn no_connected_client(lang: Lang) -> String {
    say(
        lang,
        "没有已连接的客户端".into(),
        "no client is connected".into(),
    )
}

/// A partition with fewer than two non-empty groups.
pub fn partition_groups(lang: Lang) -> String {
    say(
        lang,
        "网络分区至少需要两个非空的组".into(),
        "a partition needs at least two non-empty groups".into(),
    )
}

/// A console line refused.
pub fn console(e: &ConsoleError, lang: Lang) -> String {
    match e {
        ConsoleError::NoSuchClient(n) => no_client(*n, lang),
        ConsoleError::LineTooLong => {
            say(lang, "这一行太长了".into(), "the line is too long".into())
        }
        ConsoleError::TooManyConsoles => say(
            lang,
            "打开的 zkCli 控制台太多了".into(),
            "too many zkCli consoles are open".into(),
        ),
    }
}

/// A zoo.cfg text longer than `max` characters.
pub fn zoo_cfg_too_long(max: usize, lang: Lang) -> String {
    say(
        lang,
        format!("zoo.cfg 超过了 {max} 个字符"),
        format!("zoo.cfg is longer than {max} characters"),
    )
}

/// A server count outside `min..=max`; `from_zoo_cfg` when a zoo.cfg text named them.
pub fn servers_range(min: usize, max: usize, n: usize, from_zoo_cfg: bool, lang: Lang) -> String {
    match (from_zoo_cfg, lang) {
        (false, Lang::Zh) => format!("实验室运行 {min} 到 {max} 台服务器，不能是 {n} 台"),
        (false, Lang::En) => format!("the lab runs {min} to {max} servers, not {n}"),
        (true, Lang::Zh) => format!("实验室运行 {min} 到 {max} 台服务器（zoo.cfg 列出了 {n} 台）"),
        (true, Lang::En) => format!("the lab runs {min} to {max} servers (zoo.cfg names {n})"),
    }
}

/// Every server an observer.
pub fn no_voter(lang: Lang) -> String {
    say(
        lang,
        "至少要有一台服务器是投票成员".into(),
        "at least one server must be a voting participant".into(),
    )
}

/// A prelude step that waited `secs` s for a serving leader (`leader`) or for every client
/// to connect.
pub fn prelude_timeout(leader: bool, secs: u64, lang: Lang) -> String {
    match (leader, lang) {
        (true, Lang::Zh) => format!("{secs} 秒内没有出现正在服务的领导者"),
        (true, Lang::En) => format!("no serving leader within {secs} s"),
        (false, Lang::Zh) => format!("{secs} 秒内客户端没有全部连上"),
        (false, Lang::En) => format!("the clients did not all connect within {secs} s"),
    }
}

/// A prelude step with no serving leader to crash (`crash`) or to isolate.
pub fn prelude_no_leader(crash: bool, lang: Lang) -> String {
    match (crash, lang) {
        (true, Lang::Zh) => "没有可以让它崩溃的领导者".into(),
        (true, Lang::En) => "there is no leader to crash".into(),
        (false, Lang::Zh) => "没有可以隔离的领导者".into(),
        (false, Lang::En) => "there is no leader to isolate".into(),
    }
}

/// A scenario whose prelude stopped.
pub fn in_scenario(id: &str, why: &str, lang: Lang) -> String {
    say(
        lang,
        format!("场景 {id}：{why}"),
        format!("scenario {id}: {why}"),
    )
}

/// A zoo.cfg or config problem, with its line when it has one.
pub fn config(e: &ConfigError, lang: Lang) -> String {
    let what = config_problem(&e.problem, lang);
    match (e.line, lang) {
        (0, _) => what,
        (line, Lang::Zh) => format!("第 {line} 行：{what}"),
        (line, Lang::En) => format!("line {line}: {what}"),
    }
}

fn config_problem(p: &ConfigProblem, lang: Lang) -> String {
    if lang == Lang::En {
        return p.to_string();
    }
    match p {
        ConfigProblem::NotKeyValue { text } => format!("“{text}”不是 key=value 形式的一行"),
        ConfigProblem::NotNumber { key, value } => {
            format!("{key} 必须是非负整数，而不是“{value}”")
        }
        ConfigProblem::LimitOutOfRange { key, value } => format!(
            "{key} {value} 不在 1..{} 个 tick 之内",
            cfg::LIMIT_TICKS_MAX
        ),
        ConfigProblem::NotPort { what, value } => {
            format!("{what}“{value}”不是端口号（1..65535）")
        }
        ConfigProblem::ServerForm { sid, value } => {
            format!("server.{sid}={value} 不是 host:port:port 或 host:port:port:type 的形式")
        }
        ConfigProblem::EmptyHost { sid } => format!("server.{sid} 的主机名为空"),
        ConfigProblem::PeerType { value } => {
            format!("无法识别的节点类型“{value}”（应为 :participant 或 :observer）")
        }
        ConfigProblem::SidNotNumber { key } => format!("“{key}”：服务器 id 必须是数字"),
        ConfigProblem::TickOutOfRange { tick_ms } => {
            format!("tickTime {tick_ms} 不在 1..{} ms 之内", cfg::TICK_MS_MAX)
        }
        ConfigProblem::NoServers => "没有服务器".into(),
        ConfigProblem::TooManyServers => format!("最多支持 {} 台服务器", cfg::SERVERS_MAX),
        ConfigProblem::SidOutOfRange { sid } => format!(
            "服务器 id {sid} 不在 {}..{} 之内",
            cfg::SID_MIN,
            cfg::SID_MAX
        ),
        ConfigProblem::DefinedTwice { sid } => format!("server.{sid} 定义了两次"),
        ConfigProblem::NotAscending { prev, next } => {
            format!("服务器没有按 id 升序排列（server.{prev} 在 server.{next} 之前）")
        }
        ConfigProblem::BadHost { sid } => format!(
            "server.{sid} 的主机名长度必须在 1..{} 个字符之间",
            cfg::HOST_LEN_MAX
        ),
        ConfigProblem::PortZero { sid } => format!("server.{sid} 有一个端口为 0"),
        ConfigProblem::NoParticipant => {
            "集群至少需要一个投票成员（现在所有服务器都是观察者）".into()
        }
        ConfigProblem::DataDirTooLong => format!("dataDir 超过了 {} 个字符", cfg::DATA_DIR_LEN_MAX),
        ConfigProblem::MaxTimeoutTooLarge { ms } => format!(
            "maxSessionTimeout {ms} 超过了 {} ms",
            cfg::SESSION_TIMEOUT_MS_MAX
        ),
        ConfigProblem::MinAboveMax { min, max } => {
            format!("minSessionTimeout {min} 大于 maxSessionTimeout {max}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cfg::ZkConfig;

    #[test]
    fn a_bad_zoo_cfg_is_worded_with_its_line_in_each_language() {
        let e = ZkConfig::parse("tickTime=2000\nserver.x=oops\n").unwrap_err();
        assert_eq!(
            config(&e, Lang::Zh),
            "第 2 行：“server.x”：服务器 id 必须是数字"
        );
        assert_eq!(
            config(&e, Lang::En),
            "line 2: 'server.x': the server id must be a number"
        );
        let e = ZkConfig::parse("server.1=h:1:2:observer\n").unwrap_err();
        assert_eq!(
            config(&e, Lang::Zh),
            "集群至少需要一个投票成员（现在所有服务器都是观察者）"
        );
    }
}
