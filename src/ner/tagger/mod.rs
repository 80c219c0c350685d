//! The sequence tagger: features, averaged perceptron weights, Viterbi decoding.
//!
//! - [`features`]: per-token facts, sentence case mode, document flags, hashed feature keys.
//! - [`model`]: BILOU labels, weights, the compact model file format.
//! - [`decode`]: constrained Viterbi decoding.
//! - [`cache`]: per-thread word-type cache of token facts and partial emission scores.
//! - [`train`]: averaged structured perceptron training (`warta train`).
//! - [`conll`]: CoNLL reading and writing, exact-span scoring (`warta ner`, `warta eval`).
//! - [`hash`], [`table`], [`bin`]: stable hashing, the key table, binary reading.
//!
//! One model per language is embedded in the binary and decoded on first use.

pub mod bin;
pub mod cache;
pub mod conll;
pub mod decode;
pub mod features;
pub mod hash;
pub mod model;
pub mod table;
pub mod train;

use super::tokenize::{self, Token};
use super::{Label, Lang, Mention};
use decode::{Transitions, Viterbi};
use features::{Context, Role, Scratch, SentFeats, TokInfo};
use model::Model;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// The embedded Indonesian model.
pub static ID_MODEL: &[u8] = include_bytes!("../../../assets/models/id.bin");
/// The embedded English model.
pub static EN_MODEL: &[u8] = include_bytes!("../../../assets/models/en.bin");

/// A model ready for decoding.
pub struct Compiled {
    /// The weights.
    pub model: Model,
    trans: Transitions,
    /// Sums of the context features with few values.
    context: cache::ContextSums,
    /// Identity of this model for the word-type caches.
    id: u64,
}

impl Compiled {
    /// Prepare a model for decoding.
    pub fn new(model: Model) -> Compiled {
        let trans = Transitions::new(&model.labels, &model.trans, &model.start, &model.end);
        let context = cache::ContextSums::new(&model);
        Compiled {
            model,
            trans,
            context,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// Decode a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Compiled, bin::ModelError> {
        Model::decode(bytes).map(Compiled::new)
    }

    /// BILOU labels of every sentence of one document.
    ///
    /// Uses this thread's word-type cache ([`cache`]); the result is that of
    /// [`Compiled::tag_doc_uncached`].
    pub fn tag_doc<S: AsRef<str>>(&self, sentences: &[&[S]]) -> Vec<Vec<usize>> {
        cache::with_work(|w| self.tag_doc_with(w, sentences))
    }

    fn tag_doc_with<S: AsRef<str>>(
        &self,
        work: &mut cache::Work,
        sentences: &[&[S]],
    ) -> Vec<Vec<usize>> {
        let (c, b) = work.parts(self);
        b.ids.clear();
        b.infos.clear();
        for s in sentences {
            for t in s.iter() {
                let id = c.intern(t.as_ref(), self);
                b.ids.push(id);
                b.infos.push(*c.info(id));
            }
        }
        let mut starts = Vec::with_capacity(sentences.len());
        let mut sents: Vec<&[TokInfo]> = Vec::with_capacity(sentences.len());
        let mut at = 0;
        for s in sentences {
            starts.push(at);
            sents.push(&b.infos[at..at + s.len()]);
            at += s.len();
        }
        let (modes, doc) = features::prepare_doc(&sents, |s, i| c.nchars(b.ids[starts[s] + i]));
        let l = self.model.labels.len();
        let scale = self.model.scale();
        let mut out = Vec::with_capacity(sentences.len());
        let mut at = 0;
        for (s, mode) in sentences.iter().zip(&modes) {
            let n = s.len();
            let ids = &b.ids[at..at + n];
            let infos = &b.infos[at..at + n];
            at += n;
            let mi = *mode as usize;
            for &id in ids.iter().chain(&[cache::BOS_ID, cache::EOS_ID]) {
                c.ensure(id, mi, self);
            }
            self.model
                .gaz
                .spans_from(n, |i| infos[i].lower, |i| infos[i].name, &mut b.spans);
            b.em.clear();
            b.em.resize(n * l, 0.0);
            let mut acc = [0i32; 32];
            let acc = &mut acc[..l];
            let at_or = |j: isize, edge: u32| -> u32 {
                if j < 0 || j as usize >= n {
                    edge
                } else {
                    ids[j as usize]
                }
            };
            for (i, t) in infos.iter().enumerate() {
                acc.copy_from_slice(c.vector(ids[i], mi, 0));
                let cap = t.cap() as usize;
                let ii = i as isize;
                for (role, nid) in [
                    (Role::Prev1, at_or(ii - 1, cache::BOS_ID)),
                    (Role::Prev2, at_or(ii - 2, cache::BOS_ID)),
                    (Role::Next1, at_or(ii + 1, cache::EOS_ID)),
                    (Role::Next2, at_or(ii + 2, cache::EOS_ID)),
                ] {
                    let v = c.vector(nid, mi, 1 + role as usize);
                    let g = c.gaz_vector(nid, mi, role, cap);
                    for ((a, w), x) in acc.iter_mut().zip(v).zip(g) {
                        *a += *w + *x;
                    }
                }
                let ctx = Context {
                    m: mi as u64,
                    first: i == 0,
                    last: i + 1 == n,
                    prev: features::neighbour(infos, i, -1),
                    next: features::neighbour(infos, i, 1),
                    span_bits: b.spans[i],
                    doc: doc.get(hash::fold(t.lower)).unwrap_or(0),
                };
                let sums = &self.context;
                add(acc, sums.position(t.flags, mi, ctx.first, ctx.last));
                features::pair_keys(t, &ctx, |k| self.model.add_key(k, acc));
                let mut sb = ctx.span_bits;
                while sb != 0 {
                    add(acc, sums.span(sb.trailing_zeros() as usize, cap, mi));
                    sb &= sb - 1;
                }
                if usize::from(ctx.doc) < cache::DOC_VALUES {
                    add(acc, sums.doc(usize::from(ctx.doc), cap, ctx.first, mi));
                } else {
                    let key = features::doc_key(ctx.doc, t.cap(), ctx.first, ctx.m);
                    self.model.add_key(key, acc);
                }
                for (o, a) in b.em[i * l..(i + 1) * l].iter_mut().zip(acc.iter()) {
                    *o = *a as f32 * scale;
                }
            }
            let mut labels = Vec::with_capacity(n);
            b.viterbi.decode(&self.trans, &b.em, &mut labels);
            out.push(labels);
        }
        out
    }

    /// [`Compiled::tag_doc`] computing every feature of every token, without the cache.
    pub fn tag_doc_uncached<S: AsRef<str>>(&self, sentences: &[&[S]]) -> Vec<Vec<usize>> {
        let mut scratch = Scratch::default();
        let infos: Vec<Vec<TokInfo>> = sentences
            .iter()
            .map(|s| {
                s.iter()
                    .map(|t| TokInfo::new(t.as_ref(), &self.model.gaz, &mut scratch))
                    .collect()
            })
            .collect();
        let sents: Vec<&[TokInfo]> = infos.iter().map(Vec::as_slice).collect();
        let (modes, doc) =
            features::prepare_doc(&sents, |s, i| sentences[s][i].as_ref().chars().count());
        let mut feats = SentFeats::default();
        let mut spans = Vec::new();
        let mut em = Vec::new();
        let mut v = Viterbi::default();
        let mut out = Vec::with_capacity(sentences.len());
        for (inf, mode) in sents.into_iter().zip(modes) {
            features::extract(inf, mode, &doc, &self.model.gaz, &mut spans, &mut feats);
            self.model.emissions(&feats, &mut em);
            let mut labels = Vec::new();
            v.decode(&self.trans, &em, &mut labels);
            out.push(labels);
        }
        out
    }

    /// IOB2 labels of every sentence of one document.
    pub fn tag_doc_iob<S: AsRef<str>>(&self, sentences: &[&[S]]) -> Vec<Vec<Label>> {
        self.tag_doc(sentences)
            .into_iter()
            .map(|s| s.into_iter().map(|y| self.model.labels.iob(y)).collect())
            .collect()
    }
}

/// `acc += v`, label by label.
#[inline]
fn add(acc: &mut [i32], v: &[i32]) {
    for (a, x) in acc.iter_mut().zip(v) {
        *a += *x;
    }
}

/// The tagging models for every language, loaded from the weights embedded in the binary.
///
/// A model whose weights do not decode tags nothing (every token outside a name); the
/// caller learns why from [`Tagger::failures`].
pub struct Tagger {
    id: OnceLock<Result<Compiled, bin::ModelError>>,
    en: OnceLock<Result<Compiled, bin::ModelError>>,
    id_bytes: &'static [u8],
    en_bytes: &'static [u8],
}

impl Tagger {
    /// Load the embedded models (each is decoded on its first use).
    pub fn embedded() -> Tagger {
        Tagger {
            id: OnceLock::new(),
            en: OnceLock::new(),
            id_bytes: ID_MODEL,
            en_bytes: EN_MODEL,
        }
    }

    /// A tagger over already decoded models (training uses this to score dev files).
    pub fn from_models(id: Option<Compiled>, en: Option<Compiled>) -> Tagger {
        let given = |model: Option<Compiled>| model.ok_or(bin::ModelError::Absent);
        Tagger {
            id: OnceLock::from(given(id)),
            en: OnceLock::from(given(en)),
            id_bytes: &[],
            en_bytes: &[],
        }
    }

    /// The model of a language, if its weights could be loaded.
    pub fn model(&self, lang: Lang) -> Option<&Compiled> {
        self.load(lang).ok()
    }

    /// The model of a language, or why its weights could not be loaded (decoded on first
    /// use).
    pub fn load(&self, lang: Lang) -> Result<&Compiled, &bin::ModelError> {
        let (cell, bytes) = self.cell(lang);
        cell.get_or_init(|| Compiled::from_bytes(bytes)).as_ref()
    }

    /// The languages whose model was needed so far and could not be loaded, with why: their
    /// text was tagged without names.
    pub fn failures(&self) -> Vec<(Lang, &bin::ModelError)> {
        [Lang::Id, Lang::En]
            .into_iter()
            .filter_map(|lang| match self.cell(lang).0.get() {
                Some(Err(e)) => Some((lang, e)),
                _ => None,
            })
            .collect()
    }

    /// The model cell of a language and the weights it is decoded from.
    fn cell(&self, lang: Lang) -> (&OnceLock<Result<Compiled, bin::ModelError>>, &'static [u8]) {
        match lang {
            Lang::Id => (&self.id, self.id_bytes),
            Lang::En => (&self.en, self.en_bytes),
        }
    }

    /// Tag one sentence of tokens.
    pub fn tag(&self, tokens: &[&str], lang: Lang) -> Vec<Label> {
        self.tag_document(&[tokens], lang).pop().unwrap_or_default()
    }

    /// Tag the sentences of one document together (document-level features see them all).
    pub fn tag_document<S: AsRef<str>>(&self, sentences: &[&[S]], lang: Lang) -> Vec<Vec<Label>> {
        match self.model(lang) {
            Some(m) => m.tag_doc_iob(sentences),
            None => sentences.iter().map(|s| vec![Label::O; s.len()]).collect(),
        }
    }

    /// Tokenize, split into sentences, tag, and return the mentions of a text.
    pub fn mentions(&self, text: &str, lang: Lang) -> Vec<Mention> {
        let tokens = tokenize::tokenize(text);
        let ranges = tokenize::sentences(text, &tokens);
        let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
        let sents: Vec<&[&str]> = ranges.iter().map(|r| &words[r.clone()]).collect();
        let tags = self.tag_document(&sents, lang);
        let mut out = Vec::new();
        for (r, tags) in ranges.iter().zip(&tags) {
            mentions_of(&tokens[r.clone()], tags, &mut out);
        }
        out
    }
}

/// Collect the spans of IOB2 labels over tokens.
fn mentions_of(tokens: &[Token], tags: &[Label], out: &mut Vec<Mention>) {
    let mut open: Option<Mention> = None;
    for (t, l) in tokens.iter().zip(tags) {
        match l {
            Label::I(ty) if open.is_some_and(|m| m.kind == *ty) => {
                if let Some(m) = open.as_mut() {
                    m.end = t.end;
                }
            }
            Label::B(ty) | Label::I(ty) => {
                out.extend(open.take());
                open = Some(Mention {
                    start: t.start,
                    end: t.end,
                    kind: *ty,
                });
            }
            Label::O => out.extend(open.take()),
        }
    }
    out.extend(open);
}

/// Tag every document of a parsed CoNLL file; the flat list of labels, one per token.
pub fn tag_conll(tagger: &Tagger, conll: &conll::Conll, lang: Option<Lang>) -> Vec<Label> {
    let fallback = lang.unwrap_or_else(|| {
        let all: Vec<&str> = conll
            .sentences()
            .flat_map(|s| s.tokens.iter().map(String::as_str))
            .collect();
        super::lang::guess(&all.join(" "))
    });
    let has_docs = conll.docs.iter().any(|d| d.len() > 1);
    let mut out = Vec::new();
    for doc in &conll.docs {
        let sents: Vec<&[String]> = doc.iter().map(|s| s.tokens.as_slice()).collect();
        let l = match (lang, has_docs) {
            (Some(l), _) => l,
            (None, true) => {
                let text: Vec<&str> = doc
                    .iter()
                    .flat_map(|s| s.tokens.iter().map(String::as_str))
                    .collect();
                super::lang::guess(&text.join(" "))
            }
            (None, false) => fallback,
        };
        for tags in tagger.tag_document(&sents, l) {
            out.extend(tags);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::SpanType;

    #[test]
    fn a_model_that_cannot_be_loaded_tags_nothing_and_says_why() {
        let tagger = Tagger {
            id: OnceLock::new(),
            en: OnceLock::new(),
            id_bytes: b"not a model",
            en_bytes: EN_MODEL,
        };
        assert!(tagger.failures().is_empty());
        let tags = tagger.tag(&["Joko", "Widodo", "bertemu"], Lang::Id);
        assert_eq!(tags, vec![Label::O; 3]);
        let failures = tagger.failures();
        assert_eq!(failures.len(), 1);
        assert_eq!(failures[0].0, Lang::Id);
        assert!(matches!(
            failures[0].1,
            bin::ModelError::Truncated | bin::ModelError::BadMagic
        ));
    }

    #[test]
    fn headline_case_does_not_make_every_word_a_name() {
        let tagger = Tagger::embedded();
        let Some(_) = tagger.model(Lang::En) else {
            return;
        };
        let words = [
            "Stocks",
            "Fall",
            "As",
            "Investors",
            "Worry",
            "About",
            "Rising",
            "Prices",
        ];
        let tags = tagger.tag(&words, Lang::En);
        let named = tags.iter().filter(|t| **t != Label::O).count();
        assert!(named <= 1, "{tags:?}");
    }

    #[test]
    fn cached_decoding_matches_plain_decoding() {
        let tagger = Tagger::embedded();
        let docs: [(&str, Lang); 2] = [
            (
                "NATO Secretary-General Jens Stoltenberg said on Monday that Microsoft would \
                 open an office in Berlin. Stoltenberg told the BBC the alliance would meet \
                 in Brussels.\n\nSTOCKS FALL AS INVESTORS WORRY\n\nShares in Contoso Ltd. \
                 rose 3.5% after the U.S. company said it would hire 2,000 people.",
                Lang::En,
            ),
            (
                "Presiden Joko Widodo bertemu Sekjen NATO Jens Stoltenberg di Jakarta. \
                 Menurut Jokowi, Bank Indonesia akan menahan suku bunga.\n\nHarga Beras \
                 Naik Lagi di Pasar Induk\n\nKata dia, PT. Telkom Indonesia Tbk naik 2,5%.",
                Lang::Id,
            ),
        ];
        for (text, lang) in docs {
            let Some(m) = tagger.model(lang) else {
                continue;
            };
            let toks = tokenize::tokenize(text);
            let words: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
            let ranges = tokenize::sentences(text, &toks);
            let sents: Vec<&[&str]> = ranges.iter().map(|r| &words[r.clone()]).collect();
            let plain = m.tag_doc_uncached(&sents);
            // Twice: once filling the cache, once reading it.
            assert_eq!(m.tag_doc(&sents), plain);
            assert_eq!(m.tag_doc(&sents), plain);
            assert!(plain.iter().flatten().any(|&y| y != 0));
        }
    }

    #[test]
    fn mentions_from_labels() {
        let text = "Budi Santoso ke Bank Indonesia";
        let toks = tokenize::tokenize(text);
        let tags = [
            Label::B(SpanType::Per),
            Label::I(SpanType::Per),
            Label::O,
            Label::B(SpanType::Org),
            Label::I(SpanType::Org),
        ];
        let mut out = Vec::new();
        mentions_of(&toks, &tags, &mut out);
        assert_eq!(out.len(), 2);
        assert_eq!(&text[out[0].start..out[0].end], "Budi Santoso");
        assert_eq!(&text[out[1].start..out[1].end], "Bank Indonesia");
    }
}
