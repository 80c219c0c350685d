//! The sidebar's state: the open article's people, organizations and places as rows, the
//! cursor and scroll, whether places are unfolded, and the quotes of the entity under the
//! cursor.

use super::steps;
use crate::ner::{Analysis, Entity, EntityKind};

/// One row of the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidebarRow {
    /// A group heading with the number of entities in it; places can be folded.
    Group {
        /// The kind of entity in the group.
        kind: EntityKind,
        /// How many entities the group has.
        count: usize,
        /// Whether its entities are listed (always for people and organizations).
        open: bool,
    },
    /// An entity: an index into the open article's [`Analysis::entities`].
    Entity(usize),
    /// A line of explanation (nothing found).
    Note(&'static str),
    /// The role of the entity above it, on a line of its own (not selectable).
    Role(usize),
}

impl SidebarRow {
    /// Whether the cursor can rest on the row: an entity, or the places heading (which
    /// folds and unfolds them).
    pub fn selectable(self) -> bool {
        matches!(
            self,
            SidebarRow::Entity(_)
                | SidebarRow::Group {
                    kind: EntityKind::Place,
                    ..
                }
        )
    }
}

/// The sidebar pane.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sidebar {
    rows: Vec<SidebarRow>,
    /// The cursor: an index into `rows`.
    selected: usize,
    /// The first row on screen.
    offset: usize,
    /// Whether places are listed under their heading.
    places_open: bool,
    /// The quotes of the entity under the cursor, for (article, entity).
    quotes: (Option<(usize, usize)>, Vec<String>),
}

impl Sidebar {
    /// The rows.
    pub fn rows(&self) -> &[SidebarRow] {
        &self.rows
    }

    /// The cursor (an index into [`Sidebar::rows`]).
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The first row on screen.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Whether places are unfolded.
    pub fn places_open(&self) -> bool {
        self.places_open
    }

    /// The row under the cursor.
    pub fn selected_row(&self) -> Option<SidebarRow> {
        self.rows.get(self.selected).copied()
    }

    /// The entity under the cursor: an index into the open article's entities.
    pub fn selected_entity(&self) -> Option<usize> {
        match self.selected_row()? {
            SidebarRow::Entity(i) => Some(i),
            _ => None,
        }
    }

    /// The quotes the open article attributes to the entity under the cursor.
    pub fn quotes(&self) -> &[String] {
        &self.quotes.1
    }

    /// Rows for a newly opened article, the cursor on the first entity.
    pub(super) fn reset(&mut self, analysis: Option<&Analysis>) {
        self.selected = 0;
        self.offset = 0;
        self.rebuild(analysis);
    }

    /// Rows for the open article's analysis (arrived, or places folded or unfolded),
    /// keeping the cursor on the same row when it is still there.
    pub(super) fn rebuild(&mut self, analysis: Option<&Analysis>) {
        let keep = self.selected_row().filter(|r| r.selectable());
        self.rows = analysis.map_or_else(Vec::new, |a| sidebar_rows(a, self.places_open));
        self.selected = keep
            .and_then(|row| self.rows.iter().position(|r| *r == row))
            .or_else(|| self.rows.iter().position(|r| r.selectable()))
            .unwrap_or(0);
    }

    /// Fold or unfold the places.
    pub(super) fn toggle_places(&mut self, analysis: Option<&Analysis>) {
        self.places_open = !self.places_open;
        self.rebuild(analysis);
    }

    /// Unfold the places (to show one of them).
    pub(super) fn open_places(&mut self) {
        self.places_open = true;
    }

    /// Put the cursor on an entity of the open article, when it has a row.
    pub(super) fn select_entity(&mut self, entity: usize) {
        if let Some(row) = self
            .rows
            .iter()
            .position(|r| *r == SidebarRow::Entity(entity))
        {
            self.selected = row;
        }
    }

    /// Move the cursor by `delta` selectable rows; whether it moved.
    pub(super) fn move_by(&mut self, delta: isize) -> bool {
        let selectable: Vec<usize> = (0..self.rows.len())
            .filter(|&i| self.rows[i].selectable())
            .collect();
        if selectable.is_empty() {
            return false;
        }
        let at = selectable
            .iter()
            .position(|&i| i >= self.selected)
            .unwrap_or(0);
        let next = steps::offset(at, delta, selectable.len() - 1);
        if selectable[next] == self.selected {
            return false;
        }
        self.selected = selectable[next];
        true
    }

    /// A click on a row: the cursor goes to it (a role line stands for its entity);
    /// whether it moved there.
    pub(super) fn click(&mut self, row: usize) -> bool {
        let target = match self.rows.get(row) {
            Some(r) if r.selectable() => row,
            Some(SidebarRow::Role(_)) if row > 0 => row - 1,
            _ => return false,
        };
        self.selected = target;
        true
    }

    /// Keep the cursor, and the role line under it, on a screen of `page` rows.
    pub(super) fn clamp(&mut self, page: usize) {
        let last = match self.rows.get(self.selected + 1) {
            Some(SidebarRow::Role(_)) => self.selected + 1,
            _ => self.selected,
        };
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if last >= self.offset + page {
            self.offset = (last + 1 - page).min(self.selected);
        }
        self.offset = self.offset.min(self.rows.len().saturating_sub(page));
    }

    /// Put the rows, cursor and scroll back where a snapshot had them.
    pub(super) fn restore_place(
        &mut self,
        analysis: Option<&Analysis>,
        places_open: bool,
        selected: usize,
        offset: usize,
    ) {
        self.places_open = places_open;
        self.rows = analysis.map_or_else(Vec::new, |a| sidebar_rows(a, places_open));
        self.selected = selected;
        self.offset = offset;
    }

    /// Find the quotes of the entity under the cursor when the article or the entity
    /// changed: `article` is the open one (its index and body text), `entity` the one
    /// under the cursor.
    pub(super) fn sync_quotes(
        &mut self,
        article: Option<(usize, &crate::article::Article)>,
        entity: Option<&Entity>,
    ) {
        let key = article.map(|(index, _)| index).zip(self.selected_entity());
        if key == self.quotes.0 {
            return;
        }
        let quotes = match (article, entity) {
            (Some((_, article)), Some(entity)) => {
                crate::ner::quotes::quotes_of(&article.body_text(), &entity.spans)
                    .into_iter()
                    .map(|q| q.text)
                    .collect()
            }
            _ => Vec::new(),
        };
        self.quotes = (key, quotes);
    }
}

/// Where an entity first appears: the title counts as before the body.
fn first_seen(e: &Entity) -> usize {
    if !e.title_spans.is_empty() {
        0
    } else {
        e.spans
            .first()
            .map_or(usize::MAX, |s| s.0.saturating_add(1))
    }
}

/// The sidebar for an analysis: people, then organizations, then places (folded unless
/// `places_open`), each sorted by mention count then first appearance. A role, when the
/// article gives one, gets its own line under the name.
pub fn sidebar_rows(analysis: &Analysis, places_open: bool) -> Vec<SidebarRow> {
    let mut rows = Vec::new();
    let group = |kind: EntityKind| {
        let mut members: Vec<usize> = analysis
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == kind)
            .map(|(i, _)| i)
            .collect();
        members.sort_by_key(|&i| {
            let e = &analysis.entities[i];
            (std::cmp::Reverse(e.mentions), first_seen(e), i)
        });
        members
    };
    let people = group(EntityKind::Person);
    let orgs = group(EntityKind::Organization);
    let places = group(EntityKind::Place);
    for (kind, members) in [
        (EntityKind::Person, &people),
        (EntityKind::Organization, &orgs),
    ] {
        if members.is_empty() {
            continue;
        }
        rows.push(SidebarRow::Group {
            kind,
            count: members.len(),
            open: true,
        });
        for &i in members {
            rows.push(SidebarRow::Entity(i));
            if analysis.entities[i]
                .role
                .as_deref()
                .is_some_and(|r| !r.trim().is_empty())
            {
                rows.push(SidebarRow::Role(i));
            }
        }
    }
    if people.is_empty() && orgs.is_empty() {
        rows.push(SidebarRow::Note("No names found."));
    }
    if !places.is_empty() {
        rows.push(SidebarRow::Group {
            kind: EntityKind::Place,
            count: places.len(),
            open: places_open,
        });
        if places_open {
            rows.extend(places.iter().map(|&i| SidebarRow::Entity(i)));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::Lang;

    fn entity(name: &str, kind: EntityKind, mentions: usize, role: Option<&str>) -> Entity {
        Entity {
            name: name.into(),
            kind,
            aliases: Vec::new(),
            role: role.map(str::to_string),
            mentions,
            spans: (0..mentions).map(|i| (i * 10, i * 10 + 3)).collect(),
            title_spans: Vec::new(),
        }
    }

    fn analysis() -> Analysis {
        Analysis {
            language: Lang::Id,
            entities: vec![
                entity("Ayu", EntityKind::Person, 2, Some("menteri")),
                entity("Budi", EntityKind::Person, 5, None),
                entity("Dinas Air", EntityKind::Organization, 1, None),
                entity("Kota Lama", EntityKind::Place, 3, None),
                entity("Tepi Barat", EntityKind::Place, 1, None),
            ],
        }
    }

    #[test]
    fn rows_group_by_kind_and_the_cursor_skips_headings_and_roles() {
        let analysis = analysis();
        let mut sidebar = Sidebar::default();
        sidebar.reset(Some(&analysis));
        use SidebarRow::*;
        let person = Group {
            kind: EntityKind::Person,
            count: 2,
            open: true,
        };
        assert_eq!(sidebar.rows()[..4], [person, Entity(1), Entity(0), Role(0)]);
        assert_eq!(sidebar.selected_entity(), Some(1));
        assert!(sidebar.move_by(1));
        assert_eq!(sidebar.selected_entity(), Some(0));
        // Past the role line to the organization, then the places heading; no further.
        assert!(sidebar.move_by(1));
        assert_eq!(sidebar.selected_entity(), Some(2));
        assert!(sidebar.move_by(5));
        assert!(matches!(
            sidebar.selected_row(),
            Some(Group { open: false, .. })
        ));
        assert!(!sidebar.move_by(1));
        // Unfolding lists the places under their heading, most mentioned first (the
        // heading is another row now, so the cursor goes back to the first entity).
        sidebar.toggle_places(Some(&analysis));
        assert_eq!(
            sidebar.rows()[6..],
            [
                Group {
                    kind: EntityKind::Place,
                    count: 2,
                    open: true
                },
                Entity(3),
                Entity(4)
            ]
        );
        assert_eq!(sidebar.selected_entity(), Some(1));
        assert!(sidebar.move_by(4));
        assert_eq!(sidebar.selected_entity(), Some(3));
        // A click on a role line selects its entity.
        let role = sidebar.rows().iter().position(|r| *r == Role(0));
        assert!(sidebar.click(role.expect("role row")));
        assert_eq!(sidebar.selected_entity(), Some(0));
        assert!(!sidebar.click(0), "headings of people are not selectable");
    }

    #[test]
    fn the_cursor_and_its_role_stay_on_screen() {
        let analysis = analysis();
        let mut sidebar = Sidebar::default();
        sidebar.reset(Some(&analysis));
        sidebar.select_entity(0);
        // Rows 0-3: heading, Budi, Ayu, Ayu's role. Two rows on screen show Ayu and her role.
        sidebar.clamp(2);
        assert_eq!(sidebar.offset(), 2);
        sidebar.select_entity(1);
        sidebar.clamp(2);
        assert_eq!(sidebar.offset(), 1);
        // Nothing analysed: no rows, nothing selected.
        sidebar.reset(None);
        assert!(sidebar.rows().is_empty());
        assert_eq!(sidebar.selected_entity(), None);
        assert!(!sidebar.move_by(1));
    }

    #[test]
    fn an_article_without_people_or_organizations_says_so() {
        let mut analysis = analysis();
        analysis.entities.retain(|e| e.kind == EntityKind::Place);
        let rows = sidebar_rows(&analysis, false);
        assert_eq!(rows[0], SidebarRow::Note("No names found."));
        assert_eq!(rows.len(), 2);
    }
}
