//! Viterbi decoding under the BILOU constraints (a span opened must be closed, by its type).
//!
//! The forward pass keeps only the best score of every label at every token; the best
//! predecessor is found again while tracing the path back, one label per token, with the
//! same scores and the same tie rule (the lowest label wins), so the path is the one a pass
//! keeping back-pointers would find.
//!
//! In the forward pass the labels sit in lanes of `W`, scored side by side: labels with the
//! same allowed predecessors (under BILOU: O, every begin and every unit label; an inside
//! and a last label of one type) share lanes, and the lanes of labels with equally many
//! predecessors are filled with the rest.

use super::model::Labels;

/// Labels scored side by side (a width the compiler turns into vector instructions).
const W: usize = 8;

const NEG: f32 = -1e30;

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
    /// The label in each lane (lanes past the labels repeat label 0 and are never read).
    order: Vec<u8>,
    /// The lane of each label.
    lane: Vec<u8>,
    /// How lanes `c * W..(c + 1) * W` are scored.
    chunks: Vec<Chunk>,
    steps: Vec<Step>,
    start: Vec<f32>,
    end: Vec<f32>,
}

/// The predecessors of `W` lanes.
#[derive(Debug, Clone, Copy)]
struct Chunk {
    /// `steps[start..end]`: one predecessor of each lane per step.
    start: usize,
    end: usize,
    /// Whether all lanes have the same predecessors (one label group).
    shared: bool,
}

/// One predecessor for each lane of a chunk.
#[derive(Debug, Clone, Copy)]
struct Step {
    /// The predecessor's lane, for each lane.
    from: [u8; W],
    /// The transition score, for each lane.
    tr: [f32; W],
}

impl Transitions {
    /// Combine learned weights with the label constraints.
    pub fn new(labels: &Labels, trans: &[f32], start: &[f32], end: &[f32]) -> Transitions {
        let l = labels.len();
        let (mut preds, mut scores, mut offs) = (Vec::new(), Vec::new(), vec![0]);
        let mut groups: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
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
            match groups.iter_mut().find(|g| g.0 == before) {
                Some(g) => g.1.push(n as u8),
                None => groups.push((before, vec![n as u8])),
            }
        }
        // Lanes: full chunks of one group, then the rest of the groups with as many
        // predecessors, packed together.
        let mut lanes: Vec<Vec<u8>> = Vec::new();
        let mut counts: Vec<usize> = groups.iter().map(|g| g.0.len()).collect();
        counts.sort_unstable();
        counts.dedup();
        for k in counts {
            let mut rest = Vec::new();
            for (_, members) in groups.iter().filter(|g| g.0.len() == k) {
                let full = members.len() / W * W;
                lanes.extend(members[..full].chunks(W).map(<[u8]>::to_vec));
                rest.extend_from_slice(&members[full..]);
            }
            lanes.extend(rest.chunks(W).map(<[u8]>::to_vec));
        }
        let order: Vec<u8> = lanes
            .iter()
            .flat_map(|c| {
                let mut c = c.clone();
                c.resize(W, c[0]);
                c
            })
            .collect();
        let mut lane = vec![0u8; l];
        for (i, &y) in order.iter().enumerate().rev() {
            lane[usize::from(y)] = i as u8;
        }
        let (mut chunks, mut steps) = (Vec::new(), Vec::new());
        for chunk in order.chunks(W) {
            let first = steps.len();
            let k = offs[usize::from(chunk[0]) + 1] - offs[usize::from(chunk[0])];
            for j in 0..k {
                let mut step = Step {
                    from: [0; W],
                    tr: [0.0; W],
                };
                for (w, &y) in chunk.iter().enumerate() {
                    let at = offs[usize::from(y)] + j;
                    step.from[w] = lane[usize::from(preds[at])];
                    step.tr[w] = scores[at];
                }
                steps.push(step);
            }
            chunks.push(Chunk {
                start: first,
                end: steps.len(),
                shared: steps[first..]
                    .iter()
                    .all(|s| s.from.iter().all(|&f| f == s.from[0])),
            });
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
            order,
            lane,
            chunks,
            steps,
            start: s,
            end: e,
        }
    }

    /// The best predecessor of label `y` given the lane scores `prev` of the token before
    /// (the lowest label among equals).
    fn best_before(&self, prev: &[f32], y: usize) -> usize {
        let r = self.offs[y]..self.offs[y + 1];
        let mut best = NEG * 2.0;
        let mut arg = 0;
        for (&p, tr) in self.preds[r.clone()].iter().zip(&self.scores[r]) {
            let s = prev[usize::from(self.lane[usize::from(p)])] + tr;
            if s > best {
                best = s;
                arg = p;
            }
        }
        usize::from(arg)
    }
}

/// `best = max(best, x + tr)`, lane by lane.
#[inline]
fn add_max(best: &mut [f32; W], x: [f32; W], tr: [f32; W]) {
    for ((b, x), tr) in best.iter_mut().zip(x).zip(tr) {
        let s = x + tr;
        *b = if s > *b { s } else { *b };
    }
}

/// Reusable Viterbi buffers.
#[derive(Default)]
pub struct Viterbi {
    /// Scores of every lane at every token.
    score: Vec<f32>,
    /// Emission scores of one token, by lane.
    em: Vec<f32>,
}

impl Viterbi {
    /// The best label sequence for emission scores `em` (`n * L`), written to `out`.
    ///
    /// Ties between predecessors go to the lowest label.
    pub fn decode(&mut self, t: &Transitions, em: &[f32], out: &mut Vec<usize>) {
        let l = t.l;
        let n = em.len() / l;
        let lanes = t.order.len();
        out.clear();
        if n == 0 {
            return;
        }
        self.score.clear();
        self.score.resize(n * lanes, NEG);
        for (s, &y) in self.score[..lanes].iter_mut().zip(&t.order) {
            let y = usize::from(y);
            *s = t.start[y] + em[y];
        }
        self.em.resize(lanes, 0.0);
        for i in 1..n {
            let emi = &em[i * l..(i + 1) * l];
            for (e, &y) in self.em.iter_mut().zip(&t.order) {
                *e = emi[usize::from(y)];
            }
            let (prev, cur) = self.score.split_at_mut(i * lanes);
            let prev = &prev[(i - 1) * lanes..];
            for ((cur, emi), chunk) in cur[..lanes]
                .chunks_exact_mut(W)
                .zip(self.em.chunks_exact(W))
                .zip(&t.chunks)
            {
                let steps = &t.steps[chunk.start..chunk.end];
                let mut best = [NEG * 2.0; W];
                if chunk.shared {
                    for step in steps {
                        add_max(&mut best, [prev[usize::from(step.from[0])]; W], step.tr);
                    }
                } else {
                    for step in steps {
                        add_max(&mut best, step.from.map(|f| prev[usize::from(f)]), step.tr);
                    }
                }
                for ((c, b), e) in cur.iter_mut().zip(best).zip(emi) {
                    *c = b + e;
                }
            }
        }
        let last = &self.score[(n - 1) * lanes..];
        let fin = |y: usize| last[usize::from(t.lane[y])] + t.end[y];
        let mut y = (0..l)
            .max_by(|&a, &b| fin(a).total_cmp(&fin(b)))
            .unwrap_or(0);
        out.resize(n, 0);
        out[n - 1] = y;
        for i in (1..n).rev() {
            y = t.best_before(&self.score[(i - 1) * lanes..i * lanes], y);
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
    fn reference(
        labels: &Labels,
        trans: &[f32],
        start: &[f32],
        end: &[f32],
        em: &[f32],
    ) -> Vec<usize> {
        let l = labels.len();
        let n = em.len() / l;
        let mut score = vec![NEG; n * l];
        let mut back = vec![0usize; n * l];
        for y in 0..l {
            let st = if labels.allowed(None, y) {
                start[y]
            } else {
                NEG
            };
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
        let mut y = (0..l)
            .max_by(|&a, &b| fin(a).total_cmp(&fin(b)))
            .unwrap_or(0);
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
