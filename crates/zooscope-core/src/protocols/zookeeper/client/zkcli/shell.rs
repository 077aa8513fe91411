//! `ZooKeeperMain`: the line loop, history, `redo`, `printwatches`, `connect`, `quit`,
//! the "Not connected" guard, and dispatch to the commands.

use super::commands;
use super::tokenize::tokenize;
use crate::protocols::zookeeper::client::library::{check_request, ClientError, ZkClientApi};
use crate::protocols::zookeeper::data::request::{ZkRequest, ZkResponse};
use crate::vecmap::VecMap;

/// Most history entries kept (zkCli keeps all; `history` shows the last 11).
pub const MAX_HISTORY: usize = 10_000;

/// Everything a command can write, plus the client it talks to.
pub(crate) struct Io<'a> {
    pub(crate) out: String,
    pub(crate) api: &'a mut dyn ZkClientApi,
    pub(crate) print_watches: bool,
}

/// How a command ends abnormally.
pub(crate) enum Failure {
    /// A `CliException`: its message is printed and the shell goes on.
    Cli(String),
    /// An uncaught Java exception: zkCli dies.
    Crash(String),
}

impl Io<'_> {
    pub(crate) fn println(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    pub(crate) fn print(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// Print pending watch events (`MyWatcher.process`).
    pub(crate) fn drain(&mut self) {
        for ev in self.api.take_watch_events() {
            if self.print_watches {
                self.out.push_str("\nWATCHER::\n");
                self.out.push_str(&format!("\n{ev}\n"));
            }
        }
    }

    /// A client API call: client-side checks, the call, then events that arrived.
    pub(crate) fn call(&mut self, req: ZkRequest) -> Result<ZkResponse, ClientError> {
        check_request(&req)?;
        let r = self.api.call(req);
        self.drain();
        r
    }
}

/// The zkCli shell state.
#[derive(Clone, Debug)]
pub struct Shell {
    host: String,
    history: VecMap<i32, String>,
    command_count: i32,
    print_watches: bool,
    cmd_args: Vec<String>,
    exited: bool,
}

/// zkCli's command names (`ZooKeeperMain.commandMap` plus the shell's own commands).
pub const COMMANDS: [&str; 28] = [
    "addWatch",
    "addauth",
    "close",
    "config",
    "connect",
    "create",
    "delete",
    "deleteall",
    "delquota",
    "get",
    "getAcl",
    "getAllChildrenNumber",
    "getEphemerals",
    "history",
    "listquota",
    "ls",
    "printwatches",
    "quit",
    "reconfig",
    "redo",
    "removewatches",
    "set",
    "setAcl",
    "setquota",
    "stat",
    "sync",
    "version",
    "whoami",
];

/// `ZooKeeperMain.usage()`.
pub(crate) const USAGE: &str = "ZooKeeper -server host:port -client-configuration properties-file cmd args
\taddWatch [-m mode] path # optional mode is one of [PERSISTENT, PERSISTENT_RECURSIVE] - default is PERSISTENT_RECURSIVE
\taddauth scheme auth
\tclose 
\tconfig [-c] [-w] [-s]
\tconnect host:port
\tcreate [-s] [-e] [-c] [-t ttl] path [data] [acl]
\tdelete [-v version] path
\tdeleteall path [-b batch size]
\tdelquota [-n|-b|-N|-B] path
\tget [-s] [-w] path
\tgetAcl [-s] path
\tgetAllChildrenNumber path
\tgetEphemerals path
\thistory 
\tlistquota path
\tls [-s] [-w] [-R] path
\tprintwatches on|off
\tquit 
\treconfig [-s] [-v version] [[-file path] | [-members serverID=host:port1:port2;port3[,...]*]] | [-add serverId=host:port1:port2;port3[,...]]* [-remove serverId[,...]*]
\tredo cmdno
\tremovewatches path [-c|-d|-a] [-l]
\tset [-s] [-v version] path data
\tsetAcl [-s] [-v version] [-R] path acl
\tsetquota -n|-b|-N|-B val path
\tstat [-w] path
\tsync path
\tversion 
\twhoami 
";

/// `Integer.decode`: decimal, `0x`/`#` hex, leading-zero octal, optional sign.
fn java_decode(s: &str) -> Option<i32> {
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (radix, digits) =
        if let Some(h) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
            (16, h)
        } else if let Some(h) = body.strip_prefix('#') {
            (16, h)
        } else if body.len() > 1 && body.starts_with('0') {
            (8, &body[1..])
        } else {
            (10, body)
        };
    if digits.is_empty() || digits.starts_with(['+', '-']) {
        return None;
    }
    let v = i64::from_str_radix(digits, radix).ok()?;
    let v = if neg { -v } else { v };
    i32::try_from(v).ok()
}

impl Shell {
    /// A shell for `host` (the `-server` argument), not yet connected.
    pub fn new(host: &str) -> Shell {
        Shell {
            host: host.to_string(),
            history: VecMap::new(),
            command_count: 0,
            print_watches: true,
            cmd_args: Vec::new(),
            exited: false,
        }
    }

    /// Start like `zkCli.sh -server host` with commands on stdin: the banner, the
    /// connection, and the connection event.
    pub fn start(&mut self, api: &mut dyn ZkClientApi) -> String {
        let mut io = Io {
            out: String::new(),
            api,
            print_watches: self.print_watches,
        };
        io.println(&format!("Connecting to {}", self.host));
        io.api.connect(&self.host);
        io.println("Welcome to ZooKeeper!");
        io.println("JLine support is disabled");
        io.drain();
        io.out
    }

    /// Has zkCli exited (`quit`, or a crash)?
    pub fn exited(&self) -> bool {
        self.exited
    }

    /// The number the next command gets in the history.
    pub fn command_count(&self) -> i32 {
        self.command_count
    }

    /// Run one input line; returns everything zkCli prints for it (stdout and stderr
    /// in order, lines ending in `\n`; a few outputs end without one, as in Java).
    pub fn execute(&mut self, line: &str, api: &mut dyn ZkClientApi) -> String {
        let mut io = Io {
            out: String::new(),
            api,
            print_watches: self.print_watches,
        };
        if self.exited {
            return io.out;
        }
        io.drain();
        if line.is_empty() {
            return io.out;
        }
        let toks = tokenize(line);
        if !toks.is_empty() {
            self.cmd_args = toks;
        }
        if self.history.len() >= MAX_HISTORY {
            let first = self.history.keys().next().copied();
            if let Some(k) = first {
                self.history.remove(&k);
            }
        }
        self.history.insert(self.command_count, line.to_string());
        let args = self.cmd_args.clone();
        self.process_cmd(&args, &mut io);
        self.command_count += 1;
        if !self.exited {
            io.drain();
        }
        io.out
    }

    /// [`Shell::execute`], split into lines (a trailing newline ends the last line; a
    /// line Java printed without one is returned as it stands).
    pub fn execute_lines(&mut self, line: &str, api: &mut dyn ZkClientApi) -> Vec<String> {
        let out = self.execute(line, api);
        let mut v: Vec<String> = out.split('\n').map(String::from).collect();
        if out.ends_with('\n') {
            v.pop();
        }
        v
    }

    fn process_cmd(&mut self, args: &[String], io: &mut Io<'_>) {
        if let Err(f) = self.process_zk_cmd(args, io) {
            match f {
                Failure::Cli(m) => io.println(&m),
                Failure::Crash(m) => {
                    io.println(&format!("Exception in thread \"main\" {m}"));
                    self.exited = true;
                }
            }
        }
    }

    fn process_zk_cmd(&mut self, args: &[String], io: &mut Io<'_>) -> Result<(), Failure> {
        let Some(cmd) = args.first().cloned() else {
            io.print(USAGE);
            return Err(Failure::Cli("No command entered".into()));
        };
        if !COMMANDS.contains(&cmd.as_str()) {
            io.print(USAGE);
            return Err(Failure::Cli(format!(
                "Command not found: Command not found {cmd}"
            )));
        }
        match cmd.as_str() {
            "quit" => {
                io.api.close();
                io.drain();
                self.exited = true;
                return Ok(());
            }
            "redo" if args.len() >= 2 => {
                let Some(i) = java_decode(&args[1]) else {
                    return Err(Failure::Crash(format!(
                        "java.lang.NumberFormatException: For input string: \"{}\"",
                        args[1]
                    )));
                };
                if self.command_count <= i || i < 0 {
                    return Err(Failure::Cli("Command index out of range".into()));
                }
                let line = self.history.get(&i).cloned().unwrap_or_default();
                let toks = tokenize(&line);
                if !toks.is_empty() {
                    self.cmd_args = toks;
                }
                if self.cmd_args.first().map(String::as_str) == Some("redo") {
                    return Err(Failure::Cli("No redoing redos".into()));
                }
                self.history.insert(self.command_count, line);
                let again = self.cmd_args.clone();
                self.process_cmd(&again, io);
                if self.exited {
                    return Ok(());
                }
            }
            "history" => {
                for i in (self.command_count - 10)..=self.command_count {
                    if i < 0 {
                        continue;
                    }
                    let h = self.history.get(&i).map_or("null", String::as_str);
                    io.println(&format!("{i} - {h}"));
                }
            }
            "printwatches" => {
                if args.len() == 1 {
                    io.println(&format!(
                        "printwatches is {}",
                        if self.print_watches { "on" } else { "off" }
                    ));
                } else {
                    self.print_watches = args[1] == "on";
                    io.print_watches = self.print_watches;
                }
            }
            "connect" => {
                if args.len() >= 2 {
                    self.host = args[1].clone();
                }
                io.api.connect(&self.host);
                io.drain();
            }
            _ => {}
        }
        if !io.api.state().is_alive() {
            io.println("Not connected");
            return Ok(());
        }
        commands::run(&cmd, args, io)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::zookeeper::replication::standalone::StandaloneServer;
    use proptest::prelude::*;

    fn run(lines: &[&str]) -> String {
        let mut server = StandaloneServer::default();
        let mut shell = Shell::new("127.0.0.1:2181");
        let mut out = shell.start(&mut server);
        for l in lines {
            out.push_str(&shell.execute(l, &mut server));
        }
        out
    }

    #[test]
    fn a_small_session() {
        let out = run(&["create /a x", "get -s /a", "ls /", "quit", "ls /"]);
        assert!(out.contains("Created /a\nx\ncZxid = 0x2\n"));
        assert!(out.contains("[a, zookeeper]\n"));
        assert!(out.ends_with("WatchedEvent state:Closed type:None path:null\n"));
    }

    #[test]
    fn uncaught_java_exceptions_end_the_shell() {
        let out = run(&["set -v x /a b", "ls /"]);
        assert!(out.contains("Exception in thread \"main\" java.lang.NumberFormatException"));
        assert!(!out.contains("[zookeeper]"));
    }

    #[test]
    fn execute_lines_splits() {
        let mut server = StandaloneServer::default();
        let mut shell = Shell::new("h");
        shell.start(&mut server);
        assert_eq!(
            shell.execute_lines("ls /zookeeper", &mut server),
            vec!["[config, quota]".to_string()]
        );
    }

    fn word() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "ls",
                "create",
                "get",
                "set",
                "delete",
                "deleteall",
                "stat",
                "getAcl",
                "setAcl",
                "addauth",
                "sync",
                "addWatch",
                "removewatches",
                "getEphemerals",
                "getAllChildrenNumber",
                "close",
                "connect",
                "history",
                "redo",
                "printwatches",
                "setquota",
                "listquota",
                "delquota",
                "reconfig",
                "config",
                "whoami",
                "version",
                "-s",
                "-w",
                "-R",
                "-e",
                "-c",
                "-t",
                "-v",
                "-b",
                "-m",
                "-n",
                "-N",
                "-a",
                "-d",
                "-l",
                "-?",
                "--",
                "/",
                "/a",
                "/a/b",
                "/zookeeper",
                "0",
                "-1",
                "1000",
                "world:anyone:cdrwa",
                "digest",
                "ip",
                "auth::rw",
                "PERSISTENT",
                "\"",
                "'",
                "\"x y\"",
                "",
            ])
            .prop_map(String::from),
            "[ -~]{0,6}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn arbitrary_input_never_panics(
            lines in prop::collection::vec(prop::collection::vec(word(), 0..5), 1..25)
        ) {
            let mut server = StandaloneServer::default();
            let mut shell = Shell::new("h");
            shell.start(&mut server);
            for words in lines {
                let line = words.join(" ");
                let _ = shell.execute(&line, &mut server);
                if shell.exited() {
                    break;
                }
            }
            prop_assert!(server.tree().get("/").is_some());
        }
    }
}
