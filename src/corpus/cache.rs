//! Cached analyses: the version they are valid for and their compact encoding.
//!
//! An article's [`Analysis`] depends only on the article's content and on the engine, so it
//! is stored under the article's content key ([`crate::store::article_key`]) and
//! [`engine_version`]. The version hashes the engine's source code, its embedded models and
//! word lists (computed by the build script) and [`ANALYSIS_FORMAT`]: any change to one of
//! them makes every cached analysis miss. The storage itself is
//! [`crate::store::AnalysisCache`]; this module knows what goes in it.
//!
//! Cached parsed files have their own encoding and version, in [`super::parsed`].

pub use super::parsed::loader_version;

use crate::ner::Analysis;

/// The version of the encoding below; raise it when [`Analysis`] changes shape.
pub const ANALYSIS_FORMAT: u32 = 1;

/// The engine version cached analyses are stored under.
pub fn engine_version() -> String {
    format!(
        "{}-{}-{ANALYSIS_FORMAT}",
        env!("CARGO_PKG_VERSION"),
        env!("WARTA_ENGINE_HASH")
    )
}

/// An analysis as the bytes stored in the cache (postcard, a compact binary form).
pub fn encode(analysis: &Analysis) -> Vec<u8> {
    // Encoding plain owned data into a growable buffer cannot fail.
    postcard::to_allocvec(analysis).unwrap_or_default()
}

/// An analysis back from its cached bytes; `None` when they do not decode (a damaged row
/// is treated as a miss and analysed again).
pub fn decode(bytes: &[u8]) -> Option<Analysis> {
    postcard::from_bytes(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::{Entity, EntityKind, Lang};

    #[test]
    fn analyses_survive_the_round_trip() {
        let analysis = Analysis {
            language: Lang::En,
            entities: vec![Entity {
                name: "Rina Hartono".into(),
                kind: EntityKind::Person,
                aliases: vec!["Hartono".into()],
                role: Some("minister".into()),
                mentions: 3,
                spans: vec![(0, 12), (40, 47)],
                title_spans: vec![(5, 12)],
            }],
        };
        let bytes = encode(&analysis);
        assert_eq!(decode(&bytes), Some(analysis));
        assert_eq!(decode(&bytes[..bytes.len() / 2]), None);
        assert!(engine_version().contains(env!("WARTA_ENGINE_HASH")));
    }
}
