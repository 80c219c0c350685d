//! The collection-wide entity index: one identity per referent across all articles.
//!
//! Each article's [`Analysis`] lists its own entities. The index joins them: two entities
//! are one referent when they have the same kind and the same canonical name (compared
//! case- and punctuation-insensitively), or when one's name is a *strong* alias of the
//! other (an acronym or a nickname the article gave in parentheses, not merely a part of
//! the full name). A surname or first name alone is never evidence across articles:
//! `Lee Jong-Sup` and `Lee Jae-myung` stay apart, and `Austin` the city is a place, never
//! `Lloyd Austin`.

use crate::ner::{Analysis, Entity, EntityKind};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Whether `alias` is merely a part of `name` (a surname or first name alone), which is
/// not enough evidence to join entities across articles. Both are folded ([`fold_name`]).
fn is_name_part(alias: &str, name: &str) -> bool {
    if alias.is_empty() || alias == name {
        return true;
    }
    let words: Vec<&str> = name.split(' ').collect();
    let parts: Vec<&str> = alias.split(' ').collect();
    words.windows(parts.len()).any(|w| w == parts.as_slice())
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

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            self.0[hi] = lo;
        }
    }
}

impl EntityIndex {
    /// Build the index from every article's analysis, in collection order.
    pub fn build(analyses: &[&Analysis]) -> EntityIndex {
        // One node per (article, local entity).
        let mut nodes: Vec<(usize, usize, &Entity)> = Vec::new();
        for (a, analysis) in analyses.iter().enumerate() {
            for (l, e) in analysis.entities.iter().enumerate() {
                nodes.push((a, l, e));
            }
        }
        let mut uf = UnionFind((0..nodes.len()).collect());
        // Every name and alias is folded once.
        let folded: Vec<String> = nodes.iter().map(|(_, _, e)| fold_name(&e.name)).collect();
        let folded_aliases: Vec<Vec<String>> = nodes
            .iter()
            .map(|(_, _, e)| e.aliases.iter().map(|a| fold_name(a)).collect())
            .collect();

        // Same kind and folded canonical name: one referent.
        let mut by_name: HashMap<(EntityKind, &str), usize> = HashMap::new();
        // The first node of each distinct name, in order.
        let mut distinct: Vec<usize> = Vec::new();
        for (i, (_, _, e)) in nodes.iter().enumerate() {
            let key = (e.kind, folded[i].as_str());
            if key.1.is_empty() {
                continue;
            }
            match by_name.get(&key) {
                Some(&first) => uf.union(first, i),
                None => {
                    by_name.insert(key, i);
                    distinct.push(i);
                }
            }
        }

        // Strong aliases (acronyms, nicknames): join when they point to one referent only.
        let mut strong: HashMap<(EntityKind, &str), Vec<usize>> = HashMap::new();
        let mut weak: HashMap<(EntityKind, &str), Vec<usize>> = HashMap::new();
        for (i, (_, _, e)) in nodes.iter().enumerate() {
            for alias in &folded_aliases[i] {
                let key = (e.kind, alias.as_str());
                if is_name_part(alias, &folded[i]) {
                    weak.entry(key).or_default().push(i);
                } else {
                    strong.entry(key).or_default().push(i);
                }
            }
        }
        join_unique(&mut uf, &strong, &by_name, &HashMap::new());

        // A name part used alone (`Putin`, `Stoltenberg`) joins the one full name that an
        // article shortened that way, unless another full name in the collection contains
        // the same part (`Lee` for `Lee Jong-Sup` and `Lee Jae-myung`). Every node with the
        // same name is already one referent, so one node per distinct name stands for all.
        let mut parts: HashMap<(EntityKind, &str), Vec<usize>> = HashMap::new();
        for &i in &distinct {
            let kind = nodes[i].2.kind;
            for part in name_parts(&folded[i]) {
                parts.entry((kind, part)).or_default().push(i);
            }
        }
        join_unique(&mut uf, &weak, &by_name, &parts);

        // Gather groups in order of first appearance.
        let mut group_of_root: HashMap<usize, usize> = HashMap::new();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for i in 0..nodes.len() {
            let root = uf.find(i);
            let g = *group_of_root.entry(root).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push(i);
        }

        let mut entities: Vec<GlobalEntity> = groups
            .iter()
            .map(|members| {
                merge_group(
                    members
                        .iter()
                        .map(|&i| (nodes[i], folded[i].as_str(), &folded_aliases[i][..])),
                )
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
        let mut by_article: Vec<Vec<EntityId>> =
            analyses.iter().map(|a| vec![0; a.entities.len()]).collect();
        for (g, members) in groups.iter().enumerate() {
            for &i in members {
                let (a, l, _) = nodes[i];
                by_article[a][l] = new_id[g];
            }
        }
        let mut slots: Vec<Option<GlobalEntity>> = entities.drain(..).map(Some).collect();
        let entities = order.iter().filter_map(|&old| slots[old].take()).collect();
        EntityIndex {
            entities,
            by_article,
        }
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
    /// articles they share, most shared first (ties by name).
    pub fn co_mentions(&self, id: EntityId) -> Vec<(EntityId, usize)> {
        let Some(entity) = self.entities.get(id) else {
            return Vec::new();
        };
        let mut counts: HashMap<EntityId, usize> = HashMap::new();
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
        });
        out
    }

    /// Every pair of entities that share an article, with the number of shared articles.
    pub fn edges(&self) -> Vec<(EntityId, EntityId, usize)> {
        let mut counts: HashMap<(EntityId, EntityId), usize> = HashMap::new();
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

/// For each alias key held by exactly one referent (counting also the referents whose
/// names contain the key, from `contain`), join the entities whose own name is that key.
fn join_unique(
    uf: &mut UnionFind,
    holders_by_key: &HashMap<(EntityKind, &str), Vec<usize>>,
    by_name: &HashMap<(EntityKind, &str), usize>,
    contain: &HashMap<(EntityKind, &str), Vec<usize>>,
) {
    let mut keys: Vec<&(EntityKind, &str)> = holders_by_key.keys().collect();
    keys.sort(); // deterministic union order
    for key in keys {
        let Some(&named) = by_name.get(key) else {
            continue;
        };
        let holders = &holders_by_key[key];
        let mut roots: Vec<usize> = holders
            .iter()
            .chain(contain.get(key).into_iter().flatten())
            .map(|&h| uf.find(h))
            .collect();
        roots.sort_unstable();
        roots.dedup();
        if roots.len() == 1 {
            uf.union(named, holders[0]);
        }
    }
}

/// One member of a group: its node, its folded name and its folded aliases.
type Member<'a> = ((usize, usize, &'a Entity), &'a str, &'a [String]);

/// Merge the members of one group into a global entity.
fn merge_group<'a>(members: impl Iterator<Item = Member<'a>>) -> GlobalEntity {
    let mut name_votes: HashMap<&str, usize> = HashMap::new();
    let mut kind_votes: HashMap<EntityKind, usize> = HashMap::new();
    let mut role_votes: HashMap<&str, usize> = HashMap::new();
    // Each surface form with its folded form.
    let mut forms: Vec<(&str, &str)> = Vec::new();
    let mut occurrences = Vec::new();
    let mut mentions = 0;
    for ((article, local, e), folded, folded_aliases) in members {
        *name_votes.entry(e.name.as_str()).or_default() += 1;
        *kind_votes.entry(e.kind).or_default() += 1;
        if let Some(role) = e.role.as_deref() {
            *role_votes.entry(role).or_default() += 1;
        }
        forms.push((&e.name, folded));
        forms.extend(
            e.aliases
                .iter()
                .map(String::as_str)
                .zip(folded_aliases.iter().map(String::as_str)),
        );
        occurrences.push(Occurrence { article, local });
        mentions += e.mentions;
    }
    let words = |s: &str| s.split_whitespace().count();
    let name = name_votes
        .iter()
        .max_by(|a, b| {
            words(a.0)
                .cmp(&words(b.0))
                .then(a.1.cmp(b.1))
                .then_with(|| b.0.cmp(a.0))
        })
        .map(|(n, _)| n.to_string())
        .unwrap_or_default();
    let kind = kind_votes
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(k, _)| *k)
        .unwrap_or(EntityKind::Person);
    let folded = fold_name(&name);
    let mut aliases: Vec<String> = Vec::new();
    let mut seen: Vec<&str> = vec![&folded];
    for (form, f) in forms {
        if !seen.contains(&f) {
            seen.push(f);
            aliases.push(form.to_string());
        }
    }
    aliases.sort();
    let mut roles: Vec<(&str, usize)> = role_votes.into_iter().collect();
    roles.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    GlobalEntity {
        name,
        kind,
        aliases,
        roles: roles.into_iter().map(|(r, _)| r.to_string()).collect(),
        occurrences,
        mentions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::Lang;

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
    fn fold_ignores_case_and_punctuation() {
        assert_eq!(fold_name("  Kim Jong-un "), "kim jong un");
        assert_eq!(fold_name("U.S. Army"), "u s army");
        assert_eq!(fold_name("O'Neil"), "oneil");
    }
}
