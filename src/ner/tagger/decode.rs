//! Viterbi decoding under the BILOU constraints (a span opened must be closed, by its type).

use super::model::Labels;

/// Precomputed transition scores: for every label, only the labels allowed before it
/// (under BILOU, 2 before an inside or last label, `1 + 2T` before the others), with their
/// scores; forbidden starts and ends are minus infinity.
#[derive(Debug, Clone)]
pub struct Transitions {
    l: usize,
    /// `preds[offs[y]..offs[y + 1]]`: the labels allowed before `y`, ascending.
    preds: Vec<u8>,
    /// Transition score of each entry of `preds`.
    scores: Vec<f32>,
    offs: Vec<usize>,
    start: Vec<f32>,
    end: Vec<f32>,
}

const NEG: f32 = -1e30;

impl Transitions {
    /// Combine learned weights with the label constraints.
    pub fn new(labels: &Labels, trans: &[f32], start: &[f32], end: &[f32]) -> Transitions {
        let l = labels.len();
        let (mut preds, mut scores, mut offs) = (Vec::new(), Vec::new(), vec![0]);
        for n in 0..l {
            for p in 0..l {
                if labels.allowed(Some(p), n) {
                    preds.push(p as u8);
                    scores.push(trans[p * l + n]);
                }
            }
            offs.push(preds.len());
        }
        let s = (0..l)
            .map(|y| {
                if labels.allowed(None, y) {
                    start[y]
                } else {
                    NEG
                }
            })
            .collect();
        let e = (0..l)
            .map(|y| if labels.may_end(y) { end[y] } else { NEG })
            .collect();
        Transitions {
            l,
            preds,
            scores,
            offs,
            start: s,
            end: e,
        }
    }
}

/// Reusable Viterbi buffers.
#[derive(Default)]
pub struct Viterbi {
    score: Vec<f32>,
    back: Vec<u8>,
}

impl Viterbi {
    /// The best label sequence for emission scores `em` (`n * L`), written to `out`.
    pub fn decode(&mut self, t: &Transitions, em: &[f32], out: &mut Vec<usize>) {
        let l = t.l;
        let n = em.len() / l;
        out.clear();
        if n == 0 {
            return;
        }
        self.score.clear();
        self.score.resize(n * l, NEG);
        self.back.clear();
        self.back.resize(n * l, 0);
        for ((s, st), e) in self.score[..l].iter_mut().zip(&t.start).zip(em) {
            *s = st + e;
        }
        for i in 1..n {
            let (prev, cur) = self.score.split_at_mut(i * l);
            let prev = &prev[(i - 1) * l..];
            let back = &mut self.back[i * l..(i + 1) * l];
            let emi = &em[i * l..(i + 1) * l];
            for (y, ((c, b), e)) in cur[..l].iter_mut().zip(back).zip(emi).enumerate() {
                let mut best = NEG * 2.0;
                let mut arg = 0;
                let r = t.offs[y]..t.offs[y + 1];
                for (&p, tr) in t.preds[r.clone()].iter().zip(&t.scores[r]) {
                    let s = prev[usize::from(p)] + tr;
                    if s > best {
                        best = s;
                        arg = p;
                    }
                }
                *c = best + e;
                *b = arg;
            }
        }
        let last = &self.score[(n - 1) * l..];
        let mut y = (0..l)
            .max_by(|&a, &b| (last[a] + t.end[a]).total_cmp(&(last[b] + t.end[b])))
            .unwrap_or(0);
        out.resize(n, 0);
        for i in (0..n).rev() {
            out[i] = y;
            y = self.back[i * l + y] as usize;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::{Label, Lang};

    #[test]
    fn decoding_respects_constraints() {
        let labels = Labels::for_lang(Lang::Id);
        let l = labels.len();
        let zeros = vec![0f32; l * l];
        let t = Transitions::new(&labels, &zeros, &zeros[..l], &zeros[..l]);
        // Emissions that favour an impossible sequence: I-PER, B-ORG, B-ORG (never closed).
        let mut em = vec![0f32; 3 * l];
        em[2] = 5.0; // I-PER at 0
        em[l + 5] = 5.0; // B-ORG at 1
        em[2 * l + 5] = 5.0; // B-ORG at 2
        let mut v = Viterbi::default();
        let mut out = Vec::new();
        v.decode(&t, &em, &mut out);
        assert_eq!(out.len(), 3);
        assert!(labels.allowed(None, out[0]));
        for w in out.windows(2) {
            assert!(labels.allowed(Some(w[0]), w[1]));
        }
        assert!(labels.may_end(out[2]));
        // IOB2 output is valid: every I continues a span of its type.
        let iob: Vec<Label> = out.iter().map(|&y| labels.iob(y)).collect();
        for (i, lab) in iob.iter().enumerate() {
            if let Label::I(ty) = lab {
                assert!(i > 0 && matches!(iob[i - 1], Label::B(u) | Label::I(u) if u == *ty));
            }
        }
    }
}
