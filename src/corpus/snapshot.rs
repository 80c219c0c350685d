//! A collection's finished analysis as one cache row: the entity index and every article's
//! encoded analysis, so that reopening an unchanged collection reads one row instead of
//! building the index again (or looking up each article).
//!
//! The snapshot's raw form holds the analyses' bytes and offsets, then the entity index
//! encoded with postcard, then their lengths. It is compressed (LZ4) in chunks, each
//! stored as a cache row of its own after a small head row: neither writing nor reading
//! a snapshot needs its whole compressed form in one buffer (for 100,000 articles it is
//! tens of megabytes). The rows are stored under a key made from the collection's article
//! keys ([`key`]) and the engine version (part of every cache row), which together fix
//! their content.

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

/// The cache key of piece `i` of a snapshot stored under `key`: the head row (0) is the
/// key itself, the chunks follow as `KEY/1`, `KEY/2`...
pub fn piece_key(key: &str, i: usize) -> String {
    if i == 0 {
        key.to_string()
    } else {
        format!("{key}/{i}")
    }
}

/// Marks the layout of a row, last in its raw form: a row of another layout is refused.
const MAGIC: &[u8; 8] = b"wsnap003";

/// The raw form is compressed in chunks of this many bytes, so that neither writing nor
/// reading a row needs a second whole copy of it.
const CHUNK: usize = 1 << 20;

/// Compresses what is written to it a chunk at a time: each chunk is its raw length and
/// compressed length (4 bytes each, LE), then the compressed bytes.
struct Chunks<'s> {
    /// Where each finished chunk goes, with its piece number (from 1); `None` back stops
    /// the encoding.
    sink: &'s mut dyn FnMut(usize, Vec<u8>) -> Option<()>,
    /// Chunks given to the sink so far.
    count: usize,
    /// A buffer to compress into.
    scratch: Vec<u8>,
    /// Raw bytes of the chunk being filled.
    pending: Vec<u8>,
    /// Raw bytes written so far.
    written: usize,
    /// Set when a chunk could not be compressed or stored while bytes came one at a time.
    failed: bool,
}

impl<'s> Chunks<'s> {
    fn new(sink: &'s mut dyn FnMut(usize, Vec<u8>) -> Option<()>) -> Chunks<'s> {
        Chunks {
            sink,
            count: 0,
            scratch: Vec::new(),
            pending: Vec::with_capacity(CHUNK),
            written: 0,
            failed: false,
        }
    }

    fn write(&mut self, mut bytes: &[u8]) -> Option<()> {
        self.written += bytes.len();
        while !bytes.is_empty() {
            let room = CHUNK - self.pending.len();
            let (now, later) = bytes.split_at(room.min(bytes.len()));
            self.pending.extend_from_slice(now);
            bytes = later;
            if self.pending.len() == CHUNK {
                self.flush()?;
            }
        }
        Some(())
    }

    fn flush(&mut self) -> Option<()> {
        if self.pending.is_empty() {
            return Some(());
        }
        let raw_len = u32::try_from(self.pending.len()).ok()?;
        let max = lz4_flex::block::get_maximum_output_size(self.pending.len());
        self.scratch.resize(max, 0);
        let n = lz4_flex::block::compress_into(&self.pending, &mut self.scratch).ok()?;
        let packed_len = u32::try_from(n).ok()?;
        let mut piece = Vec::with_capacity(8 + n);
        piece.extend_from_slice(&raw_len.to_le_bytes());
        piece.extend_from_slice(&packed_len.to_le_bytes());
        piece.extend_from_slice(&self.scratch[..n]);
        self.count += 1;
        (self.sink)(self.count, piece)?;
        self.pending.clear();
        Some(())
    }
}

/// Bytes one at a time, as postcard's serializer gives them: the index is encoded
/// straight into the chunks instead of into a buffer of its own first.
impl Extend<u8> for &mut Chunks<'_> {
    fn extend<I: IntoIterator<Item = u8>>(&mut self, bytes: I) {
        for b in bytes {
            self.written += 1;
            self.pending.push(b);
            if self.pending.len() == CHUNK && self.flush().is_none() {
                self.failed = true;
            }
        }
    }
}

/// Encode the snapshot a piece at a time: `put(i, piece)` stores piece `i` under
/// [`piece_key`]`(key, i)`. The chunks come first, each given away as soon as it is made,
/// and the head (piece 0) last, so a snapshot cut short has no head and is never read.
/// `None` if the index cannot be encoded or `put` gave `None`.
///
/// The raw form puts the analyses' bytes first and the rest after them, ending with its
/// lengths and [`MAGIC`], so that reading it back keeps the bytes where they were
/// decompressed instead of copying them out. The head is the raw form's length (8 bytes,
/// LE) and the number of chunks (4 bytes, LE); each chunk ([`CHUNK`] raw bytes) is a piece.
pub fn encode_to(
    index: &EntityIndex,
    analyses: &Analyses,
    put: &mut dyn FnMut(usize, Vec<u8>) -> Option<()>,
) -> Option<()> {
    let mut chunks = Chunks::new(put);
    let mut ends = Vec::with_capacity(analyses.len());
    for bytes in analyses.encodings() {
        chunks.write(bytes)?;
        ends.push(chunks.written);
    }
    for &end in &ends {
        chunks.write(&(end as u64).to_le_bytes())?;
    }
    let index_start = chunks.written;
    let index_len = postcard::to_extend(index, &mut chunks).ok()?.written - index_start;
    chunks.write(&(ends.len() as u64).to_le_bytes())?;
    chunks.write(&(index_len as u64).to_le_bytes())?;
    chunks.write(MAGIC)?;
    chunks.flush()?;
    if chunks.failed {
        return None;
    }
    let mut head = (chunks.written as u64).to_le_bytes().to_vec();
    head.extend_from_slice(&u32::try_from(chunks.count).ok()?.to_le_bytes());
    (chunks.sink)(0, head)
}

/// The snapshot's pieces in order (the head first), all in memory: [`encode_to`] for
/// callers that keep them.
pub fn encode(index: &EntityIndex, analyses: &Analyses) -> Option<Vec<Vec<u8>>> {
    let mut pieces = vec![Vec::new()];
    encode_to(index, analyses, &mut |i, piece| {
        if i == 0 {
            pieces[0] = piece;
        } else {
            pieces.push(piece);
        }
        Some(())
    })?;
    Some(pieces)
}

/// The raw form back from a snapshot's pieces (the head first), into one buffer of the
/// length the head states; each piece is let go once decompressed.
fn uncompress(mut pieces: impl Iterator<Item = Option<Vec<u8>>>) -> Option<Vec<u8>> {
    let head = pieces.next()??;
    let (len, rest) = head.split_first_chunk::<8>()?;
    let count: [u8; 4] = rest.try_into().ok()?;
    let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
    let count = usize::try_from(u32::from_le_bytes(count)).ok()?;
    // Every chunk but the last is whole: a length the chunks cannot hold is damage.
    if len > count.saturating_mul(CHUNK) || len <= count.saturating_sub(1).saturating_mul(CHUNK) {
        return None;
    }
    let mut raw = vec![0; len];
    let mut at: usize = 0;
    for _ in 0..count {
        let piece = pieces.next()??;
        let (raw_len, tail) = piece.split_first_chunk::<4>()?;
        let (packed_len, packed) = tail.split_first_chunk::<4>()?;
        let raw_len = usize::try_from(u32::from_le_bytes(*raw_len)).ok()?;
        let packed_len = usize::try_from(u32::from_le_bytes(*packed_len)).ok()?;
        if packed.len() != packed_len {
            return None;
        }
        let target = raw.get_mut(at..at.checked_add(raw_len)?)?;
        let n = lz4_flex::block::decompress_into(packed, target).ok()?;
        if n != raw_len {
            return None;
        }
        at += raw_len;
    }
    (at == len).then_some(raw)
}

/// The index and analyses of `articles` articles back from a snapshot's pieces, read in
/// turn (`None` for a piece not found); `None` when a piece is missing or damaged, the
/// snapshot is of another layout, or it describes another number of articles.
///
/// The decompressed form becomes the analyses' storage in place.
pub fn decode(
    pieces: impl Iterator<Item = Option<Vec<u8>>>,
    articles: usize,
) -> Option<(EntityIndex, Analyses)> {
    let mut raw = uncompress(pieces)?;
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

    /// The bundled samples' analyses, their index, and the analyses packed.
    fn samples() -> (Vec<Analysis>, EntityIndex, Analyses) {
        let analyses: Vec<Analysis> = crate::article::load_samples()
            .articles
            .iter()
            .map(|a| Engine::global().analyze(a))
            .collect();
        let index = EntityIndex::build(&analyses.iter().collect::<Vec<_>>());
        let packed = Analyses::pack(&analyses);
        (analyses, index, packed)
    }

    /// The pieces as the cache would give them back.
    fn read(pieces: &[Vec<u8>]) -> impl Iterator<Item = Option<Vec<u8>>> + '_ {
        pieces.iter().map(|p| Some(p.clone()))
    }

    #[test]
    fn a_snapshot_comes_back_whole_and_damage_is_refused() {
        let (analyses, index, packed) = samples();
        let pieces = encode(&index, &packed).expect("encodes");
        let (back, back_analyses) = decode(read(&pieces), analyses.len()).expect("decodes");
        assert_eq!(back, index);
        assert_eq!(back_analyses.iter().collect::<Vec<_>>(), analyses);
        // Another collection size, a missing or cut piece, a wild length: refused.
        assert!(decode(read(&pieces), analyses.len() + 1).is_none());
        assert!(decode(read(&pieces[..1]), analyses.len()).is_none());
        let missing = std::iter::once(Some(pieces[0].clone())).chain(std::iter::once(None));
        assert!(decode(missing, analyses.len()).is_none());
        let mut cut = pieces.clone();
        if let Some(last) = cut.last_mut() {
            last.truncate(last.len() / 2);
        }
        assert!(decode(read(&cut), analyses.len()).is_none());
        let mut wild = pieces.clone();
        wild[0][..8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(decode(read(&wild), analyses.len()).is_none());
        assert!(decode(std::iter::empty(), 0).is_none());
        // A snapshot of another layout (here: the index first) is refused.
        let mut raw = postcard::to_allocvec(&index).expect("encodes");
        raw.extend_from_slice(&[0; 24]);
        let other = pieces_of(&raw);
        assert!(decode(read(&other), analyses.len()).is_none());
    }

    /// Raw bytes as a snapshot's pieces, the head first.
    fn pieces_of(raw: &[u8]) -> Vec<Vec<u8>> {
        let mut pieces = vec![Vec::new()];
        let mut sink = |_: usize, piece: Vec<u8>| {
            pieces.push(piece);
            Some(())
        };
        let mut chunks = Chunks::new(&mut sink);
        chunks.write(raw).expect("writes");
        chunks.flush().expect("flushes");
        let count = chunks.count as u32;
        let mut head = (raw.len() as u64).to_le_bytes().to_vec();
        head.extend_from_slice(&count.to_le_bytes());
        pieces[0] = head;
        pieces
    }

    #[test]
    fn a_snapshot_longer_than_a_chunk_comes_back_whole() {
        let data: Vec<u8> = (0..CHUNK * 2 + 12_345)
            .map(|i| (i % 251) as u8 ^ (i / 4096) as u8)
            .collect();
        let mut pieces = pieces_of(&data);
        assert_eq!(pieces.len(), 4);
        assert_eq!(uncompress(read(&pieces)).as_deref(), Some(data.as_slice()));
        // A head claiming more chunks than there are is refused.
        pieces[0][8..].copy_from_slice(&4u32.to_le_bytes());
        assert!(uncompress(read(&pieces)).is_none());
    }

    #[test]
    fn the_head_comes_last_and_a_failed_store_stops_the_encoding() {
        let (_, index, packed) = samples();
        let mut order = Vec::new();
        let stored = encode_to(&index, &packed, &mut |i, _| {
            order.push(i);
            Some(())
        });
        assert!(stored.is_some());
        assert_eq!(order.last(), Some(&0));
        assert!(encode_to(&index, &packed, &mut |_, _| None).is_none());
    }

    #[test]
    fn pieces_follow_their_head() {
        assert_eq!(piece_key("index:3-ab", 0), "index:3-ab");
        assert_eq!(piece_key("index:3-ab", 2), "index:3-ab/2");
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
