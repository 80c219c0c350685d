//! The saved-page loader (charset sniffing, readability extraction).
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta::article::Format;

fuzz_target!(|data: &[u8]| {
    warta_fuzz::load_as(data, Format::Html, false);
});
