//! The model: label set (BILOU over the language's span types), feature weights, transition
//! weights, the gazetteer its features were trained with, and the compact file format.
//!
//! File layout (little-endian): magic `WARTANER`, version, language, span types, label
//! count, weight scale, transition/start/end weights as `f32`, then the feature rows, each a
//! 32-bit key and its non-zero label weights quantized to `i16`, then the gazetteer.

use super::bin::{ModelError, Reader, Writer};
use super::features::SentFeats;
use super::table::KeyMap;
use crate::ner::gazetteer::Gazetteer;
use crate::ner::{Label, Lang, SpanType};

const MAGIC: &[u8; 8] = b"WARTANER";
const VERSION: u32 = 1;

/// Position of a token in a span, BILOU style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    /// First token of a longer span.
    Begin = 0,
    /// Inner token.
    Inside = 1,
    /// Last token of a longer span.
    Last = 2,
    /// The only token of a span.
    Unit = 3,
}

/// The BILOU label set of a model: label 0 is O, label `1 + 4 * t + pos` is `pos` of type `t`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    /// The span types, in label order.
    pub types: Vec<SpanType>,
}

impl Labels {
    /// The label set for a language: PER, ORG, LOC, and MISC for English.
    pub fn for_lang(lang: Lang) -> Labels {
        let mut types = vec![SpanType::Per, SpanType::Org, SpanType::Loc];
        if lang == Lang::En {
            types.push(SpanType::Misc);
        }
        Labels { types }
    }

    /// Number of labels.
    pub fn len(&self) -> usize {
        1 + 4 * self.types.len()
    }

    /// Whether the set has only O (never true for a real model).
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }

    /// The label for a type and position, if the type is in the set.
    pub fn index(&self, ty: SpanType, pos: Pos) -> Option<usize> {
        let t = self.types.iter().position(|x| *x == ty)?;
        Some(1 + 4 * t + pos as usize)
    }

    /// Type and position of a label (`None` for O).
    pub fn split(&self, label: usize) -> Option<(SpanType, Pos)> {
        if label == 0 {
            return None;
        }
        let t = self.types.get((label - 1) / 4)?;
        let pos = match (label - 1) % 4 {
            0 => Pos::Begin,
            1 => Pos::Inside,
            2 => Pos::Last,
            _ => Pos::Unit,
        };
        Some((*t, pos))
    }

    /// Whether `next` may follow `prev` (`None` is the sentence start).
    pub fn allowed(&self, prev: Option<usize>, next: usize) -> bool {
        let open = prev
            .and_then(|p| self.split(p))
            .filter(|(_, pos)| matches!(pos, Pos::Begin | Pos::Inside));
        match (open, self.split(next)) {
            (Some((t, _)), Some((u, pos))) => t == u && matches!(pos, Pos::Inside | Pos::Last),
            (Some(_), None) => false,
            (None, Some((_, pos))) => matches!(pos, Pos::Begin | Pos::Unit),
            (None, None) => true,
        }
    }

    /// Whether a sentence may end with `label`.
    pub fn may_end(&self, label: usize) -> bool {
        !matches!(self.split(label), Some((_, Pos::Begin | Pos::Inside)))
    }

    /// The IOB2 label of a BILOU label.
    pub fn iob(&self, label: usize) -> Label {
        match self.split(label) {
            None => Label::O,
            Some((t, Pos::Begin | Pos::Unit)) => Label::B(t),
            Some((t, _)) => Label::I(t),
        }
    }

    /// BILOU labels from IOB2 labels (types outside the set become O; a stray I starts a span).
    pub fn from_iob(&self, tags: &[Label]) -> Vec<usize> {
        let ty = |l: &Label| match l {
            Label::O => None,
            Label::B(t) | Label::I(t) => self.types.contains(t).then_some(*t),
        };
        let mut out = Vec::with_capacity(tags.len());
        for (i, l) in tags.iter().enumerate() {
            let Some(t) = ty(l) else {
                out.push(0);
                continue;
            };
            let starts = matches!(l, Label::B(_)) || i == 0 || ty(&tags[i - 1]) != Some(t);
            let continues = tags
                .get(i + 1)
                .is_some_and(|n| matches!(n, Label::I(u) if *u == t));
            let pos = match (starts, continues) {
                (true, true) => Pos::Begin,
                (true, false) => Pos::Unit,
                (false, true) => Pos::Inside,
                (false, false) => Pos::Last,
            };
            out.push(self.index(t, pos).unwrap_or(0));
        }
        out
    }
}

/// A loaded tagging model.
#[derive(Debug, Clone)]
pub struct Model {
    /// The language it was trained for.
    pub lang: Lang,
    /// Its labels.
    pub labels: Labels,
    /// Feature key to its run of `weights`: start `<< 5 |` length.
    index: KeyMap<u32>,
    /// Non-zero weights of every feature, `(label, quantized weight)`, one run per feature.
    weights: Vec<(u8, i16)>,
    scale: f32,
    /// Transition weights, `trans[prev * L + next]`.
    pub trans: Vec<f32>,
    /// Weights of the first label of a sentence.
    pub start: Vec<f32>,
    /// Weights of the last label of a sentence.
    pub end: Vec<f32>,
    /// The gazetteer the features were trained with.
    pub gaz: Gazetteer,
}

/// What [`Model::encode`] needs: dense averaged weights.
pub struct Dense<'a> {
    /// Language.
    pub lang: Lang,
    /// Labels.
    pub labels: &'a Labels,
    /// `(key, weights of every label)` rows.
    pub rows: &'a mut dyn Iterator<Item = (u32, &'a [f32])>,
    /// Transition weights (`L * L`).
    pub trans: &'a [f32],
    /// Start weights.
    pub start: &'a [f32],
    /// End weights.
    pub end: &'a [f32],
    /// Gazetteer.
    pub gaz: &'a Gazetteer,
    /// Weights whose magnitude is below this fraction of the largest are dropped.
    pub prune: f32,
}

impl Model {
    /// Serialise dense weights into the compact file format.
    pub fn encode(d: Dense<'_>) -> Vec<u8> {
        let l = d.labels.len();
        let rows: Vec<(u32, &[f32])> = d.rows.collect();
        let max = rows
            .iter()
            .flat_map(|(_, w)| w.iter())
            .fold(0f32, |m, w| m.max(w.abs()))
            .max(1e-9);
        let scale = max / 32767.0;
        let cut = max * d.prune;
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.put_u32(VERSION);
        out.push(match d.lang {
            Lang::Id => 0,
            Lang::En => 1,
        });
        out.push(d.labels.types.len() as u8);
        for t in &d.labels.types {
            out.push(*t as u8);
        }
        out.put_u32(l as u32);
        out.put_f32(scale);
        for v in d.trans.iter().chain(d.start).chain(d.end) {
            out.put_f32(*v);
        }
        let count_pos = out.len();
        out.put_u32(0);
        let mut n = 0u32;
        for (key, w) in rows {
            let kept: Vec<(u8, i16)> = w
                .iter()
                .enumerate()
                .filter(|(_, v)| v.abs() >= cut && v.abs() > 0.0)
                .map(|(i, v)| (i as u8, (v / scale).round().clamp(-32767.0, 32767.0) as i16))
                .filter(|(_, q)| *q != 0)
                .collect();
            if kept.is_empty() {
                continue;
            }
            n += 1;
            out.put_u32(key);
            out.push(kept.len() as u8);
            for (i, q) in kept {
                out.push(i);
                out.put_u16(q as u16);
            }
        }
        out[count_pos..count_pos + 4].copy_from_slice(&n.to_le_bytes());
        d.gaz.write(&mut out);
        out
    }

    /// Load a model from its file bytes.
    pub fn decode(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader::new(bytes);
        if r.take(8)? != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let v = r.u32()?;
        if v != VERSION {
            return Err(ModelError::Version(v));
        }
        let lang = match r.u8()? {
            0 => Lang::Id,
            1 => Lang::En,
            _ => return Err(ModelError::Corrupt("language")),
        };
        let nt = r.u8()? as usize;
        let mut types = Vec::with_capacity(nt);
        for _ in 0..nt {
            types.push(match r.u8()? {
                0 => SpanType::Per,
                1 => SpanType::Org,
                2 => SpanType::Loc,
                3 => SpanType::Misc,
                _ => return Err(ModelError::Corrupt("span type")),
            });
        }
        let labels = Labels { types };
        let l = r.u32()? as usize;
        if l != labels.len() || l > 32 {
            return Err(ModelError::Corrupt("label count"));
        }
        let scale = r.f32()?;
        let mut read_vec =
            |n: usize| -> Result<Vec<f32>, ModelError> { (0..n).map(|_| r.f32()).collect() };
        let trans = read_vec(l * l)?;
        let start = read_vec(l)?;
        let end = read_vec(l)?;
        let n = r.u32()? as usize;
        let mut index = KeyMap::with_capacity(n);
        let mut weights = Vec::with_capacity(n * 4);
        for _ in 0..n {
            let key = r.u32()?;
            let nnz = r.u8()? as usize;
            if nnz > l || weights.len() >= 1 << 27 {
                return Err(ModelError::Corrupt("feature row"));
            }
            *index.entry(key) = (weights.len() as u32) << 5 | nnz as u32;
            for _ in 0..nnz {
                let i = r.u8()?;
                let q = r.i16()?;
                if usize::from(i) >= l {
                    return Err(ModelError::Corrupt("label index"));
                }
                weights.push((i, q));
            }
        }
        let gaz = Gazetteer::read(&mut r)?;
        Ok(Model {
            lang,
            labels,
            index,
            weights,
            scale,
            trans,
            start,
            end,
            gaz,
        })
    }

    /// Number of feature rows.
    pub fn n_features(&self) -> usize {
        self.index.len()
    }

    /// Add the quantized weights of feature `key` (if the model has it) to `acc` (`L` long).
    #[inline]
    pub fn add_key(&self, key: u32, acc: &mut [i32]) {
        if let Some(run) = self.index.get(key) {
            let start = (run >> 5) as usize;
            let end = start + (run & 31) as usize;
            for &(y, w) in &self.weights[start..end] {
                if let Some(a) = acc.get_mut(usize::from(y)) {
                    *a += i32::from(w);
                }
            }
        }
    }

    /// The factor from quantized weight sums to scores.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Emission scores of every token and label (`out[i * L + y]`).
    pub fn emissions(&self, feats: &SentFeats, out: &mut Vec<f32>) {
        let l = self.labels.len();
        out.clear();
        out.resize(feats.len() * l, 0.0);
        let mut acc = [0i32; 32];
        let acc = &mut acc[..l.min(32)];
        for i in 0..feats.len() {
            acc.fill(0);
            for &k in feats.token(i) {
                self.add_key(k, acc);
            }
            for (o, a) in out[i * l..(i + 1) * l].iter_mut().zip(acc.iter()) {
                *o = *a as f32 * self.scale;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_round_trip() {
        let labels = Labels::for_lang(Lang::En);
        let tags = [
            Label::B(SpanType::Per),
            Label::I(SpanType::Per),
            Label::O,
            Label::B(SpanType::Org),
            Label::I(SpanType::Loc),
            Label::I(SpanType::Loc),
            Label::I(SpanType::Loc),
        ];
        let b = labels.from_iob(&tags);
        let back: Vec<Label> = b.iter().map(|&y| labels.iob(y)).collect();
        let mut expect = tags.to_vec();
        expect[4] = Label::B(SpanType::Loc);
        assert_eq!(back, expect);
        for w in b.windows(2) {
            assert!(labels.allowed(Some(w[0]), w[1]));
        }
        assert!(labels.may_end(b[6]));
    }

    #[test]
    fn file_round_trip() {
        let labels = Labels::for_lang(Lang::Id);
        let l = labels.len();
        let w1 = vec![0.5f32; l];
        let mut w2 = vec![0f32; l];
        w2[3] = -2.0;
        let rows = vec![(7u32, w1.as_slice()), (9u32, w2.as_slice())];
        let trans = vec![0.25f32; l * l];
        let zeros = vec![0f32; l];
        let gaz = Gazetteer::curated();
        let bytes = Model::encode(Dense {
            lang: Lang::Id,
            labels: &labels,
            rows: &mut rows.into_iter(),
            trans: &trans,
            start: &zeros,
            end: &zeros,
            gaz: &gaz,
            prune: 0.0,
        });
        let m = Model::decode(&bytes).expect("decodes");
        assert_eq!(m.lang, Lang::Id);
        assert_eq!(m.labels, labels);
        assert_eq!(m.n_features(), 2);
        assert_eq!(m.trans, trans);
        assert_eq!(m.gaz.sizes(), gaz.sizes());
        let feats = SentFeats {
            keys: vec![7, 9, 11],
            offs: vec![0, 3],
        };
        let mut e = Vec::new();
        m.emissions(&feats, &mut e);
        assert!((e[3] - (0.5 - 2.0)).abs() < 1e-3);
        assert!((e[0] - 0.5).abs() < 1e-3);
        assert!(Model::decode(&bytes[..bytes.len() - 3]).is_err());
        assert!(Model::decode(b"nonsense").is_err());
    }
}
