//! The tagger's commands: `ner` (tag a CoNLL file), `eval` (score a gold file) and `train`.
//!
//! The tagger works on values: [`tag_conll`] labels a parsed file, [`Score`] compares
//! labels with gold ones, [`train::train_reporting`] returns a model's bytes and reports its
//! progress as [`Progress`] values. This module reads the files, prints the results and
//! the progress, and writes the model.

use super::args::{EvalArgs, NerArgs, TrainArgs};
use crate::ner::Engine;
use crate::ner::gazetteer::Gazetteer;
use crate::ner::tagger::conll::{self, Conll, Score};
use crate::ner::tagger::tag_conll;
use crate::ner::tagger::train::{self, Progress};
use anyhow::Context;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The text of a file, or of standard input for `-`; invalid UTF-8 is replaced.
fn read_input(path: &Path) -> anyhow::Result<String> {
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

/// `warta ner --conll`.
pub(super) fn ner(args: &NerArgs) -> anyhow::Result<ExitCode> {
    let input = read_input(&args.file)?;
    conll::check(&input, false).with_context(|| format!("{}", args.file.display()))?;
    let conll = Conll::parse(&input);
    let tags = tag_conll(Engine::global().tagger(), &conll, args.lang.fixed());
    super::report_model_failures();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    out.write_all(conll::render(&input, &tags).as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `warta eval`.
pub(super) fn eval(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let input = read_input(&args.gold)?;
    conll::check(&input, true).with_context(|| format!("{}", args.gold.display()))?;
    let gold = Conll::parse(&input);
    let tags = tag_conll(Engine::global().tagger(), &gold, args.lang.fixed());
    super::report_model_failures();
    let gold_tags: Vec<&str> = gold
        .sentences()
        .flat_map(|s| s.tags.iter().map(String::as_str))
        .collect();
    let pred: Vec<String> = tags.iter().map(ToString::to_string).collect();
    let score = Score::new(&gold_tags, &pred, &["PER", "ORG", "LOC", "MISC"]);
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
    Ok(ExitCode::SUCCESS)
}

/// `warta train`.
pub(super) fn train(args: &TrainArgs) -> anyhow::Result<ExitCode> {
    let lang = args.lang.fixed().context("--lang must be id or en")?;
    let mut docs = Vec::new();
    for p in &args.train {
        docs.extend(read_conll(p)?.docs);
    }
    let dev = args
        .dev
        .iter()
        .map(|p| read_conll(p))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let gaz = gazetteer(&args.gazetteer)?;
    eprintln!("gazetteer: {:?} names and tokens", gaz.sizes());
    let cfg = train::Config {
        lang,
        epochs: args.epochs,
        patience: args.patience,
        seed: args.seed,
        augment: args.augment,
        prune: args.prune,
    };
    let bytes = train::train_reporting(&cfg, &docs, &dev, &gaz, &mut |progress| {
        eprintln!("{}", progress_line(&progress));
    });
    if let Some(dir) = args.out.parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!("wrote {} ({} bytes)", args.out.display(), bytes.len());
    Ok(ExitCode::SUCCESS)
}

/// One line of training progress, as `warta train` prints it.
fn progress_line(progress: &Progress<'_>) -> String {
    match progress {
        Progress::Prepared {
            sentences,
            features,
        } => format!("train: {sentences} sentences (with copies), {features} features"),
        Progress::Epoch {
            epoch,
            errors,
            bytes,
            score,
            detail,
        } => format!(
            "epoch {epoch}: {errors} sentences wrong, {bytes} bytes, dev {score:.4} {detail}"
        ),
        Progress::Best { epoch, score } => {
            format!("best epoch {epoch}: dev PER+ORG F1 {score:.4}")
        }
    }
}

/// A gold CoNLL file, parsed (invalid UTF-8 replaced).
fn read_conll(path: &Path) -> anyhow::Result<Conll> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    conll::check(&text, true).with_context(|| format!("{}", path.display()))?;
    Ok(Conll::parse(&text))
}

/// Build the gazetteer: the curated lists plus name lists (type from the file name:
/// `person`, `organization`/`organisation`, `place`/`location`; other files use the
/// `TYPE<TAB>entry` format).
fn gazetteer(lists: &[PathBuf]) -> anyhow::Result<Gazetteer> {
    let mut g = Gazetteer::curated();
    for p in lists {
        let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
        let text = String::from_utf8_lossy(&bytes);
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let default = if name.contains("person") {
            Some(1)
        } else if name.contains("organi") {
            Some(2)
        } else if name.contains("place") || name.contains("location") {
            Some(4)
        } else {
            None
        };
        g.add_list(&text, default);
    }
    Ok(g)
}
