//! `ChildData` and the Java `toString()` forms the caches' events print.
//!
//! * `Stat.toString()` is jute's CSV record form: the eleven fields
//!   `czxid,mzxid,ctime,mtime,version,cversion,aversion,ephemeralOwner,dataLength,numChildren,pzxid`
//!   in decimal (ephemeralOwner as a signed `long`), followed by a newline — so a
//!   `ChildData` that embeds a Stat prints on two lines.
//! * `ChildData.toString()` (`CR/cache/ChildData.java:132`) is
//!   `ChildData{path='P', stat=STAT, data=Arrays.toString(data)}`.
//! * `Arrays.toString(byte[])` prints signed bytes, `[97, -28]`, or `null`.
//!
//! `ChildData.equals` compares path, stat and data, which is what NodeCache uses to
//! decide whether a read is a change ([`ChildData`] derives `PartialEq` to match).

use crate::protocols::zookeeper::data::stat::Stat;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A cached node: its path, its Stat and (when the cache keeps data) its bytes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ChildData {
    /// Full path.
    pub path: String,
    /// The Stat of the read that produced it.
    pub stat: Stat,
    /// The node's data (`None` is Java's `null`).
    pub data: Option<Vec<u8>>,
}

impl ChildData {
    /// `new String(getData())`: the data decoded as UTF-8 (malformed bytes replaced, as
    /// Java's decoder does), or `None` for null data.
    pub fn data_string(&self) -> Option<String> {
        self.data
            .as_ref()
            .map(|d| String::from_utf8_lossy(d).into_owned())
    }
}

/// `Stat.toString()`: the CSV form, newline included.
pub struct JavaStat<'a>(pub &'a Stat);

impl fmt::Display for JavaStat<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        writeln!(
            f,
            "{},{},{},{},{},{},{},{},{},{},{}",
            s.czxid as i64,
            s.mzxid as i64,
            s.ctime,
            s.mtime,
            s.version,
            s.cversion,
            s.aversion,
            s.ephemeral_owner as i64,
            s.data_length,
            s.num_children,
            s.pzxid as i64
        )
    }
}

/// `Arrays.toString(byte[])`.
pub struct JavaBytes<'a>(pub Option<&'a [u8]>);

impl fmt::Display for JavaBytes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(bytes) = self.0 else {
            return f.write_str("null");
        };
        f.write_str("[")?;
        for (i, b) in bytes.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}", *b as i8)?;
        }
        f.write_str("]")
    }
}

impl fmt::Display for ChildData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ChildData{{path='{}', stat={}, data={}}}",
            self.path,
            JavaStat(&self.stat),
            JavaBytes(self.data.as_deref())
        )
    }
}

/// `String.valueOf(Object)` of an optional `ChildData`: its `toString()` or `null`.
pub struct JavaOpt<'a>(pub Option<&'a ChildData>);

impl fmt::Display for JavaOpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(d) => d.fmt(f),
            None => f.write_str("null"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_forms() {
        let stat = Stat {
            czxid: 5,
            mzxid: 5,
            ctime: 17,
            mtime: 18,
            data_length: 1,
            pzxid: 5,
            ..Stat::default()
        };
        let d = ChildData {
            path: "/app2/old".into(),
            stat,
            data: Some(b"o".to_vec()),
        };
        assert_eq!(
            d.to_string(),
            "ChildData{path='/app2/old', stat=5,5,17,18,0,0,0,0,1,0,5\n, data=[111]}"
        );
        assert_eq!(JavaBytes(Some(&[0xe4, 0x41])).to_string(), "[-28, 65]");
        assert_eq!(JavaBytes(Some(&[])).to_string(), "[]");
        assert_eq!(JavaBytes(None).to_string(), "null");
        assert_eq!(JavaOpt(None).to_string(), "null");
    }
}
