//! A compact open-addressing map from 32-bit feature keys to small values.
//!
//! Keys are already well-mixed hashes (see [`super::hash`]), so the table indexes with
//! their low bits directly and probes linearly; key 0 marks an empty slot. Keys and values
//! share one array, so that a probe touches a single cache line.

/// Map from non-zero `u32` keys to `V`.
#[derive(Debug, Clone)]
pub struct KeyMap<V> {
    slots: Vec<(u32, V)>,
    len: usize,
    /// Entries allowed before the table grows.
    limit: usize,
}

impl<V: Copy + Default> Default for KeyMap<V> {
    fn default() -> Self {
        Self::with_capacity(0)
    }
}

impl<V: Copy + Default> KeyMap<V> {
    /// An empty map sized for `n` entries without growing.
    pub fn with_capacity(n: usize) -> Self {
        let cap = (n * 2).next_power_of_two().max(16);
        KeyMap {
            slots: vec![(0, V::default()); cap],
            len: 0,
            limit: cap / 2,
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[inline]
    fn slot(&self, key: u32) -> (usize, bool) {
        let cap = self.slots.len();
        // Multiply-shift range reduction: any capacity, no power of two needed.
        let mut i = ((u64::from(key.wrapping_mul(0x9E37_79B1)) * cap as u64) >> 32) as usize;
        loop {
            let k = self.slots[i].0;
            if k == key {
                return (i, true);
            }
            if k == 0 {
                return (i, false);
            }
            i += 1;
            if i == cap {
                i = 0;
            }
        }
    }

    /// The value for `key`.
    #[inline]
    pub fn get(&self, key: u32) -> Option<V> {
        if key == 0 {
            return None;
        }
        let (i, found) = self.slot(key);
        found.then(|| self.slots[i].1)
    }

    /// Mutable access to the value for `key`, inserting the default first when absent.
    pub fn entry(&mut self, key: u32) -> &mut V {
        let key = key.max(1);
        if self.len + 1 > self.limit {
            self.grow();
        }
        let (i, found) = self.slot(key);
        if !found {
            self.slots[i] = (key, V::default());
            self.len += 1;
        }
        &mut self.slots[i].1
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        let cap = (old.len() * 2).max(16);
        self.slots = vec![(0, V::default()); cap];
        self.len = 0;
        self.limit = cap / 2;
        for (k, v) in old {
            if k != 0 {
                *self.entry(k) = v;
            }
        }
    }

    /// All entries, sorted by key (for deterministic serialisation).
    pub fn sorted(&self) -> Vec<(u32, V)> {
        let mut v: Vec<(u32, V)> = self
            .slots
            .iter()
            .filter(|(k, _)| *k != 0)
            .copied()
            .collect();
        v.sort_unstable_by_key(|e| e.0);
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_and_get() {
        let mut m: KeyMap<u16> = KeyMap::default();
        for k in 1..1000u32 {
            *m.entry(k.wrapping_mul(2_654_435_761)) = k as u16;
        }
        assert_eq!(m.len(), 999);
        for k in 1..1000u32 {
            assert_eq!(m.get(k.wrapping_mul(2_654_435_761)), Some(k as u16));
        }
        assert_eq!(m.get(0), None);
        assert_eq!(m.sorted().len(), 999);
    }
}
