//! The Markdown loader (YAML and TOML front matter, headings).
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta::article::Format;

fuzz_target!(|data: &[u8]| {
    warta_fuzz::load_as(data, Format::Markdown, false);
});
