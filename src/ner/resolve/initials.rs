//! Initialled names: `R O'Gara` in a team list is the `Ronan O'Gara` the article names in
//! full, when exactly one person of the article has that surname and a first name opening
//! with those initials.

use super::Key;
use super::merge::UnionFind;
use crate::ner::EntityKind;

/// Whether `short` is an initialled form of `long`: one to two letters, then the same
/// surname words, and the first name of `long` opens with the first initial
/// (`r o'gara` of `ronan o'gara`, `k van dyke` of `kees van dyke`).
pub(super) fn initialled(short: &[String], long: &[String]) -> bool {
    let Some((initials, surname)) = short.split_first() else {
        return false;
    };
    let letters = initials.chars().count();
    if !(1..=2).contains(&letters)
        || !initials.chars().all(char::is_alphabetic)
        || surname.is_empty()
        || long.len() <= surname.len()
    {
        return false;
    }
    let (given, rest) = long.split_at(long.len() - surname.len());
    rest == surname
        && given.first().map(|g| g.chars().count() > 1) == Some(true)
        && given[0].chars().next() == initials.chars().next()
}

/// Join each initialled person form to the one person form it abbreviates; a form that
/// could be two different people stays apart.
pub(super) fn merge_initialled(keys: &[Key], uf: &mut UnionFind) {
    let person = |k: usize| !keys[k].dropped && keys[k].kind == Some(EntityKind::Person);
    let people: Vec<usize> = (0..keys.len()).filter(|&k| person(k)).collect();
    for &k in &people {
        let targets: Vec<usize> = people
            .iter()
            .copied()
            .filter(|&f| f != k && initialled(&keys[k].words, &keys[f].words))
            .collect();
        if uf.one_group(&targets) {
            uf.union(k, targets[0]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::initialled;

    fn w(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn an_initial_and_the_surname_abbreviate_the_full_name() {
        assert!(initialled(&w("m hooper"), &w("michael hooper")));
        assert!(initialled(&w("k van dyke"), &w("kees van dyke")));
        assert!(initialled(&w("tj kerr"), &w("thomas kerr")));
    }

    #[test]
    fn another_initial_or_surname_is_someone_else() {
        assert!(!initialled(&w("p hooper"), &w("michael hooper")));
        assert!(!initialled(&w("m hoop"), &w("michael hooper")));
        assert!(!initialled(&w("hooper"), &w("michael hooper")));
        assert!(!initialled(&w("m hooper"), &w("m hooper")));
        assert!(!initialled(&w("mike hooper"), &w("michael hooper")));
    }
}
