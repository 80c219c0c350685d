//! Feature extraction: per-token facts, sentence case mode, document flags, and the hashed
//! feature keys of every token.
//!
//! Every feature is a 32-bit key made from a template id and hashed values
//! ([`super::hash::key`]); nothing is formatted into a `String`. The per-token facts
//! ([`TokInfo`]) are computed once per token and shared by the window templates.

use super::hash::{self, fold, lower_hash};
use super::table::KeyMap;
use crate::ner::gazetteer::Gazetteer;

/// Flag: first character is upper case.
pub const F_CAP: u8 = 1;
/// Flag: every letter is upper case (and there are at least two).
pub const F_ALLCAPS: u8 = 2;
/// Flag: contains a digit.
pub const F_DIGIT: u8 = 4;
/// Flag: every character is a digit or a number separator.
pub const F_NUMBER: u8 = 8;
/// Flag: contains a hyphen.
pub const F_HYPHEN: u8 = 16;
/// Flag: contains a dot.
pub const F_DOT: u8 = 32;
/// Flag: no letter or digit at all.
pub const F_PUNCT: u8 = 64;
/// Flag: starts with a letter.
pub const F_ALPHA: u8 = 128;

/// What is known about one token before looking at its neighbours.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokInfo {
    /// Hash of the exact form (digits mapped to 0).
    pub word: u64,
    /// Hash of the lower-case form (digits mapped to 0).
    pub lower: u64,
    /// Hash of the full shape (`Xxxxx`, `dd.dd`, up to 16 characters).
    pub shape: u64,
    /// Hash of the shape with repeats collapsed (`Xx`, `d.d`).
    pub sshape: u64,
    /// Hashes of the lower-case prefixes of 1..=4 characters (0 when the word is shorter).
    pub pre: [u64; 4],
    /// Hashes of the lower-case suffixes of 1..=4 characters (0 when the word is shorter).
    pub suf: [u64; 4],
    /// `F_*` flags.
    pub flags: u8,
    /// Gazetteer bits of the single token ([`Gazetteer::token_bits`]).
    pub gaz: u16,
    /// Names-table value of the single token ([`Gazetteer::first`]).
    pub name: u8,
}

/// Scratch buffers reused across tokens.
#[derive(Default)]
pub struct Scratch {
    lower: String,
    exact: String,
}

const SEED_WORD: u64 = 11;
const SEED_SHAPE: u64 = 13;
const SEED_SSHAPE: u64 = 17;
const SEED_PRE: u64 = 19;
const SEED_SUF: u64 = 23;

fn shape_char(c: char) -> u8 {
    if c.is_uppercase() {
        b'X'
    } else if c.is_lowercase() {
        b'x'
    } else if c.is_numeric() {
        b'd'
    } else if c.is_alphabetic() {
        b'a'
    } else if c.is_ascii() {
        c as u8
    } else {
        b'p'
    }
}

impl TokInfo {
    /// Compute the facts of one token.
    pub fn new(token: &str, gaz: &Gazetteer, s: &mut Scratch) -> TokInfo {
        let lower = lower_hash(token, &mut s.lower);
        s.exact.clear();
        let mut flags = 0u8;
        let mut shape = [0u8; 16];
        let mut ns = 0;
        let mut sshape = [0u8; 8];
        let mut nss = 0;
        let (mut letters, mut uppers, mut digits, mut seps, mut nchars) = (0, 0, 0, 0, 0);
        for (i, c) in token.chars().enumerate() {
            nchars += 1;
            if c.is_ascii_digit() {
                s.exact.push('0');
            } else {
                s.exact.push(c);
            }
            if i == 0 {
                if c.is_uppercase() {
                    flags |= F_CAP;
                }
                if c.is_alphabetic() {
                    flags |= F_ALPHA;
                }
            }
            if c.is_alphabetic() {
                letters += 1;
                if c.is_uppercase() {
                    uppers += 1;
                }
            } else if c.is_numeric() {
                digits += 1;
            } else if matches!(c, '.' | ',') {
                seps += 1;
            }
            if c == '-' || c == '\u{2010}' || c == '\u{2011}' {
                flags |= F_HYPHEN;
            }
            if c == '.' {
                flags |= F_DOT;
            }
            let sc = shape_char(c);
            if ns < shape.len() {
                shape[ns] = sc;
                ns += 1;
            }
            if (nss == 0 || sshape[nss - 1] != sc) && nss < sshape.len() {
                sshape[nss] = sc;
                nss += 1;
            }
        }
        if letters >= 2 && uppers == letters {
            flags |= F_ALLCAPS;
        }
        if digits > 0 {
            flags |= F_DIGIT;
            if digits + seps == nchars {
                flags |= F_NUMBER;
            }
        }
        if letters == 0 && digits == 0 {
            flags |= F_PUNCT;
        }
        let low = s.lower.as_str();
        let mut pre = [0u64; 4];
        let mut suf = [0u64; 4];
        let mut idx = low.char_indices().map(|(i, _)| i).skip(1);
        for (k, p) in pre.iter_mut().enumerate() {
            let end = idx.next().unwrap_or(low.len());
            if k < nchars {
                *p = hash::bytes(SEED_PRE + k as u64, &low.as_bytes()[..end]);
            }
        }
        let mut ridx = low.char_indices().rev().map(|(i, _)| i);
        for (k, p) in suf.iter_mut().enumerate() {
            if let Some(start) = ridx.next() {
                *p = hash::bytes(SEED_SUF + k as u64, &low.as_bytes()[start..]);
            }
        }
        TokInfo {
            word: hash::bytes(SEED_WORD, s.exact.as_bytes()),
            lower,
            shape: hash::bytes(SEED_SHAPE, &shape[..ns]),
            sshape: hash::bytes(SEED_SSHAPE, &sshape[..nss]),
            pre,
            suf,
            flags,
            gaz: gaz.token_bits(lower),
            name: gaz.first(lower),
        }
    }

    /// 1 when the token is capitalised, else 0.
    pub fn cap(&self) -> u64 {
        u64::from(self.flags & F_CAP != 0)
    }
}

/// How a sentence is capitalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Ordinary sentence case.
    Normal = 0,
    /// Every longer word capitalised (headlines, name lists).
    Title = 1,
    /// Everything in capitals.
    Upper = 2,
}

/// The capitalisation mode of a sentence.
pub fn mode(infos: &[TokInfo], texts_len: impl Fn(usize) -> usize) -> Mode {
    let (mut alpha, mut allcaps, mut long, mut long_cap) = (0, 0, 0, 0);
    for (i, t) in infos.iter().enumerate() {
        if t.flags & F_ALPHA == 0 {
            continue;
        }
        alpha += 1;
        if t.flags & F_ALLCAPS != 0 {
            allcaps += 1;
        }
        if texts_len(i) >= 4 {
            long += 1;
            if t.flags & F_CAP != 0 {
                long_cap += 1;
            }
        }
    }
    if alpha >= 2 && allcaps * 10 >= alpha * 8 {
        Mode::Upper
    } else if long >= 3 && long_cap == long {
        Mode::Title
    } else {
        Mode::Normal
    }
}

/// Document flag: the word is capitalised mid-sentence somewhere in the document.
pub const D_CAP_MID: u8 = 1;
/// Document flag: the word appears starting in lower case somewhere in the document.
pub const D_LOWER: u8 = 2;

/// What tagging and training work out once per document: the capitalisation mode of every
/// sentence ([`mode`]) and the document's flags ([`doc_flags`]). `sentences` holds the token
/// facts of each sentence, `nchars(s, i)` is the length in characters of token `i` of
/// sentence `s`.
pub fn prepare_doc(
    sentences: &[&[TokInfo]],
    nchars: impl Fn(usize, usize) -> usize,
) -> (Vec<Mode>, KeyMap<u8>) {
    let modes: Vec<Mode> = sentences
        .iter()
        .enumerate()
        .map(|(s, infos)| mode(infos, |i| nchars(s, i)))
        .collect();
    let pairs: Vec<(&[TokInfo], Mode)> = sentences
        .iter()
        .copied()
        .zip(modes.iter().copied())
        .collect();
    let flags = doc_flags(&pairs);
    (modes, flags)
}

/// Per-token document flags for a document of sentences (token infos and their modes).
pub fn doc_flags(sentences: &[(&[TokInfo], Mode)]) -> KeyMap<u8> {
    let mut map: KeyMap<u8> = KeyMap::with_capacity(sentences.iter().map(|s| s.0.len()).sum());
    for (infos, mode) in sentences {
        for (i, t) in infos.iter().enumerate() {
            if t.flags & F_ALPHA == 0 {
                continue;
            }
            let k = fold(t.lower);
            if t.flags & F_CAP == 0 {
                *map.entry(k) |= D_LOWER;
            } else if i > 0 && *mode == Mode::Normal {
                *map.entry(k) |= D_CAP_MID;
            }
        }
    }
    map
}

/// The features of one sentence: keys of token `i` are `keys[offs[i]..offs[i + 1]]`.
#[derive(Debug, Default, Clone)]
pub struct SentFeats {
    /// Feature keys of all tokens, one after the other.
    pub keys: Vec<u32>,
    /// Start of each token's keys, plus the end.
    pub offs: Vec<u32>,
}

impl SentFeats {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.offs.len().saturating_sub(1)
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The keys of token `i`.
    pub fn token(&self, i: usize) -> &[u32] {
        &self.keys[self.offs[i] as usize..self.offs[i + 1] as usize]
    }
}

const BOS: u64 = 0xB0_5B05;
const EOS: u64 = 0xE0_5E05;

/// What the window templates read from a neighbouring token (or the sentence edges).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Nb {
    /// Lower-case hash.
    pub lower: u64,
    /// Exact-form hash.
    pub word: u64,
    /// Short-shape hash.
    pub sshape: u64,
    /// Gazetteer token bits (bit 15 alone past the sentence edges).
    pub gbits: u64,
}

impl Nb {
    /// Before the first token.
    pub const BOS: Nb = Nb {
        lower: BOS,
        word: BOS,
        sshape: BOS,
        gbits: 1 << 15,
    };
    /// After the last token.
    pub const EOS: Nb = Nb {
        lower: EOS,
        word: EOS,
        sshape: EOS,
        gbits: 1 << 15,
    };

    /// The neighbour facts of a token.
    pub fn of(t: &TokInfo) -> Nb {
        Nb {
            lower: t.lower,
            word: t.word,
            sshape: t.sshape,
            gbits: u64::from(t.gaz),
        }
    }
}

impl TokInfo {
    /// A token-like stand-in for the sentence edges, whose [`Nb::of`] is `nb`.
    pub fn edge(nb: Nb) -> TokInfo {
        TokInfo {
            word: nb.word,
            lower: nb.lower,
            sshape: nb.sshape,
            gaz: 1 << 15,
            ..TokInfo::default()
        }
    }
}

/// Where a neighbour stands relative to the token whose features are computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The token before.
    Prev1 = 0,
    /// Two tokens before.
    Prev2 = 1,
    /// The token after.
    Next1 = 2,
    /// Two tokens after.
    Next2 = 3,
}

impl Role {
    /// All roles, in index order.
    pub const ALL: [Role; 4] = [Role::Prev1, Role::Prev2, Role::Next1, Role::Next2];
}

fn cue(b: u64) -> u64 {
    b >> 8
}

fn names(b: u64) -> u64 {
    b & 0xff | (b >> 15) << 8
}

/// Keys that depend on the token alone and the sentence mode `m`.
#[inline]
pub fn self_keys(t: &TokInfo, m: u64, mut k: impl FnMut(u32)) {
    let cap = t.cap();
    k(hash::key(0, 0, 0));
    k(hash::key(1, t.word, m));
    k(hash::key(2, t.lower, 0));
    k(hash::key(3, t.shape, m));
    k(hash::key(4, t.sshape, m));
    for (j, p) in t.pre.iter().enumerate() {
        if *p != 0 {
            k(hash::key(5 + j as u32, *p, 0));
        }
    }
    for (j, s) in t.suf.iter().enumerate() {
        if *s != 0 {
            k(hash::key(9 + j as u32, *s, 0));
        }
    }
    k(hash::key(32, names(u64::from(t.gaz)), cap | m << 1));
    k(hash::key(36, t.suf[2], cap | m << 1));
}

/// Keys that depend on one neighbour, the sentence mode `m` and whether the token itself is
/// capitalised (`cap` 0 or 1): [`neighbour_word_keys`] and [`neighbour_gaz_keys`].
#[inline]
pub fn neighbour_keys(nb: Nb, role: Role, m: u64, cap: u64, mut k: impl FnMut(u32)) {
    neighbour_word_keys(nb, role, m, &mut k);
    neighbour_gaz_keys(nb.gbits, role, m, cap, k);
}

/// The neighbour keys that read the neighbour's word and shape.
#[inline]
pub fn neighbour_word_keys(nb: Nb, role: Role, m: u64, mut k: impl FnMut(u32)) {
    match role {
        Role::Prev1 => {
            k(hash::key(14, nb.lower, 0));
            k(hash::key(18, nb.word, m));
            k(hash::key(20, nb.sshape, m));
        }
        Role::Prev2 => {
            k(hash::key(16, nb.lower, 0));
            k(hash::key(22, nb.sshape, m));
        }
        Role::Next1 => {
            k(hash::key(15, nb.lower, 0));
            k(hash::key(19, nb.word, m));
            k(hash::key(21, nb.sshape, m));
        }
        Role::Next2 => {
            k(hash::key(17, nb.lower, 0));
            k(hash::key(23, nb.sshape, m));
        }
    }
}

/// The neighbour keys that read only the neighbour's gazetteer bits `gbits` (few distinct
/// values) and the token's own capitalisation.
#[inline]
pub fn neighbour_gaz_keys(gbits: u64, role: Role, m: u64, cap: u64, mut k: impl FnMut(u32)) {
    let c = cap | m << 1;
    match role {
        Role::Prev1 => {
            k(hash::key(27, cue(gbits), c));
            k(hash::key(33, names(gbits), cap));
        }
        Role::Prev2 => k(hash::key(28, cue(gbits), c)),
        Role::Next1 => {
            k(hash::key(29, cue(gbits), c));
            k(hash::key(34, names(gbits), cap));
        }
        Role::Next2 => k(hash::key(30, cue(gbits), c)),
    }
}

/// Where a token stands and what the document and name lists say about it: the inputs of
/// [`context_keys`].
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// The sentence mode.
    pub m: u64,
    /// First token of the sentence.
    pub first: bool,
    /// Last token of the sentence.
    pub last: bool,
    /// The token before (or [`Nb::BOS`]).
    pub prev: Nb,
    /// The token after (or [`Nb::EOS`]).
    pub next: Nb,
    /// Listed-name bits ([`Gazetteer::spans_from`]).
    pub span_bits: u16,
    /// Document flags of the word (`D_*`).
    pub doc: u8,
}

/// Keys that combine the token with its neighbours, its position, listed names and the
/// document: [`position_key`], [`pair_keys`], [`span_key`] for every listed-name bit, and
/// [`doc_key`].
#[inline]
pub fn context_keys(t: &TokInfo, x: &Context, mut k: impl FnMut(u32)) {
    let cap = t.cap();
    k(position_key(t.flags, x.m, x.first, x.last));
    pair_keys(t, x, &mut k);
    let sb = x.span_bits;
    if sb != 0 {
        for b in 0..16 {
            if sb & (1 << b) != 0 {
                k(span_key(b, cap, x.m));
            }
        }
    }
    k(doc_key(x.doc, cap, x.first, x.m));
}

/// The key of the token's `F_*` flags in its place: sentence mode `m`, first or last token.
#[inline]
pub fn position_key(flags: u8, m: u64, first: bool, last: bool) -> u32 {
    hash::key(
        13,
        u64::from(flags),
        m | u64::from(first) << 4 | u64::from(last) << 5,
    )
}

/// The keys that read the token's word or shape with its neighbours'.
#[inline]
pub fn pair_keys(t: &TokInfo, x: &Context, mut k: impl FnMut(u32)) {
    k(hash::key(24, x.prev.lower, t.lower));
    k(hash::key(25, t.lower, x.next.lower));
    k(hash::key(
        26,
        hash::mix(x.prev.sshape, t.sshape),
        hash::mix(x.next.sshape, x.m),
    ));
}

/// The key of listed-name bit `b` ([`Gazetteer::spans_from`]) of a token with
/// capitalisation `cap` (0 or 1) in mode `m`.
#[inline]
pub fn span_key(b: u64, cap: u64, m: u64) -> u32 {
    hash::key(31, b, cap | m << 1)
}

/// The key of the document flags (`D_*`) of a token with capitalisation `cap` (0 or 1), in
/// mode `m`, first in its sentence or not.
#[inline]
pub fn doc_key(doc: u8, cap: u64, first: bool, m: u64) -> u32 {
    hash::key(35, u64::from(doc), cap | u64::from(first) << 1 | m << 2)
}

/// The neighbour of token `i` at offset `d` in `infos`, or the sentence edge.
#[inline]
pub fn neighbour(infos: &[TokInfo], i: usize, d: isize) -> Nb {
    let j = i as isize + d;
    if j < 0 {
        Nb::BOS
    } else if j as usize >= infos.len() {
        Nb::EOS
    } else {
        Nb::of(&infos[j as usize])
    }
}

/// Compute the feature keys of one sentence.
pub fn extract(
    infos: &[TokInfo],
    mode: Mode,
    doc: &KeyMap<u8>,
    gaz: &Gazetteer,
    span_bits: &mut Vec<u16>,
    out: &mut SentFeats,
) {
    out.keys.clear();
    out.offs.clear();
    gaz.spans_from(
        infos.len(),
        |i| infos[i].lower,
        |i| infos[i].name,
        span_bits,
    );
    let m = mode as u64;
    let n = infos.len();
    for (i, t) in infos.iter().enumerate() {
        out.offs.push(out.keys.len() as u32);
        let k = &mut out.keys;
        let cap = t.cap();
        self_keys(t, m, |x| k.push(x));
        for (role, d) in Role::ALL.into_iter().zip([-1, -2, 1, 2]) {
            neighbour_keys(neighbour(infos, i, d), role, m, cap, |x| k.push(x));
        }
        let ctx = Context {
            m,
            first: i == 0,
            last: i + 1 == n,
            prev: neighbour(infos, i, -1),
            next: neighbour(infos, i, 1),
            span_bits: span_bits[i],
            doc: doc.get(fold(t.lower)).unwrap_or(0),
        };
        context_keys(t, &ctx, |x| k.push(x));
    }
    out.offs.push(out.keys.len() as u32);
}
