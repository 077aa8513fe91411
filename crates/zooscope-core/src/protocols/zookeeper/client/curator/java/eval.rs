//! Evaluating a statement: values, the fluent builders, and what
//! `System.out.println(value)` prints.
//!
//! `client` is the client's CuratorFramework and `callback` the course's
//! `BackgroundCallback`. A builder chain collects its modifiers; `forPath` hands the
//! finished [`Call`] to the [`Runtime`], which runs it on the simulated framework (and
//! waits for it, unless it is in the background). Variables live on between statements
//! of the same client ([`Vars`]); a `Stat` is an object, so `storingStatIn(stat)` fills
//! the variable's Stat in place.

use super::parse::{parse, Expr, Stmt};
use super::Unsupported;
use crate::protocols::zookeeper::client::curator::exception::{stat_string, CuratorError};
use crate::protocols::zookeeper::client::curator::framework::{
    Call, Outcome, Owner, Parents, TxnOp,
};
use crate::protocols::zookeeper::data::acl::{open_acl_unsafe, read_acl_unsafe, Acl};
use crate::protocols::zookeeper::data::request::CreateMode;
use crate::protocols::zookeeper::data::stat::Stat;
use crate::vecmap::VecMap;

/// Most variables and Stat objects one client keeps.
pub const VARS_MAX: usize = 1_000;

/// What runs a statement's calls.
pub trait Runtime {
    /// Run `call` in namespace `ns` and wait for its outcome.
    fn run(&mut self, call: Call, ns: Option<String>) -> Result<Outcome, CuratorError>;
    /// Start `call` in the background; `owner` gets the outcome.
    fn background(&mut self, call: Call, ns: Option<String>, owner: Owner);
    /// The client's own namespace.
    fn namespace(&self) -> Option<String>;
    /// A fresh identity hash for `@` forms.
    fn identity_hash(&mut self) -> String;
}

/// A statement's failure: a thrown exception or an unsupported form.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Failure {
    /// Java threw this.
    Thrown(CuratorError),
    /// Outside the subset.
    Unsupported(Unsupported),
}

impl From<Unsupported> for Failure {
    fn from(u: Unsupported) -> Self {
        Failure::Unsupported(u)
    }
}

impl From<CuratorError> for Failure {
    fn from(e: CuratorError) -> Self {
        Failure::Thrown(e)
    }
}

fn unsupported<T>(what: impl Into<String>) -> Result<T, Failure> {
    Err(Failure::Unsupported(Unsupported(what.into())))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    Create,
    Delete,
    SetData,
    GetData,
    GetChildren,
    Exists,
    Check,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Create => "create()",
            Kind::Delete => "delete()",
            Kind::SetData => "setData()",
            Kind::GetData => "getData()",
            Kind::GetChildren => "getChildren()",
            Kind::Exists => "checkExists()",
            Kind::Check => "check()",
        }
    }
}

/// A builder chain in progress.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Builder {
    ns: Option<String>,
    kind: Kind,
    txn: bool,
    mode: CreateMode,
    parents: Parents,
    protected: bool,
    acl: Vec<Acl>,
    version: i32,
    children: bool,
    guaranteed: bool,
    stat_into: Option<usize>,
    watch: Option<Owner>,
    background: Option<Owner>,
}

/// A Java value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Value {
    /// No value (`void` / `Void`).
    Void,
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// An `int` / `long`.
    Int(i64),
    /// A `String`.
    Str(String),
    /// A `byte[]` and its identity hash.
    Bytes(Vec<u8>, String),
    /// A `Stat` object (index into [`Vars`]' stats).
    Stat(usize),
    /// A `List<String>`.
    List(Vec<String>),
    /// A transaction's `List<CuratorTransactionResult>` (identity hashes).
    TxnResults(Vec<String>),
    /// A CuratorFramework (or a `usingNamespace` facade).
    Client(Option<String>),
    /// A builder.
    Builder(Box<Builder>),
    /// `client.transaction()`.
    Transaction(Option<String>),
    /// `client.transactionOp()`.
    TxnOps(Option<String>),
    /// A finished transaction op.
    TxnOp(Box<TxnOp>, Option<String>),
    /// A `CreateMode`.
    Mode(CreateMode),
    /// An ACL list.
    Acl(Vec<Acl>),
    /// A watcher or the course's callback.
    Owner(Owner),
    /// A class name used for its static members.
    Class(String),
    /// `System.out`.
    Out,
}

/// One client's variables.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Vars {
    vars: VecMap<String, Value>,
    stats: Vec<Stat>,
}

impl Vars {
    fn new_stat(&mut self, s: Stat) -> Result<usize, Failure> {
        if self.stats.len() >= VARS_MAX {
            return unsupported(format!("more than {VARS_MAX} Stat objects"));
        }
        self.stats.push(s);
        Ok(self.stats.len() - 1)
    }
}

/// What one statement printed.
pub fn execute(src: &str, vars: &mut Vars, rt: &mut dyn Runtime) -> Vec<String> {
    let mut printed = Vec::new();
    let r = parse(src)
        .map_err(Failure::from)
        .and_then(|s| run(&s, src.contains(".inBackground("), vars, rt, &mut printed));
    match r {
        Ok(()) => {}
        Err(Failure::Thrown(e)) => printed.push(e.java_string()),
        Err(Failure::Unsupported(u)) => printed.push(u.to_string()),
    }
    printed
}

fn println(out: &mut Vec<String>, text: &str) {
    out.extend(text.split('\n').map(str::to_string));
}

fn run(
    s: &Stmt,
    background: bool,
    vars: &mut Vars,
    rt: &mut dyn Runtime,
    out: &mut Vec<String>,
) -> Result<(), Failure> {
    let mut ev = Eval { vars, rt, out };
    match s {
        Stmt::Decl { ty, name, init } => {
            let v = match init {
                Some(e) => ev.eval(e)?,
                None => Value::Null,
            };
            check_type(ty, &v)?;
            if name == "client" || name == "callback" {
                return unsupported(format!("redefining '{name}'"));
            }
            if ev.vars.vars.len() >= VARS_MAX && !ev.vars.vars.contains_key(name) {
                return unsupported(format!("more than {VARS_MAX} variables"));
            }
            ev.vars.vars.insert(name.clone(), v);
            Ok(())
        }
        Stmt::Expr(e) => {
            let v = ev.eval(e)?;
            if !background && v != Value::Void {
                let text = ev.show(&v);
                println(ev.out, &text);
            }
            Ok(())
        }
    }
}

fn check_type(ty: &str, v: &Value) -> Result<(), Failure> {
    let ok = match ty {
        "var" => true,
        "Stat" => matches!(v, Value::Stat(_) | Value::Null),
        "String" => matches!(v, Value::Str(_) | Value::Null),
        "byte[]" => matches!(v, Value::Bytes(..) | Value::Null),
        "int" | "long" | "Integer" | "Long" => matches!(v, Value::Int(_)),
        "boolean" | "Boolean" => matches!(v, Value::Bool(_)),
        "List<String>" | "java.util.List<String>" => matches!(v, Value::List(_) | Value::Null),
        "CreateMode" => matches!(v, Value::Mode(_)),
        other => return unsupported(format!("variables of type {other}")),
    };
    if ok {
        Ok(())
    } else {
        unsupported(format!(
            "this value in a variable of type {ty} (javac would refuse it)"
        ))
    }
}

struct Eval<'a> {
    vars: &'a mut Vars,
    rt: &'a mut dyn Runtime,
    out: &'a mut Vec<String>,
}

fn mode_named(n: &str) -> Option<CreateMode> {
    Some(match n {
        "PERSISTENT" => CreateMode::Persistent,
        "EPHEMERAL" => CreateMode::Ephemeral,
        "PERSISTENT_SEQUENTIAL" => CreateMode::PersistentSequential,
        "EPHEMERAL_SEQUENTIAL" => CreateMode::EphemeralSequential,
        "CONTAINER" => CreateMode::Container,
        _ => return None,
    })
}

impl Eval<'_> {
    fn show(&mut self, v: &Value) -> String {
        match v {
            Value::Void => String::new(),
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Str(s) => s.clone(),
            Value::Bytes(_, h) => format!("[B@{h}"),
            Value::Stat(i) => stat_string(&self.vars.stats.get(*i).copied().unwrap_or_default()),
            Value::List(l) => format!("[{}]", l.join(", ")),
            Value::TxnResults(hs) => format!(
                "[{}]",
                hs.iter()
                    .map(|h| format!(
                        "org.apache.curator.framework.api.transaction.CuratorTransactionResult@{h}"
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Value::Mode(m) => m.name().to_string(),
            other => {
                let class = match other {
                    Value::Client(_) => "org.apache.curator.framework.imps.CuratorFrameworkImpl",
                    Value::Builder(_) => "org.apache.curator.framework.imps.BuilderImpl",
                    Value::Acl(_) => "java.util.ArrayList",
                    _ => "java.lang.Object",
                };
                format!("{class}@{}", self.rt.identity_hash())
            }
        }
    }

    fn string_of(&mut self, e: &Expr) -> Result<String, Failure> {
        match self.eval(e)? {
            Value::Str(s) => Ok(s),
            other => unsupported(format!("{} where a String belongs", self.describe(&other))),
        }
    }

    fn int_of(&mut self, e: &Expr) -> Result<i64, Failure> {
        match self.eval(e)? {
            Value::Int(i) => Ok(i),
            other => unsupported(format!("{} where an int belongs", self.describe(&other))),
        }
    }

    fn describe(&self, v: &Value) -> String {
        match v {
            Value::Void => "a void value".into(),
            Value::Null => "null".into(),
            Value::Str(_) => "a String".into(),
            Value::Int(_) => "an int".into(),
            Value::Bytes(..) => "a byte[]".into(),
            Value::Stat(_) => "a Stat".into(),
            Value::Builder(b) => format!("an unfinished {} builder", b.kind.name()),
            _ => "that value".into(),
        }
    }

    fn eval(&mut self, e: &Expr) -> Result<Value, Failure> {
        match e {
            Expr::Str(s) => Ok(Value::Str(s.clone())),
            Expr::Int(i) => Ok(Value::Int(*i)),
            Expr::Bool(b) => Ok(Value::Bool(*b)),
            Expr::Null => Ok(Value::Null),
            Expr::Name(n) => match n.as_str() {
                "client" => Ok(Value::Client(self.rt.namespace())),
                "callback" => Ok(Value::Owner(Owner::Callback)),
                "System" | "CreateMode" | "ZooDefs" | "Ids" | "ZooDefs.Ids" => {
                    Ok(Value::Class(n.clone()))
                }
                _ => self.vars.vars.get(n.as_str()).cloned().map_or_else(
                    || unsupported(format!("the name '{n}' (not a variable of this client)")),
                    Ok,
                ),
            },
            Expr::Field(recv, f) => {
                let r = self.eval(recv)?;
                match (&r, f.as_str()) {
                    (Value::Class(c), "out") if c == "System" => Ok(Value::Out),
                    (Value::Class(c), m) if c == "CreateMode" => mode_named(m)
                        .map(Value::Mode)
                        .map_or_else(|| unsupported(format!("CreateMode.{m}")), Ok),
                    (Value::Class(c), "Ids") if c == "ZooDefs" => Ok(Value::Class("Ids".into())),
                    (Value::Class(c), "OPEN_ACL_UNSAFE") if c == "Ids" => {
                        Ok(Value::Acl(open_acl_unsafe()))
                    }
                    (Value::Class(c), "READ_ACL_UNSAFE") if c == "Ids" => {
                        Ok(Value::Acl(read_acl_unsafe()))
                    }
                    _ => unsupported(format!("the field '{f}'")),
                }
            }
            Expr::New(ty, args) => match (ty.as_str(), args.as_slice()) {
                ("Stat", []) => Ok(Value::Stat(self.vars.new_stat(Stat::default())?)),
                ("String", [a]) => match self.eval(a)? {
                    Value::Bytes(b, _) => Ok(Value::Str(String::from_utf8_lossy(&b).into_owned())),
                    Value::Str(s) => Ok(Value::Str(s)),
                    Value::Null => Err(Failure::Thrown(CuratorError::IllegalArgument(
                        "null bytes".into(),
                    ))),
                    other => unsupported(format!("new String of {}", self.describe(&other))),
                },
                _ => unsupported(format!("new {ty}(...)")),
            },
            Expr::Cast(ty, inner) => match (ty.as_str(), inner.as_ref()) {
                ("CuratorWatcher" | "Watcher", Expr::Lambda(p, body)) => {
                    let prints_param = matches!(body.as_ref(),
                        Expr::Call(recv, m, a) if m == "println"
                            && matches!(recv.as_ref(), Expr::Field(s, o) if o == "out" && matches!(s.as_ref(), Expr::Name(n) if n == "System"))
                            && matches!(a.as_slice(), [Expr::Name(x)] if x == p));
                    if prints_param {
                        Ok(Value::Owner(Owner::Lambda))
                    } else {
                        unsupported("a watcher whose body is not System.out.println(e)")
                    }
                }
                _ => unsupported(format!("the cast ({ty})")),
            },
            Expr::Lambda(..) => unsupported("a lambda without a (CuratorWatcher) cast"),
            Expr::Call(recv, m, args) => {
                let r = self.eval(recv)?;
                self.call(r, m, args)
            }
        }
    }

    fn call(&mut self, r: Value, m: &str, args: &[Expr]) -> Result<Value, Failure> {
        match r {
            Value::Out => match (m, args) {
                ("println", [a]) => {
                    let v = self.eval(a)?;
                    let t = self.show(&v);
                    println(self.out, &t);
                    Ok(Value::Void)
                }
                ("println", []) => {
                    self.out.push(String::new());
                    Ok(Value::Void)
                }
                _ => unsupported(format!("System.out.{m}")),
            },
            Value::Str(s) => match (m, args) {
                ("getBytes", []) => Ok(Value::Bytes(s.into_bytes(), self.rt.identity_hash())),
                ("length", []) => Ok(Value::Int(s.encode_utf16().count() as i64)),
                _ => unsupported(format!("String.{m}")),
            },
            Value::Stat(i) => {
                let s = self.vars.stats.get(i).copied().unwrap_or_default();
                let v = match (m, args) {
                    ("getVersion", []) => i64::from(s.version),
                    ("getCversion", []) => i64::from(s.cversion),
                    ("getAversion", []) => i64::from(s.aversion),
                    ("getCzxid", []) => s.czxid as i64,
                    ("getMzxid", []) => s.mzxid as i64,
                    ("getPzxid", []) => s.pzxid as i64,
                    ("getCtime", []) => s.ctime,
                    ("getMtime", []) => s.mtime,
                    ("getEphemeralOwner", []) => s.ephemeral_owner as i64,
                    ("getDataLength", []) => i64::from(s.data_length),
                    ("getNumChildren", []) => i64::from(s.num_children),
                    _ => return unsupported(format!("Stat.{m}")),
                };
                Ok(Value::Int(v))
            }
            Value::Client(ns) => self.client_call(ns, m, args),
            Value::TxnOps(ns) => {
                let kind = match (m, args) {
                    ("create", []) => Kind::Create,
                    ("delete", []) => Kind::Delete,
                    ("setData", []) => Kind::SetData,
                    ("check", []) => Kind::Check,
                    _ => return unsupported(format!("transactionOp().{m}")),
                };
                Ok(Value::Builder(Box::new(builder(ns, kind, true))))
            }
            Value::Transaction(ns) => match m {
                "forOperations" => {
                    let mut ops = Vec::new();
                    for a in args {
                        match self.eval(a)? {
                            Value::TxnOp(op, _) => ops.push(*op),
                            other => {
                                return unsupported(format!(
                                    "{} as a transaction op",
                                    self.describe(&other)
                                ))
                            }
                        }
                    }
                    let n = ops.len();
                    self.rt.run(Call::Transaction(ops), ns)?;
                    let hs = (0..n).map(|_| self.rt.identity_hash()).collect();
                    Ok(Value::TxnResults(hs))
                }
                _ => unsupported(format!("transaction().{m}")),
            },
            Value::Builder(b) => self.builder_call(*b, m, args),
            other => unsupported(format!("calling {m}(...) on {}", self.describe(&other))),
        }
    }

    fn client_call(
        &mut self,
        ns: Option<String>,
        m: &str,
        args: &[Expr],
    ) -> Result<Value, Failure> {
        let kind = match (m, args) {
            ("create", []) => Kind::Create,
            ("delete", []) => Kind::Delete,
            ("setData", []) => Kind::SetData,
            ("getData", []) => Kind::GetData,
            ("getChildren", []) => Kind::GetChildren,
            ("checkExists", []) => Kind::Exists,
            ("transaction", []) => return Ok(Value::Transaction(ns)),
            // The scenario's client is started by its `client` line.
            ("start", []) => {
                return Err(Failure::Thrown(CuratorError::IllegalState(
                    "Cannot be started more than once".into(),
                )))
            }
            ("transactionOp", []) => return Ok(Value::TxnOps(ns)),
            ("getNamespace", []) => return Ok(ns.map_or(Value::Str(String::new()), Value::Str)),
            ("usingNamespace", [a]) => {
                return match self.eval(a)? {
                    Value::Null => Ok(Value::Client(None)),
                    Value::Str(s) => Ok(Value::Client(Some(s).filter(|s| !s.is_empty()))),
                    other => unsupported(format!("usingNamespace({})", self.describe(&other))),
                }
            }
            _ => return unsupported(format!("client.{m}(...) with {} argument(s)", args.len())),
        };
        Ok(Value::Builder(Box::new(builder(ns, kind, false))))
    }

    fn builder_call(&mut self, mut b: Builder, m: &str, args: &[Expr]) -> Result<Value, Failure> {
        let k = b.kind;
        let fits = |ok: bool| -> Result<(), Failure> {
            if ok {
                Ok(())
            } else {
                unsupported(format!("{m}(...) on {}", k.name()))
            }
        };
        match (m, args) {
            ("creatingParentsIfNeeded", []) => {
                fits(k == Kind::Create && !b.txn)?;
                b.parents = Parents::Persistent;
            }
            ("creatingParentContainersIfNeeded", []) => {
                fits(k == Kind::Create && !b.txn)?;
                b.parents = Parents::Containers;
            }
            ("withMode", [a]) => {
                fits(k == Kind::Create)?;
                match self.eval(a)? {
                    Value::Mode(md) => b.mode = md,
                    other => return unsupported(format!("withMode({})", self.describe(&other))),
                }
            }
            ("withProtection", []) => {
                fits(k == Kind::Create && !b.txn)?;
                b.protected = true;
            }
            ("withACL", [a]) => {
                fits(k == Kind::Create)?;
                match self.eval(a)? {
                    Value::Acl(acl) => b.acl = acl,
                    other => return unsupported(format!("withACL({})", self.describe(&other))),
                }
            }
            ("withVersion", [a]) => {
                fits(matches!(k, Kind::Delete | Kind::SetData | Kind::Check))?;
                b.version = self.int_of(a)? as i32;
            }
            ("deletingChildrenIfNeeded", []) => {
                fits(k == Kind::Delete && !b.txn)?;
                b.children = true;
            }
            ("guaranteed", []) => {
                fits(k == Kind::Delete && !b.txn)?;
                b.guaranteed = true;
            }
            ("storingStatIn", [a]) => {
                fits(matches!(k, Kind::Create | Kind::GetData) && !b.txn)?;
                match self.eval(a)? {
                    Value::Stat(i) => b.stat_into = Some(i),
                    other => {
                        return unsupported(format!("storingStatIn({})", self.describe(&other)))
                    }
                }
            }
            ("watched", []) => {
                fits(matches!(
                    k,
                    Kind::GetData | Kind::GetChildren | Kind::Exists
                ))?;
                b.watch = Some(Owner::Listener);
            }
            ("usingWatcher", [a]) => {
                fits(matches!(
                    k,
                    Kind::GetData | Kind::GetChildren | Kind::Exists
                ))?;
                match self.eval(a)? {
                    Value::Owner(Owner::Lambda) => b.watch = Some(Owner::Lambda),
                    other => {
                        return unsupported(format!("usingWatcher({})", self.describe(&other)))
                    }
                }
            }
            ("inBackground", []) => {
                fits(!b.txn)?;
                b.background = Some(Owner::Internal);
            }
            ("inBackground", [a]) => {
                fits(!b.txn)?;
                match self.eval(a)? {
                    Value::Owner(Owner::Callback) => b.background = Some(Owner::Callback),
                    other => {
                        return unsupported(format!("inBackground({})", self.describe(&other)))
                    }
                }
            }
            ("forPath", [p]) | ("forPath", [p, _]) => {
                let path = self.string_of(p)?;
                let data = match args.get(1) {
                    None => None,
                    Some(d) => match self.eval(d)? {
                        Value::Bytes(bytes, _) => Some(bytes),
                        other => {
                            return unsupported(format!(
                                "forPath data of {}",
                                self.describe(&other)
                            ))
                        }
                    },
                };
                if data.is_some() && !matches!(k, Kind::Create | Kind::SetData) {
                    return unsupported(format!("forPath(path, data) on {}", k.name()));
                }
                return self.for_path(b, path, data);
            }
            _ => {
                return unsupported(format!(
                    "{m}(...) on {} with {} argument(s)",
                    k.name(),
                    args.len()
                ))
            }
        }
        Ok(Value::Builder(Box::new(b)))
    }

    fn for_path(
        &mut self,
        b: Builder,
        path: String,
        data: Option<Vec<u8>>,
    ) -> Result<Value, Failure> {
        if b.txn {
            let op = match b.kind {
                Kind::Create => TxnOp::Create {
                    path,
                    data,
                    mode: b.mode,
                },
                Kind::Delete => TxnOp::Delete {
                    path,
                    version: b.version,
                },
                Kind::SetData => TxnOp::SetData {
                    path,
                    data,
                    version: b.version,
                },
                Kind::Check => TxnOp::Check {
                    path,
                    version: b.version,
                },
                other => return unsupported(format!("{} in a transaction", other.name())),
            };
            return Ok(Value::TxnOp(Box::new(op), b.ns));
        }
        let call = match b.kind {
            Kind::Create => Call::Create {
                path,
                data,
                mode: b.mode,
                parents: b.parents,
                protected: b.protected,
                acl: b.acl.clone(),
            },
            Kind::Delete => Call::Delete {
                path,
                version: b.version,
                children: b.children,
                guaranteed: b.guaranteed,
            },
            Kind::SetData => Call::SetData {
                path,
                data,
                version: b.version,
            },
            Kind::GetData => Call::GetData {
                path,
                watch: b.watch,
            },
            Kind::GetChildren => Call::GetChildren {
                path,
                watch: b.watch,
            },
            Kind::Exists => Call::Exists {
                path,
                watch: b.watch,
            },
            Kind::Check => return unsupported("check() outside a transaction"),
        };
        if let Some(owner) = b.background {
            self.rt.background(call, b.ns, owner);
            return Ok(Value::Null);
        }
        let out = self.rt.run(call, b.ns)?;
        let stat_of = |o: &Outcome| match o {
            Outcome::Created { stat, .. } | Outcome::Data { stat, .. } => Some(*stat),
            _ => None,
        };
        if let (Some(i), Some(s)) = (b.stat_into, stat_of(&out)) {
            if let Some(slot) = self.vars.stats.get_mut(i) {
                *slot = s;
            }
        }
        Ok(match out {
            Outcome::Created { path, .. } => Value::Str(path),
            Outcome::Stat(Some(s)) => Value::Stat(self.vars.new_stat(s)?),
            Outcome::Stat(None) => Value::Null,
            Outcome::Data { data, .. } => Value::Bytes(data, self.rt.identity_hash()),
            Outcome::Children { children, .. } => Value::List(children),
            Outcome::Void => Value::Void,
            Outcome::Txn(_) | Outcome::Reply(_) => Value::Void,
        })
    }
}

fn builder(ns: Option<String>, kind: Kind, txn: bool) -> Builder {
    Builder {
        ns,
        kind,
        txn,
        mode: CreateMode::Persistent,
        parents: Parents::No,
        protected: false,
        acl: open_acl_unsafe(),
        version: -1,
        children: false,
        guaranteed: false,
        stat_into: None,
        watch: None,
        background: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocols::zookeeper::data::error::ZkError;

    /// A runtime that answers every call from a script of outcomes.
    struct Canned {
        answers: Vec<Result<Outcome, CuratorError>>,
        calls: Vec<Call>,
    }

    impl Runtime for Canned {
        fn run(&mut self, call: Call, _ns: Option<String>) -> Result<Outcome, CuratorError> {
            self.calls.push(call);
            if self.answers.is_empty() {
                Ok(Outcome::Void)
            } else {
                self.answers.remove(0)
            }
        }
        fn background(&mut self, call: Call, _ns: Option<String>, _owner: Owner) {
            self.calls.push(call);
        }
        fn namespace(&self) -> Option<String> {
            None
        }
        fn identity_hash(&mut self) -> String {
            "1b2c3d4".into()
        }
    }

    fn canned(answers: Vec<Result<Outcome, CuratorError>>) -> Canned {
        Canned {
            answers,
            calls: Vec::new(),
        }
    }

    #[test]
    fn values_print_as_java_prints_them() {
        let mut vars = Vars::default();
        let mut rt = canned(vec![Ok(Outcome::Created {
            path: "/app5".into(),
            stat: Stat::default(),
        })]);
        assert!(execute(
            r#"String path = client.create().forPath("/app5", "five".getBytes())"#,
            &mut vars,
            &mut rt
        )
        .is_empty());
        assert_eq!(execute("path", &mut vars, &mut rt), ["/app5"]);
        assert_eq!(
            execute("System.out.println(path)", &mut vars, &mut rt),
            ["/app5"]
        );
        assert!(execute("Stat stat = new Stat()", &mut vars, &mut rt).is_empty());
        assert_eq!(
            execute("stat", &mut vars, &mut rt),
            ["0,0,0,0,0,0,0,0,0,0,0", ""]
        );
        let s = Stat {
            version: 3,
            ..Stat::default()
        };
        rt.answers.push(Ok(Outcome::Data {
            data: b"hehe".to_vec(),
            stat: s,
        }));
        assert_eq!(
            execute(
                r#"client.getData().storingStatIn(stat).forPath("/app1")"#,
                &mut vars,
                &mut rt
            ),
            ["[B@1b2c3d4"]
        );
        execute("int version = stat.getVersion()", &mut vars, &mut rt);
        assert_eq!(execute("version", &mut vars, &mut rt), ["3"]);
        rt.answers
            .push(Err(CuratorError::keeper(ZkError::NoNode, "/x")));
        assert_eq!(
            execute(r#"client.getData().forPath("/x")"#, &mut vars, &mut rt),
            ["org.apache.zookeeper.KeeperException$NoNodeException: KeeperErrorCode = NoNode for /x"]
        );
        assert!(execute(
            r#"client.delete().inBackground(callback).forPath("/x")"#,
            &mut vars,
            &mut rt
        )
        .is_empty());
    }

    #[test]
    fn builders_collect_their_modifiers() {
        let mut vars = Vars::default();
        let mut rt = canned(vec![Ok(Outcome::Void)]);
        execute(
            r#"client.delete().guaranteed().deletingChildrenIfNeeded().withVersion(2).forPath("/a")"#,
            &mut vars,
            &mut rt,
        );
        assert_eq!(
            rt.calls[0],
            Call::Delete {
                path: "/a".into(),
                version: 2,
                children: true,
                guaranteed: true
            }
        );
        let out = execute(
            r#"client.getData().withMode(CreateMode.EPHEMERAL).forPath("/a")"#,
            &mut vars,
            &mut rt,
        );
        assert!(out[0].contains("withMode"), "{out:?}");
        let out = execute(r#"client.create().forPath(42)"#, &mut vars, &mut rt);
        assert!(out[0].starts_with("error: "), "{out:?}");
    }

    #[test]
    fn mangled_statements_never_panic() {
        let seeds = [
            r#"client.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT_SEQUENTIAL).forPath("/a/s-", "x".getBytes())"#,
            r#"client.transaction().forOperations(client.transactionOp().create().forPath("/t1", "1".getBytes()), client.transactionOp().delete().forPath("/c"))"#,
            r#"client.getData().usingWatcher((CuratorWatcher) e -> System.out.println(e)).forPath("/bg")"#,
            "Stat stat = new Stat()",
            r#"System.out.println(new String(client.getData().storingStatIn(stat).forPath("/app1")))"#,
        ];
        let mut rng = crate::rng::SimRng::new(11);
        let mut vars = Vars::default();
        for round in 0..4000 {
            let base = seeds[round % seeds.len()];
            let mut chars: Vec<char> = base.chars().collect();
            for _ in 0..(1 + rng.below(4)) {
                if chars.is_empty() {
                    break;
                }
                let i = rng.below(chars.len() as u64) as usize;
                match rng.below(3) {
                    0 => {
                        chars.remove(i);
                    }
                    1 => chars.insert(
                        i,
                        "().,;\"=<>[]-x "[rng.below(14) as usize..]
                            .chars()
                            .next()
                            .unwrap_or('x'),
                    ),
                    _ => chars.truncate(i),
                }
            }
            let text: String = chars.into_iter().collect();
            let mut rt = canned(Vec::new());
            let _ = execute(&text, &mut vars, &mut rt);
        }
    }
}
