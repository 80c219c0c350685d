//! A collection's finished analysis as one cache row: the entity index and every article's
//! encoded analysis, so that reopening an unchanged collection reads one row instead of
//! building the index again (or looking up each article).
//!
//! The row is compressed (LZ4): the entity index encoded with postcard, then the analyses'
//! offsets and bytes. It is stored under a key made from the collection's article keys
//! ([`key`]) and the engine version (part of every cache row), which together fix its
//! content.

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

/// The row's bytes; `None` if the index cannot be encoded.
pub fn encode(index: &EntityIndex, analyses: &Analyses) -> Option<Vec<u8>> {
    let index = postcard::to_allocvec(index).ok()?;
    let (bytes, ends) = analyses.parts();
    let mut raw = Vec::with_capacity(16 + index.len() + ends.len() * 8 + bytes.len());
    raw.extend_from_slice(&(index.len() as u64).to_le_bytes());
    raw.extend_from_slice(&index);
    raw.extend_from_slice(&(ends.len() as u64).to_le_bytes());
    for &end in ends {
        raw.extend_from_slice(&(end as u64).to_le_bytes());
    }
    raw.extend_from_slice(bytes);
    let mut out = (raw.len() as u64).to_le_bytes().to_vec();
    out.extend(lz4_flex::block::compress(&raw));
    Some(out)
}

/// The index and analyses of `articles` articles back from a row; `None` when the row is
/// damaged or describes another number of articles.
pub fn decode(row: &[u8], articles: usize) -> Option<(EntityIndex, Analyses)> {
    let (len, packed) = row.split_first_chunk::<8>()?;
    let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
    // LZ4 expands at most about 255 times; a larger length is damage, not data.
    if len > packed.len().saturating_mul(255) {
        return None;
    }
    let raw = lz4_flex::block::decompress(packed, len).ok()?;
    let mut rest: &[u8] = &raw;
    let mut take_u64 = || -> Option<usize> {
        let (n, tail) = rest.split_first_chunk::<8>()?;
        rest = tail;
        usize::try_from(u64::from_le_bytes(*n)).ok()
    };
    let index_len = take_u64()?;
    let index_bytes = rest.get(..index_len)?;
    let index: EntityIndex = postcard::from_bytes(index_bytes).ok()?;
    rest = rest.get(index_len..)?;
    let count = {
        let (n, tail) = rest.split_first_chunk::<8>()?;
        rest = tail;
        usize::try_from(u64::from_le_bytes(*n)).ok()?
    };
    if count != articles || index.by_article.len() != articles {
        return None;
    }
    let table = rest.get(..count.checked_mul(8)?)?;
    let ends = table
        .chunks_exact(8)
        .map(|c| {
            let n = u64::from_le_bytes(c.try_into().ok()?);
            usize::try_from(n).ok()
        })
        .collect::<Option<Vec<usize>>>()?;
    let bytes = rest.get(count * 8..)?.to_vec();
    let analyses = Analyses::from_parts(bytes, ends)?;
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
        let (back, back_analyses) = decode(&row, articles.len()).expect("decodes");
        assert_eq!(back, index);
        assert_eq!(back_analyses.iter().collect::<Vec<_>>(), analyses);
        // Another collection size, a cut row, a wild length: refused, no panic.
        assert!(decode(&row, articles.len() + 1).is_none());
        assert!(decode(&row[..row.len() / 2], articles.len()).is_none());
        let mut wild = row.clone();
        wild[..8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(decode(&wild, articles.len()).is_none());
        assert!(decode(&[], 0).is_none());
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
