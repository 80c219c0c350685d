//! The feed loader (RSS, Atom, RDF).
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta::article::Format;

fuzz_target!(|data: &[u8]| {
    warta_fuzz::load_as(data, Format::Feed, false);
});
