//! Word-type cache for decoding: the facts of each distinct token string and the partial
//! emission scores that depend on the word alone, computed once and reused.
//!
//! News repeats its words: most tokens of an article are types already seen in it or in an
//! earlier article. A token's emission score is the sum of its feature weights, and most of
//! its features depend on one word only: the token itself ([`features::self_keys`]) or one
//! neighbour in a given position ([`features::neighbour_word_keys`]). For every word type and
//! sentence mode the cache keeps those sums (one block of `5 * L` integers: the word as the
//! token itself, and as each of the four neighbours), and for every value of a neighbour's
//! gazetteer bits the sums of [`features::neighbour_gaz_keys`] (one block of `8 * L`: four
//! neighbours of a lower-case or capitalised token). Decoding a token adds nine cached
//! vectors and looks up only its context features ([`features::context_keys`]). Sums are of the model's quantized integer weights, so the
//! scores are exactly those of [`super::model::Model::emissions`].
//!
//! Each thread keeps caches for the last two models it used; a cache is emptied before a
//! document when it holds more than [`MAX_TYPES`] word types.

use super::Compiled;
use super::decode::Viterbi;
use super::features::{self, Nb, Role, Scratch, TokInfo};
use super::hash;
use super::model::Model;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Word types kept per model before the cache starts over.
pub const MAX_TYPES: usize = 1 << 16;

/// Vectors per word block: the word itself, then the word in each [`Role`].
const VECS: usize = 5;

/// Vectors per gazetteer block: each [`Role`] for a lower-case and a capitalised token.
const GAZ_VECS: usize = 8;

/// Word blocks per storage chunk (chunks never move, so growing copies nothing).
const CHUNK: usize = 1024;

/// Entry of the sentence start.
pub const BOS_ID: u32 = 0;
/// Entry of the sentence end.
pub const EOS_ID: u32 = 1;

const NO_BLOCK: u32 = u32::MAX;

/// Hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Default)]
pub struct PreHashed(u64);

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = hash::finish(hash::bytes(self.0, bytes));
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// The word types one model has seen on this thread.
pub struct WordCache {
    model: u64,
    ids: HashMap<u64, u32, BuildHasherDefault<PreHashed>>,
    infos: Vec<TokInfo>,
    nchars: Vec<u32>,
    /// Word block and gazetteer block of every entry under each mode.
    blocks: Vec<[(u32, u32); 3]>,
    chunks: Vec<Vec<i32>>,
    n_blocks: usize,
    gaz_ids: HashMap<u64, u32, BuildHasherDefault<PreHashed>>,
    gaz_scores: Vec<i32>,
    l: usize,
    scratch: Scratch,
}

impl WordCache {
    fn new(model: u64, l: usize) -> WordCache {
        let mut c = WordCache {
            model,
            ids: HashMap::default(),
            infos: Vec::new(),
            nchars: Vec::new(),
            blocks: Vec::new(),
            chunks: Vec::new(),
            n_blocks: 0,
            gaz_ids: HashMap::default(),
            gaz_scores: Vec::new(),
            l,
            scratch: Scratch::default(),
        };
        c.reset();
        c
    }

    fn reset(&mut self) {
        self.ids.clear();
        self.infos.clear();
        self.nchars.clear();
        self.blocks.clear();
        self.chunks.clear();
        self.n_blocks = 0;
        self.gaz_ids.clear();
        self.gaz_scores.clear();
        for nb in [Nb::BOS, Nb::EOS] {
            self.infos.push(TokInfo::edge(nb));
            self.nchars.push(0);
            self.blocks.push([(NO_BLOCK, NO_BLOCK); 3]);
        }
    }

    /// Start a document: empty the cache if it has grown past [`MAX_TYPES`].
    pub fn begin_document(&mut self) {
        if self.infos.len() > MAX_TYPES {
            self.reset();
        }
    }

    /// The entry of a token string, computing its facts on first sight.
    #[inline]
    pub fn intern(&mut self, token: &str, m: &Compiled) -> u32 {
        let key = hash::finish(hash::bytes(0x7E57, token.as_bytes()));
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = self.infos.len() as u32;
        self.infos
            .push(TokInfo::new(token, &m.model.gaz, &mut self.scratch));
        self.nchars.push(token.chars().count() as u32);
        self.blocks.push([(NO_BLOCK, NO_BLOCK); 3]);
        self.ids.insert(key, id);
        id
    }

    /// The facts of an entry.
    #[inline]
    pub fn info(&self, id: u32) -> &TokInfo {
        &self.infos[id as usize]
    }

    /// The length in characters of an entry's token.
    #[inline]
    pub fn nchars(&self, id: u32) -> usize {
        self.nchars[id as usize] as usize
    }

    /// Make sure the score blocks of an entry under mode `mode` exist.
    pub fn ensure(&mut self, id: u32, mode: usize, m: &Compiled) {
        if self.blocks[id as usize][mode].0 != NO_BLOCK {
            return;
        }
        let l = self.l;
        let t = self.infos[id as usize];
        let mv = mode as u64;
        let model = &m.model;
        let b = self.n_blocks;
        self.n_blocks += 1;
        if b / CHUNK == self.chunks.len() {
            self.chunks.push(vec![0; CHUNK * VECS * l]);
        }
        let block = &mut self.chunks[b / CHUNK][(b % CHUNK) * VECS * l..][..VECS * l];
        {
            let acc = &mut block[..l];
            features::self_keys(&t, mv, |k| model.add_key(k, acc));
        }
        let nb = Nb::of(&t);
        for role in Role::ALL {
            let v = 1 + role as usize;
            let acc = &mut block[v * l..(v + 1) * l];
            features::neighbour_word_keys(nb, role, mv, |k| model.add_key(k, acc));
        }
        let gkey = hash::finish(nb.gbits << 2 | mv);
        let g = match self.gaz_ids.get(&gkey) {
            Some(&g) => g,
            None => {
                let g = (self.gaz_scores.len() / (GAZ_VECS * l)) as u32;
                self.gaz_ids.insert(gkey, g);
                let start = self.gaz_scores.len();
                self.gaz_scores.resize(start + GAZ_VECS * l, 0);
                let block = &mut self.gaz_scores[start..];
                for role in Role::ALL {
                    for cap in 0..2u64 {
                        let v = 2 * role as usize + cap as usize;
                        let acc = &mut block[v * l..(v + 1) * l];
                        features::neighbour_gaz_keys(nb.gbits, role, mv, cap, |k| {
                            model.add_key(k, acc)
                        });
                    }
                }
                g
            }
        };
        self.blocks[id as usize][mode] = (b as u32, g);
    }

    /// The cached sums of an entry under mode `mode`: vector 0 for the word itself,
    /// `1 + role` for the word as a neighbour. [`WordCache::ensure`] must have run.
    #[inline]
    pub fn vector(&self, id: u32, mode: usize, v: usize) -> &[i32] {
        let b = self.blocks[id as usize][mode].0 as usize;
        let l = self.l;
        &self.chunks[b / CHUNK][((b % CHUNK) * VECS + v) * l..][..l]
    }

    /// The cached gazetteer sums of an entry as a neighbour in `role` of a token with
    /// capitalisation `cap`. [`WordCache::ensure`] must have run.
    #[inline]
    pub fn gaz_vector(&self, id: u32, mode: usize, role: Role, cap: usize) -> &[i32] {
        let g = self.blocks[id as usize][mode].1 as usize;
        let l = self.l;
        &self.gaz_scores[(g * GAZ_VECS + 2 * role as usize + cap) * l..][..l]
    }
}

/// Weight sums of the context features that take few values ([`features::position_key`],
/// [`features::span_key`], [`features::doc_key`]), for every value: computed once per model,
/// so that decoding adds a vector instead of looking the key up.
#[derive(Debug, Clone)]
pub struct ContextSums {
    l: usize,
    /// By token flags, mode, first and last.
    position: Vec<i32>,
    /// By listed-name bit, capitalisation and mode.
    span: Vec<i32>,
    /// By document flags (below [`DOC_VALUES`]), capitalisation, first and mode.
    doc: Vec<i32>,
}

/// Sentence modes ([`features::Mode`]).
const MODES: usize = 3;

/// Document flag values with precomputed sums (`D_CAP_MID | D_LOWER` and below).
pub const DOC_VALUES: usize = 4;

impl ContextSums {
    /// The sums of a model.
    pub fn new(model: &Model) -> ContextSums {
        let l = model.labels.len();
        let mut position = vec![0; 256 * MODES * 4 * l];
        for flags in 0..=255u8 {
            for m in 0..MODES {
                for (fl, (first, last)) in
                    [(false, false), (false, true), (true, false), (true, true)]
                        .into_iter()
                        .enumerate()
                {
                    let at = ((usize::from(flags) * MODES + m) * 4 + fl) * l;
                    let key = features::position_key(flags, m as u64, first, last);
                    model.add_key(key, &mut position[at..at + l]);
                }
            }
        }
        let mut span = vec![0; 16 * 2 * MODES * l];
        for b in 0..16 {
            for cap in 0..2 {
                for m in 0..MODES {
                    let at = ((b * 2 + cap) * MODES + m) * l;
                    let key = features::span_key(b as u64, cap as u64, m as u64);
                    model.add_key(key, &mut span[at..at + l]);
                }
            }
        }
        let mut doc = vec![0; DOC_VALUES * 2 * 2 * MODES * l];
        for d in 0..DOC_VALUES {
            for cap in 0..2 {
                for first in [false, true] {
                    for m in 0..MODES {
                        let at = (((d * 2 + cap) * 2 + usize::from(first)) * MODES + m) * l;
                        let key = features::doc_key(d as u8, cap as u64, first, m as u64);
                        model.add_key(key, &mut doc[at..at + l]);
                    }
                }
            }
        }
        ContextSums {
            l,
            position,
            span,
            doc,
        }
    }

    /// The sums of [`features::position_key`].
    #[inline]
    pub fn position(&self, flags: u8, m: usize, first: bool, last: bool) -> &[i32] {
        let fl = usize::from(first) * 2 + usize::from(last);
        let at = ((usize::from(flags) * MODES + m) * 4 + fl) * self.l;
        &self.position[at..at + self.l]
    }

    /// The sums of [`features::span_key`] for bit `b` (below 16).
    #[inline]
    pub fn span(&self, b: usize, cap: usize, m: usize) -> &[i32] {
        let at = ((b * 2 + cap) * MODES + m) * self.l;
        &self.span[at..at + self.l]
    }

    /// The sums of [`features::doc_key`], for flags below [`DOC_VALUES`].
    #[inline]
    pub fn doc(&self, d: usize, cap: usize, first: bool, m: usize) -> &[i32] {
        let at = (((d * 2 + cap) * 2 + usize::from(first)) * MODES + m) * self.l;
        &self.doc[at..at + self.l]
    }
}

/// Per-document buffers reused between calls.
#[derive(Default)]
pub struct Buffers {
    /// Entry of every token of the document.
    pub ids: Vec<u32>,
    /// Facts of every token of the document.
    pub infos: Vec<TokInfo>,
    /// Listed-name bits of one sentence.
    pub spans: Vec<u16>,
    /// Emission scores of one sentence.
    pub em: Vec<f32>,
    /// Viterbi buffers.
    pub viterbi: Viterbi,
}

/// Everything decoding reuses between calls on one thread.
#[derive(Default)]
pub struct Work {
    caches: Vec<WordCache>,
    bufs: Buffers,
}

impl Work {
    /// The cache of a model, ready for a new document (made, and the older of two others
    /// dropped, when needed), with the buffers.
    pub fn parts(&mut self, m: &Compiled) -> (&mut WordCache, &mut Buffers) {
        let pos = match self.caches.iter().position(|c| c.model == m.id) {
            Some(p) => p,
            None => {
                if self.caches.len() >= 2 {
                    self.caches.remove(0);
                }
                self.caches.push(WordCache::new(m.id, m.model.labels.len()));
                self.caches.len() - 1
            }
        };
        let cache = &mut self.caches[pos];
        cache.begin_document();
        (cache, &mut self.bufs)
    }
}

thread_local! {
    static WORK: RefCell<Work> = RefCell::new(Work::default());
}

/// Run `f` with this thread's decoding state (a fresh one if it is already in use).
pub fn with_work<R>(f: impl FnOnce(&mut Work) -> R) -> R {
    WORK.with(|w| match w.try_borrow_mut() {
        Ok(mut w) => f(&mut w),
        Err(_) => f(&mut Work::default()),
    })
}
