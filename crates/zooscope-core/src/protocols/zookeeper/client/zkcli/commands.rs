//! The zkCli commands (`cli/*Command.java` in 3.8.0): option specs, usage strings,
//! argument checks, the client calls and the output.

use super::format::format_stat;
use super::options::{flag, parse, parse_grouped, with_arg, Group, Parsed, Spec};
use super::shell::{Failure, Io};
use crate::protocols::zookeeper::client::library::ClientError;
use crate::protocols::zookeeper::data::acl::{self, java_parse_int, perm_string, Acl};
use crate::protocols::zookeeper::data::error::ZkError;
use crate::protocols::zookeeper::data::path::{self, java_cmp, validate_path};
use crate::protocols::zookeeper::data::quota::{self, StatsTrack};
use crate::protocols::zookeeper::data::request::{
    AddWatchMode, CreateMode, Op, WatcherType, ZkRequest, ZkResponse,
};
use crate::protocols::zookeeper::data::stat::MAX_TTL_MS;

type R = Result<(), Failure>;

fn cli(m: impl Into<String>) -> Failure {
    Failure::Cli(m.into())
}

/// `CliWrapperException` / `MalformedPathException` for a failed call on `path`.
fn wrap(e: ClientError, path: Option<&str>) -> Failure {
    match e {
        ClientError::IllegalArgument(m) => cli(m),
        ClientError::Keeper(k) => cli(k.cli_message(path)),
    }
}

fn parsed(specs: &[Spec], args: &[String]) -> Result<Parsed, Failure> {
    parse(specs, args).map_err(cli)
}

fn java_parse_long(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i64>().ok()
}

/// `Integer.parseInt` on a `-v` value; a bad number kills zkCli (uncaught in Java).
fn version_of(p: &Parsed) -> Result<i32, Failure> {
    match p.value("v") {
        None => Ok(-1),
        Some(v) => java_parse_int(v).ok_or_else(|| {
            Failure::Crash(format!(
                "java.lang.NumberFormatException: For input string: \"{v}\""
            ))
        }),
    }
}

/// Java's `String.sort` order, then `[a, b, c]`.
fn bracket_list(items: &[String]) -> String {
    format!("[{}]", items.join(", "))
}

/// `AclParser.parse`: comma-separated `scheme:id:perm`; complaints go to stderr.
fn parse_acl(io: &mut Io<'_>, s: &str) -> Vec<Acl> {
    let mut out = Vec::new();
    for a in s.split(',') {
        let (Some(first), Some(last)) = (a.find(':'), a.rfind(':')) else {
            io.println(&format!("{a} does not have the form scheme:id:perm"));
            continue;
        };
        if first == last {
            io.println(&format!("{a} does not have the form scheme:id:perm"));
            continue;
        }
        let mut perms = 0;
        for c in a[last + 1..].chars() {
            match c {
                'r' => perms |= acl::READ,
                'w' => perms |= acl::WRITE,
                'c' => perms |= acl::CREATE,
                'd' => perms |= acl::DELETE,
                'a' => perms |= acl::ADMIN,
                other => io.println(&format!("Unknown perm type: {other}")),
            }
        }
        out.push(Acl::new(perms, &a[..first], &a[first + 1..last]));
    }
    out
}

/// Run `cmd` (already known to be a zkCli command) with the whole token list.
pub(crate) fn run(cmd: &str, args: &[String], io: &mut Io<'_>) -> R {
    match cmd {
        "ls" => ls(args, io),
        "create" => create(args, io),
        "get" => get(args, io),
        "set" => set(args, io),
        "delete" => delete(args, io),
        "deleteall" => deleteall(args, io),
        "stat" => stat(args, io),
        "getAcl" => get_acl(args, io),
        "setAcl" => set_acl(args, io),
        "addauth" => addauth(args, io),
        "sync" => sync(args, io),
        "addWatch" => add_watch(args, io),
        "removewatches" => remove_watches(args, io),
        "getEphemerals" => get_ephemerals(args, io),
        "getAllChildrenNumber" => get_all_children_number(args, io),
        "close" => {
            io.api.close();
            io.drain();
            Ok(())
        }
        "version" => {
            let p = parsed(&[], args)?;
            if p.args.len() > 1 {
                return Err(cli("version "));
            }
            io.println("ZooKeeper CLI version: 3.8.0-zooscope, built on 2022-02-25 16:00 UTC");
            Ok(())
        }
        "whoami" => whoami(io),
        "config" => config(args, io),
        "setquota" => setquota(args, io),
        "listquota" => listquota(args, io),
        "delquota" => delquota(args, io),
        "reconfig" => reconfig(args, io),
        _ => Ok(()),
    }
}

const LS_USAGE: &str = "ls [-s] [-w] [-R] path";

/// The `get path watch` / `stat path watch` / `ls path watch` compatibility rewrite:
/// the third *token* becomes `-w`, then everything is parsed again.
fn retain_compat(
    specs: &[Spec],
    args: &[String],
    p: Parsed,
    io: &mut Io<'_>,
    msg: &str,
    rewrite: bool,
) -> Result<Parsed, Failure> {
    if p.args.len() <= 2 {
        return Ok(p);
    }
    let mut toks = args.to_vec();
    if rewrite && toks.len() > 2 {
        toks[2] = "-w".into();
    }
    io.println(msg);
    parsed(specs, &toks)
}

fn ls(args: &[String], io: &mut Io<'_>) -> R {
    let specs = [flag("?"), flag("s"), flag("w"), flag("R")];
    let p = parsed(&specs, args)?;
    if p.has("?") {
        io.print("usage: ls [options] path\n -?   help\n -R   recurse\n -s   stat\n -w   watch\n");
    }
    let p = retain_compat(
        &specs,
        args,
        p,
        io,
        "'ls path [watch]' has been deprecated. Please use 'ls [-w] path' instead.",
        true,
    )?;
    if p.args.len() < 2 {
        return Err(cli(LS_USAGE));
    }
    let path = p.args[1].clone();
    let watch = p.has("w");
    if p.has("R") {
        validate_path(&path).map_err(cli)?;
        io.call(ZkRequest::GetData {
            path: path.clone(),
            watch,
        })
        .map_err(|e| wrap(e, Some(&path)))?;
        io.println(&path);
        return visit_children(&path, watch, io, &mut |io, child| {
            io.println(child);
            Ok(())
        });
    }
    let r = io
        .call(ZkRequest::GetChildren {
            path: path.clone(),
            watch,
            with_stat: true,
        })
        .map_err(|e| wrap(e, Some(&path)))?;
    if let ZkResponse::Children { mut children, stat } = r {
        crate::sorting::sort_strings_by(&mut children, java_cmp);
        io.println(&bracket_list(&children));
        if p.has("s") {
            if let Some(s) = stat {
                io.print(&format_stat(&s));
            }
        }
    }
    Ok(())
}

/// `ZKUtil.visitSubTreeDFSHelper`: list a node's sorted children (calling `cb` on each
/// full path), then recurse into each. A node that vanished is skipped.
fn visit_children(
    path: &str,
    watch: bool,
    io: &mut Io<'_>,
    cb: &mut dyn FnMut(&mut Io<'_>, &str) -> R,
) -> R {
    let r = io.call(ZkRequest::GetChildren {
        path: path.to_string(),
        watch,
        with_stat: true,
    });
    let mut children = match r {
        Ok(ZkResponse::Children { children, .. }) => children,
        Ok(_) => Vec::new(),
        Err(ClientError::Keeper(ZkError::NoNode)) => return Ok(()),
        Err(e) => return Err(wrap(e, Some(path))),
    };
    crate::sorting::sort_strings_by(&mut children, java_cmp);
    let full: Vec<String> = children.iter().map(|c| path::join(path, c)).collect();
    for f in &full {
        cb(io, f)?;
    }
    for f in &full {
        visit_children(f, watch, io, cb)?;
    }
    Ok(())
}

fn create(args: &[String], io: &mut Io<'_>) -> R {
    let specs = [flag("e"), flag("s"), flag("c"), with_arg("t")];
    let p = parsed(&specs, args)?;
    if p.args.len() < 2 {
        return Err(cli("create [-s] [-e] [-c] [-t ttl] path [data] [acl]"));
    }
    let (e, s, c, t) = (p.has("e"), p.has("s"), p.has("c"), p.has("t"));
    if c && (e || s) {
        return Err(cli(
            "-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.",
        ));
    }
    let ttl = if t {
        p.value("t")
            .and_then(java_parse_long)
            .ok_or_else(|| cli("-t argument must be a long value"))?
    } else {
        0
    };
    if t && e {
        return Err(cli("TTLs cannot be used with Ephemeral znodes"));
    }
    if t && c {
        return Err(cli("TTLs cannot be used with Container znodes"));
    }
    let mode = match (e, s, c, t) {
        (true, true, _, _) => CreateMode::EphemeralSequential,
        (true, false, _, _) => CreateMode::Ephemeral,
        (false, true, _, true) => CreateMode::PersistentSequentialWithTtl,
        (false, true, _, false) => CreateMode::PersistentSequential,
        (false, false, true, _) => CreateMode::Container,
        (false, false, false, true) => CreateMode::PersistentWithTtl,
        (false, false, false, false) => CreateMode::Persistent,
    };
    if t && (ttl > MAX_TTL_MS || ttl <= 0) {
        return Err(cli(format!(
            "ttl must be positive and cannot be larger than: {MAX_TTL_MS}"
        )));
    }
    let path = p.args[1].clone();
    let data = p.args.get(2).map(|d| d.as_bytes().to_vec());
    let acl = match p.args.get(3) {
        Some(a) => parse_acl(io, a),
        None => acl::open_acl_unsafe(),
    };
    let req = ZkRequest::Create {
        path: path.clone(),
        data,
        acl,
        mode,
        ttl: if t { ttl } else { -1 },
    };
    match io.call(req) {
        Ok(ZkResponse::Created { path: actual, .. }) => {
            io.println(&format!("Created {actual}"));
            Ok(())
        }
        Ok(_) => Ok(()),
        Err(ClientError::Keeper(ZkError::InvalidAcl)) => {
            // The Java client's own empty-ACL check has no path; the server's does.
            let server_side = !matches!(&p.args.get(3), Some(a) if parse_acl_quiet(a).is_empty());
            let pth = server_side.then_some(path.as_str());
            io.println(&ZkError::InvalidAcl.keeper_message(pth));
            Err(cli(ZkError::InvalidAcl.cli_message(pth)))
        }
        Err(e) => Err(wrap(e, Some(&path))),
    }
}

fn parse_acl_quiet(s: &str) -> Vec<()> {
    s.split(',')
        .filter(|a| matches!((a.find(':'), a.rfind(':')), (Some(f), Some(l)) if f != l))
        .map(|_| ())
        .collect()
}

fn get(args: &[String], io: &mut Io<'_>) -> R {
    let specs = [flag("s"), flag("w")];
    let p = parsed(&specs, args)?;
    if p.args.len() < 2 {
        return Err(cli("get [-s] [-w] path"));
    }
    let p = retain_compat(
        &specs,
        args,
        p,
        io,
        "'get path [watch]' has been deprecated. Please use 'get [-s] [-w] path' instead.",
        true,
    )?;
    let path = p.args.get(1).cloned().unwrap_or_default();
    let r = io
        .call(ZkRequest::GetData {
            path: path.clone(),
            watch: p.has("w"),
        })
        .map_err(|e| wrap(e, Some(&path)))?;
    if let ZkResponse::Data { data, stat } = r {
        match data {
            Some(d) => io.println(&String::from_utf8_lossy(&d)),
            None => io.println("null"),
        }
        if p.has("s") {
            io.print(&format_stat(&stat));
        }
    }
    Ok(())
}

fn set(args: &[String], io: &mut Io<'_>) -> R {
    let p = parsed(&[flag("s"), with_arg("v")], args)?;
    if p.args.len() < 3 {
        return Err(cli("set [-s] [-v version] path data"));
    }
    let path = p.args[1].clone();
    let version = version_of(&p)?;
    let r = io
        .call(ZkRequest::SetData {
            path: path.clone(),
            data: Some(p.args[2].as_bytes().to_vec()),
            version,
        })
        .map_err(|e| wrap(e, Some(&path)))?;
    if let (true, ZkResponse::Stat(s)) = (p.has("s"), r) {
        io.print(&format_stat(&s));
    }
    Ok(())
}

fn delete(args: &[String], io: &mut Io<'_>) -> R {
    let specs = [with_arg("v")];
    let p = parsed(&specs, args)?;
    if p.args.len() < 2 {
        return Err(cli("delete [-v version] path"));
    }
    let p = retain_compat(
        &specs,
        args,
        p,
        io,
        "'delete path [version]' has been deprecated. Please use 'delete [-v version] path' instead.",
        false,
    )?;
    let path = p.args[1].clone();
    let version = version_of(&p)?;
    io.call(ZkRequest::Delete {
        path: path.clone(),
        version,
    })
    .map_err(|e| wrap(e, Some(&path)))?;
    Ok(())
}

fn deleteall(args: &[String], io: &mut Io<'_>) -> R {
    let p = parsed(&[with_arg("b")], args)?;
    if p.args.len() < 2 {
        return Err(cli("deleteall path [-b batch size]"));
    }
    let batch = match p.value("b") {
        Some(b) => java_parse_int(b).ok_or_else(|| cli("-b argument must be an int value"))?,
        None => 1000,
    };
    let root = p.args[1].clone();
    validate_path(&root).map_err(cli)?;
    // ZKUtil.listSubTreeBFS, in the server's child order.
    let mut tree = vec![root.clone()];
    let mut i = 0;
    while i < tree.len() {
        let node = tree[i].clone();
        let r = io
            .call(ZkRequest::GetChildren {
                path: node.clone(),
                watch: false,
                with_stat: false,
            })
            .map_err(|e| wrap(e, Some(&node)))?;
        if let ZkResponse::Children { children, .. } = r {
            for c in children {
                tree.push(path::join(&node, &c));
            }
        }
        i += 1;
    }
    // ZKUtil.deleteInBatch: leaves first, `batch` deletes per multi, stop after a failure.
    let mut ok = true;
    let mut ops = Vec::new();
    for j in (0..tree.len()).rev() {
        ops.push(Op::Delete {
            path: tree[j].clone(),
            version: -1,
        });
        if ops.len() as i64 == i64::from(batch) || j == 0 {
            if !ok {
                break;
            }
            let r = io.call(ZkRequest::Multi {
                ops: std::mem::take(&mut ops),
            });
            match r {
                Ok(resp) if resp.error().is_none() => {}
                _ => ok = false,
            }
        }
    }
    if !ok {
        io.println("Failed to delete some node(s) in the subtree!");
    }
    Ok(())
}

fn stat(args: &[String], io: &mut Io<'_>) -> R {
    let specs = [flag("w")];
    let p = parsed(&specs, args)?;
    if p.args.len() < 2 {
        return Err(cli("stat [-w] path"));
    }
    let p = retain_compat(
        &specs,
        args,
        p,
        io,
        "'stat path [watch]' has been deprecated. Please use 'stat [-w] path' instead.",
        true,
    )?;
    let path = p.args.get(1).cloned().unwrap_or_default();
    match io.call(ZkRequest::Exists {
        path: path.clone(),
        watch: p.has("w"),
    }) {
        Ok(ZkResponse::Stat(s)) => {
            io.print(&format_stat(&s));
            Ok(())
        }
        Ok(_) => Ok(()),
        Err(e) => Err(wrap(e, Some(&path))),
    }
}

fn get_acl(args: &[String], io: &mut Io<'_>) -> R {
    let p = parsed(&[flag("s")], args)?;
    if p.args.len() < 2 {
        return Err(cli("getAcl [-s] path"));
    }
    let path = p.args[1].clone();
    let r = io
        .call(ZkRequest::GetAcl { path: path.clone() })
        .map_err(|e| wrap(e, Some(&path)))?;
    if let ZkResponse::Acl { acl, stat } = r {
        for a in &acl {
            io.println(&format!("{}: {}", a.id, perm_string(a.perms)));
        }
        if p.has("s") {
            io.print(&format_stat(&stat));
        }
    }
    Ok(())
}

fn set_acl(args: &[String], io: &mut Io<'_>) -> R {
    let p = parsed(&[flag("s"), with_arg("v"), flag("R")], args)?;
    if p.args.len() < 3 {
        return Err(cli("setAcl [-s] [-v version] [-R] path acl"));
    }
    let path = p.args[1].clone();
    let acl = parse_acl(io, &p.args[2]);
    let version = version_of(&p)?;
    let empty_acl = acl.is_empty();
    if p.has("R") {
        validate_path(&path).map_err(cli)?;
        io.call(ZkRequest::GetData {
            path: path.clone(),
            watch: false,
        })
        .map_err(|e| wrap(e, Some(&path)))?;
        let mut apply = |io: &mut Io<'_>, node: &str| -> R {
            let r = io.call(ZkRequest::SetAcl {
                path: node.to_string(),
                acl: acl.clone(),
                version,
            });
            match r {
                Err(ClientError::Keeper(k)) => {
                    let pth = (!empty_acl).then_some(node);
                    io.print(&k.keeper_message(pth));
                    Ok(())
                }
                Err(ClientError::IllegalArgument(m)) => Err(cli(m)),
                Ok(_) => Ok(()),
            }
        };
        apply(io, &path)?;
        return visit_children(&path, false, io, &mut apply);
    }
    match io.call(ZkRequest::SetAcl {
        path: path.clone(),
        acl,
        version,
    }) {
        Ok(ZkResponse::Stat(s)) => {
            if p.has("s") {
                io.print(&format_stat(&s));
            }
            Ok(())
        }
        Ok(_) => Ok(()),
        Err(ClientError::Keeper(ZkError::InvalidAcl)) if empty_acl => {
            Err(cli(ZkError::InvalidAcl.cli_message(None)))
        }
        Err(e) => Err(wrap(e, Some(&path))),
    }
}

fn addauth(args: &[String], io: &mut Io<'_>) -> R {
    let p = parsed(&[], args)?;
    if p.args.len() < 2 {
        return Err(cli("addauth scheme auth"));
    }
    let auth = p.args.get(2).map(|a| a.as_bytes().to_vec());
    let _ = io.call(ZkRequest::AddAuth {
        scheme: p.args[1].clone(),
        auth,
    });
    Ok(())
}

fn sync(args: &[String], io: &mut Io<'_>) -> R {
    let p = parsed(&[], args)?;
    if p.args.len() < 2 {
        return Err(cli("sync path"));
    }
    let path = p.args[1].clone();
    validate_path(&path).map_err(cli)?;
    match io.call(ZkRequest::Sync { path }) {
        Ok(_) => io.println("Sync is OK"),
        Err(ClientError::Keeper(k)) => io.println(&format!("Sync has failed. rc={}", k.code())),
        Err(ClientError::IllegalArgument(m)) => return Err(cli(m)),
    }
    Ok(())
}

const ADD_WATCH_USAGE: &str = "addWatch [-m mode] path # optional mode is one of [PERSISTENT, PERSISTENT_RECURSIVE] - default is PERSISTENT_RECURSIVE";

/// `s.toUpperCase()` when the result is pure ASCII, else `None`: all a comparison with
/// an ASCII keyword needs. Besides ASCII letters only ß, ı, ſ and the Latin ligatures
/// U+FB00..U+FB06 have ASCII capitals; this table spares the bundle the whole Unicode
/// upper-case table that `str::to_uppercase` links in.
fn upper_if_ascii(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            _ if c.is_ascii() => out.push(c.to_ascii_uppercase()),
            '\u{df}' => out.push_str("SS"),
            '\u{131}' => out.push('I'),
            '\u{17f}' => out.push('S'),
            '\u{fb00}' => out.push_str("FF"),
            '\u{fb01}' => out.push_str("FI"),
            '\u{fb02}' => out.push_str("FL"),
            '\u{fb03}' => out.push_str("FFI"),
            '\u{fb04}' => out.push_str("FFL"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("ST"),
            _ => return None,
        }
    }
    Some(out)
}

fn add_watch(args: &[String], io: &mut Io<'_>) -> R {
    let p = parsed(&[with_arg("m")], args)?;
    if p.args.len() != 2 {
        return Err(cli(ADD_WATCH_USAGE));
    }
    let mode = match p.value("m") {
        None => AddWatchMode::PersistentRecursive,
        Some(m) => match upper_if_ascii(m).as_deref() {
            Some("PERSISTENT") => AddWatchMode::Persistent,
            Some("PERSISTENT_RECURSIVE") => AddWatchMode::PersistentRecursive,
            _ => return Err(cli(ADD_WATCH_USAGE)),
        },
    };
    let path = p.args[1].clone();
    if let Err(m) = validate_path(&path) {
        // Not caught by AddWatchCommand: zkCli dies.
        return Err(Failure::Crash(format!(
            "java.lang.IllegalArgumentException: {m}"
        )));
    }
    io.call(ZkRequest::AddWatch {
        path: path.clone(),
        mode,
    })
    .map_err(|e| wrap(e, Some(&path)))?;
    Ok(())
}

fn remove_watches(args: &[String], io: &mut Io<'_>) -> R {
    let p = parsed(&[flag("c"), flag("d"), flag("a"), flag("l")], args)?;
    if p.args.len() < 2 {
        return Err(cli("removewatches path [-c|-d|-a] [-l]"));
    }
    let ty = if p.has("c") {
        WatcherType::Children
    } else if p.has("d") {
        WatcherType::Data
    } else {
        WatcherType::Any
    };
    let path = p.args[1].clone();
    io.call(ZkRequest::RemoveWatches {
        path: path.clone(),
        watcher_type: ty,
        local: p.has("l"),
    })
    .map_err(|e| wrap(e, Some(&path)))?;
    Ok(())
}

fn get_ephemerals(args: &[String], io: &mut Io<'_>) -> R {
    let p = parsed(&[], args)?;
    let prefix = p.args.get(1).cloned().unwrap_or_else(|| "/".into());
    let r = io
        .call(ZkRequest::GetEphemerals { prefix })
        .map_err(|e| wrap(e, None))?;
    if let ZkResponse::Paths(v) = r {
        io.println(&bracket_list(&v));
    }
    Ok(())
}

fn get_all_children_number(args: &[String], io: &mut Io<'_>) -> R {
    let p = parsed(&[], args)?;
    if p.args.len() < 2 {
        return Err(cli("getAllChildrenNumber path"));
    }
    let path = p.args[1].clone();
    let r = io
        .call(ZkRequest::GetAllChildrenNumber { path: path.clone() })
        .map_err(|e| wrap(e, Some(&path)))?;
    if let ZkResponse::Count(n) = r {
        io.println(&n.to_string());
    }
    Ok(())
}

fn whoami(io: &mut Io<'_>) -> R {
    let r = io.call(ZkRequest::WhoAmI).map_err(|e| wrap(e, None))?;
    io.println("Auth scheme: User");
    if let ZkResponse::WhoAmI(ids) = r {
        for (scheme, user) in ids {
            io.println(&format!("{scheme}: {user}"));
        }
    }
    Ok(())
}

fn config(args: &[String], io: &mut Io<'_>) -> R {
    let p = parsed(&[flag("s"), flag("w"), flag("c")], args)?;
    let r = io
        .call(ZkRequest::GetConfig { watch: p.has("w") })
        .map_err(|e| wrap(e, None))?;
    if let ZkResponse::Data { data, stat } = r {
        let text = data.map_or_else(
            || "null".to_string(),
            |d| String::from_utf8_lossy(&d).into_owned(),
        );
        if p.has("c") {
            // ConfigUtils.getClientConfigStr: "<version> <client addresses>"; a
            // standalone server has neither.
            io.println(" ");
        } else {
            io.println(&text);
        }
        if p.has("s") {
            io.print(&format_stat(&stat));
        }
    }
    Ok(())
}

const SET_QUOTA_GROUP: Group = Group {
    members: &[
        ("n", "num soft quota"),
        ("b", "bytes soft quota"),
        ("N", "num hard quota"),
        ("B", "bytes hard quota"),
    ],
    required: true,
};

/// Read a node's data as text, `Ok(None)` when it does not exist.
fn data_of(io: &mut Io<'_>, p: &str) -> Result<Option<String>, ClientError> {
    match io.call(ZkRequest::GetData {
        path: p.to_string(),
        watch: false,
    }) {
        Ok(ZkResponse::Data { data, .. }) => Ok(Some(
            data.map(|d| String::from_utf8_lossy(&d).into_owned())
                .unwrap_or_default(),
        )),
        Ok(_) => Ok(None),
        Err(ClientError::Keeper(ZkError::NoNode)) => Ok(None),
        Err(e) => Err(e),
    }
}

fn exists(io: &mut Io<'_>, p: &str) -> Result<bool, ClientError> {
    match io.call(ZkRequest::Exists {
        path: p.to_string(),
        watch: false,
    }) {
        Ok(_) => Ok(true),
        Err(ClientError::Keeper(ZkError::NoNode)) => Ok(false),
        Err(e) => Err(e),
    }
}

fn children_of(io: &mut Io<'_>, p: &str) -> Result<Vec<String>, ClientError> {
    match io.call(ZkRequest::GetChildren {
        path: p.to_string(),
        watch: false,
        with_stat: false,
    })? {
        ZkResponse::Children { children, .. } => Ok(children),
        _ => Ok(Vec::new()),
    }
}

fn create_plain(io: &mut Io<'_>, p: &str, data: Option<Vec<u8>>) -> Result<(), ClientError> {
    io.call(ZkRequest::Create {
        path: p.to_string(),
        data,
        acl: acl::open_acl_unsafe(),
        mode: CreateMode::Persistent,
        ttl: -1,
    })
    .map(|_| ())
}

/// Java's `String.split("/")` (trailing empty strings dropped).
fn java_split_slash(p: &str) -> Vec<&str> {
    let mut v: Vec<&str> = p.split('/').collect();
    while v.len() > 1 && v.last() == Some(&"") {
        v.pop();
    }
    v
}

fn setquota(args: &[String], io: &mut Io<'_>) -> R {
    let specs = [with_arg("n"), with_arg("b"), with_arg("N"), with_arg("B")];
    let p = parse_grouped(&specs, Some(SET_QUOTA_GROUP), args).map_err(cli)?;
    if p.args.len() < 2 {
        return Err(cli("setquota -n|-b|-N|-B val path"));
    }
    let path = p.args[1].clone();
    if path.starts_with(quota::QUOTA_ROOT) {
        io.println(&format!(
            "cannot set a quota under the path: {}",
            quota::QUOTA_ROOT
        ));
        return Ok(());
    }
    let mut q = StatsTrack::default();
    for k in ["count", "bytes", "countHardLimit", "byteHardLimit"] {
        q.set(k, -1);
    }
    for (opt, key, count) in [
        ("n", "count", true),
        ("b", "bytes", false),
        ("N", "countHardLimit", true),
        ("B", "byteHardLimit", false),
    ] {
        let Some(v) = p.value(opt) else { continue };
        let parsed = if count {
            java_parse_int(v).map(i64::from)
        } else {
            java_parse_long(v)
        };
        let Some(n) = parsed else {
            io.println("NumberFormatException happens when parsing the option value");
            return Ok(());
        };
        if count && n <= 0 {
            io.println("the num quota must be greater than zero");
            return Ok(());
        }
        if !count && n < 0 {
            io.println("the bytes quota must be greater than or equal to zero");
            return Ok(());
        }
        q.set(key, n);
    }
    create_quota(io, &path, &q).map_err(|e| match e {
        QuotaErr::Client(e) => wrap(e, Some(&path)),
        QuotaErr::Arg(m) => cli(m),
    })
}

enum QuotaErr {
    Client(ClientError),
    Arg(String),
}

impl From<ClientError> for QuotaErr {
    fn from(e: ClientError) -> Self {
        match e {
            ClientError::IllegalArgument(m) => QuotaErr::Arg(m),
            other => QuotaErr::Client(other),
        }
    }
}

/// `SetQuotaCommand.createQuota`.
fn create_quota(io: &mut Io<'_>, path: &str, q: &StatsTrack) -> Result<(), QuotaErr> {
    if !exists(io, path)? {
        return Err(QuotaErr::Arg(format!("{path} does not exist.")));
    }
    // checkIfChildQuota: no quota may exist below the path.
    let real = quota::quota_path(path);
    validate_path(&real).map_err(QuotaErr::Arg)?;
    if exists(io, &real)? {
        let mut stack = vec![real.clone()];
        let mut visit: Vec<String> = Vec::new();
        while let Some(n) = stack.pop() {
            visit.push(n.clone());
            let mut kids = match children_of(io, &n) {
                Ok(k) => k,
                Err(ClientError::Keeper(ZkError::NoNode)) => continue,
                Err(e) => return Err(e.into()),
            };
            crate::sorting::sort_strings_by(&mut kids, java_cmp);
            for k in kids.iter().rev() {
                stack.push(path::join(&n, k));
            }
        }
        for n in visit {
            let kids = match children_of(io, &n) {
                Ok(k) => k,
                Err(ClientError::Keeper(ZkError::NoNode)) => continue,
                Err(e) => return Err(e.into()),
            };
            if n != real && kids.iter().any(|k| k == quota::LIMIT_NODE) {
                return Err(QuotaErr::Arg(format!(
                    "{path} has a child {} which has a quota",
                    &n[quota::QUOTA_ROOT.len()..]
                )));
            }
        }
    }
    // checkIfParentQuota: nor above it.
    let parts = java_split_slash(path);
    let mut qp = quota::QUOTA_ROOT.to_string();
    for part in parts.iter().take(parts.len().saturating_sub(1)).skip(1) {
        qp = format!("{qp}/{part}");
        let kids = match children_of(io, &qp) {
            Ok(k) => k,
            Err(ClientError::Keeper(ZkError::NoNode)) => break,
            Err(e) => return Err(e.into()),
        };
        if kids.is_empty() {
            break;
        }
        if qp != real && kids.iter().any(|k| k == quota::LIMIT_NODE) {
            return Err(QuotaErr::Arg(format!(
                "{path} has a parent {} which has a quota",
                &qp[quota::QUOTA_ROOT.len()..]
            )));
        }
    }
    let mut qp = quota::QUOTA_ROOT.to_string();
    for part in parts.iter().skip(1) {
        qp = format!("{qp}/{part}");
        if !exists(io, &qp)? {
            match create_plain(io, &qp, None) {
                Ok(()) | Err(ClientError::Keeper(ZkError::NodeExists)) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    let stat_path = format!("{qp}/{}", quota::STAT_NODE);
    let limit_path = format!("{qp}/{}", quota::LIMIT_NODE);
    if !exists(io, &limit_path)? {
        create_plain(io, &limit_path, Some(q.to_string().into_bytes()))?;
        let mut zero = StatsTrack::default();
        zero.set("count", 0);
        zero.set("bytes", 0);
        create_plain(io, &stat_path, Some(zero.to_string().into_bytes()))?;
        let limits = StatsTrack::parse(&data_of(io, &limit_path)?.unwrap_or_default());
        let stats = StatsTrack::parse(&data_of(io, &stat_path)?.unwrap_or_default());
        quota_warnings(io, &limits, &stats);
    } else {
        let mut limits = StatsTrack::parse(&data_of(io, &limit_path)?.unwrap_or_default());
        for k in ["count", "bytes", "countHardLimit", "byteHardLimit"] {
            if q.get(k) > -1 {
                limits.set(k, q.get(k));
            }
        }
        let stats = StatsTrack::parse(&data_of(io, &stat_path)?.unwrap_or_default());
        quota_warnings(io, &limits, &stats);
        io.call(ZkRequest::SetData {
            path: limit_path,
            data: Some(limits.to_string().into_bytes()),
            version: -1,
        })?;
    }
    Ok(())
}

/// `SetQuotaCommand.checkQuota`: warn when a new limit is already exceeded.
fn quota_warnings(io: &mut Io<'_>, limits: &StatsTrack, stats: &StatsTrack) {
    let over = |lim: i64, have: i64| lim > -1 && lim < have;
    if over(limits.get("count"), stats.get("count"))
        || over(limits.get("countHardLimit"), stats.get("count"))
    {
        io.println(&format!(
            "[Warning]: the count quota you create is less than the existing count:{}",
            stats.get("count")
        ));
    }
    if over(limits.get("bytes"), stats.get("bytes"))
        || over(limits.get("byteHardLimit"), stats.get("bytes"))
    {
        io.println(&format!(
            "[Warning]: the bytes quota you create is less than the existing bytes:{}",
            stats.get("bytes")
        ));
    }
}

fn listquota(args: &[String], io: &mut Io<'_>) -> R {
    let p = parsed(&[], args)?;
    if p.args.len() < 2 {
        return Err(cli("listquota path"));
    }
    let path = p.args[1].clone();
    io.println(&format!("absolute path is {}", quota::limit_path(&path)));
    let mut tracks = Vec::new();
    for p in [quota::limit_path(&path), quota::stat_path(&path)] {
        match io.call(ZkRequest::GetData {
            path: p,
            watch: false,
        }) {
            Ok(ZkResponse::Data { data, .. }) => tracks.push(StatsTrack::parse(
                &data
                    .map(|d| String::from_utf8_lossy(&d).into_owned())
                    .unwrap_or_default(),
            )),
            Ok(_) => tracks.push(StatsTrack::default()),
            Err(ClientError::Keeper(ZkError::NoNode)) => {
                io.println(&format!("quota for {path} does not exist."));
                return Ok(());
            }
            Err(e) => return Err(wrap(e, Some(&path))),
        }
    }
    io.println(&format!("Output quota for {path} {}", tracks[0]));
    io.println(&format!("Output stat for {path} {}", tracks[1]));
    Ok(())
}

const DEL_QUOTA_GROUP: Group = Group {
    members: &[
        ("n", "num soft quota"),
        ("b", "bytes soft quota"),
        ("N", "num hard quota"),
        ("B", "bytes hard quota"),
    ],
    required: false,
};

fn delquota(args: &[String], io: &mut Io<'_>) -> R {
    let specs = [flag("n"), flag("b"), flag("N"), flag("B")];
    let p = parse_grouped(&specs, Some(DEL_QUOTA_GROUP), args).map_err(cli)?;
    if p.args.len() < 2 {
        return Err(cli("delquota [-n|-b|-N|-B] path"));
    }
    let path = p.args[1].clone();
    let keys: Vec<&str> = [
        ("n", "count"),
        ("b", "bytes"),
        ("N", "countHardLimit"),
        ("B", "byteHardLimit"),
    ]
    .iter()
    .filter(|(c, _)| p.has(c))
    .map(|(_, k)| *k)
    .collect();
    match del_quota(io, &path, &keys) {
        Ok(()) => Ok(()),
        Err(ClientError::Keeper(ZkError::NoNode)) => {
            io.println(&format!("quota for {path} does not exist."));
            Ok(())
        }
        Err(e) => Err(wrap(e, Some(&path))),
    }
}

/// `DelQuotaCommand.delQuota` (no keys: remove the whole quota).
fn del_quota(io: &mut Io<'_>, path: &str, keys: &[&str]) -> Result<(), ClientError> {
    let parent = quota::quota_path(path);
    let limit_path = quota::limit_path(path);
    if !exists(io, &limit_path)? {
        io.println(&format!("Quota does not exist for {path}"));
        return Ok(());
    }
    let Some(text) = data_of(io, &limit_path)? else {
        return Err(ClientError::Keeper(ZkError::NoNode));
    };
    let mut limits = StatsTrack::parse(&text);
    if keys.is_empty() {
        for child in children_of(io, &parent)? {
            io.call(ZkRequest::Delete {
                path: format!("{parent}/{child}"),
                version: -1,
            })?;
        }
        // trimProcQuotas: remove now-empty quota directories upwards.
        let mut p = parent;
        while p != quota::QUOTA_ROOT {
            if !children_of(io, &p)?.is_empty() {
                break;
            }
            io.call(ZkRequest::Delete {
                path: p.clone(),
                version: -1,
            })?;
            p = p[..p.rfind('/').unwrap_or(0)].to_string();
        }
    } else {
        for k in keys {
            limits.set(k, -1);
        }
        io.call(ZkRequest::SetData {
            path: limit_path,
            data: Some(limits.to_string().into_bytes()),
            version: -1,
        })?;
    }
    Ok(())
}

const RECONFIG_USAGE: &str = "reconfig [-s] [-v version] [[-file path] | [-members serverID=host:port1:port2;port3[,...]*]] | [-add serverId=host:port1:port2;port3[,...]]* [-remove serverId[,...]*]";

/// `ReconfigCommand`. Servers here run with `reconfigEnabled=false` (the 3.8 default),
/// so a well-formed request always ends in "Reconfig is disabled" (after taking a
/// zxid, as on a real server).
fn reconfig(args: &[String], io: &mut Io<'_>) -> R {
    let specs = [
        flag("s"),
        with_arg("v"),
        with_arg("file"),
        with_arg("members"),
        with_arg("add"),
        with_arg("remove"),
    ];
    let p = parsed(&specs, args)?;
    let (file, members, add, remove) = (
        p.has("file"),
        p.has("members"),
        p.has("add"),
        p.has("remove"),
    );
    if !(file || members || add || remove) {
        return Err(cli(RECONFIG_USAGE));
    }
    let version = match p.value("v") {
        Some(v) => i64::from_str_radix(v.strip_prefix('+').unwrap_or(v), 16)
            .map_err(|_| cli("-v must be followed by a long (configuration version)"))?,
        None => -1,
    };
    if (file || members) && (add || remove) {
        return Err(cli(
            "Can't use -file or -members together with -add or -remove (mixing \
             incremental and non-incremental modes is not allowed)",
        ));
    }
    if file && members {
        return Err(cli(
            "Can't use -file and -members together (conflicting non-incremental modes)",
        ));
    }
    if let Some(f) = p.value("file") {
        // The simulator has no file system to read a dynamic config from.
        return Err(cli(format!(
            "Error processing {f}{f} (No such file or directory)"
        )));
    }
    // Java lower-cases these with `toLowerCase()`. Only ASCII is lowered here: full
    // Unicode lower-casing would link a table of ~8 KB gzipped into the web bundle, and
    // the arguments only travel inside a request every server here refuses
    // (reconfigEnabled=false), so no reply or output depends on the difference.
    let lower = |k: &str| p.value(k).map(str::to_ascii_lowercase);
    let r = io
        .call(ZkRequest::Reconfig {
            joining: lower("add"),
            leaving: lower("remove"),
            members: lower("members"),
            version,
        })
        .map_err(|e| wrap(e, None))?;
    if let ZkResponse::Data { data, stat } = r {
        let text = data
            .map(|d| String::from_utf8_lossy(&d).into_owned())
            .unwrap_or_default();
        io.println(&format!("Committed new configuration:\n{text}"));
        if p.has("s") {
            io.print(&format_stat(&stat));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::upper_if_ascii;

    #[test]
    fn upper_if_ascii_agrees_with_to_uppercase_on_every_char() {
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            let s = format!("a{c}_");
            let full = s.to_uppercase();
            let expected = full.is_ascii().then_some(full);
            assert_eq!(upper_if_ascii(&s), expected, "U+{:04X}", c as u32);
        }
    }
}
