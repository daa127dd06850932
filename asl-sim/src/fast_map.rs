//! A hash map for the run's own lookup tables (parsed paths and calls by
//! their text, state names by address): a multiply-rotate hash, much
//! cheaper than SipHash on short keys. Its order is never observed.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FastHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// The hash of rustc's `FxHasher`: per word, rotate, xor, multiply.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            for (slot, b) in w.iter_mut().zip(rest) {
                *slot = *b;
            }
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::FastMap;

    #[test]
    fn finds_what_it_holds() {
        let mut m = FastMap::default();
        for i in 0..500 {
            m.insert(format!("$.items[{i}]"), i);
        }
        m.insert(String::new(), 500);
        assert_eq!(m.get("$.items[42]"), Some(&42));
        assert_eq!(m.get(""), Some(&500));
        assert_eq!(m.get("$.items[500]"), None);
        assert_eq!(m.len(), 501);
    }
}
