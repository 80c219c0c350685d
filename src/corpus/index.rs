//! The collection-wide entity index: one identity per referent across all articles.
//!
//! Each article's [`Analysis`] lists its own entities. The index joins them: two entities
//! are one referent when they have the same kind and the same canonical name (compared
//! case- and punctuation-insensitively), or when one's name is a *strong* alias of the
//! other (an acronym or a nickname the article gave in parentheses, not merely a part of
//! the full name). A surname or first name alone is never evidence across articles:
//! `Lee Jong-Sup` and `Lee Jae-myung` stay apart, and `Austin` the city is a place, never
//! `Lloyd Austin`.

use super::packed::{self, Analyses};
use crate::ner::resolve::UnionFind;
use crate::ner::{Analysis, EntityKind};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};
use std::ops::Range;

/// Index of a global entity in [`EntityIndex::entities`].
pub type EntityId = usize;

/// Where one article mentions a global entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    /// The article's position in the collection.
    pub article: usize,
    /// The entity's position in that article's [`Analysis::entities`].
    pub local: usize,
}

/// One referent across the whole collection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlobalEntity {
    /// The fullest name used for it anywhere (most frequent among the longest).
    pub name: String,
    /// Person, organization or place (majority across articles).
    pub kind: EntityKind,
    /// Every other surface form, sorted.
    pub aliases: Vec<String>,
    /// Roles seen with it, most frequent first.
    pub roles: Vec<String>,
    /// The articles that mention it, in collection order.
    pub occurrences: Vec<Occurrence>,
    /// Total mentions across all articles.
    pub mentions: usize,
}

impl GlobalEntity {
    /// Number of articles that mention this entity.
    pub fn article_count(&self) -> usize {
        self.occurrences.len()
    }
}

/// All entities of a collection, joined across articles, with co-mention counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityIndex {
    /// The global entities, most-mentioned articles first.
    pub entities: Vec<GlobalEntity>,
    /// For each article, for each of its local entities, the global id.
    pub by_article: Vec<Vec<EntityId>>,
}

/// Fold a name for comparison: lowercase, punctuation and hyphens to spaces, spaces collapsed.
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    fold_into(name, &mut out);
    out
}

/// [`fold_name`] into a buffer, which is cleared first.
fn fold_into(name: &str, out: &mut String) {
    out.clear();
    if name.is_ascii() {
        fold_ascii(name, out);
    } else {
        fold_chars(name, out);
    }
    if out.ends_with(' ') {
        out.pop();
    }
}

/// The fold of any text, a character at a time (a trailing space left in).
fn fold_chars(name: &str, out: &mut String) {
    let mut space = true;
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space && (c.is_whitespace() || c == '-' || c == '_' || c == '.') {
            out.push(' ');
            space = true;
        } else if c == '\'' || c == '\u{2019}' {
            // Apostrophes vanish: "O'Neil" and "ONeil" fold alike.
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
}

/// The fold of ASCII text, a byte at a time (a trailing space left in): the same as
/// [`fold_chars`], since an ASCII letter lowercases to one ASCII letter and every ASCII
/// character but a letter, a digit or an apostrophe separates words.
fn fold_ascii(name: &str, out: &mut String) {
    let mut space = true;
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b.to_ascii_lowercase()));
            space = false;
        } else if b != b'\'' && !space {
            out.push(' ');
            space = true;
        }
    }
}

/// Whether a name folds to nothing ([`fold_name`] keeps letters and digits only).
fn folds_to_nothing(name: &str) -> bool {
    !name
        .chars()
        .flat_map(char::to_lowercase)
        .any(char::is_alphanumeric)
}

/// Whether `alias` is merely a part of `name` (a surname or first name alone), which is
/// not enough evidence to join entities across articles. Both are folded ([`fold_name`]).
fn is_name_part(alias: &str, name: &str) -> bool {
    if alias.is_empty() || alias == name {
        return true;
    }
    // Folded names are words joined by single spaces, so a run of whole words of `name`
    // is an occurrence of `alias` with a space or an end on each side.
    name.match_indices(alias).any(|(at, _)| {
        let end = at + alias.len();
        (at == 0 || name.as_bytes()[at - 1] == b' ')
            && (end == name.len() || name.as_bytes()[end] == b' ')
    })
}

/// Every run of one or more words of a folded name, short of the whole name, as a slice
/// of it (folded names have single spaces, so a run of words is a substring).
fn name_parts(folded: &str) -> Vec<&str> {
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (i, _) in folded.match_indices(' ') {
        bounds.push((start, i));
        start = i + 1;
    }
    bounds.push((start, folded.len()));
    let mut out = Vec::new();
    for len in 1..bounds.len() {
        for w in bounds.windows(len) {
            out.push(&folded[w[0].0..w[len - 1].1]);
        }
    }
    out
}

/// Every distinct surface form of a collection, and every distinct folded form, each
/// numbered once: the index's maps key on these numbers instead of strings, and a form
/// repeated across articles is folded only the first time.
#[derive(Default)]
struct Forms<'a> {
    /// Surface form to its number.
    surface: FxHashMap<&'a str, u32>,
    /// Each surface form, by number.
    surfaces: Vec<&'a str>,
    /// For each surface form, the number of its folded form.
    fold_of: Vec<u32>,
    /// Folded form to its number.
    folded_ids: FxHashMap<String, u32>,
    /// Each folded form, by number.
    folded: Vec<String>,
    /// Scratch buffer for folding.
    buf: String,
}

impl<'a> Forms<'a> {
    /// The numbers of a surface form and of its folded form.
    fn intern(&mut self, form: &'a str) -> Form {
        if let Some(&s) = self.surface.get(form) {
            return Form {
                surface: s,
                folded: self.fold_of[s as usize],
            };
        }
        fold_into(form, &mut self.buf);
        let folded = match self.folded_ids.get(self.buf.as_str()) {
            Some(&f) => f,
            None => {
                let f = self.folded.len() as u32;
                self.folded.push(self.buf.clone());
                self.folded_ids.insert(self.buf.clone(), f);
                f
            }
        };
        let surface = self.fold_of.len() as u32;
        self.fold_of.push(folded);
        self.surfaces.push(form);
        self.surface.insert(form, surface);
        Form { surface, folded }
    }

    fn folded(&self, form: u32) -> &str {
        &self.folded[form as usize]
    }
}

/// A surface form and its folded form, by their numbers in [`Forms`].
#[derive(Clone, Copy)]
struct Form {
    surface: u32,
    folded: u32,
}

/// A kind and a folded form (its number in [`Forms`]): the key of every join.
type Key = (EntityKind, u32);

/// One distinct way articles present an entity: its kind, name and aliases. Every article
/// entity with the same three is one variant, and every variant of a name is one
/// referent, so the joins run over variants rather than over every article's entities.
struct Variant {
    kind: EntityKind,
    name: Form,
    /// Its aliases: `Variants::aliases[aliases.0..aliases.1]`.
    aliases: (usize, usize),
    /// The number of article entities that are this variant.
    count: usize,
    /// Their mentions, summed.
    mentions: usize,
}

/// All variants, numbered in order of first appearance in the collection.
struct Variants {
    list: Vec<Variant>,
    aliases: Vec<Form>,
}

impl Variants {
    fn aliases(&self, v: usize) -> &[Form] {
        let (start, end) = self.list[v].aliases;
        &self.aliases[start..end]
    }
}

/// The articles an index is built from, read one at a time: decoded analyses, or encoded
/// ones ([`Analyses`]) decoded by the scan as it goes, so that a collection's analyses are
/// never all decoded at once.
trait Articles: Sync {
    /// Total [`Articles::weight`] from which a scan runs on several threads.
    const PARALLEL_FROM: usize;

    /// Number of articles.
    fn count(&self) -> usize;

    /// The rough cost of scanning article `i`, to split the articles into even runs.
    fn weight(&self, i: usize) -> usize;

    /// Add article `i`'s entities to `scan`, in order; `false` when they cannot be read
    /// (the article then has none).
    fn scan_into(&self, i: usize, scan: &mut Scan) -> bool;
}

impl Articles for [&Analysis] {
    /// Article entities.
    const PARALLEL_FROM: usize = 50_000;

    fn count(&self) -> usize {
        self.len()
    }

    fn weight(&self, i: usize) -> usize {
        self[i].entities.len()
    }

    fn scan_into(&self, i: usize, scan: &mut Scan) -> bool {
        for e in &self[i].entities {
            scan.entity(e.kind, &e.name, &e.aliases, e.role.as_deref(), e.mentions);
        }
        true
    }
}

impl Articles for Analyses {
    /// Encoded bytes: decoding costs more than scanning, so runs pay off sooner.
    const PARALLEL_FROM: usize = 1_000_000;

    fn count(&self) -> usize {
        self.len()
    }

    fn weight(&self, i: usize) -> usize {
        self.encoded(i).map_or(0, <[u8]>::len)
    }

    fn scan_into(&self, i: usize, scan: &mut Scan) -> bool {
        let Some(entities) = self.encoded(i).and_then(packed::entities) else {
            return false;
        };
        for e in &entities {
            scan.entity(e.kind, e.name, &e.aliases, e.role, e.mentions);
        }
        true
    }
}

/// No variant: the end of a chain in [`Scan::heads`].
const NONE: u32 = u32::MAX;

/// A variant as a scan first found it: its identity (kind, name and aliases, as an article
/// gave them, owned) and what the scan counted of it.
struct First {
    kind: EntityKind,
    name: String,
    aliases: Vec<String>,
    /// [`variant_hash`] of the identity.
    hash: u64,
    /// The variant found before it with the same hash ([`NONE`] for none).
    next: u32,
    /// Whether its name folds to nothing: such a variant is one article entity only.
    empty: bool,
    /// The number of article entities that are this variant.
    count: usize,
    /// Their mentions, summed.
    mentions: usize,
}

impl First {
    fn is<A: AsRef<str>>(&self, kind: EntityKind, name: &str, aliases: &[A]) -> bool {
        self.kind == kind
            && self.name == name
            && self.aliases.len() == aliases.len()
            && self
                .aliases
                .iter()
                .zip(aliases)
                .all(|(a, b)| a == b.as_ref())
    }
}

/// The hash of a variant's identity, alike for aliases held as `String` or `&str`.
fn variant_hash<A: AsRef<str>>(kind: EntityKind, name: &str, aliases: &[A]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    kind.hash(&mut h);
    name.hash(&mut h);
    h.write_usize(aliases.len());
    for alias in aliases {
        alias.as_ref().hash(&mut h);
    }
    h.finish()
}

/// What a scan of a run of articles finds: their variants, numbered in order of first
/// appearance, each article entity's variant, each article's number of entities, and the
/// votes for each variant's roles. It owns copies of the distinct variants and roles
/// only, so the articles it read need not outlive it.
#[derive(Default)]
struct Scan {
    /// For each variant hash, the last variant found with it (the others chain from it).
    heads: FxHashMap<u64, u32>,
    firsts: Vec<First>,
    nodes: Vec<u32>,
    /// Each article's number of entities, in order.
    lens: Vec<u32>,
    /// Each role text, numbered in order of first appearance.
    role_ids: FxHashMap<String, u32>,
    /// Each role text, by number.
    role_names: Vec<String>,
    /// Votes by (variant, role number).
    roles: FxHashMap<(u32, u32), usize>,
    /// The articles whose entities could not be read (collection positions).
    unread: Vec<usize>,
}

impl Scan {
    /// The variant with this identity and hash, if found already.
    fn find<A: AsRef<str>>(
        &self,
        hash: u64,
        kind: EntityKind,
        name: &str,
        aliases: &[A],
    ) -> Option<u32> {
        let mut v = *self.heads.get(&hash)?;
        while v != NONE {
            let first = &self.firsts[v as usize];
            if first.is(kind, name, aliases) {
                return Some(v);
            }
            v = first.next;
        }
        None
    }

    /// Number a new variant; one whose name folds to nothing is never found again.
    fn push(&mut self, mut first: First) -> u32 {
        let v = self.firsts.len() as u32;
        if !first.empty {
            first.next = self.heads.insert(first.hash, v).unwrap_or(NONE);
        }
        self.firsts.push(first);
        v
    }

    /// The number of a role text, numbered now if new.
    fn role(&mut self, role: &str) -> u32 {
        if let Some(&r) = self.role_ids.get(role) {
            return r;
        }
        let r = self.role_names.len() as u32;
        self.role_names.push(role.to_string());
        self.role_ids.insert(role.to_string(), r);
        r
    }

    /// Count the next article entity.
    fn entity<A: AsRef<str>>(
        &mut self,
        kind: EntityKind,
        name: &str,
        aliases: &[A],
        role: Option<&str>,
        mentions: usize,
    ) {
        let hash = variant_hash(kind, name, aliases);
        // A variant whose name folds to nothing is never numbered for finding again, so
        // each such entity is a new variant: no evidence, they stay apart.
        let v = match self.find(hash, kind, name, aliases) {
            Some(v) => v,
            None => self.push(First {
                kind,
                name: name.to_string(),
                aliases: aliases.iter().map(|a| a.as_ref().to_string()).collect(),
                hash,
                next: NONE,
                empty: folds_to_nothing(name),
                count: 0,
                mentions: 0,
            }),
        };
        let first = &mut self.firsts[v as usize];
        first.count += 1;
        first.mentions += mentions;
        if let Some(role) = role {
            let r = self.role(role);
            *self.roles.entry((v, r)).or_default() += 1;
        }
        self.nodes.push(v);
    }

    /// Join the scan of the articles that follow this scan's.
    fn append(&mut self, next: Scan) {
        let mut ids = Vec::with_capacity(next.firsts.len());
        for first in next.firsts {
            let known = if first.empty {
                None
            } else {
                self.find(first.hash, first.kind, &first.name, &first.aliases)
            };
            let v = match known {
                Some(v) => {
                    let mine = &mut self.firsts[v as usize];
                    mine.count += first.count;
                    mine.mentions += first.mentions;
                    v
                }
                None => self.push(first),
            };
            ids.push(v);
        }
        self.nodes
            .extend(next.nodes.iter().map(|&v| ids[v as usize]));
        self.lens.extend(next.lens);
        let role_ids: Vec<u32> = next.role_names.iter().map(|r| self.role(r)).collect();
        for ((v, r), votes) in next.roles {
            *self
                .roles
                .entry((ids[v as usize], role_ids[r as usize]))
                .or_default() += votes;
        }
        self.unread.extend(next.unread);
    }
}

/// Threads that scan a large collection, each a run of its articles.
const SCAN_THREADS: usize = 2;

/// Scan every article: large collections in runs on several threads, then joined.
fn scan_all<S: Articles + ?Sized>(articles: &S) -> Scan {
    let total: usize = (0..articles.count()).map(|i| articles.weight(i)).sum();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(SCAN_THREADS);
    if threads < 2 || total < S::PARALLEL_FROM {
        return scan(articles, 0..articles.count());
    }
    scan_in_runs(articles, total, threads)
}

/// Scan in `threads` runs of about equal weight (`total` in all), each on its own
/// thread, and join the scans in collection order.
fn scan_in_runs<S: Articles + ?Sized>(articles: &S, total: usize, threads: usize) -> Scan {
    let mut runs: Vec<Range<usize>> = Vec::with_capacity(threads);
    let mut start = 0;
    let mut seen = 0;
    for t in 1..threads {
        let mut end = start;
        while end < articles.count() && seen * threads < total * t {
            seen += articles.weight(end);
            end += 1;
        }
        runs.push(start..end);
        start = end;
    }
    runs.push(start..articles.count());
    let Some((first, others)) = runs.split_first() else {
        return scan(articles, 0..articles.count());
    };
    std::thread::scope(|scope| {
        let handles: Vec<_> = others
            .iter()
            .map(|run| {
                let run = run.clone();
                std::thread::Builder::new()
                    .name("entity-index".into())
                    .spawn_scoped(scope, move || scan(articles, run))
            })
            .collect();
        let mut all = scan(articles, first.clone());
        for (handle, run) in handles.into_iter().zip(others) {
            let part = match handle {
                Ok(handle) => handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                // No thread to be had: scan the run here.
                Err(_) => scan(articles, run.clone()),
            };
            all.append(part);
        }
        all
    })
}

/// Scan a run of articles on this thread.
fn scan<S: Articles + ?Sized>(articles: &S, run: Range<usize>) -> Scan {
    let mut scan = Scan {
        lens: Vec::with_capacity(run.len()),
        ..Scan::default()
    };
    for i in run {
        let before = scan.nodes.len();
        if !articles.scan_into(i, &mut scan) {
            scan.unread.push(i);
        }
        scan.lens.push((scan.nodes.len() - before) as u32);
    }
    scan
}

impl EntityIndex {
    /// Build the index from every article's analysis, in collection order.
    pub fn build(analyses: &[&Analysis]) -> EntityIndex {
        EntityIndex::build_from(analyses).0
    }

    /// Build the index from every article's encoded analysis, in collection order,
    /// decoding one article at a time (on the scan's threads) rather than all at once:
    /// the same index as [`EntityIndex::build`] over the decoded analyses.
    ///
    /// Also returns the articles whose encodings do not decode, in order; they are
    /// indexed as having no entities, as [`Analyses::get`] reads them.
    pub fn build_encoded(analyses: &Analyses) -> (EntityIndex, Vec<usize>) {
        EntityIndex::build_from(analyses)
    }

    /// Build the index from any articles, and the articles that could not be read.
    fn build_from<S: Articles + ?Sized>(articles: &S) -> (EntityIndex, Vec<usize>) {
        let Scan {
            firsts,
            nodes: variant_of_node,
            lens,
            role_names,
            roles: role_votes,
            unread,
            ..
        } = scan_all(articles);
        let mut forms = Forms::default();
        let mut variants = Variants {
            list: Vec::with_capacity(firsts.len()),
            aliases: Vec::new(),
        };
        for first in &firsts {
            let name = forms.intern(&first.name);
            let start = variants.aliases.len();
            for alias in &first.aliases {
                variants.aliases.push(forms.intern(alias));
            }
            variants.list.push(Variant {
                kind: first.kind,
                name,
                aliases: (start, variants.aliases.len()),
                count: first.count,
                mentions: first.mentions,
            });
        }
        let groups = join(&variants, &forms);

        // Each group's occurrences, in collection order.
        let mut occurrences: Vec<Vec<Occurrence>> = groups
            .members
            .iter()
            .map(|vs| Vec::with_capacity(vs.iter().map(|&v| variants.list[v].count).sum()))
            .collect();
        let mut nodes = variant_of_node.iter();
        for (article, &len) in lens.iter().enumerate() {
            for (local, &v) in nodes.by_ref().take(len as usize).enumerate() {
                occurrences[groups.of_variant[v as usize]].push(Occurrence { article, local });
            }
        }
        // Each group's roles, most frequent first, then by name.
        let mut roles: Vec<(usize, &str, usize)> = role_votes
            .into_iter()
            .map(|((v, role), votes)| {
                let role = role_names[role as usize].as_str();
                (groups.of_variant[v as usize], role, votes)
            })
            .collect();
        roles.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)));
        roles.dedup_by(|later, first| {
            let same = (later.0, later.1) == (first.0, first.1);
            if same {
                first.2 += later.2;
            }
            same
        });
        roles.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.2.cmp(&a.2)).then(a.1.cmp(b.1)));
        let mut roles = roles.into_iter().peekable();

        let mut merger = Merger {
            votes: vec![0; forms.surfaces.len()],
            voted: Vec::new(),
            kinds: Vec::new(),
            seen: vec![usize::MAX; forms.folded.len()],
        };
        let entities: Vec<GlobalEntity> = occurrences
            .into_iter()
            .enumerate()
            .map(|(g, occurrences)| {
                let mut entity = merger.merge(g, &groups.members[g], &variants, &forms);
                entity.occurrences = occurrences;
                while let Some((_, role, _)) = roles.next_if(|r| r.0 == g) {
                    entity.roles.push(role.to_string());
                }
                entity
            })
            .collect();

        // Most articles first, then most mentions, then name, for a stable order.
        let mut order: Vec<usize> = (0..entities.len()).collect();
        order.sort_by(|&x, &y| {
            let (a, b) = (&entities[x], &entities[y]);
            b.article_count()
                .cmp(&a.article_count())
                .then(b.mentions.cmp(&a.mentions))
                .then_with(|| a.name.cmp(&b.name))
        });
        let mut new_id = vec![0; entities.len()];
        for (new, &old) in order.iter().enumerate() {
            new_id[old] = new;
        }
        let mut nodes = variant_of_node.iter();
        let by_article: Vec<Vec<EntityId>> = lens
            .iter()
            .map(|&len| {
                nodes
                    .by_ref()
                    .take(len as usize)
                    .map(|&v| new_id[groups.of_variant[v as usize]])
                    .collect()
            })
            .collect();
        let mut slots: Vec<Option<GlobalEntity>> = entities.into_iter().map(Some).collect();
        let entities = order.iter().filter_map(|&old| slots[old].take()).collect();
        let index = EntityIndex {
            entities,
            by_article,
        };
        (index, unread)
    }

    /// The global id of an article's local entity.
    pub fn global_id(&self, article: usize, local: usize) -> Option<EntityId> {
        self.by_article.get(article)?.get(local).copied()
    }

    /// Find entities by name or alias (folded comparison); exact matches first, then
    /// names that contain every word of the query.
    pub fn find(&self, query: &str) -> Vec<EntityId> {
        let q = fold_name(query);
        if q.is_empty() {
            return Vec::new();
        }
        let forms = |e: &GlobalEntity| {
            std::iter::once(fold_name(&e.name))
                .chain(e.aliases.iter().map(|a| fold_name(a)))
                .collect::<Vec<_>>()
        };
        let exact: Vec<EntityId> = (0..self.entities.len())
            .filter(|&id| forms(&self.entities[id]).contains(&q))
            .collect();
        if !exact.is_empty() {
            return exact;
        }
        let words: Vec<&str> = q.split(' ').collect();
        (0..self.entities.len())
            .filter(|&id| {
                forms(&self.entities[id]).iter().any(|f| {
                    let fw: Vec<&str> = f.split(' ').collect();
                    words.iter().all(|w| fw.contains(w))
                })
            })
            .collect()
    }

    /// The entities mentioned together with `id` in the same articles, with the number of
    /// articles they share, most shared first (ties by name, then by id).
    pub fn co_mentions(&self, id: EntityId) -> Vec<(EntityId, usize)> {
        let Some(entity) = self.entities.get(id) else {
            return Vec::new();
        };
        let mut counts: FxHashMap<EntityId, usize> = FxHashMap::default();
        for occ in &entity.occurrences {
            let mut seen: Vec<EntityId> = self.by_article[occ.article].clone();
            seen.sort_unstable();
            seen.dedup();
            for other in seen {
                if other != id {
                    *counts.entry(other).or_default() += 1;
                }
            }
        }
        let mut out: Vec<(EntityId, usize)> = counts.into_iter().collect();
        out.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| self.entities[a.0].name.cmp(&self.entities[b.0].name))
                .then(a.0.cmp(&b.0))
        });
        out
    }

    /// Every pair of entities that share an article, with the number of shared articles.
    pub fn edges(&self) -> Vec<(EntityId, EntityId, usize)> {
        let mut counts: FxHashMap<(EntityId, EntityId), usize> = FxHashMap::default();
        for ids in &self.by_article {
            let mut ids = ids.clone();
            ids.sort_unstable();
            ids.dedup();
            for (i, &a) in ids.iter().enumerate() {
                for &b in &ids[i + 1..] {
                    *counts.entry((a, b)).or_default() += 1;
                }
            }
        }
        let mut out: Vec<(EntityId, EntityId, usize)> =
            counts.into_iter().map(|((a, b), n)| (a, b, n)).collect();
        out.sort_unstable_by(|x, y| y.2.cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
        out
    }
}

/// Variants joined into referents.
struct Groups {
    /// Each variant's group; groups are numbered in order of first appearance.
    of_variant: Vec<usize>,
    /// Each group's variants, in order of first appearance.
    members: Vec<Vec<usize>>,
}

/// Join variants into referents: by name, by strong alias, then by unique name part.
fn join(variants: &Variants, forms: &Forms) -> Groups {
    let n = variants.list.len();
    let mut uf = UnionFind::new(n);

    // Same kind and folded canonical name: one referent.
    let mut by_name: FxHashMap<Key, usize> = FxHashMap::default();
    // The first variant of each distinct name, in order.
    let mut distinct: Vec<usize> = Vec::new();
    for (v, variant) in variants.list.iter().enumerate() {
        let key = (variant.kind, variant.name.folded);
        if forms.folded(key.1).is_empty() {
            continue;
        }
        match by_name.get(&key) {
            Some(&first) => uf.union(first, v),
            None => {
                by_name.insert(key, v);
                distinct.push(v);
            }
        }
    }

    // Strong aliases (acronyms, nicknames): join when they point to one referent only.
    // Only an alias that is some entity's name can join anything.
    let mut strong: FxHashMap<Key, Vec<usize>> = FxHashMap::default();
    let mut weak: FxHashMap<Key, Vec<usize>> = FxHashMap::default();
    for (v, variant) in variants.list.iter().enumerate() {
        let name = forms.folded(variant.name.folded);
        for alias in variants.aliases(v) {
            let key = (variant.kind, alias.folded);
            if !by_name.contains_key(&key) {
                continue;
            }
            if is_name_part(forms.folded(alias.folded), name) {
                weak.entry(key).or_default().push(v);
            } else {
                strong.entry(key).or_default().push(v);
            }
        }
    }
    join_unique(&mut uf, &strong, &by_name, &FxHashMap::default(), forms);

    // A name part used alone (`Putin`, `Stoltenberg`) joins the one full name that an
    // article shortened that way, unless another full name in the collection contains
    // the same part (`Lee` for `Lee Jong-Sup` and `Lee Jae-myung`). Every variant with the
    // same name is already one referent, so one variant per distinct name stands for all.
    // Only the parts that some article used alone matter.
    let mut parts: FxHashMap<Key, Vec<usize>> = FxHashMap::default();
    for &v in &distinct {
        let kind = variants.list[v].kind;
        for part in name_parts(forms.folded(variants.list[v].name.folded)) {
            let Some(&f) = forms.folded_ids.get(part) else {
                continue;
            };
            if weak.contains_key(&(kind, f)) {
                parts.entry((kind, f)).or_default().push(v);
            }
        }
    }
    join_unique(&mut uf, &weak, &by_name, &parts, forms);

    // Groups in order of first appearance.
    let mut group_of_root = vec![usize::MAX; n];
    let mut of_variant = Vec::with_capacity(n);
    let mut members: Vec<Vec<usize>> = Vec::new();
    for v in 0..n {
        let root = uf.find(v);
        if group_of_root[root] == usize::MAX {
            group_of_root[root] = members.len();
            members.push(Vec::new());
        }
        let g = group_of_root[root];
        members[g].push(v);
        of_variant.push(g);
    }
    Groups {
        of_variant,
        members,
    }
}

/// For each alias key held by exactly one referent (counting also the referents whose
/// names contain the key, from `contain`), join the variants whose own name is that key.
fn join_unique(
    uf: &mut UnionFind,
    holders_by_key: &FxHashMap<Key, Vec<usize>>,
    by_name: &FxHashMap<Key, usize>,
    contain: &FxHashMap<Key, Vec<usize>>,
    forms: &Forms,
) {
    let mut keys: Vec<&Key> = holders_by_key.keys().collect();
    // Deterministic union order: by kind, then by folded form.
    keys.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| forms.folded(a.1).cmp(forms.folded(b.1)))
    });
    let mut roots: Vec<usize> = Vec::new();
    for key in keys {
        let Some(&named) = by_name.get(key) else {
            continue;
        };
        let holders = &holders_by_key[key];
        roots.clear();
        roots.extend(
            holders
                .iter()
                .chain(contain.get(key).into_iter().flatten())
                .map(|&h| uf.find(h)),
        );
        roots.sort_unstable();
        roots.dedup();
        if roots.len() == 1 {
            uf.union(named, holders[0]);
        }
    }
}

/// Merges groups of variants into global entities, with scratch space kept across groups.
struct Merger {
    /// Votes for each surface form as the name of the group being merged (zero elsewhere).
    votes: Vec<usize>,
    /// The surface forms voted for in the group being merged.
    voted: Vec<u32>,
    /// Votes for each kind in the group being merged.
    kinds: Vec<(EntityKind, usize)>,
    /// For each folded form, the last group in which it was seen.
    seen: Vec<usize>,
}

impl Merger {
    /// The name, kind, aliases and mentions of group `g`, whose variants are `members` (in
    /// order of first appearance); occurrences and roles are left empty.
    fn merge(
        &mut self,
        g: usize,
        members: &[usize],
        variants: &Variants,
        forms: &Forms,
    ) -> GlobalEntity {
        self.voted.clear();
        self.kinds.clear();
        let mut mentions = 0;
        for &v in members {
            let variant = &variants.list[v];
            mentions += variant.mentions;
            let name = variant.name.surface;
            if self.votes[name as usize] == 0 {
                self.voted.push(name);
            }
            self.votes[name as usize] += variant.count;
            match self.kinds.iter_mut().find(|(k, _)| *k == variant.kind) {
                Some((_, votes)) => *votes += variant.count,
                None => self.kinds.push((variant.kind, variant.count)),
            }
        }
        let words = |s: &str| s.split_whitespace().count();
        let best = self
            .voted
            .iter()
            .map(|&s| (forms.surfaces[s as usize], self.votes[s as usize], s))
            .max_by(|a, b| {
                words(a.0)
                    .cmp(&words(b.0))
                    .then(a.1.cmp(&b.1))
                    .then_with(|| b.0.cmp(a.0))
            });
        for &s in &self.voted {
            self.votes[s as usize] = 0;
        }
        let kind = self
            .kinds
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
            .map(|(k, _)| *k)
            .unwrap_or(EntityKind::Person);
        // Every other surface form, the first of each folded form in order of appearance.
        let mut name = String::new();
        if let Some((surface, _, s)) = best {
            name = surface.to_string();
            self.seen[forms.fold_of[s as usize] as usize] = g;
        }
        let mut aliases: Vec<String> = Vec::new();
        for &v in members {
            let own = std::iter::once(&variants.list[v].name);
            for form in own.chain(variants.aliases(v)) {
                if self.seen[form.folded as usize] != g {
                    self.seen[form.folded as usize] = g;
                    aliases.push(forms.surfaces[form.surface as usize].to_string());
                }
            }
        }
        aliases.sort();
        GlobalEntity {
            name,
            kind,
            aliases,
            roles: Vec::new(),
            occurrences: Vec::new(),
            mentions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::cache;
    use crate::ner::{Entity, Lang};

    fn ent(name: &str, kind: EntityKind, aliases: &[&str]) -> Entity {
        Entity {
            name: name.into(),
            kind,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            role: None,
            mentions: 1,
            spans: vec![],
            title_spans: vec![],
        }
    }

    fn analysis(entities: Vec<Entity>) -> Analysis {
        Analysis {
            language: Lang::Id,
            entities,
        }
    }

    fn build(docs: &[Analysis]) -> EntityIndex {
        let refs: Vec<&Analysis> = docs.iter().collect();
        EntityIndex::build(&refs)
    }

    use EntityKind::{Organization as Org, Person as Per, Place};

    #[test]
    fn name_parts_are_the_shorter_runs_of_words() {
        assert_eq!(
            name_parts("lee jong sup"),
            ["lee", "jong", "sup", "lee jong", "jong sup"]
        );
        assert!(name_parts("putin").is_empty());
    }

    #[test]
    fn same_name_folded_is_one_entity() {
        let idx = build(&[
            analysis(vec![ent("Kim Jong-un", Per, &[])]),
            analysis(vec![ent("Kim Jong Un", Per, &[])]),
            analysis(vec![ent("kim jong-un", Per, &[])]),
        ]);
        assert_eq!(idx.entities.len(), 1);
        assert_eq!(idx.entities[0].article_count(), 3);
    }

    #[test]
    fn nickname_alias_joins_across_articles() {
        let idx = build(&[
            analysis(vec![ent("Joko Widodo", Per, &["Jokowi", "Widodo"])]),
            analysis(vec![ent("Jokowi", Per, &[])]),
        ]);
        assert_eq!(idx.entities.len(), 1);
        assert_eq!(idx.entities[0].name, "Joko Widodo");
        assert!(idx.entities[0].aliases.contains(&"Jokowi".to_string()));
    }

    #[test]
    fn acronym_joins_its_expansion() {
        let idx = build(&[
            analysis(vec![ent("Badan Pusat Statistik", Org, &["BPS"])]),
            analysis(vec![ent("BPS", Org, &[])]),
        ]);
        assert_eq!(idx.entities.len(), 1);
        assert_eq!(idx.entities[0].name, "Badan Pusat Statistik");
    }

    #[test]
    fn shared_surname_or_first_name_is_no_evidence() {
        let idx = build(&[
            analysis(vec![ent("Lee Jong-Sup", Per, &["Lee"])]),
            analysis(vec![ent("Lee Jae-myung", Per, &["Lee"])]),
            analysis(vec![ent("Lee", Per, &[])]),
        ]);
        assert_eq!(idx.entities.len(), 3);
    }

    #[test]
    fn unique_surname_joins_but_shared_one_does_not() {
        let idx = build(&[
            analysis(vec![ent("Vladimir Putin", Per, &["Putin"])]),
            analysis(vec![ent("Putin", Per, &[])]),
            analysis(vec![ent("Lee Jong-Sup", Per, &["Lee"])]),
            analysis(vec![ent("Lee Jae-myung", Per, &[])]),
            analysis(vec![ent("Lee", Per, &[])]),
        ]);
        assert_eq!(idx.find("Putin").len(), 1);
        assert_eq!(idx.entities[idx.find("Putin")[0]].article_count(), 2);
        assert_eq!(idx.entities.len(), 4);
    }

    #[test]
    fn the_city_is_not_the_person() {
        let idx = build(&[
            analysis(vec![ent("Lloyd Austin", Per, &["Austin"])]),
            analysis(vec![ent("Austin", Place, &[])]),
        ]);
        assert_eq!(idx.entities.len(), 2);
        let city = idx.find("Austin");
        assert_eq!(city.len(), 2, "both match by name or alias");
    }

    #[test]
    fn ambiguous_strong_alias_does_not_join() {
        // Two different organizations abbreviated alike: the bare acronym stays apart.
        let idx = build(&[
            analysis(vec![ent("Komisi Pemilihan Umum", Org, &["KPU"])]),
            analysis(vec![ent("Komite Pengawas Usaha", Org, &["KPU"])]),
            analysis(vec![ent("KPU", Org, &[])]),
        ]);
        assert_eq!(idx.entities.len(), 3);
    }

    #[test]
    fn co_mentions_count_shared_articles() {
        let idx = build(&[
            analysis(vec![
                ent("NATO", Org, &[]),
                ent("Jens Stoltenberg", Per, &[]),
            ]),
            analysis(vec![
                ent("NATO", Org, &[]),
                ent("Jens Stoltenberg", Per, &[]),
            ]),
            analysis(vec![ent("NATO", Org, &[]), ent("Lloyd Austin", Per, &[])]),
        ]);
        let nato = idx.find("nato")[0];
        let co = idx.co_mentions(nato);
        assert_eq!(idx.entities[co[0].0].name, "Jens Stoltenberg");
        assert_eq!(co[0].1, 2);
        assert_eq!(co[1].1, 1);
        assert_eq!(idx.edges().len(), 2);
        assert_eq!(
            idx.global_id(2, 1),
            idx.find("Lloyd Austin").first().copied()
        );
    }

    #[test]
    fn ascii_fold_is_the_character_fold() {
        for c in (0u8..128).map(char::from) {
            let text = format!("{c}Ab{c}{c}9 x{c}O'{c}-Q");
            let (mut fast, mut slow) = (String::new(), String::new());
            fold_ascii(&text, &mut fast);
            fold_chars(&text, &mut slow);
            assert_eq!(fast, slow, "{text:?}");
        }
    }

    #[test]
    fn name_part_is_a_run_of_whole_words() {
        let name = "lee jong sup";
        for part in ["lee", "jong", "sup", "lee jong", "jong sup", name, ""] {
            assert!(is_name_part(part, name), "{part:?}");
        }
        for other in [
            "le",
            "ong",
            "lee jo",
            "sup lee",
            "lee sup",
            "lee jong sup kim",
        ] {
            assert!(!is_name_part(other, name), "{other:?}");
        }
        assert!(is_name_part("a", "b a a"));
        assert!(!is_name_part("a", ""));
    }

    #[test]
    fn names_that_fold_to_nothing_stay_apart() {
        let idx = build(&[
            analysis(vec![ent("--", Per, &[]), ent("Ana", Per, &[])]),
            analysis(vec![ent("--", Per, &[]), ent("ana", Per, &[])]),
        ]);
        assert_eq!(idx.entities.len(), 3);
        assert_eq!(idx.entities[0].name, "Ana");
        assert_eq!(idx.by_article, vec![vec![1, 0], vec![2, 0]]);
        assert!(folds_to_nothing("-- ' \u{2019}") && !folds_to_nothing("\u{130}"));
    }

    /// Articles naming a few hundred entities, with roles and names that fold to nothing.
    fn many_articles(n: usize) -> Vec<Analysis> {
        (0..n)
            .map(|a| {
                let entities = (0..7)
                    .map(|k| {
                        let id = (a * 7919 + k * 104_729) % 400;
                        let kind = if id % 3 == 0 { Org } else { Per };
                        let mut e = ent(&format!("Nama{id} Keluarga{}", id % 13), kind, &[]);
                        e.aliases = vec![format!("Keluarga{}", id % 13)];
                        e.mentions = 1 + id % 4;
                        if id % 5 == 0 {
                            e.role = Some(format!("peran{}", (a + k) % 3));
                        }
                        if id % 97 == 0 {
                            e.name = "-".into();
                        }
                        e
                    })
                    .collect();
                analysis(entities)
            })
            .collect()
    }

    #[test]
    fn scans_in_runs_join_as_one_scan() {
        let docs = many_articles(900);
        let refs: Vec<&Analysis> = docs.iter().collect();
        let refs = refs.as_slice();
        let total = refs.iter().map(|a| a.entities.len()).sum();
        let whole = scan(refs, 0..refs.len());
        for threads in [2, 3, 5] {
            let runs = scan_in_runs(refs, total, threads);
            assert_eq!(runs.nodes, whole.nodes);
            assert_eq!(runs.lens, whole.lens);
            assert_eq!(runs.role_names, whole.role_names);
            assert_eq!(runs.roles, whole.roles);
            assert_eq!(runs.firsts.len(), whole.firsts.len());
            for (a, b) in runs.firsts.iter().zip(&whole.firsts) {
                assert!(a.is(b.kind, &b.name, &b.aliases));
                assert_eq!(
                    (a.empty, a.count, a.mentions),
                    (b.empty, b.count, b.mentions)
                );
            }
        }
        assert!(whole.firsts.iter().any(|f| f.empty));
        assert!(!whole.roles.is_empty());
    }

    #[test]
    fn the_encoded_analyses_give_the_same_index() {
        let mut docs = many_articles(900);
        docs[5].entities.clear();
        docs[7].entities[0].spans = vec![(3, 9), (40, 52)];
        docs[7].entities[1].title_spans = vec![(0, 4)];
        let refs: Vec<&Analysis> = docs.iter().collect();
        let packed = Analyses::pack(&docs);
        let (index, unread) = EntityIndex::build_encoded(&packed);
        assert_eq!(index, EntityIndex::build(&refs));
        assert!(unread.is_empty());
        // In runs on several threads, as a large collection is scanned, the same again.
        let total = (0..packed.len()).map(|i| packed.weight(i)).sum();
        for threads in [2, 3] {
            let runs = scan_in_runs(&packed, total, threads);
            let whole = scan(refs.as_slice(), 0..refs.len());
            assert_eq!(runs.nodes, whole.nodes);
            assert_eq!(runs.roles, whole.roles);
        }
    }

    #[test]
    fn an_encoding_that_does_not_decode_is_an_article_without_entities() {
        let mut docs = many_articles(40);
        let encoded: Vec<Vec<u8>> = docs
            .iter()
            .enumerate()
            .map(|(i, a)| match i {
                3 => vec![0xff; 7],
                9 => cache::encode(a)[..5].to_vec(),
                _ => cache::encode(a),
            })
            .collect();
        let (index, unread) = EntityIndex::build_encoded(&Analyses::from_encoded(encoded));
        assert_eq!(unread, [3, 9]);
        docs[3].entities.clear();
        docs[9].entities.clear();
        assert_eq!(index, build(&docs));
        assert!(index.by_article[3].is_empty() && index.by_article[9].is_empty());
    }

    #[test]
    fn fold_ignores_case_and_punctuation() {
        assert_eq!(fold_name("  Kim Jong-un "), "kim jong un");
        assert_eq!(fold_name("U.S. Army"), "u s army");
        assert_eq!(fold_name("O'Neil"), "oneil");
    }
}
