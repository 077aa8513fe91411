//! A stable 64-bit hasher for traces and state fingerprints.
//!
//! `std`'s `DefaultHasher` is randomly keyed and may change between releases, so it
//! cannot fingerprint a run. `StableHasher` folds its input a 64-bit word at a time with
//! the multiply-rotate step of rustc's FxHash, and finishes with the SplitMix64
//! avalanche, so every input bit reaches every output bit. Two twists make it portable
//! and stable: `usize` and `isize` (lengths, enum discriminants) are always widened to
//! 64 bits, and byte slices are read as little-endian words with their length folded in,
//! so a wasm32 build and an x86_64 build of the same run produce the same hash. It is a
//! fingerprint for honest inputs, not a cryptographic hash.

use std::hash::Hasher;

const SEED: u64 = 0xcbf2_9ce4_8422_2325;
const K: u64 = 0x517c_c1b7_2722_0a95;

/// Word-at-a-time multiply-rotate hashing with target-independent integer widths.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StableHasher {
    state: u64,
}

impl Default for StableHasher {
    fn default() -> Self {
        StableHasher { state: SEED }
    }
}

impl StableHasher {
    /// A hasher in its initial state.
    pub fn new() -> Self {
        Self::default()
    }

    /// Hash any `Hash` value in one call.
    pub fn hash_of<T: std::hash::Hash + ?Sized>(value: &T) -> u64 {
        let mut h = StableHasher::new();
        value.hash(&mut h);
        h.finish()
    }

    #[inline]
    fn fold(&mut self, word: u64) {
        self.state = (self.state.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for StableHasher {
    fn finish(&self) -> u64 {
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.fold(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            // The tail's length goes into the top byte, so "a" and "a\0" differ.
            self.fold(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 56));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.fold(u64::from(n));
    }

    fn write_u16(&mut self, n: u16) {
        self.fold(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.fold(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.fold(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.fold(n as u64);
    }

    fn write_isize(&mut self, n: isize) {
        self.fold(n as i64 as u64);
    }
}

/// Hash a value as its `Display` text, exactly as the `String` of that text hashes (its
/// bytes, then `0xff`). Typed trace notes and violation details use this: they replaced
/// sentences, and hashing the same sentence keeps every recorded run fingerprint.
pub fn hash_as_text<T: std::fmt::Display + ?Sized, H: Hasher>(value: &T, state: &mut H) {
    std::hash::Hash::hash(value.to_string().as_str(), state);
}

/// `impl Hash` through [`hash_as_text`] for types whose `Display` is their trace text.
#[macro_export]
macro_rules! hash_as_text {
    ($($t:ty),+ $(,)?) => {
        $(impl ::std::hash::Hash for $t {
            fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                $crate::hash::hash_as_text(self, state)
            }
        })+
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::Hash;

    #[test]
    fn pinned_values_never_change() {
        // Saved links and golden traces depend on these: a change here is a format break.
        assert_eq!(StableHasher::hash_of(&0u64), 0x4745_ff7b_4dbc_ec03);
        assert_eq!(StableHasher::hash_of("foobar"), 0x2d25_484e_e5d6_11bb);
    }

    #[test]
    fn text_hash_is_the_string_hash() {
        struct Words;
        impl std::fmt::Display for Words {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "learner {} disconnected", 2)
            }
        }
        let mut a = StableHasher::new();
        hash_as_text(&Words, &mut a);
        let s = String::from("learner 2 disconnected");
        assert_eq!(a.finish(), StableHasher::hash_of(&s));
        assert_ne!(a.finish(), StableHasher::hash_of("learner 2 disconnected!"));
    }

    #[test]
    fn different_inputs_differ() {
        let mut seen = std::collections::BTreeSet::new();
        for s in ["", "a", "a\0", "ab", "abcdefgh", "abcdefghi", "abcdefgh\0"] {
            let mut h = StableHasher::new();
            h.write(s.as_bytes());
            assert!(seen.insert(h.finish()), "collision on {s:?}");
        }
        assert_ne!(
            StableHasher::hash_of(&(1u32, 2u32)),
            StableHasher::hash_of(&(2u32, 1u32))
        );
    }

    #[test]
    fn usize_is_widened() {
        let mut a = StableHasher::new();
        a.write_usize(7);
        let mut b = StableHasher::new();
        b.write_u64(7);
        assert_eq!(a.finish(), b.finish());
        #[derive(Hash)]
        enum E {
            _A,
            B(u8),
        }
        // Discriminants go through write_isize: identical on every target.
        let mut c = StableHasher::new();
        E::B(1).hash(&mut c);
        let mut d = StableHasher::new();
        d.write_u64(1);
        d.write_u8(1);
        assert_eq!(c.finish(), d.finish());
    }
}
