//! Loading costs on shapes of input built to be slow: text of a million one-letter
//! paragraphs (each a sentence fragment that the loader joins to the one before), and
//! folders nested 1,500 deep. Both must cost time in proportion to their size.
//!
//! `cargo bench --bench hostile_input -- paragraphs` and `-- walk`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use warta::article::{load_bytes, walk};

/// `a`, a blank line, `a`, ... `count` times.
fn one_letter_paragraphs(count: usize) -> Vec<u8> {
    "a\n\n".repeat(count).into_bytes()
}

fn paragraphs(c: &mut Criterion) {
    let mut group = c.benchmark_group("paragraphs");
    group.sample_size(10);
    for count in [100_000, 1_000_000] {
        let text = one_letter_paragraphs(count);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(count), &text, |b, text| {
            b.iter(|| black_box(load_bytes(Path::new("a.txt"), text).articles.len()));
        });
    }
    group.finish();
}

/// Folders `d/d/d/...` nested `depth` deep under `root`, with one article at the bottom.
fn nested(root: &Path, depth: usize) -> std::io::Result<()> {
    let mut dir = root.to_path_buf();
    for _ in 0..depth {
        dir.push("d");
    }
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("x.txt"), "Judul\n\nIsi.\n")
}

fn walking(c: &mut Criterion) {
    let mut group = c.benchmark_group("walk");
    group.sample_size(10);
    for depth in [500, 1_000, 1_500] {
        let Ok(dir) = tempfile::tempdir() else {
            return;
        };
        if nested(dir.path(), depth).is_err() {
            return;
        }
        let paths: Vec<PathBuf> = vec![dir.path().to_path_buf()];
        group.throughput(Throughput::Elements(depth as u64));
        group.bench_with_input(BenchmarkId::new("nested", depth), &paths, |b, paths| {
            b.iter(|| black_box(walk::collect(paths, &mut Vec::new()).len()));
        });
    }
    group.finish();
}

criterion_group!(benches, paragraphs, walking);
criterion_main!(benches);
