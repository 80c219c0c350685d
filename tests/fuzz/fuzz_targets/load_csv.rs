//! The CSV and TSV loader (the first byte picks which).
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta::article::Format;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let format = if pick & 1 == 0 { Format::Csv } else { Format::Tsv };
    warta_fuzz::load_as(bytes, format, false);
});
