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
use features::{Context, Mode, Role, Scratch, SentFeats, TokInfo};
use model::Model;
use std::io::{Read, Write};
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
        let mut modes = Vec::with_capacity(sentences.len());
        let mut at = 0;
        for s in sentences {
            let ids = &b.ids[at..at + s.len()];
            modes.push(features::mode(&b.infos[at..at + s.len()], |i| {
                c.nchars(ids[i])
            }));
            at += s.len();
        }
        let doc = {
            let mut pairs = Vec::with_capacity(sentences.len());
            let mut at = 0;
            for (s, m) in sentences.iter().zip(&modes) {
                pairs.push((&b.infos[at..at + s.len()], *m));
                at += s.len();
            }
            features::doc_flags(&pairs)
        };
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
                    doc: doc.get(features::fold(t.lower)).unwrap_or(0),
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
        let modes: Vec<Mode> = sentences
            .iter()
            .zip(&infos)
            .map(|(s, inf)| features::mode(inf, |i| s[i].as_ref().chars().count()))
            .collect();
        let pairs: Vec<(&[TokInfo], Mode)> = infos
            .iter()
            .map(Vec::as_slice)
            .zip(modes.iter().copied())
            .collect();
        let doc = features::doc_flags(&pairs);
        let mut feats = SentFeats::default();
        let mut spans = Vec::new();
        let mut em = Vec::new();
        let mut v = Viterbi::default();
        let mut out = Vec::with_capacity(sentences.len());
        for (inf, mode) in pairs {
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
pub struct Tagger {
    id: OnceLock<Option<Compiled>>,
    en: OnceLock<Option<Compiled>>,
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
        Tagger {
            id: OnceLock::from(id),
            en: OnceLock::from(en),
            id_bytes: &[],
            en_bytes: &[],
        }
    }

    /// The model of a language, if its weights could be loaded.
    pub fn model(&self, lang: Lang) -> Option<&Compiled> {
        let (cell, bytes) = match lang {
            Lang::Id => (&self.id, self.id_bytes),
            Lang::En => (&self.en, self.en_bytes),
        };
        cell.get_or_init(|| match Compiled::from_bytes(bytes) {
            Ok(m) => Some(m),
            Err(e) => {
                eprintln!("warta: the {lang} tagging model could not be loaded: {e}");
                None
            }
        })
        .as_ref()
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

fn read_input(path: &std::path::Path) -> anyhow::Result<String> {
    use anyhow::Context;
    let mut s = String::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .read_to_string(&mut s)
            .context("reading standard input")?;
    } else {
        let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        s = String::from_utf8_lossy(&bytes).into_owned();
    }
    Ok(s)
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

/// `warta ner --conll`.
pub fn cli_ner(args: &crate::cli::NerArgs) -> anyhow::Result<std::process::ExitCode> {
    let input = read_input(&args.file)?;
    let conll = conll::Conll::parse(&input);
    let tags = tag_conll(super::Engine::global().tagger(), &conll, args.lang.fixed());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    out.write_all(conll::render(&input, &tags).as_bytes())?;
    out.flush()?;
    Ok(std::process::ExitCode::SUCCESS)
}

/// `warta eval`.
pub fn cli_eval(args: &crate::cli::EvalArgs) -> anyhow::Result<std::process::ExitCode> {
    let input = read_input(&args.gold)?;
    let gold = conll::Conll::parse(&input);
    let tags = tag_conll(super::Engine::global().tagger(), &gold, args.lang.fixed());
    let gold_tags: Vec<&str> = gold
        .sentences()
        .flat_map(|s| s.tags.iter().map(String::as_str))
        .collect();
    let pred: Vec<String> = tags.iter().map(ToString::to_string).collect();
    let score = conll::Score::new(&gold_tags, &pred, &["PER", "ORG", "LOC", "MISC"]);
    for ty in ["LOC", "MISC"] {
        if let Some(line) = score.line(ty) {
            eprintln!("{line}");
        }
    }
    for ty in ["PER", "ORG"] {
        if let Some(line) = score.line(ty) {
            println!("{line}");
        }
    }
    println!("PER+ORG micro F1 {:.3}", score.per_org_f1());
    Ok(std::process::ExitCode::SUCCESS)
}

/// `warta train`.
pub fn cli_train(args: &crate::cli::TrainArgs) -> anyhow::Result<std::process::ExitCode> {
    train::cli(args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::SpanType;

    #[test]
    fn embedded_model_tags_a_sentence() {
        let tagger = Tagger::embedded();
        let Some(_) = tagger.model(Lang::Id) else {
            eprintln!("no embedded Indonesian model; skipping");
            return;
        };
        let text = "Presiden Joko Widodo bertemu Sekjen NATO Jens Stoltenberg di Jakarta.";
        let m = tagger.mentions(text, Lang::Id);
        let found: Vec<(&str, SpanType)> =
            m.iter().map(|m| (&text[m.start..m.end], m.kind)).collect();
        assert!(found.contains(&("Joko Widodo", SpanType::Per)), "{found:?}");
        assert!(
            found.contains(&("Jens Stoltenberg", SpanType::Per)),
            "{found:?}"
        );
        assert!(found.contains(&("NATO", SpanType::Org)), "{found:?}");
        assert!(
            !found.iter().any(|(s, _)| s.contains("Presiden")),
            "{found:?}"
        );
    }

    #[test]
    fn embedded_english_model() {
        let tagger = Tagger::embedded();
        let Some(_) = tagger.model(Lang::En) else {
            eprintln!("no embedded English model; skipping");
            return;
        };
        let text = "NATO Secretary-General Jens Stoltenberg said on Monday that Microsoft would open an office in Berlin.";
        let m = tagger.mentions(text, Lang::En);
        let found: Vec<(&str, SpanType)> =
            m.iter().map(|m| (&text[m.start..m.end], m.kind)).collect();
        assert!(
            found.contains(&("Jens Stoltenberg", SpanType::Per)),
            "{found:?}"
        );
        assert!(found.contains(&("Microsoft", SpanType::Org)), "{found:?}");
        assert!(found.contains(&("Berlin", SpanType::Loc)), "{found:?}");
    }

    #[test]
    fn dev_scores_when_shared_data_is_present() {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/ner"));
        let tagger = Tagger::embedded();
        for (file, lang, min) in [
            ("en/conllpp-dev.tsv", Lang::En, 0.90),
            ("id/nerui-dev.tsv", Lang::Id, 0.88),
        ] {
            let Ok(text) = std::fs::read_to_string(root.join(file)) else {
                eprintln!("shared NER data absent; skipping {file}");
                continue;
            };
            let gold = conll::Conll::parse(&text);
            let pred: Vec<String> = tag_conll(&tagger, &gold, Some(lang))
                .iter()
                .map(ToString::to_string)
                .collect();
            let tags: Vec<&str> = gold
                .sentences()
                .flat_map(|s| s.tags.iter().map(String::as_str))
                .collect();
            let f1 = conll::Score::new(&tags, &pred, &["PER", "ORG"]).per_org_f1();
            assert!(f1 >= min, "{file}: PER+ORG F1 {f1:.3}");
        }
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
