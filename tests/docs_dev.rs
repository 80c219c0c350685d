//! Document-level entity quality on the annotated dev articles beside the project
//! (`../shared/eval/docs-dev`), skipped when absent: `warta entities --json` on each
//! language's articles, scored against its gold the way `eval/score_docs.py` scores it
//! (same kind, one-to-one, any name or alias equal after folding case, punctuation and a
//! leading `the`; optional gold entities neither rewarded nor penalized). Each kind and
//! the PER+ORG micro average must stay at or above its floor.

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use unicode_normalization::UnicodeNormalization;

/// Floors per language: person F1, organization F1, PER+ORG F1.
const FLOORS: &[(&str, [f64; 3])] = &[("en", [0.880, 0.642, 0.775]), ("id", [0.791, 0.637, 0.705])];

const KINDS: [&str; 2] = ["person", "organization"];

fn docs_dev() -> Option<PathBuf> {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/eval/docs-dev"
    ));
    if dir.is_dir() {
        Some(dir.to_path_buf())
    } else {
        eprintln!("skipped: no document-level dev set at {}", dir.display());
        None
    }
}

/// The scorer's folding: NFKC, lowercase, punctuation to spaces, `-` a space, spaces
/// collapsed, a leading `the ` dropped.
fn norm(s: &str) -> String {
    let folded: String = s
        .nfkc()
        .flat_map(char::to_lowercase)
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c.is_whitespace() {
                c
            } else {
                ' '
            }
        })
        .collect();
    let joined = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    match joined.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => joined,
    }
}

fn forms(e: &Value) -> Vec<String> {
    let mut out = vec![norm(e["name"].as_str().unwrap_or(""))];
    if let Some(aliases) = e["aliases"].as_array() {
        out.extend(aliases.iter().filter_map(Value::as_str).map(norm));
    }
    out.retain(|f| !f.is_empty());
    out
}

/// F1 per kind and the micro average, from (true positives, predicted, gold) counts.
fn f1s(counts: &[[usize; 3]; 2]) -> [f64; 3] {
    let f1 = |t: usize, p: usize, g: usize| {
        let (pr, rc) = (ratio(t, p), ratio(t, g));
        if pr + rc > 0.0 {
            2.0 * pr * rc / (pr + rc)
        } else {
            0.0
        }
    };
    let total = |i: usize| counts[0][i] + counts[1][i];
    [
        f1(counts[0][0], counts[0][1], counts[0][2]),
        f1(counts[1][0], counts[1][1], counts[1][2]),
        f1(total(0), total(1), total(2)),
    ]
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Score one language: run the binary on its articles and compare with its gold.
fn score(dir: &Path, lang: &str) -> [f64; 3] {
    let gold_text = std::fs::read_to_string(dir.join(format!("gold-{lang}.json"))).expect("gold");
    let gold: Value = serde_json::from_str(&gold_text).expect("gold parses");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(lang))
        .expect("articles")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let out = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["--no-state", "entities", "--json"])
        .args(&files)
        .output()
        .expect("warta runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut pred: HashMap<String, Vec<Value>> = HashMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(article) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let source = article["source"].as_str().unwrap_or("");
        let id = Path::new(source)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let entities = article["entities"].as_array().cloned().unwrap_or_default();
        pred.insert(id, entities);
    }
    let mut counts = [[0usize; 3]; 2];
    for doc in gold.as_array().expect("gold is a list") {
        let id = match &doc["id"] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let gents = doc["entities"].as_array().cloned().unwrap_or_default();
        let kind_of = |e: &Value| KINDS.iter().position(|k| e["kind"].as_str() == Some(k));
        for g in &gents {
            if let Some(k) = kind_of(g)
                && !g["optional"].as_bool().unwrap_or(false)
            {
                counts[k][2] += 1;
            }
        }
        let gold_forms: Vec<Vec<String>> = gents.iter().map(forms).collect();
        let mut used = vec![false; gents.len()];
        for p in pred.get(&id).into_iter().flatten() {
            let Some(k) = kind_of(p) else { continue };
            let pf = forms(p);
            let hit = (0..gents.len()).find(|&gi| {
                !used[gi]
                    && kind_of(&gents[gi]) == Some(k)
                    && gold_forms[gi].iter().any(|f| pf.contains(f))
            });
            match hit {
                None => counts[k][1] += 1,
                Some(gi) => {
                    used[gi] = true;
                    if !gents[gi]["optional"].as_bool().unwrap_or(false) {
                        counts[k][0] += 1;
                        counts[k][1] += 1;
                    }
                }
            }
        }
    }
    f1s(&counts)
}

#[test]
fn docs_dev_scores_stay_above_floors() {
    let Some(dir) = docs_dev() else { return };
    for &(lang, floors) in FLOORS {
        if !dir.join(lang).is_dir() {
            eprintln!("skipped: no {lang} articles");
            continue;
        }
        let got = score(&dir, lang);
        eprintln!(
            "{lang}: PER {:.3} ORG {:.3} PER+ORG {:.3}",
            got[0], got[1], got[2]
        );
        for ((label, g), f) in ["PER", "ORG", "PER+ORG"].iter().zip(got).zip(floors) {
            assert!(g >= f, "{lang} {label} F1 {g:.3} below its floor {f:.3}");
        }
    }
}

#[test]
fn folding_matches_the_scorer() {
    assert_eq!(norm("The Fed"), "fed");
    assert_eq!(norm("O'Gara"), "o gara");
    assert_eq!(norm("Shin Tae-yong"), "shin tae yong");
    assert_eq!(norm("  Liputan6.com "), "liputan6 com");
}
