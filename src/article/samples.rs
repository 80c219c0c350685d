//! The sample articles bundled in the binary, shown when warta starts without paths.
//!
//! Twenty short news articles written for warta, ten in Indonesian and ten in English, in
//! every shape the loaders read: scraped plain text from several sites (bylines, datelines,
//! photo captions, section headings and site boilerplate), a NewsAPI-style JSON file, JSON
//! lines, CSV with a header row, and Markdown with front matter. They tell a few connected
//! stories from 2025-2026 (a regional defence meeting in Jakarta, an anti-graft case, floods
//! in Riau, a central bank decision, an AI bill, a football transfer) so that the same
//! people and organizations recur across articles and files. The institutions are real; the
//! people, the events and the figures are invented.

/// Bundled sample files: a name (used as the article's path, under `samples/`) and bytes.
///
/// Ordered by story, so that related articles in different formats sit together.
pub const SAMPLES: &[(&str, &[u8])] = &[
    (
        "menhan-buka-pertemuan-pertahanan-asean-2026.txt",
        include_bytes!("../../assets/samples/menhan-buka-pertemuan-pertahanan-asean-2026.txt"),
    ),
    (
        "asean-defence-ministers-back-naval-hotline-2026.txt",
        include_bytes!("../../assets/samples/asean-defence-ministers-back-naval-hotline-2026.txt"),
    ),
    (
        "kpk-tahan-kepala-bpbd-riau-2025.txt",
        include_bytes!("../../assets/samples/kpk-tahan-kepala-bpbd-riau-2025.txt"),
    ),
    (
        "kpk-geledah-kantor-bpbd-riau-2025.txt",
        include_bytes!("../../assets/samples/kpk-geledah-kantor-bpbd-riau-2025.txt"),
    ),
    (
        "indonesia-news-briefs-2025-2026.csv",
        include_bytes!("../../assets/samples/indonesia-news-briefs-2025-2026.csv"),
    ),
    (
        "berita-pilihan-okt-2025-feb-2026.jsonl",
        include_bytes!("../../assets/samples/berita-pilihan-okt-2025-feb-2026.jsonl"),
    ),
    (
        "banjir-riau-bnpb-kirim-bantuan-2026.txt",
        include_bytes!("../../assets/samples/banjir-riau-bnpb-kirim-bantuan-2026.txt"),
    ),
    (
        "riau-floods-displace-thousands-2026.txt",
        include_bytes!("../../assets/samples/riau-floods-displace-thousands-2026.txt"),
    ),
    (
        "bi-pertahankan-suku-bunga-rupiah-menguat-2026.txt",
        include_bytes!("../../assets/samples/bi-pertahankan-suku-bunga-rupiah-menguat-2026.txt"),
    ),
    (
        "indonesia-central-bank-holds-rates-2026.txt",
        include_bytes!("../../assets/samples/indonesia-central-bank-holds-rates-2026.txt"),
    ),
    (
        "economy-and-floods-newsapi-2026.json",
        include_bytes!("../../assets/samples/economy-and-floods-newsapi-2026.json"),
    ),
    (
        "persija-winger-dimas-arya-joins-buriram-2026.txt",
        include_bytes!("../../assets/samples/persija-winger-dimas-arya-joins-buriram-2026.txt"),
    ),
    (
        "mengenal-ruu-kecerdasan-artifisial-2026.md",
        include_bytes!("../../assets/samples/mengenal-ruu-kecerdasan-artifisial-2026.md"),
    ),
    (
        "indonesia-ai-bill-parliament-debate-2026.txt",
        include_bytes!("../../assets/samples/indonesia-ai-bill-parliament-debate-2026.txt"),
    ),
    (
        "sepekan-hotline-asean-kasus-bpbd-riau-dimas-2026.md",
        include_bytes!("../../assets/samples/sepekan-hotline-asean-kasus-bpbd-riau-dimas-2026.md"),
    ),
];

#[cfg(test)]
mod tests {
    use super::SAMPLES;
    use std::collections::HashSet;

    #[test]
    fn every_file_in_the_samples_folder_is_bundled_once() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/samples");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .expect("assets/samples is part of the package")
            .filter_map(|entry| entry.ok())
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut bundled: Vec<String> = SAMPLES.iter().map(|(name, _)| name.to_string()).collect();
        let unique: HashSet<&String> = bundled.iter().collect();
        assert_eq!(unique.len(), bundled.len(), "a sample is listed twice");
        bundled.sort();
        assert_eq!(bundled, on_disk);
    }

    #[test]
    fn samples_are_small_valid_utf8_with_safe_names() {
        let total: usize = SAMPLES.iter().map(|(_, bytes)| bytes.len()).sum();
        assert!(total < 200 * 1024, "samples take {total} bytes");
        for (name, bytes) in SAMPLES {
            assert!(std::str::from_utf8(bytes).is_ok(), "{name} is not UTF-8");
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'),
                "{name} is not lowercase-with-dashes"
            );
        }
    }
}
