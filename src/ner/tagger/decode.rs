//! Viterbi decoding under the BILOU constraints (a span opened must be closed, by its type).
//!
//! The forward pass keeps only the best score of every label at every token; the best
//! predecessor is found again while tracing the path back, one label per token, with the
//! same scores and the same tie rule (the lowest label wins), so the path is the one a pass
//! keeping back-pointers would find.

use super::model::Labels;

/// Precomputed transition scores: for every label, only the labels allowed before it
/// (under BILOU, 2 before an inside or last label, `1 + 2T` before the others), with their
/// scores; forbidden starts and ends are minus infinity.
///
/// For the forward pass, labels with the same allowed predecessors form a group (under
/// BILOU: O, every begin and every unit label share theirs; an inside and a last label
/// share theirs), whose members are scored side by side.
#[derive(Debug, Clone)]
pub struct Transitions {
    l: usize,
    /// `preds[offs[y]..offs[y + 1]]`: the labels allowed before `y`, ascending.
    preds: Vec<u8>,
    /// Transition score of each entry of `preds`.
    scores: Vec<f32>,
    offs: Vec<usize>,
    groups: Vec<Group>,
    start: Vec<f32>,
    end: Vec<f32>,
}

/// Labels sharing one list of allowed predecessors.
#[derive(Debug, Clone)]
struct Group {
    /// The labels allowed before every member, ascending.
    preds: Vec<u8>,
    /// The members.
    members: Vec<u8>,
    /// Transition scores from predecessor `j` to the members `c * W..(c + 1) * W` at
    /// `cols[c * preds.len() + j]` (members padded with zeros to a multiple of `W`).
    cols: Vec<[f32; W]>,
}

/// Members scored side by side (a width the compiler turns into vector instructions).
const W: usize = 8;

const NEG: f32 = -1e30;

impl Transitions {
    /// Combine learned weights with the label constraints.
    pub fn new(labels: &Labels, trans: &[f32], start: &[f32], end: &[f32]) -> Transitions {
        let l = labels.len();
        let (mut preds, mut scores, mut offs) = (Vec::new(), Vec::new(), vec![0]);
        let mut groups: Vec<Group> = Vec::new();
        for n in 0..l {
            let before: Vec<u8> = (0..l)
                .filter(|&p| labels.allowed(Some(p), n))
                .map(|p| p as u8)
                .collect();
            for &p in &before {
                preds.push(p);
                scores.push(trans[usize::from(p) * l + n]);
            }
            offs.push(preds.len());
            match groups.iter_mut().find(|g| g.preds == before) {
                Some(g) => g.members.push(n as u8),
                None => groups.push(Group {
                    preds: before,
                    members: vec![n as u8],
                    cols: Vec::new(),
                }),
            }
        }
        for g in &mut groups {
            let k = g.preds.len();
            g.cols = vec![[0.0; W]; k * g.members.len().div_ceil(W)];
            for (m, &y) in g.members.iter().enumerate() {
                for (j, &p) in g.preds.iter().enumerate() {
                    g.cols[m / W * k + j][m % W] = trans[usize::from(p) * l + usize::from(y)];
                }
            }
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
            groups,
            start: s,
            end: e,
        }
    }

    /// The best predecessor of label `y` given the scores `prev` of the token before (the
    /// lowest label among equals).
    fn best_before(&self, prev: &[f32], y: usize) -> usize {
        let r = self.offs[y]..self.offs[y + 1];
        let mut best = NEG * 2.0;
        let mut arg = 0;
        for (&p, tr) in self.preds[r.clone()].iter().zip(&self.scores[r]) {
            let s = prev[usize::from(p)] + tr;
            if s > best {
                best = s;
                arg = p;
            }
        }
        usize::from(arg)
    }
}

/// Reusable Viterbi buffers.
#[derive(Default)]
pub struct Viterbi {
    score: Vec<f32>,
}

impl Viterbi {
    /// The best label sequence for emission scores `em` (`n * L`), written to `out`.
    ///
    /// Ties between predecessors go to the lowest label.
    pub fn decode(&mut self, t: &Transitions, em: &[f32], out: &mut Vec<usize>) {
        let l = t.l;
        let n = em.len() / l;
        out.clear();
        if n == 0 {
            return;
        }
        self.score.clear();
        self.score.resize(n * l, NEG);
        for ((s, st), e) in self.score[..l].iter_mut().zip(&t.start).zip(em) {
            *s = st + e;
        }
        for i in 1..n {
            let (prev, cur) = self.score.split_at_mut(i * l);
            let prev = &prev[(i - 1) * l..];
            let cur = &mut cur[..l];
            let emi = &em[i * l..(i + 1) * l];
            for g in &t.groups {
                let k = g.preds.len();
                for (members, cols) in g.members.chunks(W).zip(g.cols.chunks_exact(k)) {
                    let mut best = [NEG * 2.0; W];
                    for (&p, row) in g.preds.iter().zip(cols) {
                        let x = prev[usize::from(p)];
                        for (b, tr) in best.iter_mut().zip(row) {
                            let s = x + tr;
                            *b = if s > *b { s } else { *b };
                        }
                    }
                    for (&y, b) in members.iter().zip(best) {
                        let y = usize::from(y);
                        cur[y] = b + emi[y];
                    }
                }
            }
        }
        let last = &self.score[(n - 1) * l..];
        let mut y = (0..l)
            .max_by(|&a, &b| (last[a] + t.end[a]).total_cmp(&(last[b] + t.end[b])))
            .unwrap_or(0);
        out.resize(n, 0);
        out[n - 1] = y;
        for i in (1..n).rev() {
            y = t.best_before(&self.score[(i - 1) * l..i * l], y);
            out[i - 1] = y;
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

    /// Viterbi as first written: every allowed predecessor of every label, in label order.
    fn reference(labels: &Labels, trans: &[f32], start: &[f32], end: &[f32], em: &[f32]) -> Vec<usize> {
        let l = labels.len();
        let n = em.len() / l;
        let mut score = vec![NEG; n * l];
        let mut back = vec![0usize; n * l];
        for y in 0..l {
            let st = if labels.allowed(None, y) { start[y] } else { NEG };
            score[y] = st + em[y];
        }
        for i in 1..n {
            for y in 0..l {
                let mut best = NEG * 2.0;
                let mut arg = 0;
                for p in 0..l {
                    if labels.allowed(Some(p), y) {
                        let s = score[(i - 1) * l + p] + trans[p * l + y];
                        if s > best {
                            best = s;
                            arg = p;
                        }
                    }
                }
                score[i * l + y] = best + em[i * l + y];
                back[i * l + y] = arg;
            }
        }
        let fin = |y: usize| {
            let e = if labels.may_end(y) { end[y] } else { NEG };
            score[(n - 1) * l + y] + e
        };
        let mut y = (0..l).max_by(|&a, &b| fin(a).total_cmp(&fin(b))).unwrap_or(0);
        let mut out = vec![0; n];
        for i in (0..n).rev() {
            out[i] = y;
            y = back[i * l + y];
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn same_paths_as_plain_viterbi(
            english in proptest::bool::ANY,
            n in 1usize..12,
            // Few distinct values, so that ties happen.
            values in proptest::collection::vec(-3i8..3, 17 * 17 + 2 * 17 + 12 * 17),
        ) {
            let labels = Labels::for_lang(if english { Lang::En } else { Lang::Id });
            let l = labels.len();
            let v: Vec<f32> = values.iter().map(|&x| f32::from(x) * 0.5).collect();
            let trans = &v[..l * l];
            let start = &v[l * l..l * l + l];
            let end = &v[l * l + l..l * l + 2 * l];
            let em = &v[l * l + 2 * l..l * l + 2 * l + n * l];
            let t = Transitions::new(&labels, trans, start, end);
            let mut out = Vec::new();
            Viterbi::default().decode(&t, em, &mut out);
            proptest::prop_assert_eq!(out, reference(&labels, trans, start, end, em));
        }
    }
}
