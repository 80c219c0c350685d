//! Resolution rules on invented articles, with mention lists such as a decent but imperfect
//! tagger would produce.

use super::*;
use SpanType::{Loc, Misc, Org, Per};

/// Tag every whole-word occurrence of each form (longest forms first, no overlaps).
fn tag(text: &str, forms: &[(&str, SpanType)]) -> Vec<Mention> {
    let mut forms = forms.to_vec();
    forms.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
    let mut out: Vec<Mention> = Vec::new();
    for (form, kind) in forms {
        for (start, _) in text.match_indices(form) {
            let end = start + form.len();
            let free = !out.iter().any(|m| m.start < end && start < m.end);
            if free && at_word_boundary(text, start, end) {
                out.push(Mention { start, end, kind });
            }
        }
    }
    out.sort_by_key(|m| m.start);
    out
}

/// Tag only the `n`-th occurrence (from 0) of a form.
fn tag_nth(text: &str, form: &str, n: usize, kind: SpanType) -> Mention {
    let start = text.match_indices(form).nth(n).map_or(0, |(i, _)| i);
    Mention {
        start,
        end: start + form.len(),
        kind,
    }
}

struct Article<'a> {
    title: &'a str,
    body: &'a str,
    title_mentions: Vec<Mention>,
    body_mentions: Vec<Mention>,
    language: Lang,
    publisher: Option<&'a str>,
    authors: Vec<String>,
}

impl<'a> Article<'a> {
    fn new(language: Lang, title: &'a str, body: &'a str, forms: &[(&str, SpanType)]) -> Self {
        Article {
            title,
            body,
            title_mentions: tag(title, forms),
            body_mentions: tag(body, forms),
            language,
            publisher: None,
            authors: Vec::new(),
        }
    }

    fn resolve(&self) -> Vec<Entity> {
        resolve(&Input {
            title: self.title,
            body: self.body,
            title_mentions: &self.title_mentions,
            body_mentions: &self.body_mentions,
            language: self.language,
            publisher: self.publisher,
            authors: &self.authors,
            headings: &[],
        })
    }
}

fn find<'e>(entities: &'e [Entity], name: &str) -> &'e Entity {
    match entities.iter().find(|e| e.name == name) {
        Some(e) => e,
        None => panic!("no entity {name:?} in {:#?}", names(entities)),
    }
}

fn names(entities: &[Entity]) -> Vec<(String, EntityKind)> {
    entities.iter().map(|e| (e.name.clone(), e.kind)).collect()
}

fn has(entities: &[Entity], name: &str) -> bool {
    entities
        .iter()
        .any(|e| e.name == name || e.aliases.iter().any(|a| a == name))
}

#[test]
fn surname_joins_the_full_name_in_english() {
    let body = "Defense Secretary Lloyd Austin arrived in Manila on Tuesday. \
                Officials said Austin would meet the navy chief before he left.";
    let a = Article::new(
        Lang::En,
        "Pentagon chief visits",
        body,
        &[("Lloyd Austin", Per), ("Austin", Per), ("Manila", Loc)],
    );
    let entities = a.resolve();
    let austin = find(&entities, "Lloyd Austin");
    assert_eq!(austin.kind, EntityKind::Person);
    assert_eq!(austin.aliases, ["Austin"]);
    assert_eq!(austin.mentions, 2);
    assert_eq!(austin.role.as_deref(), Some("Defense Secretary"));
    for &(s, e) in &austin.spans {
        assert!(body[s..e].ends_with("Austin"));
    }
    assert_eq!(
        entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .count(),
        1
    );
}

#[test]
fn a_surname_shared_by_two_full_names_stays_apart() {
    let body = "Kim Jong-un menerima Kim Yo-jong di Pyongyang. Kim kemudian berpidato.";
    let a = Article::new(
        Lang::Id,
        "Pertemuan",
        body,
        &[
            ("Kim Jong-un", Per),
            ("Kim Yo-jong", Per),
            ("Kim", Per),
            ("Pyongyang", Loc),
        ],
    );
    let entities = a.resolve();
    assert!(find(&entities, "Kim Jong-un").aliases.is_empty());
    assert!(find(&entities, "Kim Yo-jong").aliases.is_empty());
}

#[test]
fn first_name_alone_joins_and_the_fullest_form_is_the_name() {
    let body = "Rina bertemu pejabat desa. Rina Sari Dewi lalu menandatangani berkas. \
                Sore itu Rina Sari pulang.";
    let a = Article::new(
        Lang::Id,
        "Kunjungan",
        body,
        &[("Rina Sari Dewi", Per), ("Rina Sari", Per), ("Rina", Per)],
    );
    let entities = a.resolve();
    let rina = find(&entities, "Rina Sari Dewi");
    assert_eq!(rina.aliases, ["Rina", "Rina Sari"]);
    assert_eq!(rina.mentions, 3);
    assert_eq!(entities.len(), 1);
}

#[test]
fn parenthesized_nickname_becomes_an_alias() {
    let body = "Mantan presiden Joko Widodo (Jokowi) hadir di Solo. \
                Warga menyambut Jokowi dengan antusias.";
    // The tagger found the full name only once and the nickname only later.
    let a = Article {
        body_mentions: vec![
            tag_nth(body, "Joko Widodo", 0, Per),
            tag_nth(body, "Solo", 0, Loc),
            tag_nth(body, "Jokowi", 1, Per),
        ],
        ..Article::new(Lang::Id, "Jokowi di Solo", body, &[])
    };
    let entities = a.resolve();
    let jokowi = find(&entities, "Joko Widodo");
    assert_eq!(jokowi.aliases, ["Jokowi"]);
    assert_eq!(
        jokowi.mentions, 4,
        "the parenthesis and the untagged title mention count"
    );
    assert_eq!(jokowi.title_spans.len(), 1);
    assert_eq!(find(&entities, "Solo").kind, EntityKind::Place);
}

#[test]
fn party_in_parentheses_is_not_a_nickname() {
    let body = "Anggota DPR Budi Santoso (PDIP) bertanya kepada menteri.";
    let a = Article::new(
        Lang::Id,
        "Rapat",
        body,
        &[("Budi Santoso", Per), ("PDIP", Org), ("DPR", Org)],
    );
    let entities = a.resolve();
    assert!(find(&entities, "Budi Santoso").aliases.is_empty());
    assert_eq!(find(&entities, "PDIP").kind, EntityKind::Organization);
}

#[test]
fn acronym_in_parentheses_and_later_use_are_one_organization() {
    let body = "Data Badan Pusat Statistik (BPS) menunjukkan inflasi turun. \
                Menurut BPS, harga beras stabil.";
    let a = Article::new(
        Lang::Id,
        "Inflasi turun",
        body,
        &[
            ("Badan Pusat Statistik", Org),
            ("BPS", Loc), // the tagger got the type wrong once...
        ],
    );
    let mut a = a;
    a.body_mentions
        .retain(|m| &body[m.start..m.end] != "BPS" || m.start > 40);
    let entities = a.resolve();
    let bps = find(&entities, "Badan Pusat Statistik");
    assert_eq!(bps.kind, EntityKind::Organization);
    assert_eq!(bps.aliases, ["BPS"]);
    assert_eq!(bps.mentions, 3);
    assert_eq!(entities.len(), 1);
}

#[test]
fn acronyms_introduced_in_words_are_aliases() {
    let body = "The Financial Services Authority, known as OJK, regulates banks. \
                Lawmakers in the House of Representatives, or DPR, agreed. \
                OJK and DPR will meet again. Apples, or pears, are sold.";
    let a = Article::new(
        Lang::En,
        "Rules",
        body,
        &[
            ("Financial Services Authority", Org),
            ("House of Representatives", Org),
            ("OJK", Org),
            ("DPR", Org),
        ],
    );
    let entities = a.resolve();
    assert_eq!(
        find(&entities, "Financial Services Authority").aliases,
        ["OJK"]
    );
    assert_eq!(find(&entities, "House of Representatives").aliases, ["DPR"]);
    assert_eq!(entities.len(), 2, "{:?}", names(&entities));
}

#[test]
fn mixed_case_acronym_does_not_spell_a_name_holding_a_place() {
    let body = "Polda Riau dan Polri menyelidiki kasus itu.";
    let a = Article::new(
        Lang::Id,
        "Kasus",
        body,
        &[("Polda Riau", Org), ("Polri", Org)],
    );
    let entities = a.resolve();
    assert!(find(&entities, "Polda Riau").aliases.is_empty());
    assert_eq!(find(&entities, "Polri").kind, EntityKind::Organization);
}

#[test]
fn first_and_last_name_join_the_name_with_a_middle_name() {
    let body = "Menhan Satria Lubis membuka rapat. Satria Mahendra Lubis lalu berpidato. \
                Satria menutup acara.";
    let a = Article::new(
        Lang::Id,
        "Rapat",
        body,
        &[
            ("Satria Mahendra Lubis", Per),
            ("Satria Lubis", Per),
            ("Satria", Per),
        ],
    );
    let entities = a.resolve();
    let satria = find(&entities, "Satria Mahendra Lubis");
    assert_eq!(satria.mentions, 3);
    assert_eq!(satria.role.as_deref(), Some("Menhan"));
    assert_eq!(entities.len(), 1);
}

#[test]
fn acronym_spelling_a_long_name_joins_it_without_parentheses() {
    let body = "Komisi Pemberantasan Korupsi memanggil dua saksi. \
                Juru bicara menyebut KPK akan mengumumkan hasilnya. \
                Kementerian Keuangan juga diminta data; Kemenkeu belum menjawab.";
    let a = Article::new(
        Lang::Id,
        "Saksi dipanggil",
        body,
        &[
            ("Komisi Pemberantasan Korupsi", Org),
            ("KPK", Org),
            ("Kementerian Keuangan", Org),
            ("Kemenkeu", Org),
        ],
    );
    let entities = a.resolve();
    assert_eq!(
        find(&entities, "Komisi Pemberantasan Korupsi").aliases,
        ["KPK"]
    );
    assert_eq!(
        find(&entities, "Kementerian Keuangan").aliases,
        ["Kemenkeu"]
    );
    assert_eq!(entities.len(), 2);
}

#[test]
fn one_type_per_string_by_vote() {
    let body = "Hartono datang pagi. Rapat dipimpin Hartono. Lalu Hartono pergi.";
    let a = Article {
        body_mentions: vec![
            tag_nth(body, "Hartono", 0, Org),
            tag_nth(body, "Hartono", 1, Per),
            tag_nth(body, "Hartono", 2, Per),
        ],
        ..Article::new(Lang::Id, "Rapat", body, &[])
    };
    let entities = a.resolve();
    assert_eq!(entities.len(), 1);
    assert_eq!(entities[0].kind, EntityKind::Person);
    assert_eq!(entities[0].mentions, 3);
}

#[test]
fn titles_become_roles_and_leave_the_name() {
    let body = "Sekjen PBB Antonio Guterres bertemu Presiden Prancis Emmanuel Macron. \
                Menteri Luar Negeri Jepang Yoko Kamikawa ikut hadir, \
                begitu pula Presiden Lula da Silva.";
    // This tagger puts the title inside the person's span.
    let a = Article::new(
        Lang::Id,
        "Pertemuan",
        body,
        &[
            ("Sekjen PBB Antonio Guterres", Per),
            ("Presiden Prancis Emmanuel Macron", Per),
            ("Yoko Kamikawa", Per),
            ("Lula da Silva", Per),
        ],
    );
    let entities = a.resolve();
    let role = |name: &str| find(&entities, name).role.clone();
    assert_eq!(role("Antonio Guterres").as_deref(), Some("Sekjen PBB"));
    assert_eq!(role("Emmanuel Macron").as_deref(), Some("Presiden Prancis"));
    assert_eq!(
        role("Yoko Kamikawa").as_deref(),
        Some("Menteri Luar Negeri Jepang")
    );
    assert_eq!(role("Lula da Silva").as_deref(), Some("Presiden"));
    assert!(!has(&entities, "Presiden"));
}

#[test]
fn english_apposition_gives_the_role() {
    let body = "Lloyd Austin, the U.S. defense secretary, met Japanese officials. \
                Austin said talks went well.";
    let a = Article::new(
        Lang::En,
        "Talks",
        body,
        &[("Lloyd Austin", Per), ("Austin", Per)],
    );
    let entities = a.resolve();
    let austin = find(&entities, "Lloyd Austin");
    assert_eq!(austin.role.as_deref(), Some("U.S. defense secretary"));
    assert_eq!(entities.len(), 1, "{:?}", names(&entities));
}

#[test]
fn first_role_wins_unless_a_later_one_extends_it() {
    let body = "Presiden Vladimir Putin berbicara. Presiden Rusia Vladimir Putin menambahkan. \
                Kepala Negara Vladimir Putin pergi.";
    let a = Article::new(Lang::Id, "Pidato", body, &[("Vladimir Putin", Per)]);
    let entities = a.resolve();
    assert_eq!(
        find(&entities, "Vladimir Putin").role.as_deref(),
        Some("Presiden Rusia")
    );
}

#[test]
fn honorifics_are_stripped_and_roles_alone_are_dropped() {
    let body = "Pak Slamet Riyadi menerima Dr. Ani Lestari, S.H. di rumahnya. \
                Kapolri datang kemudian, Menkeu tidak hadir.";
    let a = Article::new(
        Lang::Id,
        "Tamu",
        body,
        &[
            ("Pak Slamet Riyadi", Per),
            ("Dr. Ani Lestari, S.H.", Per),
            ("Kapolri", Per),
            ("Menkeu", Per),
        ],
    );
    let entities = a.resolve();
    assert!(has(&entities, "Slamet Riyadi"));
    assert!(has(&entities, "Ani Lestari"));
    assert!(!has(&entities, "Kapolri"));
    assert!(!has(&entities, "Menkeu"));
    assert_eq!(entities.len(), 2, "{:?}", names(&entities));
}

#[test]
fn places_are_never_organizations() {
    let body = "Pemprov Riau menggelar rapat dengan Pemerintah Provinsi Riau lainnya. \
                Banjir melanda Riau dan Sumatera Barat. Bantuan dari AS tiba kemarin.";
    let a = Article::new(
        Lang::Id,
        "Banjir Riau",
        body,
        &[("Riau", Org), ("Sumatera Barat", Org), ("AS", Org)],
    );
    let entities = a.resolve();
    let pemprov = find(&entities, "Pemprov Riau");
    assert_eq!(pemprov.kind, EntityKind::Organization);
    assert_eq!(find(&entities, "Riau").kind, EntityKind::Place);
    assert_eq!(find(&entities, "Sumatera Barat").kind, EntityKind::Place);
    assert_eq!(find(&entities, "AS").kind, EntityKind::Place);
    let riau = find(&entities, "Riau");
    assert!(riau.mentions >= 2, "the title and the body");
    let orgs: Vec<_> = entities
        .iter()
        .filter(|e| e.kind == EntityKind::Organization)
        .map(|e| e.name.as_str())
        .collect();
    assert!(
        orgs.iter()
            .all(|o| o.starts_with("Pemprov") || o.starts_with("Pemerintah"))
    );
}

#[test]
fn names_with_organization_words_are_organizations() {
    let body = "Diskusi di Lembang Institute for Policy Studies dihadiri Rina Sari.";
    let a = Article::new(
        Lang::Id,
        "Diskusi",
        body,
        &[
            ("Lembang Institute for Policy Studies", Loc),
            ("Rina Sari", Per),
        ],
    );
    let entities = a.resolve();
    let kind = find(&entities, "Lembang Institute for Policy Studies").kind;
    assert_eq!(kind, EntityKind::Organization);
}

#[test]
fn english_us_is_a_place() {
    let body = "The U.S. and Japan signed a pact. Officials in the U.S. welcomed it.";
    let a = Article::new(
        Lang::En,
        "Pact signed",
        body,
        &[("U.S.", Org), ("Japan", Loc)],
    );
    let entities = a.resolve();
    assert_eq!(find(&entities, "U.S.").kind, EntityKind::Place);
    assert!(entities.iter().all(|e| e.kind == EntityKind::Place));
}

#[test]
fn publisher_and_credit_leftovers_are_metadata() {
    let body = "Kabar7.com, Medan - Wali kota membuka pasar. (Dok. AFP)\n\n\
                Foto pasar. (Kabar7.com/Rudi Hartono)\n\n\
                Seperti dikutip dari AFP, pasar itu terbesar di kota. Kepada Kabar7.com, \
                pedagang mengaku senang.";
    let mut a = Article::new(
        Lang::Id,
        "Pasar baru",
        body,
        &[
            ("Kabar7.com", Org),
            ("AFP", Org),
            ("Rudi Hartono", Per),
            ("Medan", Loc),
        ],
    );
    a.publisher = Some("Kabar7.com");
    let entities = a.resolve();
    assert!(!has(&entities, "Kabar7.com"));
    assert!(!has(&entities, "Rudi Hartono"));
    let afp = find(&entities, "AFP");
    assert_eq!(afp.mentions, 1, "only the source citation counts");
}

#[test]
fn authors_are_not_entities() {
    let body = "Laporan Sinta Maharani dari lapangan menyebut Rina Sari hadir.";
    let mut a = Article::new(
        Lang::Id,
        "Laporan",
        body,
        &[("Sinta Maharani", Per), ("Rina Sari", Per)],
    );
    a.authors = vec!["Sinta Maharani".to_string()];
    let entities = a.resolve();
    assert!(!has(&entities, "Sinta Maharani"));
    assert!(has(&entities, "Rina Sari"));
}

#[test]
fn capitalised_non_names_are_dropped_and_real_short_orgs_kept() {
    let body = "Berbicara di Bogor, pejabat itu menjawab. Pada Senin pagi rapat dimulai.\n\n\
                Infografis Banjir Bogor\n\n\
                NATO, katanya, akan membantu. Pada akhirnya TNI dan Polri ikut.\n\n\
                Rekomendasi\n\nPOPULER\n\nLalu ia berbicara lagi.";
    let a = Article::new(
        Lang::Id,
        "Rapat di Bogor",
        body,
        &[
            ("Berbicara", Per),
            ("Pada", Org),
            ("Senin", Misc),
            ("Infografis", Org),
            ("Bogor", Loc),
            ("NATO", Org),
            ("TNI", Org),
            ("Polri", Org),
            ("Rekomendasi", Org),
            ("POPULER", Org),
        ],
    );
    let entities = a.resolve();
    for junk in [
        "Berbicara",
        "Pada",
        "Senin",
        "Infografis",
        "Rekomendasi",
        "POPULER",
    ] {
        assert!(!has(&entities, junk), "{junk} in {:?}", names(&entities));
    }
    for org in ["NATO", "TNI", "Polri"] {
        assert_eq!(find(&entities, org).kind, EntityKind::Organization);
    }
}

#[test]
fn sentence_initial_common_word_is_dropped_when_written_lowercase_elsewhere() {
    let body = "Tahanan dipindahkan pagi ini. Para tahanan dibawa ke Nusakambangan oleh Hendra.";
    let a = Article::new(
        Lang::Id,
        "Pemindahan",
        body,
        &[("Tahanan", Per), ("Hendra", Per), ("Nusakambangan", Loc)],
    );
    let entities = a.resolve();
    assert!(!has(&entities, "Tahanan"));
    assert!(has(&entities, "Hendra"));
    assert!(has(&entities, "Nusakambangan"));
}

#[test]
fn heading_phrase_also_written_in_lowercase_is_dropped() {
    let body = "Pemerintah ingin mengelola ancaman global bersama.\n\nAncaman Global\n\n\
                Rapat berlanjut.";
    let a = Article::new(Lang::Id, "Rapat", body, &[("Ancaman Global", Org)]);
    assert!(a.resolve().is_empty());
}

#[test]
fn untagged_repeats_count_as_mentions() {
    let body = "Jens Stoltenberg tiba. Setelah itu Stoltenberg bicara; Stoltenberg lalu pergi.";
    let a = Article {
        body_mentions: vec![
            tag_nth(body, "Jens Stoltenberg", 0, Per),
            tag_nth(body, "Stoltenberg", 1, Per),
        ],
        ..Article::new(Lang::Id, "Kunjungan", body, &[])
    };
    let entities = a.resolve();
    let jens = find(&entities, "Jens Stoltenberg");
    assert_eq!(jens.mentions, 3);
    assert_eq!(jens.spans.len(), 3);
}

#[test]
fn repeats_inside_a_longer_name_are_not_counted() {
    let body = "Korea bersiap. Korea Utara menolak.";
    let a = Article {
        body_mentions: vec![tag_nth(body, "Korea", 0, Loc)],
        ..Article::new(Lang::Id, "Korea", body, &[])
    };
    let entities = a.resolve();
    assert_eq!(
        find(&entities, "Korea").mentions,
        2,
        "body once, title once"
    );
}

#[test]
fn people_and_organizations_first_by_count_then_appearance_places_last() {
    let body = "Jakarta ramai. Ani datang. Budi Santoso datang. KPK memanggil Budi Santoso. \
                Jakarta macet. Jakarta panas.";
    let a = Article::new(
        Lang::Id,
        "Hari ini",
        body,
        &[
            ("Jakarta", Loc),
            ("Ani", Per),
            ("Budi Santoso", Per),
            ("KPK", Org),
        ],
    );
    let entities = a.resolve();
    let order: Vec<&str> = entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(order, ["Budi Santoso", "Ani", "KPK", "Jakarta"]);
}

#[test]
fn organization_prefix_and_legal_forms_join_the_full_name() {
    let body = "PT Pertamina (Persero) menaikkan harga. Pertamina menyebut stok aman. \
                Chey Institute for Advanced Studies menggelar forum; Chey Institute \
                mengundang tamu.";
    let a = Article::new(
        Lang::Id,
        "Harga naik",
        body,
        &[
            ("PT Pertamina", Org),
            ("Pertamina", Org),
            ("Chey Institute for Advanced Studies", Org),
            ("Chey Institute", Org),
        ],
    );
    let entities = a.resolve();
    assert_eq!(find(&entities, "PT Pertamina").aliases, ["Pertamina"]);
    assert_eq!(
        find(&entities, "Chey Institute for Advanced Studies").aliases,
        ["Chey Institute"]
    );
}

#[test]
fn a_club_name_alone_joins_its_full_name_but_an_acronym_does_not() {
    let body = "Manchester United won. Fans said United deserved it. \
                Komisi III DPR memanggil jaksa; DPR lalu bersidang.";
    let a = Article::new(
        Lang::En,
        "Match",
        body,
        &[
            ("Manchester United", Org),
            ("United", Org),
            ("Komisi III DPR", Org),
            ("DPR", Org),
        ],
    );
    let entities = a.resolve();
    assert_eq!(find(&entities, "Manchester United").aliases, ["United"]);
    assert!(find(&entities, "Komisi III DPR").aliases.is_empty());
    assert!(has(&entities, "DPR"));
}

#[test]
fn bad_spans_from_the_tagger_do_not_panic() {
    let body = "Ünal kam.";
    let a = Article {
        body_mentions: vec![
            Mention {
                start: 1,
                end: 3,
                kind: Per,
            },
            Mention {
                start: 5,
                end: 100,
                kind: Per,
            },
            Mention {
                start: 4,
                end: 2,
                kind: Org,
            },
        ],
        ..Article::new(Lang::Id, "", body, &[])
    };
    assert!(a.resolve().is_empty());
}

#[test]
fn a_name_after_an_article_is_a_thing_not_a_person() {
    // An award named like a person, as a tagger fooled by a first name would tag it.
    let body = "The cellist Ines Varga won a Grammy in March. Critics expected an Emmy too, \
                and her Grammy now stands on the piano.";
    let a = Article::new(
        Lang::En,
        "Cellist honoured",
        body,
        &[("Ines Varga", Per), ("Grammy", Per), ("Emmy", Per)],
    );
    let entities = a.resolve();
    assert!(!has(&entities, "Grammy"), "{:?}", names(&entities));
    assert!(!has(&entities, "Emmy"), "{:?}", names(&entities));
    assert_eq!(find(&entities, "Ines Varga").kind, EntityKind::Person);
}

#[test]
fn a_name_with_a_plural_verb_is_a_group() {
    // British English gives teams and bands plural verbs; a person takes a singular one.
    let body = "Rovers are top of the table after a late goal. Rovers have not lost since \
                August, and coach Pia Lund said the squad was tired.";
    let a = Article::new(
        Lang::En,
        "Late goal",
        body,
        &[("Rovers", Per), ("Pia Lund", Per)],
    );
    let entities = a.resolve();
    assert_eq!(find(&entities, "Rovers").kind, EntityKind::Organization);
    assert_eq!(find(&entities, "Pia Lund").kind, EntityKind::Person);
    // Agreement with another subject, or a list of people, says nothing.
    let body = "The plans drawn up by adviser Tom Reed were costly. Ann Holt and Tom Reed have \
                left.";
    let a = Article::new(
        Lang::En,
        "Plans",
        body,
        &[("Tom Reed", Per), ("Ann Holt", Per)],
    );
    assert_eq!(find(&a.resolve(), "Tom Reed").kind, EntityKind::Person);
}

#[test]
fn a_name_introduced_as_a_company_is_an_organization_under_all_its_forms() {
    let body = "Shares in software firm BrightLedger rose 4%. BrightLedger said profits \
                doubled, and Bright Ledger will hire 200 staff.";
    let a = Article::new(
        Lang::En,
        "Profits double",
        body,
        &[("BrightLedger", Per), ("Bright Ledger", Per)],
    );
    let entities = a.resolve();
    let firm = find(&entities, "Bright Ledger");
    assert_eq!(firm.kind, EntityKind::Organization);
    assert_eq!(firm.aliases, ["BrightLedger"]);
    assert_eq!(firm.mentions, 3);
    // A plural word before a list of names introduces people.
    let body = "Doubles champions Ivo and Ana Marek won again, and league leaders Harbour lost.";
    let a = Article::new(
        Lang::En,
        "Results",
        body,
        &[("Ivo", Per), ("Ana Marek", Per), ("Harbour", Per)],
    );
    let entities = a.resolve();
    assert_eq!(find(&entities, "Ivo").kind, EntityKind::Person);
    assert_eq!(find(&entities, "Harbour").kind, EntityKind::Organization);
}

#[test]
fn an_honorific_before_the_name_is_not_part_of_the_role() {
    let body = "Home secretary Mr Alan Pike spoke first. Later a rival was put in charge \
                over the head of Mr Gil Moss.";
    let a = Article::new(
        Lang::En,
        "Cabinet",
        body,
        &[("Alan Pike", Per), ("Gil Moss", Per)],
    );
    let entities = a.resolve();
    assert_eq!(
        find(&entities, "Alan Pike").role.as_deref(),
        Some("Home secretary")
    );
    assert_eq!(find(&entities, "Gil Moss").role, None);
}

#[test]
fn a_blended_nickname_joins_the_one_full_name_it_blends() {
    let body = "Presiden Joko Widodo meninjau pasar di Bogor. Jokowi lalu berbincang \
                dengan pedagang. Menurut Jokowi, harga beras mulai turun.";
    let a = Article::new(
        Lang::Id,
        "Jokowi tinjau pasar",
        body,
        &[("Joko Widodo", Per), ("Jokowi", Per), ("Bogor", Loc)],
    );
    let entities = a.resolve();
    let jokowi = find(&entities, "Joko Widodo");
    assert_eq!(jokowi.aliases, ["Jokowi"]);
    assert_eq!(jokowi.mentions, 4);
    assert_eq!(
        entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .count(),
        1
    );
}

#[test]
fn a_nickname_blending_two_names_or_none_stays_apart() {
    assert!(merge::blends("Jokowi", &["joko".into(), "widodo".into()]));
    assert!(!merge::blends("Joko", &["joko".into(), "widodo".into()]));
    assert!(!merge::blends("Jowi", &["joko".into(), "widodo".into()]));
    assert!(!merge::blends("Widodo", &["joko".into(), "widodo".into()]));
    let body = "Joko Widodo dan Joko Wibisono hadir. Jokowi berpidato.";
    let a = Article::new(
        Lang::Id,
        "Dua Joko",
        body,
        &[
            ("Joko Widodo", Per),
            ("Joko Wibisono", Per),
            ("Jokowi", Per),
        ],
    );
    let entities = a.resolve();
    assert!(find(&entities, "Joko Widodo").aliases.is_empty());
    assert!(find(&entities, "Joko Wibisono").aliases.is_empty());
    assert!(has(&entities, "Jokowi"));
}

#[test]
fn a_camel_case_word_is_a_company_not_a_person() {
    let body = "Shares in DaimlerChrysler rose after DaimlerChrysler said sales grew. \
                Analyst Ruth McDonald said the rise would last; McDonald expects more.";
    let a = Article::new(
        Lang::En,
        "Carmaker shares rise",
        body,
        &[
            ("DaimlerChrysler", Per),
            ("Ruth McDonald", Per),
            ("McDonald", Per),
        ],
    );
    let entities = a.resolve();
    assert_eq!(
        find(&entities, "DaimlerChrysler").kind,
        EntityKind::Organization
    );
    assert_eq!(find(&entities, "Ruth McDonald").kind, EntityKind::Person);
    assert!(words::is_camel_case("PlayStation"));
    assert!(words::is_camel_case("TimeWarner"));
    assert!(!words::is_camel_case("MacArthur"));
    assert!(!words::is_camel_case("DiCaprio"));
    assert!(!words::is_camel_case("LeBron"));
    assert!(!words::is_camel_case("NATO"));
}

#[test]
fn an_award_or_product_alone_is_no_person_but_may_open_a_name() {
    let body = "The film won an Oscar last night. Oscar Pistorius watched the show \
                on his Xbox, and Sony said sales of the Xbox rival were up.";
    let a = Article::new(
        Lang::En,
        "Awards night",
        body,
        &[
            ("Oscar Pistorius", Per),
            ("Oscar", Per),
            ("Xbox", Per),
            ("Sony", Per),
        ],
    );
    let entities = a.resolve();
    assert!(!has(&entities, "Oscar"), "{:#?}", names(&entities));
    assert!(!has(&entities, "Xbox"), "{:#?}", names(&entities));
    assert_eq!(find(&entities, "Oscar Pistorius").kind, EntityKind::Person);
    assert_eq!(find(&entities, "Sony").kind, EntityKind::Organization);
}

#[test]
fn a_word_taken_for_a_person_that_opens_an_organization_is_that_organization() {
    let body = "Menatep Group said it would sue. Lawyers for Menatep declined to comment, \
                and in Colorado they said the Colorado State University report was wrong.";
    let a = Article::new(
        Lang::En,
        "Loan claim",
        body,
        &[
            ("Menatep Group", Org),
            ("Menatep", Per),
            ("Colorado State University", Org),
            ("Colorado", Loc),
        ],
    );
    let entities = a.resolve();
    let group = find(&entities, "Menatep Group");
    assert_eq!(group.kind, EntityKind::Organization);
    assert!(group.aliases.iter().any(|a| a == "Menatep"), "{group:#?}");
    assert!(
        !entities.iter().any(|e| e.name == "Menatep"),
        "{:#?}",
        names(&entities)
    );
    // A place opening an organization's name stays a place.
    assert_eq!(find(&entities, "Colorado").kind, EntityKind::Place);
}

#[test]
fn a_place_naming_a_club_is_the_club_in_sport_news_only() {
    let sport = "Pelatih Barcelona memuji pemain muda itu setelah laga di kandang. \
                 Klub itu kini memimpin liga.";
    let a = Article::new(Lang::Id, "Laga besar", sport, &[("Barcelona", Loc)]);
    assert_eq!(
        find(&a.resolve(), "Barcelona").kind,
        EntityKind::Organization
    );
    let city = "Pameran ponsel di Barcelona dibuka hari ini dengan ribuan pengunjung.";
    let b = Article::new(Lang::Id, "Pameran ponsel", city, &[("Barcelona", Loc)]);
    assert_eq!(find(&b.resolve(), "Barcelona").kind, EntityKind::Place);
}

#[test]
fn a_club_taken_for_a_person_in_sport_news_is_the_club() {
    let body = "Gloucester beat the visitors in the league match, and their coach \
                said the squad had earned it.";
    let a = Article::new(Lang::En, "Rugby round-up", body, &[("Gloucester", Per)]);
    assert_eq!(
        find(&a.resolve(), "Gloucester").kind,
        EntityKind::Organization
    );
}
