//! Protected names (`withProtection()`): Curator puts `_c_<uuid>-` in front of the last
//! path segment, so that after a connection loss it can find the node it may have
//! created by listing the parent (curator-framework `imps/ProtectedUtils.java`,
//! `CreateBuilderImpl.findProtectedNodeInForeground`). Our UUIDs come from the client's
//! seeded generator, so runs are deterministic; the recordings mask them.

use crate::protocols::zookeeper::data::path;
use crate::rng::SimRng;

/// `ProtectedUtils.PROTECTED_PREFIX`.
pub const PREFIX: &str = "_c_";

/// A random (version 4) UUID in its 36-character text form.
pub fn uuid(rng: &mut SimRng) -> String {
    let a = rng.next_u64();
    let b = rng.next_u64();
    let hi = (a & 0xffff_ffff_ffff_0fff) | 0x4000;
    let lo = (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xffff,
        hi & 0xffff,
        lo >> 48,
        lo & 0xffff_ffff_ffff
    )
}

/// `ProtectedUtils.toProtectedZNodePath`: `/a/b/name` becomes `/a/b/_c_<id>-name`.
pub fn protected_path(p: &str, id: &str) -> String {
    match path::split_last(p) {
        Some((parent, name)) => path::join(parent, &format!("{PREFIX}{id}-{name}")),
        None => p.to_string(),
    }
}

/// `CreateBuilderImpl.findNode`: the child created under protection id `id`, if any.
pub fn find_node<'a>(children: &'a [String], id: &str) -> Option<&'a String> {
    let prefix = format!("{PREFIX}{id}-");
    children.iter().find(|c| c.starts_with(&prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let mut rng = SimRng::new(7);
        let id = uuid(&mut rng);
        assert_eq!(id.len(), 36);
        assert_eq!(id.as_bytes()[14], b'4');
        assert_ne!(id, uuid(&mut rng));
        let p = protected_path("/lock/lock-", &id);
        assert_eq!(p, format!("/lock/_c_{id}-lock-"));
        let kids = vec!["x".to_string(), format!("_c_{id}-lock-0000000003")];
        assert_eq!(find_node(&kids, &id), Some(&kids[1]));
    }
}
