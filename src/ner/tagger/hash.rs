//! Stable 64-bit hashing of feature strings (FxHash-style mixing with a final avalanche).
//!
//! Model files store feature keys, so the hash must never change between platforms or
//! builds: it is written out here instead of borrowed from `std`. The token hash the
//! features and the gazetteer share ([`lower_hash`], folded to a key by [`fold`]) is here
//! too.

const K: u64 = 0x517c_c1b7_2722_0a95;

/// Mix one 64-bit word into a running hash.
#[inline]
pub fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(K)
}

/// Hash a byte string with a seed (the feature template id, for instance).
#[inline]
pub fn bytes(seed: u64, data: &[u8]) -> u64 {
    let mut h = mix(seed.wrapping_add(0x9e37_79b9_7f4a_7c15), data.len() as u64);
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(w));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(w));
    }
    h
}

/// Final avalanche (MurmurHash3 fmix64), so that every output bit depends on every input bit.
#[inline]
pub fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

/// A 32-bit key for a feature: template id and up to three value hashes.
#[inline]
pub fn key(template: u32, a: u64, b: u64) -> u32 {
    let h = finish(mix(mix(u64::from(template).wrapping_mul(K), a), b));
    let k = (h ^ (h >> 32)) as u32;
    // 0 marks an empty slot in the weight table.
    if k == 0 { 1 } else { k }
}

/// Seed of the lower-case token hash.
pub const SEED_LOWER: u64 = 7;

/// Hash of the normalised lower-case form of a token (digits as `0`), as the features and
/// the gazetteer both key tokens.
pub fn lower_hash(token: &str, buf: &mut String) -> u64 {
    buf.clear();
    for c in token.chars() {
        if c.is_ascii_digit() {
            buf.push('0');
        } else if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
        } else {
            buf.extend(c.to_lowercase());
        }
    }
    bytes(SEED_LOWER, buf.as_bytes())
}

/// A 64-bit hash folded to a non-zero 32-bit key.
pub fn fold(h: u64) -> u32 {
    let k = (h ^ (h >> 32)) as u32;
    if k == 0 { 1 } else { k }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_values() {
        // The model files depend on these exact values.
        assert_eq!(bytes(0, b""), bytes(0, b""));
        assert_ne!(bytes(0, b"a"), bytes(1, b"a"));
        assert_ne!(bytes(0, b"ab"), bytes(0, b"ba"));
        assert_ne!(key(1, 2, 3), key(1, 3, 2));
        assert_eq!(
            key(7, bytes(0, b"Jakarta"), 0),
            key(7, bytes(0, b"Jakarta"), 0)
        );
    }
}
