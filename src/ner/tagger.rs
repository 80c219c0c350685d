//! The sequence tagger: features, averaged perceptron weights, Viterbi decoding.

use super::{Label, Lang, Mention};

/// The tagging models for every language, loaded from the weights embedded in the binary.
pub struct Tagger {}

impl Tagger {
    /// Load the embedded models.
    pub fn embedded() -> Tagger {
        Tagger {}
    }

    /// Tag one sentence of tokens.
    pub fn tag(&self, tokens: &[&str], lang: Lang) -> Vec<Label> {
        let _ = lang;
        vec![Label::O; tokens.len()]
    }

    /// Tokenize, split into sentences, tag, and return the mentions of a text.
    pub fn mentions(&self, text: &str, lang: Lang) -> Vec<Mention> {
        let _ = (text, lang);
        Vec::new()
    }
}

/// `warta ner --conll`.
pub fn cli_ner(args: &crate::cli::NerArgs) -> anyhow::Result<std::process::ExitCode> {
    let _ = args;
    todo!("ner cli")
}

/// `warta eval`.
pub fn cli_eval(args: &crate::cli::EvalArgs) -> anyhow::Result<std::process::ExitCode> {
    let _ = args;
    todo!("eval cli")
}

/// `warta train`.
pub fn cli_train(args: &crate::cli::TrainArgs) -> anyhow::Result<std::process::ExitCode> {
    let _ = args;
    todo!("train cli")
}
