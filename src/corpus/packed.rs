//! Every article's analysis, kept encoded while the collection is open.
//!
//! An [`Analysis`] in memory is a tree of small allocations (names, aliases, span lists)
//! costing several kilobytes per article; the same analysis encoded with
//! [`cache::encode`](super::cache::encode) is about a kilobyte. The collection keeps the
//! encoded form in one buffer and decodes an article's analysis when it is asked for (the
//! open article, an entity page's visible rows), which takes microseconds.

use super::cache;
use crate::ner::Analysis;

/// The analyses of a collection, one per article in collection order, stored encoded.
#[derive(Debug, Clone, Default)]
pub struct Analyses {
    /// Every encoded analysis, one after another.
    bytes: Vec<u8>,
    /// Where each article's encoding ends in `bytes`.
    ends: Vec<usize>,
}

impl Analyses {
    /// Encode and keep these analyses (in collection order).
    pub fn pack(analyses: &[Analysis]) -> Analyses {
        Analyses::from_encoded(analyses.iter().map(cache::encode).collect())
    }

    /// Keep analyses already encoded with [`cache::encode`] (in collection order).
    pub fn from_encoded(encoded: Vec<Vec<u8>>) -> Analyses {
        let mut packed = Analyses {
            bytes: Vec::with_capacity(encoded.iter().map(Vec::len).sum()),
            ends: Vec::with_capacity(encoded.len()),
        };
        for bytes in encoded {
            packed.bytes.extend_from_slice(&bytes);
            packed.ends.push(packed.bytes.len());
        }
        packed
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The analysis of article `i`, decoded; `None` past the end.
    pub fn get(&self, i: usize) -> Option<Analysis> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        // Bytes this type encoded itself always decode; an empty analysis stands in for
        // the impossible failure rather than a panic.
        Some(cache::decode(self.bytes.get(start..end)?).unwrap_or_else(empty))
    }

    /// Every analysis in collection order, decoded one at a time.
    pub fn iter(&self) -> impl Iterator<Item = Analysis> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// The encodings one after another, and where each ends.
    pub fn parts(&self) -> (&[u8], &[usize]) {
        (&self.bytes, &self.ends)
    }

    /// Analyses back from [`Analyses::parts`]; `None` when the ends do not fit the bytes.
    pub fn from_parts(bytes: Vec<u8>, ends: Vec<usize>) -> Option<Analyses> {
        let ordered = ends.windows(2).all(|w| w[0] <= w[1]);
        let fits = ends.last().is_none_or(|&end| end <= bytes.len());
        (ordered && fits).then_some(Analyses { bytes, ends })
    }

    /// Bytes held (the encodings and their offsets).
    pub fn heap_size(&self) -> usize {
        self.bytes.capacity() + self.ends.capacity() * std::mem::size_of::<usize>()
    }
}

fn empty() -> Analysis {
    Analysis {
        language: crate::ner::Lang::En,
        entities: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::Engine;

    #[test]
    fn every_analysis_comes_back_as_it_went_in() {
        let articles = crate::article::load_samples().articles;
        let analyses: Vec<Analysis> = articles
            .iter()
            .map(|a| Engine::global().analyze(a))
            .collect();
        let packed = Analyses::pack(&analyses);
        assert_eq!(packed.len(), analyses.len());
        for (i, analysis) in analyses.iter().enumerate() {
            assert_eq!(packed.get(i).as_ref(), Some(analysis));
        }
        assert_eq!(packed.get(analyses.len()), None);
        assert_eq!(packed.iter().collect::<Vec<_>>(), analyses);
        assert!(packed.heap_size() > 0);
        let encoded = analyses.iter().map(cache::encode).collect();
        assert_eq!(
            Analyses::from_encoded(encoded).iter().collect::<Vec<_>>(),
            analyses
        );
    }
}
