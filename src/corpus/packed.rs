//! Every article's analysis, kept encoded while the collection is open.
//!
//! An [`Analysis`] in memory is a tree of small allocations (names, aliases, span lists)
//! costing several kilobytes per article; the same analysis encoded with
//! [`cache::encode`](super::cache::encode) is about a kilobyte. The collection keeps the
//! encoded form (in one buffer when read back from a snapshot, each encoding where the
//! engine left it when freshly analysed) and decodes an article's analysis when it is
//! asked for (the open article, an entity page's visible rows), which takes microseconds.

use super::cache;
use crate::ner::{Analysis, EntityKind, Lang};
use serde::Deserialize;
use serde::de::{Deserializer, SeqAccess, Visitor};
use std::fmt;

/// The analyses of a collection, one per article in collection order, stored encoded.
#[derive(Debug, Clone)]
pub struct Analyses {
    store: Store,
}

/// How the encodings are held.
#[derive(Debug, Clone)]
enum Store {
    /// One after another in one buffer, with where each ends: what a snapshot read back
    /// gives, the most compact form.
    Packed { bytes: Vec<u8>, ends: Vec<usize> },
    /// Each in its own allocation, as the engine made them: copying a freshly analysed
    /// collection's encodings into one buffer would need them twice at once.
    Separate(Vec<Box<[u8]>>),
}

impl Default for Analyses {
    fn default() -> Analyses {
        Analyses {
            store: Store::Separate(Vec::new()),
        }
    }
}

impl Analyses {
    /// Encode and keep these analyses (in collection order).
    pub fn pack(analyses: &[Analysis]) -> Analyses {
        Analyses::from_encoded(analyses.iter().map(cache::encode).collect())
    }

    /// Keep analyses already encoded with [`cache::encode`] (in collection order), each
    /// where it is.
    pub fn from_encoded(encoded: Vec<Vec<u8>>) -> Analyses {
        Analyses {
            store: Store::Separate(encoded.into_iter().map(Vec::into_boxed_slice).collect()),
        }
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        match &self.store {
            Store::Packed { ends, .. } => ends.len(),
            Store::Separate(each) => each.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The analysis of article `i`, decoded; `None` past the end.
    pub fn get(&self, i: usize) -> Option<Analysis> {
        // Bytes this type encoded itself always decode; an empty analysis stands in for
        // the impossible failure rather than a panic.
        Some(cache::decode(self.encoded(i)?).unwrap_or_else(empty))
    }

    /// The encoding of article `i`'s analysis; `None` past the end.
    pub fn encoded(&self, i: usize) -> Option<&[u8]> {
        match &self.store {
            Store::Packed { bytes, ends } => {
                let end = *ends.get(i)?;
                let start = if i == 0 { 0 } else { ends[i - 1] };
                bytes.get(start..end)
            }
            Store::Separate(each) => each.get(i).map(|b| &**b),
        }
    }

    /// These analyses with some replaced by new encodings (`(article, bytes)` pairs; those
    /// past the end are ignored).
    pub fn replaced(self, new: Vec<(usize, Vec<u8>)>) -> Analyses {
        let mut slots: Vec<Option<Vec<u8>>> = vec![None; self.len()];
        for (i, bytes) in new {
            if let Some(slot) = slots.get_mut(i) {
                *slot = Some(bytes);
            }
        }
        let encoded = (0..self.len())
            .map(|i| {
                slots[i]
                    .take()
                    .unwrap_or_else(|| self.encoded(i).unwrap_or_default().to_vec())
            })
            .collect();
        Analyses::from_encoded(encoded)
    }

    /// Every analysis in collection order, decoded one at a time.
    pub fn iter(&self) -> impl Iterator<Item = Analysis> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// Every encoding in collection order.
    pub fn encodings(&self) -> impl Iterator<Item = &[u8]> + '_ {
        (0..self.len()).filter_map(|i| self.encoded(i))
    }

    /// Analyses from their encodings one after another and where each ends; `None` when
    /// the ends do not fit the bytes.
    pub fn from_parts(bytes: Vec<u8>, ends: Vec<usize>) -> Option<Analyses> {
        let ordered = ends.windows(2).all(|w| w[0] <= w[1]);
        let fits = ends.last().is_none_or(|&end| end <= bytes.len());
        (ordered && fits).then_some(Analyses {
            store: Store::Packed { bytes, ends },
        })
    }

    /// Bytes held (the encodings and their offsets or pointers).
    pub fn heap_size(&self) -> usize {
        match &self.store {
            Store::Packed { bytes, ends } => {
                bytes.capacity() + ends.capacity() * std::mem::size_of::<usize>()
            }
            Store::Separate(each) => {
                each.iter().map(|b| b.len()).sum::<usize>()
                    + each.capacity() * std::mem::size_of::<Box<[u8]>>()
            }
        }
    }
}

/// What the entity index reads of an article's entity ([`crate::ner::Entity`]), borrowed
/// from its encoding: everything but the mention spans, which are skipped unread.
#[derive(Debug, Deserialize)]
pub(crate) struct EntityView<'a> {
    /// [`crate::ner::Entity::name`].
    pub name: &'a str,
    /// [`crate::ner::Entity::kind`].
    pub kind: EntityKind,
    /// [`crate::ner::Entity::aliases`].
    #[serde(borrow)]
    pub aliases: Vec<&'a str>,
    /// [`crate::ner::Entity::role`].
    pub role: Option<&'a str>,
    /// [`crate::ner::Entity::mentions`].
    pub mentions: usize,
    /// [`crate::ner::Entity::spans`], read past.
    _spans: Skipped,
    /// [`crate::ner::Entity::title_spans`], read past.
    _title_spans: Skipped,
}

/// [`Analysis`] field for field, its entities as [`EntityView`]s.
#[derive(Deserialize)]
struct AnalysisView<'a> {
    _language: Lang,
    #[serde(borrow)]
    entities: Vec<EntityView<'a>>,
}

/// A list of spans read past without being kept.
#[derive(Debug)]
struct Skipped;

impl<'de> Deserialize<'de> for Skipped {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Skipped, D::Error> {
        struct Spans;
        impl<'de> Visitor<'de> for Spans {
            type Value = Skipped;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of byte spans")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skipped, A::Error> {
                while seq.next_element::<(usize, usize)>()?.is_some() {}
                Ok(Skipped)
            }
        }
        deserializer.deserialize_seq(Spans)
    }
}

/// The entities of an analysis encoded with [`cache::encode`], borrowed from the bytes and
/// without their spans: cheaper than [`cache::decode`], and `Some` exactly when it is.
pub(crate) fn entities(bytes: &[u8]) -> Option<Vec<EntityView<'_>>> {
    postcard::from_bytes::<AnalysisView>(bytes)
        .ok()
        .map(|view| view.entities)
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

    #[test]
    fn the_entity_view_reads_what_decoding_does() {
        let articles = crate::article::load_samples().articles;
        let mut seen = 0;
        for article in &articles {
            let analysis = Engine::global().analyze(article);
            let bytes = cache::encode(&analysis);
            let view = entities(&bytes).unwrap_or_default();
            assert_eq!(view.len(), analysis.entities.len());
            for (v, e) in view.iter().zip(&analysis.entities) {
                assert_eq!(
                    (v.name, v.kind, v.role, v.mentions),
                    (e.name.as_str(), e.kind, e.role.as_deref(), e.mentions)
                );
                assert_eq!(v.aliases, e.aliases);
                seen += e.spans.len();
            }
            // Cut short anywhere, the bytes fail to read as they fail to decode.
            for end in [1, bytes.len() / 2, bytes.len().saturating_sub(1)] {
                let cut = &bytes[..end.min(bytes.len())];
                assert_eq!(entities(cut).is_some(), cache::decode(cut).is_some());
            }
        }
        assert!(seen > 0, "the samples have spans to read past");
    }

    #[test]
    fn replaced_analyses_change_only_those() {
        let analyses = vec![empty(), empty(), empty()];
        let marker = Analysis {
            language: crate::ner::Lang::Id,
            entities: Vec::new(),
        };
        let packed =
            Analyses::pack(&analyses).replaced(vec![(1, cache::encode(&marker)), (9, vec![])]);
        assert_eq!(
            packed.iter().collect::<Vec<_>>(),
            [empty(), marker, empty()]
        );
    }
}
