//! Averaged structured perceptron training with a fixed seed.
//!
//! The embedded models are rebuilt with (from the repository root, the gold data beside it):
//!
//! ```text
//! cargo run --release -- train --lang en --train ../shared/ner/en/conllpp-train.tsv \
//!     --dev ../shared/ner/en/conllpp-dev.tsv \
//!     --gazetteer ../shared/ner/gazetteer/id-dbpedia-person.txt \
//!         ../shared/ner/gazetteer/id-dbpedia-organization.txt \
//!         ../shared/ner/gazetteer/id-dbpedia-place.txt \
//!     --out assets/models/en.bin
//! cargo run --release -- train --lang id \
//!     --train ../shared/ner/id/idner2k-train.tsv ../shared/ner/id/nerui-train.tsv \
//!         ../shared/ner/id/nergrit-train.tsv \
//!     --dev ../shared/ner/id/idner2k-dev.tsv ../shared/ner/id/nerui-dev.tsv \
//!     --gazetteer ../shared/ner/gazetteer/id-dbpedia-person.txt \
//!         ../shared/ner/gazetteer/id-dbpedia-organization.txt \
//!         ../shared/ner/gazetteer/id-dbpedia-place.txt \
//!     --out assets/models/id.bin
//! ```
//!
//! Training shuffles the sentences every epoch with a seeded generator, adds capitalised
//! copies of some sentences (Title Case and ALL CAPS) so that headlines are tagged from
//! their words rather than their shapes, and keeps the epoch whose averaged weights score
//! best on the dev files (the lowest PER+ORG F1 of the files). The dev files are used for nothing else, apart from
//! comparing seeds for Indonesian (1 and 2; the default 1 was kept): the small dev sets make
//! single runs vary by about a point.

use super::conll::{self, Conll, Sentence};
use super::decode::{Transitions, Viterbi};
use super::features::{self, Mode, Scratch, SentFeats, TokInfo};
use super::model::{Dense, Labels, Model};
use super::table::KeyMap;
use super::{Compiled, Tagger};
use crate::ner::Lang;
use crate::ner::gazetteer::Gazetteer;

/// Training settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// The model's language.
    pub lang: Lang,
    /// Most epochs to run.
    pub epochs: usize,
    /// Stop after this many epochs without a better dev score.
    pub patience: usize,
    /// Seed of the shuffling and augmentation.
    pub seed: u64,
    /// Fraction of sentences that get an extra capitalised copy.
    pub augment: f64,
    /// Weights below this fraction of the largest are dropped from the file.
    pub prune: f32,
}

/// SplitMix64: a small, fixed, seedable generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// One training sentence: dense feature ids per token and gold BILOU labels.
struct Instance {
    feats: Vec<u32>,
    offs: Vec<u32>,
    gold: Vec<u8>,
}

fn capitalise(tokens: &[String], upper: bool, rng: &mut Rng) -> Vec<String> {
    tokens
        .iter()
        .map(|t| {
            if upper {
                t.to_uppercase()
            } else if t.chars().count() >= 4 || rng.chance(0.5) {
                let mut cs = t.chars();
                match cs.next() {
                    Some(c) if c.is_lowercase() => c.to_uppercase().chain(cs).collect(),
                    _ => t.clone(),
                }
            } else {
                t.clone()
            }
        })
        .collect()
}

/// Feature dictionary: feature key to dense id.
struct Dict {
    ids: KeyMap<u32>,
    keys: Vec<u32>,
}

impl Dict {
    fn id(&mut self, key: u32) -> u32 {
        let e = self.ids.entry(key);
        if *e == 0 {
            self.keys.push(key);
            *e = self.keys.len() as u32;
        }
        *e - 1
    }
}

fn instances(
    docs: &[Vec<Sentence>],
    labels: &Labels,
    gaz: &Gazetteer,
    cfg: &Config,
    dict: &mut Dict,
) -> Vec<Instance> {
    let mut rng = Rng(cfg.seed ^ 0xA5A5_5A5A);
    let mut scratch = Scratch::default();
    let mut out = Vec::new();
    let mut feats = SentFeats::default();
    let mut spans = Vec::new();
    for doc in docs {
        let infos: Vec<Vec<TokInfo>> = doc
            .iter()
            .map(|s| {
                s.tokens
                    .iter()
                    .map(|t| TokInfo::new(t, gaz, &mut scratch))
                    .collect()
            })
            .collect();
        let slices: Vec<&[TokInfo]> = infos.iter().map(Vec::as_slice).collect();
        let (modes, flags) =
            features::prepare_doc(&slices, |s, i| doc[s].tokens[i].chars().count());
        let pairs: Vec<(&[TokInfo], Mode)> = slices.into_iter().zip(modes).collect();
        for (si, (s, (inf, mode))) in doc.iter().zip(&pairs).enumerate() {
            let tags: Vec<_> = s.tags.iter().map(|t| conll::parse_label(t)).collect();
            let gold: Vec<u8> = labels
                .from_iob(&tags)
                .into_iter()
                .map(|y| y as u8)
                .collect();
            let mut push = |inf: &[TokInfo],
                            mode: Mode,
                            flags: &KeyMap<u8>,
                            feats: &mut SentFeats,
                            spans: &mut Vec<u16>| {
                features::extract(inf, mode, flags, gaz, spans, feats);
                out.push(Instance {
                    feats: feats.keys.iter().map(|k| dict.id(*k)).collect(),
                    offs: feats.offs.clone(),
                    gold: gold.clone(),
                });
            };
            push(inf, *mode, &flags, &mut feats, &mut spans);
            if cfg.augment > 0.0
                && s.tokens.len() >= 3
                && *mode == Mode::Normal
                && rng.chance(cfg.augment)
            {
                let upper = rng.chance(0.5);
                let toks = capitalise(&s.tokens, upper, &mut rng);
                let inf2: Vec<TokInfo> = toks
                    .iter()
                    .map(|t| TokInfo::new(t, gaz, &mut scratch))
                    .collect();
                let m2 = features::mode(&inf2, |i| toks[i].chars().count());
                // The copy plays a headline: its document is the other sentences (none for
                // single-sentence documents), never its own lower-case original.
                let others: Vec<(&[TokInfo], Mode)> = pairs
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != si)
                    .map(|(_, p)| *p)
                    .collect();
                let other_flags = features::doc_flags(&others);
                push(&inf2, m2, &other_flags, &mut feats, &mut spans);
            }
        }
    }
    out
}

/// The perceptron's weights with the running sums needed for averaging.
struct Weights {
    l: usize,
    row_of: Vec<u32>,
    w: Vec<f32>,
    u: Vec<f64>,
    trans: Vec<f32>,
    trans_u: Vec<f64>,
    step: f64,
}

const NONE: u32 = u32::MAX;

impl Weights {
    fn row(&mut self, f: u32) -> usize {
        let r = &mut self.row_of[f as usize];
        if *r == NONE {
            *r = (self.w.len() / self.l) as u32;
            self.w.resize(self.w.len() + self.l, 0.0);
            self.u.resize(self.u.len() + self.l, 0.0);
        }
        *r as usize
    }

    fn add(&mut self, f: u32, y: usize, d: f32) {
        let r = self.row(f) * self.l + y;
        self.w[r] += d;
        self.u[r] += self.step * f64::from(d);
    }

    /// Transition index: `L * L` pairs, then start (`L`), then end (`L`).
    fn add_trans(&mut self, i: usize, d: f32) {
        self.trans[i] += d;
        self.trans_u[i] += self.step * f64::from(d);
    }

    fn emissions(&self, inst: &Instance, out: &mut Vec<f32>) {
        let l = self.l;
        let n = inst.gold.len();
        out.clear();
        out.resize(n * l, 0.0);
        for i in 0..n {
            let acc = &mut out[i * l..(i + 1) * l];
            for &f in &inst.feats[inst.offs[i] as usize..inst.offs[i + 1] as usize] {
                let r = self.row_of[f as usize];
                if r != NONE {
                    for (a, b) in acc
                        .iter_mut()
                        .zip(&self.w[r as usize * l..(r as usize + 1) * l])
                    {
                        *a += b;
                    }
                }
            }
        }
    }

    fn averaged(&self, w: &[f32], u: &[f64]) -> Vec<f32> {
        w.iter()
            .zip(u)
            .map(|(w, u)| (f64::from(*w) - u / self.step) as f32)
            .collect()
    }
}

/// What training tells while it runs, for the caller to show.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Progress<'a> {
    /// The training sentences are turned into features.
    Prepared {
        /// Training sentences, capitalised copies included.
        sentences: usize,
        /// Distinct features.
        features: usize,
    },
    /// One epoch is done and scored on the dev files.
    Epoch {
        /// The epoch, from 1.
        epoch: usize,
        /// Training sentences the weights got wrong during the epoch.
        errors: usize,
        /// Size of the epoch's model file.
        bytes: usize,
        /// The lowest PER+ORG F1 over the dev files.
        score: f64,
        /// Per dev file: its F1 and its PER and ORG score lines.
        detail: &'a str,
    },
    /// Training is over: the epoch whose model is returned.
    Best {
        /// The epoch kept.
        epoch: usize,
        /// Its dev score.
        score: f64,
    },
}

/// Train a model; returns the bytes of the best epoch's model file.
pub fn train(cfg: &Config, train: &[Vec<Sentence>], dev: &[Conll], gaz: &Gazetteer) -> Vec<u8> {
    train_reporting(cfg, train, dev, gaz, &mut |_| {})
}

/// [`train`], telling `report` how it goes.
pub fn train_reporting(
    cfg: &Config,
    train: &[Vec<Sentence>],
    dev: &[Conll],
    gaz: &Gazetteer,
    report: &mut dyn FnMut(Progress<'_>),
) -> Vec<u8> {
    let labels = Labels::for_lang(cfg.lang);
    let l = labels.len();
    let mut dict = Dict {
        ids: KeyMap::with_capacity(1 << 20),
        keys: Vec::new(),
    };
    let insts = instances(train, &labels, gaz, cfg, &mut dict);
    report(Progress::Prepared {
        sentences: insts.len(),
        features: dict.keys.len(),
    });
    let mut wts = Weights {
        l,
        row_of: vec![NONE; dict.keys.len()],
        w: Vec::new(),
        u: Vec::new(),
        trans: vec![0.0; l * l + 2 * l],
        trans_u: vec![0.0; l * l + 2 * l],
        step: 1.0,
    };
    let mut order: Vec<usize> = (0..insts.len()).collect();
    let mut rng = Rng(cfg.seed);
    let mut em = Vec::new();
    let mut pred = Vec::new();
    let mut vit = Viterbi::default();
    let mut best: Option<(f64, usize, Vec<u8>)> = None;
    for epoch in 1..=cfg.epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let mut errors = 0usize;
        for &ix in &order {
            let inst = &insts[ix];
            let n = inst.gold.len();
            let tr = &wts.trans;
            let t = Transitions::new(
                &labels,
                &tr[..l * l],
                &tr[l * l..l * l + l],
                &tr[l * l + l..],
            );
            wts.emissions(inst, &mut em);
            vit.decode(&t, &em, &mut pred);
            if pred.iter().zip(&inst.gold).any(|(p, g)| *p != *g as usize) {
                errors += 1;
                for i in 0..n {
                    let (g, p) = (inst.gold[i] as usize, pred[i]);
                    if g != p {
                        for &f in &inst.feats[inst.offs[i] as usize..inst.offs[i + 1] as usize] {
                            wts.add(f, g, 1.0);
                            wts.add(f, p, -1.0);
                        }
                    }
                    let (gp, pp) = if i == 0 {
                        (l * l + g, l * l + p)
                    } else {
                        (inst.gold[i - 1] as usize * l + g, pred[i - 1] * l + p)
                    };
                    if gp != pp {
                        wts.add_trans(gp, 1.0);
                        wts.add_trans(pp, -1.0);
                    }
                }
                let (ge, pe) = (
                    l * l + l + inst.gold[n - 1] as usize,
                    l * l + l + pred[n - 1],
                );
                if ge != pe {
                    wts.add_trans(ge, 1.0);
                    wts.add_trans(pe, -1.0);
                }
            }
            wts.step += 1.0;
        }
        let bytes = encode(&wts, &dict, &labels, cfg, gaz);
        let (score, detail) = evaluate(&bytes, cfg.lang, dev);
        report(Progress::Epoch {
            epoch,
            errors,
            bytes: bytes.len(),
            score,
            detail: &detail,
        });
        let better = best.as_ref().is_none_or(|b| score > b.0);
        if better {
            best = Some((score, epoch, bytes));
        } else if best.as_ref().is_some_and(|b| epoch >= b.1 + cfg.patience) {
            break;
        }
    }
    match best {
        Some((score, epoch, bytes)) => {
            report(Progress::Best { epoch, score });
            bytes
        }
        None => encode(&wts, &dict, &labels, cfg, gaz),
    }
}

fn encode(wts: &Weights, dict: &Dict, labels: &Labels, cfg: &Config, gaz: &Gazetteer) -> Vec<u8> {
    let l = wts.l;
    let avg = wts.averaged(&wts.w, &wts.u);
    let trans = wts.averaged(&wts.trans, &wts.trans_u);
    let mut rows = dict
        .keys
        .iter()
        .zip(&wts.row_of)
        .filter(|(_, r)| **r != NONE)
        .map(|(k, r)| (*k, &avg[*r as usize * l..(*r as usize + 1) * l]));
    Model::encode(Dense {
        lang: cfg.lang,
        labels,
        rows: &mut rows,
        trans: &trans[..l * l],
        start: &trans[l * l..l * l + l],
        end: &trans[l * l + l..],
        gaz,
        prune: cfg.prune,
    })
}

/// The lowest PER+ORG F1 over the dev files (every file should do well), and a per-file
/// summary.
fn evaluate(bytes: &[u8], lang: Lang, dev: &[Conll]) -> (f64, String) {
    let Ok(c) = Compiled::from_bytes(bytes) else {
        return (0.0, "model does not decode".into());
    };
    let tagger = match lang {
        Lang::Id => Tagger::from_models(Some(c), None),
        Lang::En => Tagger::from_models(None, Some(c)),
    };
    let mut worst = f64::INFINITY;
    let mut detail = String::new();
    for d in dev {
        let pred: Vec<String> = super::tag_conll(&tagger, d, Some(lang))
            .iter()
            .map(ToString::to_string)
            .collect();
        let gold: Vec<&str> = d
            .sentences()
            .flat_map(|s| s.tags.iter().map(String::as_str))
            .collect();
        let s = conll::Score::new(&gold, &pred, &["PER", "ORG", "LOC"]);
        let f = s.per_org_f1();
        worst = worst.min(f);
        let per = s.line("PER").unwrap_or_default();
        let org = s.line("ORG").unwrap_or_default();
        detail.push_str(&format!("[{f:.4} | {per} | {org}] "));
    }
    if dev.is_empty() {
        (0.0, detail)
    } else {
        (worst, detail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Vec<Vec<Sentence>> {
        let s = |t: &str, g: &str| Sentence {
            tokens: t.split(' ').map(String::from).collect(),
            tags: g.split(' ').map(String::from).collect(),
        };
        vec![vec![
            s("Budi Santoso pergi ke Bandung .", "B-PER I-PER O O B-LOC O"),
            s("Kata Siti Aminah di Surabaya .", "O B-PER I-PER O B-LOC O"),
            s("Bank Mandiri naik .", "B-ORG I-ORG O O"),
        ]]
    }

    #[test]
    fn training_is_deterministic_and_learns() {
        let cfg = Config {
            lang: Lang::Id,
            epochs: 5,
            patience: 5,
            seed: 3,
            augment: 0.5,
            prune: 0.0,
        };
        let gaz = Gazetteer::curated();
        let dev = vec![Conll { docs: toy() }];
        let a = train(&cfg, &toy(), &dev, &gaz);
        let b = train(&cfg, &toy(), &dev, &gaz);
        assert_eq!(a, b);
        let (score, _) = evaluate(&a, Lang::Id, &dev);
        assert!(score > 0.99, "{score}");
    }
}
