//! A collection's finished analysis as one cache row: the entity index and every article's
//! encoded analysis, so that reopening an unchanged collection reads one row instead of
//! building the index again (or looking up each article).
//!
//! The row is compressed (LZ4): the analyses' bytes and offsets, then the entity index
//! encoded with postcard, then their lengths. It is stored under a key made from the
//! collection's article keys ([`key`]) and the engine version (part of every cache row),
//! which together fix its content.

use super::{Analyses, EntityIndex};

/// Cache key prefix of snapshots (analyses are keyed by article key alone).
pub const PREFIX: &str = "index:";

/// The cache key of the snapshot of exactly these articles, in this order: a hash of their
/// keys.
pub fn key(keys: &[String]) -> String {
    // FNV-1a, 64-bit, over the keys with a separator after each.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for key in keys {
        for &b in key.as_bytes().iter().chain(b"\n") {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{PREFIX}{}-{hash:016x}", keys.len())
}

/// Marks the layout of a row, last in its raw form: a row of another layout is refused.
const MAGIC: &[u8; 8] = b"wsnap002";

/// The row's bytes; `None` if the index cannot be encoded.
///
/// The raw form puts the analyses' bytes first and the rest after them, ending with its
/// lengths and [`MAGIC`], so that reading it back keeps the bytes where they were
/// decompressed instead of copying them out.
pub fn encode(index: &EntityIndex, analyses: &Analyses) -> Option<Vec<u8>> {
    let index = postcard::to_allocvec(index).ok()?;
    let (bytes, ends) = analyses.parts();
    let mut raw = Vec::with_capacity(bytes.len() + ends.len() * 8 + index.len() + 24);
    raw.extend_from_slice(bytes);
    for &end in ends {
        raw.extend_from_slice(&(end as u64).to_le_bytes());
    }
    raw.extend_from_slice(&index);
    raw.extend_from_slice(&(ends.len() as u64).to_le_bytes());
    raw.extend_from_slice(&(index.len() as u64).to_le_bytes());
    raw.extend_from_slice(MAGIC);
    let mut out = (raw.len() as u64).to_le_bytes().to_vec();
    out.extend(lz4_flex::block::compress(&raw));
    Some(out)
}

/// The index and analyses of `articles` articles back from a row; `None` when the row is
/// damaged, of another layout, or describes another number of articles.
///
/// The row is taken by value and let go once decompressed: for a large collection it is
/// tens of megabytes, and the decompressed form becomes the analyses' storage in place.
pub fn decode(row: Vec<u8>, articles: usize) -> Option<(EntityIndex, Analyses)> {
    let (len, packed) = row.split_first_chunk::<8>()?;
    let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
    // LZ4 expands at most about 255 times; a larger length is damage, not data.
    if len > packed.len().saturating_mul(255) {
        return None;
    }
    let mut raw = lz4_flex::block::decompress(packed, len).ok()?;
    drop(row);
    let u64_at = |at: usize| -> Option<usize> {
        let bytes: [u8; 8] = raw.get(at..at.checked_add(8)?)?.try_into().ok()?;
        usize::try_from(u64::from_le_bytes(bytes)).ok()
    };
    let trailer = raw.len().checked_sub(24)?;
    if raw.get(trailer + 16..)? != MAGIC {
        return None;
    }
    let count = u64_at(trailer)?;
    let index_len = u64_at(trailer + 8)?;
    if count != articles {
        return None;
    }
    let index_start = trailer.checked_sub(index_len)?;
    let ends_start = index_start.checked_sub(count.checked_mul(8)?)?;
    let index: EntityIndex = postcard::from_bytes(raw.get(index_start..trailer)?).ok()?;
    if index.by_article.len() != articles {
        return None;
    }
    let ends = (0..count)
        .map(|i| u64_at(ends_start + i * 8))
        .collect::<Option<Vec<usize>>>()?;
    // The analyses' bytes are everything before their offsets.
    if ends.last().is_some_and(|&end| end != ends_start) || (ends.is_empty() && ends_start != 0) {
        return None;
    }
    raw.truncate(ends_start);
    raw.shrink_to_fit();
    let analyses = Analyses::from_parts(raw, ends)?;
    Some((index, analyses))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::{Analysis, Engine};

    #[test]
    fn a_snapshot_comes_back_whole_and_damage_is_refused() {
        let articles = crate::article::load_samples().articles;
        let analyses: Vec<Analysis> = articles
            .iter()
            .map(|a| Engine::global().analyze(a))
            .collect();
        let index = EntityIndex::build(&analyses.iter().collect::<Vec<_>>());
        let packed = Analyses::pack(&analyses);
        let row = encode(&index, &packed).expect("encodes");
        let (back, back_analyses) = decode(row.clone(), articles.len()).expect("decodes");
        assert_eq!(back, index);
        assert_eq!(back_analyses.iter().collect::<Vec<_>>(), analyses);
        // Another collection size, a cut row, a wild length: refused, no panic.
        assert!(decode(row.clone(), articles.len() + 1).is_none());
        assert!(decode(row[..row.len() / 2].to_vec(), articles.len()).is_none());
        let mut wild = row.clone();
        wild[..8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(decode(wild, articles.len()).is_none());
        assert!(decode(Vec::new(), 0).is_none());
        // A row of another layout (here: an older one, the index first) is refused.
        let mut raw = postcard::to_allocvec(&index).expect("encodes");
        raw.extend_from_slice(&[0; 24]);
        let mut other = (raw.len() as u64).to_le_bytes().to_vec();
        other.extend(lz4_flex::block::compress(&raw));
        assert!(decode(other, articles.len()).is_none());
    }

    #[test]
    fn keys_name_the_collection_and_its_order() {
        let a = vec!["k1".to_string(), "k2".to_string()];
        let b = vec!["k2".to_string(), "k1".to_string()];
        assert!(key(&a).starts_with(PREFIX));
        assert_ne!(key(&a), key(&b));
        assert_eq!(key(&a), key(&a.clone()));
    }
}
