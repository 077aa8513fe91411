//! Access control: ids, ACL entries, the world/auth/digest/ip schemes and the check.
//!
//! Follows ZooKeeper 3.8: `ZooDefs.Perms` (READ=1, WRITE=2, CREATE=4, DELETE=8,
//! ADMIN=16), `ZooKeeperServer.checkACL` (an empty ACL or a `super` id allows
//! everything; otherwise some entry with the wanted bit must be `world:anyone` or match
//! one of the caller's ids of the same scheme), `PrepRequestProcessor.fixupACL` (drop
//! duplicates, expand `auth` into the caller's *authenticated* ids - digest ones; `ip`
//! ids do not count - and reject empty lists, unknown schemes and malformed ids with
//! InvalidACL), `auth/DigestAuthenticationProvider` (`digest:user:base64(sha1(user:pw))`,
//! ids match by string equality) and `auth/IPAuthenticationProvider` (IPv4 with an
//! optional `/bits` mask). A connection's ids live in a `ConcurrentHashMap` key set,
//! whose iteration order (see `javaorder`) shows in `whoami` and in `auth` expansion.

use super::javaorder::{chm_spread, iteration_order};
use super::path::java_hash;
use base64::Engine;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Permission bit: read data, list children.
pub const READ: i32 = 1;
/// Permission bit: set data.
pub const WRITE: i32 = 2;
/// Permission bit: create children.
pub const CREATE: i32 = 4;
/// Permission bit: delete children.
pub const DELETE: i32 = 8;
/// Permission bit: set the ACL.
pub const ADMIN: i32 = 16;
/// All five bits.
pub const ALL: i32 = 31;

/// An identity: `scheme:id`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Id {
    /// `world`, `auth`, `digest`, `ip`, `super`, ...
    pub scheme: String,
    /// The scheme-specific id.
    pub id: String,
}

impl Id {
    /// Build an id.
    pub fn new(scheme: &str, id: &str) -> Id {
        Id {
            scheme: scheme.to_string(),
            id: id.to_string(),
        }
    }

    /// `world:anyone`.
    pub fn anyone() -> Id {
        Id::new("world", "anyone")
    }

    /// The jute record's `hashCode` (17, then `37*h + field.hashCode()` per field).
    pub fn java_hash(&self) -> i32 {
        let mut h: i32 = 17;
        h = h.wrapping_mul(37).wrapping_add(java_hash(&self.scheme));
        h = h.wrapping_mul(37).wrapping_add(java_hash(&self.id));
        h
    }
}

/// Jute's `toString` of a record: CSV-ish, each string quoted with a leading `'`, the
/// record ended by a newline. zkCli's getAcl prints exactly this, then `: perms`.
impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{},{}", jute_escape(&self.scheme), jute_escape(&self.id))
    }
}

fn jute_escape(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\0' => out.push_str("%00"),
            '\n' => out.push_str("%0A"),
            '\r' => out.push_str("%0D"),
            ',' => out.push_str("%2C"),
            '}' => out.push_str("%7D"),
            '%' => out.push_str("%25"),
            c => out.push(c),
        }
    }
    out
}

/// One ACL entry.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Acl {
    /// Permission bits.
    pub perms: i32,
    /// Who they are granted to.
    pub id: Id,
}

impl Acl {
    /// Build an entry.
    pub fn new(perms: i32, scheme: &str, id: &str) -> Acl {
        Acl {
            perms,
            id: Id::new(scheme, id),
        }
    }
}

/// `Ids.OPEN_ACL_UNSAFE`: `world:anyone:cdrwa`.
pub fn open_acl_unsafe() -> Vec<Acl> {
    vec![Acl::new(ALL, "world", "anyone")]
}

/// `Ids.READ_ACL_UNSAFE`: `world:anyone:r`.
pub fn read_acl_unsafe() -> Vec<Acl> {
    vec![Acl::new(READ, "world", "anyone")]
}

/// `ZKUtil.getPermString`: the letters in the fixed order c, d, r, w, a.
pub fn perm_string(perms: i32) -> String {
    let mut s = String::new();
    for (bit, c) in [
        (CREATE, 'c'),
        (DELETE, 'd'),
        (READ, 'r'),
        (WRITE, 'w'),
        (ADMIN, 'a'),
    ] {
        if perms & bit != 0 {
            s.push(c);
        }
    }
    s
}

/// `base64(sha1("user:password"))`, the digest scheme's stored form, as `user:hash`.
pub fn digest_id(user_password: &str) -> String {
    let user = user_password.split(':').next().unwrap_or("");
    let hash = sha1_smol::Sha1::from(user_password.as_bytes())
        .digest()
        .bytes();
    format!(
        "{user}:{}",
        base64::engine::general_purpose::STANDARD.encode(hash)
    )
}

fn ipv4(addr: &str) -> Option<[u8; 4]> {
    let parts: Vec<&str> = addr.split('.').collect();
    if parts.len() != 4 {
        return None;
    }
    let mut b = [0u8; 4];
    for (i, p) in parts.iter().enumerate() {
        b[i] = java_parse_int(p).filter(|v| (0..=255).contains(v))? as u8;
    }
    Some(b)
}

/// `Integer.parseInt` (decimal, optional sign, no whitespace).
pub fn java_parse_int(s: &str) -> Option<i32> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i32>().ok()
}

fn ip_mask(b: &mut [u8; 4], bits: u32) {
    let mut start = (bits / 8) as usize;
    let mut mask: i32 = !((1i32 << (8 - (bits % 8))) - 1);
    while start < 4 {
        b[start] &= mask as u8;
        mask = 0;
        start += 1;
    }
}

fn ip_parse_expr(expr: &str) -> Option<([u8; 4], u32)> {
    let (addr, bits) = match expr.split_once('/') {
        Some((a, b)) => (a, Some(b)),
        None => (expr, None),
    };
    let a = ipv4(addr)?;
    let bits = match bits {
        Some(b) => {
            let v = java_parse_int(b)?;
            if !(0..=32).contains(&v) {
                return None;
            }
            v as u32
        }
        None => 32,
    };
    Some((a, bits))
}

/// Does the `scheme` accept `id` as an ACL id (`AuthenticationProvider.isValid`)?
/// `None` when the server has no provider for the scheme.
pub fn scheme_is_valid(scheme: &str, id: &str) -> Option<bool> {
    match scheme {
        "digest" => {
            Some(id.split(':').filter(|_| true).count() == 2 && java_split_colon_len(id) == 2)
        }
        "ip" => Some(ip_parse_expr(id).is_some()),
        _ => None,
    }
}

/// Java `String.split(":")` drops trailing empty strings; count what remains.
fn java_split_colon_len(id: &str) -> usize {
    let mut parts: Vec<&str> = id.split(':').collect();
    while parts.len() > 1 && parts.last() == Some(&"") {
        parts.pop();
    }
    if parts.len() == 1 && parts[0].is_empty() {
        return 1;
    }
    parts.len()
}

/// Does the caller's id `auth_id` satisfy the ACL id `acl_id` of `scheme`
/// (`AuthenticationProvider.matches`)?
pub fn scheme_matches(scheme: &str, auth_id: &str, acl_id: &str) -> bool {
    match scheme {
        "digest" => auth_id == acl_id,
        "ip" => {
            let Some((mut acl, bits)) = ip_parse_expr(acl_id) else {
                return false;
            };
            let Some(mut remote) = ipv4(auth_id) else {
                return false;
            };
            ip_mask(&mut acl, bits);
            ip_mask(&mut remote, bits);
            acl == remote
        }
        _ => false,
    }
}

/// Is this scheme's id an authenticated identity usable by `auth` ACLs
/// (`isAuthenticated`: digest yes, ip no)?
pub fn scheme_is_authenticated(scheme: &str) -> bool {
    scheme == "digest"
}

/// The ids a connection has authenticated as, kept in the server's iteration order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AuthInfo {
    ids: Vec<(Id, u64)>,
    next_seq: u64,
}

/// Most ids a connection keeps (a bound on growth; real servers have none).
pub const MAX_AUTH_IDS: usize = 64;

impl AuthInfo {
    /// A connection from `ip` (every NIO connection starts with its `ip` id).
    pub fn for_ip(ip: &str) -> AuthInfo {
        let mut a = AuthInfo::default();
        a.add(Id::new("ip", ip));
        a
    }

    /// Add an id (a set: duplicates are ignored).
    pub fn add(&mut self, id: Id) {
        if self.ids.iter().any(|(i, _)| *i == id) || self.ids.len() >= MAX_AUTH_IDS {
            return;
        }
        self.ids.push((id, self.next_seq));
        self.next_seq += 1;
    }

    /// The ids in `ConcurrentHashMap` iteration order (16 buckets up to 12 ids).
    pub fn ids(&self) -> Vec<Id> {
        let items: Vec<(Id, u32, u64)> = self
            .ids
            .iter()
            .map(|(id, seq)| (id.clone(), chm_spread(id.java_hash()), *seq))
            .collect();
        let mut cap = 16u32;
        while (self.ids.len() as u32) >= cap - cap / 4 {
            cap *= 2;
        }
        iteration_order(&items, cap)
    }

    /// Handle an `addauth`: `Ok` on success, `Err(AuthFailed)` for an unknown scheme or
    /// bad data (the server then closes the connection). `remote_ip` is the client's
    /// address, which the ip scheme records.
    pub fn authenticate(
        &mut self,
        scheme: &str,
        auth: Option<&[u8]>,
        remote_ip: &str,
    ) -> Result<(), crate::protocols::zookeeper::data::error::ZkError> {
        match scheme {
            "digest" => {
                let Some(bytes) = auth else {
                    return Err(crate::protocols::zookeeper::data::error::ZkError::AuthFailed);
                };
                let text = String::from_utf8_lossy(bytes).into_owned();
                self.add(Id::new("digest", &digest_id(&text)));
                Ok(())
            }
            "ip" => {
                self.add(Id::new("ip", remote_ip));
                Ok(())
            }
            _ => Err(crate::protocols::zookeeper::data::error::ZkError::AuthFailed),
        }
    }
}

/// `ZooKeeperServer.checkACL`: may a caller with `ids` do `perm` on a node with `acl`?
pub fn check_acl(acl: &[Acl], perm: i32, ids: &[Id]) -> bool {
    if acl.is_empty() || ids.iter().any(|i| i.scheme == "super") {
        return true;
    }
    for a in acl {
        if a.perms & perm == 0 {
            continue;
        }
        if a.id.scheme == "world" && a.id.id == "anyone" {
            return true;
        }
        if scheme_is_valid(&a.id.scheme, "").is_some()
            && ids
                .iter()
                .any(|i| i.scheme == a.id.scheme && scheme_matches(&a.id.scheme, &i.id, &a.id.id))
        {
            return true;
        }
    }
    false
}

/// `PrepRequestProcessor.fixupACL`: dedupe, expand `auth`, validate. `None` means
/// InvalidACL.
pub fn fixup_acl(acl: &[Acl], ids: &[Id]) -> Option<Vec<Acl>> {
    let mut uniq: Vec<Acl> = Vec::new();
    for a in acl {
        if !uniq.contains(a) {
            uniq.push(a.clone());
        }
    }
    if uniq.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    for a in uniq {
        if a.id.scheme == "world" && a.id.id == "anyone" {
            out.push(a);
        } else if a.id.scheme == "auth" {
            let mut any = false;
            for cid in ids {
                if scheme_is_authenticated(&cid.scheme) {
                    any = true;
                    out.push(Acl {
                        perms: a.perms,
                        id: cid.clone(),
                    });
                }
            }
            if !any {
                return None;
            }
        } else {
            match scheme_is_valid(&a.id.scheme, &a.id.id) {
                Some(true) => out.push(a),
                _ => return None,
            }
        }
    }
    Some(out)
}

/// What getACL shows a caller without ADMIN: digest hashes replaced by `x`.
pub fn mask_digests(acl: &[Acl]) -> Vec<Acl> {
    acl.iter()
        .map(|a| {
            if a.id.scheme == "digest" {
                let user = a.id.id.split(':').next().unwrap_or("");
                Acl::new(a.perms, "digest", &format!("{user}:x"))
            } else {
                a.clone()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_matches_zookeeper() {
        // Values produced by a real 3.8.0 server (`getAcl` after `addauth digest`).
        assert_eq!(
            digest_id("alice:secret"),
            "alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E="
        );
        assert_eq!(digest_id("bob:pw"), "bob:ikIaKsbtGweaHnb/jKn7OHqbunM=");
    }

    #[test]
    fn perms_and_display() {
        assert_eq!(perm_string(ALL), "cdrwa");
        assert_eq!(perm_string(READ | CREATE), "cr");
        assert_eq!(Id::anyone().to_string(), "'world,'anyone\n");
    }

    #[test]
    fn check_and_fixup() {
        let alice = Id::new("digest", &digest_id("alice:secret"));
        let ip = Id::new("ip", "127.0.0.1");
        let acl = vec![Acl {
            perms: READ,
            id: alice.clone(),
        }];
        assert!(check_acl(&acl, READ, std::slice::from_ref(&alice)));
        assert!(!check_acl(&acl, WRITE, std::slice::from_ref(&alice)));
        assert!(!check_acl(&acl, READ, std::slice::from_ref(&ip)));
        assert!(check_acl(&[], ADMIN, &[]));
        assert!(check_acl(&acl, ADMIN, &[Id::new("super", "")]));
        assert!(check_acl(
            &[Acl::new(ALL, "ip", "127.0.0.0/8")],
            READ,
            std::slice::from_ref(&ip)
        ));
        assert!(!check_acl(
            &[Acl::new(ALL, "ip", "10.0.0.0/8")],
            READ,
            std::slice::from_ref(&ip)
        ));
        assert_eq!(fixup_acl(&[], &[]), None);
        assert_eq!(
            fixup_acl(&[Acl::new(ALL, "auth", "")], std::slice::from_ref(&ip)),
            None
        );
        assert_eq!(
            fixup_acl(&[Acl::new(ALL, "auth", "")], &[ip.clone(), alice.clone()]),
            Some(vec![Acl {
                perms: ALL,
                id: alice.clone()
            }])
        );
        assert_eq!(fixup_acl(&[Acl::new(READ, "nosuch", "x")], &[]), None);
        assert_eq!(fixup_acl(&[Acl::new(READ, "ip", "notanip")], &[]), None);
        assert_eq!(fixup_acl(&[Acl::new(READ, "digest", "nocolon")], &[]), None);
        assert_eq!(fixup_acl(&[Acl::new(READ, "world", "someone")], &[]), None);
        let dup = vec![
            Acl::new(READ, "world", "anyone"),
            Acl::new(READ, "world", "anyone"),
        ];
        assert_eq!(fixup_acl(&dup, &[]).map(|v| v.len()), Some(1));
    }

    #[test]
    fn auth_order_matches_a_real_server() {
        // whoami on 3.8.0 printed digest alice, digest bob, then ip.
        let mut a = AuthInfo::for_ip("127.0.0.1");
        a.authenticate("digest", Some(b"alice:secret"), "127.0.0.1")
            .unwrap();
        a.authenticate("digest", Some(b"bob:pw"), "127.0.0.1")
            .unwrap();
        let schemes: Vec<String> = a.ids().iter().map(|i| i.id.clone()).collect();
        assert_eq!(schemes[0], digest_id("alice:secret"));
        assert_eq!(schemes[1], digest_id("bob:pw"));
        assert_eq!(schemes[2], "127.0.0.1");
        assert!(a.authenticate("nosuch", Some(b"x"), "127.0.0.1").is_err());
        assert!(a.authenticate("digest", None, "127.0.0.1").is_err());
    }
}
