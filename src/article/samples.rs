//! The sample articles bundled in the binary, shown when warta starts without paths.

/// Bundled sample files: a name (used as the article's path, under `samples/`) and bytes.
pub const SAMPLES: &[(&str, &[u8])] = &[];
