//! Feature extraction: per-token facts, sentence case mode, document flags, and the hashed
//! feature keys of every token.
//!
//! Every feature is a 32-bit key made from a template id and hashed values
//! ([`super::hash::key`]); nothing is formatted into a `String`. The per-token facts
//! ([`TokInfo`]) are computed once per token and shared by the window templates.

use super::hash;
use super::table::KeyMap;
use crate::ner::gazetteer::{self, Gazetteer};

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

/// Hash of the normalised lower-case form of a token (shared with the gazetteer).
pub fn lower_hash(token: &str, buf: &mut String) -> u64 {
    buf.clear();
    for c in token.chars() {
        if c.is_ascii_digit() {
            buf.push('0');
        } else if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
        } else {
            buf.extend(c.to_lowercase());
        }
    }
    hash::bytes(gazetteer::SEED_LOWER, buf.as_bytes())
}

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
        }
    }

    fn cap(&self) -> u64 {
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

/// A 64-bit hash folded to a non-zero 32-bit key.
pub fn fold(h: u64) -> u32 {
    let k = (h ^ (h >> 32)) as u32;
    if k == 0 { 1 } else { k }
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
    gaz.spans(infos.len(), |i| infos[i].lower, span_bits);
    let m = mode as u64;
    let n = infos.len();
    let lower = |j: isize| -> u64 {
        if j < 0 {
            BOS
        } else if j as usize >= n {
            EOS
        } else {
            infos[j as usize].lower
        }
    };
    let word = |j: isize| -> u64 {
        if j < 0 {
            BOS
        } else if j as usize >= n {
            EOS
        } else {
            infos[j as usize].word
        }
    };
    let sshape = |j: isize| -> u64 {
        if j < 0 {
            BOS
        } else if j as usize >= n {
            EOS
        } else {
            infos[j as usize].sshape
        }
    };
    let gbits = |j: isize| -> u64 {
        if j < 0 || j as usize >= n {
            1 << 15
        } else {
            u64::from(infos[j as usize].gaz)
        }
    };
    for (i, t) in infos.iter().enumerate() {
        out.offs.push(out.keys.len() as u32);
        let k = &mut out.keys;
        let ii = i as isize;
        let cap = t.cap();
        let first = u64::from(i == 0);
        k.push(hash::key(0, 0, 0));
        k.push(hash::key(1, t.word, m));
        k.push(hash::key(2, t.lower, 0));
        k.push(hash::key(3, t.shape, m));
        k.push(hash::key(4, t.sshape, m));
        for (j, p) in t.pre.iter().enumerate() {
            if *p != 0 {
                k.push(hash::key(5 + j as u32, *p, 0));
            }
        }
        for (j, s) in t.suf.iter().enumerate() {
            if *s != 0 {
                k.push(hash::key(9 + j as u32, *s, 0));
            }
        }
        k.push(hash::key(
            13,
            u64::from(t.flags),
            m | first << 4 | u64::from(i + 1 == n) << 5,
        ));
        k.push(hash::key(14, lower(ii - 1), 0));
        k.push(hash::key(15, lower(ii + 1), 0));
        k.push(hash::key(16, lower(ii - 2), 0));
        k.push(hash::key(17, lower(ii + 2), 0));
        k.push(hash::key(18, word(ii - 1), m));
        k.push(hash::key(19, word(ii + 1), m));
        k.push(hash::key(20, sshape(ii - 1), m));
        k.push(hash::key(21, sshape(ii + 1), m));
        k.push(hash::key(22, sshape(ii - 2), m));
        k.push(hash::key(23, sshape(ii + 2), m));
        k.push(hash::key(24, lower(ii - 1), t.lower));
        k.push(hash::key(25, t.lower, lower(ii + 1)));
        k.push(hash::key(
            26,
            hash::mix(sshape(ii - 1), t.sshape),
            hash::mix(sshape(ii + 1), m),
        ));
        let cue = |b: u64| b >> 8;
        k.push(hash::key(27, cue(gbits(ii - 1)), cap | m << 1));
        k.push(hash::key(28, cue(gbits(ii - 2)), cap | m << 1));
        k.push(hash::key(29, cue(gbits(ii + 1)), cap | m << 1));
        k.push(hash::key(30, cue(gbits(ii + 2)), cap | m << 1));
        let sb = span_bits[i];
        if sb != 0 {
            for b in 0..16 {
                if sb & (1 << b) != 0 {
                    k.push(hash::key(31, b, cap | m << 1));
                }
            }
        }
        let names = |b: u64| b & 0xff | (b >> 15) << 8;
        k.push(hash::key(32, names(u64::from(t.gaz)), cap | m << 1));
        k.push(hash::key(33, names(gbits(ii - 1)), cap));
        k.push(hash::key(34, names(gbits(ii + 1)), cap));
        let d = doc.get(fold(t.lower)).unwrap_or(0);
        k.push(hash::key(35, u64::from(d), cap | first << 1 | m << 2));
        k.push(hash::key(36, t.suf[2], cap | m << 1));
    }
    out.offs.push(out.keys.len() as u32);
}
