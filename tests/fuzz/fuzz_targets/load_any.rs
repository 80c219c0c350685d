//! Any bytes under any file name, through format sniffing and whichever loader it picks.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "a.txt", "a", "a.json", "a.jsonl", "a.csv", "a.tsv", "a.md", "a.html", "a.xml", "a.rss",
    "a.atom", "a.weird",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(pick) % NAMES.len()];
    let report = warta::article::load_bytes(std::path::Path::new(name), bytes);
    warta_fuzz::check_report(&report, true);
});
