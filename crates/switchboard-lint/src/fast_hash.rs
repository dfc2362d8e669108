//! A fast hasher for the sets and maps rules build per connector.
//!
//! std's default hasher (SipHash with a random key) resists hash-flooding, at the price of
//! dozens of instructions per key; the rules hash spans, node addresses and short JSON keys
//! millions of times per corpus. The keys come from one connector's own files, so a file
//! crafted to collide could only slow down its own validation. This is the multiply-add
//! scheme of `rustc-hash` (FxHash), written out here to avoid a dependency for twenty lines.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
/// A `HashSet` with [`FastHasher`].
pub type FastSet<T> = HashSet<T, BuildHasherDefault<FastHasher>>;

/// See the module documentation.
#[derive(Clone, Copy, Default)]
pub struct FastHasher(u64);

/// An odd constant with well-spread bits (the one `rustc-hash` uses).
const SEED: u64 = 0xf135_7aea_2e62_a9c5;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = self.0.wrapping_add(word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        // The multiply leaves the best-mixed bits at the top; hashbrown takes its bucket index
        // from the low bits and its tag from the top seven, so they are rotated into place.
        self.0.rotate_left(26)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_and_maps_work() {
        let mut set: FastSet<&str> = FastSet::default();
        assert!(set.insert("description"));
        assert!(set.insert("descriptions"));
        assert!(!set.insert("description"));
        let mut map: FastMap<usize, u32> = FastMap::default();
        for i in 0..1000 {
            map.insert(i * 8, 1);
        }
        assert_eq!(map.len(), 1000);
    }
}
