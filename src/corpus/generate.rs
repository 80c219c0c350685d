//! Synthetic collections for benchmarks and tests: N articles in any of warta's formats,
//! Indonesian and English, with recurring people and organizations and realistic lengths.
//!
//! The text is assembled from templates and word lists written for this purpose; names are
//! invented from first- and last-name lists and recur with a skewed (Zipf-like) frequency,
//! the way a few people dominate real news. Output is deterministic for a given seed.

use serde_json::json;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Which files to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenFormat {
    /// One scraped-text file per article.
    Text,
    /// JSON lines, 1,000 articles per file.
    Jsonl,
    /// JSON arrays, 100 articles per file.
    Json,
    /// CSV with a header, 1,000 articles per file.
    Csv,
    /// One Markdown file with front matter per article.
    Markdown,
    /// A mix of all of the above.
    Mixed,
}

/// What a generation run wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct GenStats {
    /// Articles written.
    pub articles: usize,
    /// Files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
}

/// A small deterministic random source (xorshift64*).
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// An index in `0..n` skewed towards small values (roughly Zipf).
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) - 1.0).floor() as usize % n.max(1)
    }
}

const FIRST: &[&str] = &[
    "Adi", "Bagus", "Citra", "Dewi", "Eko", "Fajar", "Gita", "Hendra", "Indah", "Joko", "Kartika",
    "Lestari", "Made", "Nadia", "Putu", "Rahmat", "Sari", "Taufik", "Wahyu", "Yusuf", "Alice",
    "Brian", "Clara", "Daniel", "Emma", "Frank", "Grace", "Henry", "Irene", "James", "Karen",
    "Liam", "Maria", "Nathan", "Olivia", "Peter",
];
const LAST: &[&str] = &[
    "Santoso", "Wijaya", "Pratama", "Siregar", "Nasution", "Hidayat", "Kusuma", "Saragih", "Halim",
    "Gunawan", "Permana", "Lubis", "Harahap", "Setiawan", "Carter", "Hughes", "Morgan", "Bennett",
    "Foster", "Reed", "Palmer", "Shaw", "Turner", "Walsh",
];
const ORG_HEAD_ID: &[&str] = &[
    "Kementerian",
    "Badan",
    "Dinas",
    "Lembaga",
    "Komisi",
    "Yayasan",
    "Partai",
    "Bank",
];
const ORG_TAIL_ID: &[&str] = &[
    "Perdagangan Daerah",
    "Riset Pangan",
    "Energi Baru",
    "Pengawas Pasar",
    "Pelabuhan Nusantara",
    "Kesehatan Rakyat",
    "Digital Mandiri",
    "Logistik Bersama",
    "Air Bersih",
    "Pariwisata Timur",
];
const ORG_EN: &[&str] = &[
    "Northbridge Capital",
    "Harbor Energy Group",
    "Meridian Health Trust",
    "Silverline Airways",
    "Eastgate Bank",
    "Clearwater Institute",
    "Summit Motors",
    "Redwood Labs",
    "Atlas Shipping",
    "Union of Teachers",
    "Blue River Council",
    "Keystone Foods",
];
const PLACES: &[&str] = &[
    "Jakarta",
    "Surabaya",
    "Medan",
    "Makassar",
    "Denpasar",
    "Pekanbaru",
    "Bandung",
    "London",
    "Singapore",
    "Manchester",
    "Sydney",
    "Tokyo",
    "Seoul",
    "Berlin",
];
const ROLES_ID: &[&str] = &[
    "Menteri",
    "Kepala",
    "Direktur Utama",
    "Ketua",
    "Juru bicara",
    "Gubernur",
];
const ROLES_EN: &[&str] = &[
    "chief executive",
    "minister",
    "spokesperson",
    "chairman",
    "director",
];
const SENT_ID: &[&str] = &[
    "{PER} mengatakan rencana itu akan dibahas bersama {ORG} pekan depan di {PLACE}.",
    "Menurut {PER}, anggaran sebesar Rp{NUM} miliar sudah disiapkan untuk tahap pertama.",
    "\"Kami ingin prosesnya terbuka dan cepat,\" kata {ROLE} {ORG} {PER} kepada wartawan.",
    "Rapat di kantor {ORG} berlangsung hampir {NUM} jam dan dihadiri pejabat daerah.",
    "Warga {PLACE} berharap program tersebut segera berjalan sebelum akhir tahun.",
    "{ORG} mencatat kenaikan {NUM} persen dibandingkan periode yang sama tahun lalu.",
    "Sebelumnya, {PER} juga sempat bertemu perwakilan {ORG} untuk membahas kerja sama.",
    "Pengamat menilai langkah itu perlu diawasi agar tidak membebani keuangan negara.",
    "\"Belum ada keputusan final,\" ujar {PER} di {PLACE}, Senin ({NUM}/3/2025).",
    "Data terbaru menunjukkan jumlah peserta naik menjadi {NUM} ribu orang.",
];
const SENT_EN: &[&str] = &[
    "{PER} said the plan would be discussed with {ORG} in {PLACE} next week.",
    "According to {PER}, about ${NUM}m has been set aside for the first phase.",
    "\"We want the process to be open and quick,\" said {PER}, {ROLE} of {ORG}.",
    "The meeting at the {ORG} offices lasted almost {NUM} hours.",
    "Residents of {PLACE} hope the scheme will start before the end of the year.",
    "{ORG} reported a rise of {NUM}% compared with the same period last year.",
    "Earlier, {PER} met representatives of {ORG} to discuss the partnership.",
    "Analysts said the move should be watched closely to protect public finances.",
    "\"There is no final decision yet,\" {PER} told reporters in {PLACE}.",
    "The latest figures show the number of participants rose to {NUM},000.",
];
const TITLE_ID: &[&str] = &[
    "{ORG} Siapkan Program Baru di {PLACE}",
    "{PER} Minta Proyek {PLACE} Dipercepat",
    "Anggaran {ORG} Naik {NUM} Persen",
];
const TITLE_EN: &[&str] = &[
    "{ORG} unveils new plan for {PLACE}",
    "{PER} calls for faster action in {PLACE}",
    "{ORG} budget rises by {NUM}%",
];

/// One generated article, before it is written in some format.
#[derive(Debug, Clone)]
struct GenArticle {
    title: String,
    lead: String,
    author: String,
    date: String,
    place: String,
    indonesian: bool,
    paragraphs: Vec<String>,
    url: String,
}

/// The pools of recurring names.
struct World {
    people: Vec<String>,
    orgs_id: Vec<String>,
    orgs_en: Vec<String>,
}

impl World {
    fn new(rng: &mut Rng) -> World {
        let mut people = Vec::new();
        for _ in 0..400 {
            let name = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
            if !people.contains(&name) {
                people.push(name);
            }
        }
        let mut orgs_id = Vec::new();
        for head in ORG_HEAD_ID {
            for tail in ORG_TAIL_ID {
                orgs_id.push(format!("{head} {tail}"));
            }
        }
        World {
            people,
            orgs_id,
            orgs_en: ORG_EN.iter().map(|s| s.to_string()).collect(),
        }
    }
}

fn fill(template: &str, rng: &mut Rng, world: &World, indonesian: bool) -> String {
    let mut out = template.to_string();
    while let Some(at) = out.find('{') {
        let Some(len) = out[at..].find('}') else {
            break;
        };
        let slot = out[at + 1..at + len].to_string();
        let value = match slot.as_str() {
            "PER" => world.people[rng.skewed(world.people.len())].clone(),
            "ORG" if indonesian => world.orgs_id[rng.skewed(world.orgs_id.len())].clone(),
            "ORG" => world.orgs_en[rng.skewed(world.orgs_en.len())].clone(),
            "PLACE" => rng.pick(PLACES).to_string(),
            "ROLE" if indonesian => rng.pick(ROLES_ID).to_string(),
            "ROLE" => rng.pick(ROLES_EN).to_string(),
            _ => (2 + rng.below(98)).to_string(),
        };
        out.replace_range(at..at + len + 1, &value);
    }
    out
}

fn make_article(i: usize, rng: &mut Rng, world: &World) -> GenArticle {
    let indonesian = i.is_multiple_of(2);
    let (titles, sentences) = if indonesian {
        (TITLE_ID, SENT_ID)
    } else {
        (TITLE_EN, SENT_EN)
    };
    let title = fill(rng.pick(titles), rng, world, indonesian);
    let lead = fill(rng.pick(sentences), rng, world, indonesian);
    let paragraphs = (0..8 + rng.below(10))
        .map(|_| {
            (0..2 + rng.below(4))
                .map(|_| fill(rng.pick(sentences), rng, world, indonesian))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let date = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:00+07:00",
        2020 + rng.below(7),
        1 + rng.below(12),
        1 + rng.below(28),
        rng.below(24),
        rng.below(60)
    );
    GenArticle {
        title,
        lead,
        author: world.people[world.people.len() - 1 - rng.below(40)].clone(),
        date,
        place: rng.pick(PLACES).to_string(),
        indonesian,
        paragraphs,
        url: format!("https://news.example/{i}"),
    }
}

fn as_text(a: &GenArticle) -> String {
    let mut out = format!("{}\n\n{}\n\n", a.title, a.lead);
    let day = a.date.get(8..10).unwrap_or("01");
    let month = a
        .date
        .get(5..7)
        .and_then(|m| m.parse::<usize>().ok())
        .unwrap_or(1);
    let months = [
        "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
    ];
    let year = a.date.get(..4).unwrap_or("2024");
    let time = a.date.get(11..16).unwrap_or("00:00");
    if a.indonesian {
        out.push_str(&format!(
            "oleh {} diperbarui {day} {} {year}, {time} WIB\n\n",
            a.author,
            months[(month - 1) % 12]
        ));
    } else {
        out.push_str(&format!("By {}\n\n", a.author));
    }
    for (k, p) in a.paragraphs.iter().enumerate() {
        if k == 0 {
            if a.indonesian {
                out.push_str(&format!("{} (ANTARA) - ", a.place.to_uppercase()));
            } else {
                out.push_str(&format!("{} (Reuters) - ", a.place.to_uppercase()));
            }
        }
        out.push_str(p);
        out.push_str("\n\n");
    }
    out
}

fn as_json(a: &GenArticle) -> serde_json::Value {
    json!({
        "title": a.title,
        "lead": a.lead,
        "author": a.author,
        "publishedAt": a.date,
        "url": a.url,
        "language": if a.indonesian { "id" } else { "en" },
        "source": {"name": if a.indonesian { "Kabar Contoh" } else { "Example News" }},
        "content": a.paragraphs.join("\n\n"),
    })
}

fn as_markdown(a: &GenArticle) -> String {
    format!(
        "---\ntitle: \"{}\"\ndate: {}\nauthor: {}\nurl: {}\ntags: [generated]\n---\n\n{}\n",
        a.title.replace('"', "'"),
        a.date,
        a.author,
        a.url,
        a.paragraphs.join("\n\n")
    )
}

/// Write `count` articles under `dir` (created if needed) in `format`.
pub fn write_collection(
    dir: &Path,
    count: usize,
    format: GenFormat,
    seed: u64,
) -> io::Result<GenStats> {
    let mut rng = Rng(seed | 1);
    let world = World::new(&mut rng);
    let mut stats = GenStats::default();
    let mut batch: Vec<(GenFormat, GenArticle)> = Vec::new();
    for i in 0..count {
        let a = make_article(i, &mut rng, &world);
        let fmt = match format {
            GenFormat::Mixed => [
                GenFormat::Text,
                GenFormat::Text,
                GenFormat::Jsonl,
                GenFormat::Json,
                GenFormat::Csv,
                GenFormat::Markdown,
            ][i % 6],
            f => f,
        };
        match fmt {
            GenFormat::Text => {
                let path = shard(dir, i, "txt")?;
                stats.bytes += write_file(&path, as_text(&a).as_bytes())?;
                stats.files += 1;
            }
            GenFormat::Markdown => {
                let path = shard(dir, i, "md")?;
                stats.bytes += write_file(&path, as_markdown(&a).as_bytes())?;
                stats.files += 1;
            }
            other => batch.push((other, a)),
        }
        stats.articles += 1;
    }
    for fmt in [GenFormat::Jsonl, GenFormat::Json, GenFormat::Csv] {
        let items: Vec<&GenArticle> = batch
            .iter()
            .filter(|(f, _)| *f == fmt)
            .map(|(_, a)| a)
            .collect();
        let per_file = if fmt == GenFormat::Json { 100 } else { 1000 };
        for (n, chunk) in items.chunks(per_file).enumerate() {
            let (name, bytes) = match fmt {
                GenFormat::Jsonl => {
                    let mut s = String::new();
                    for a in chunk {
                        s.push_str(&as_json(a).to_string());
                        s.push('\n');
                    }
                    (format!("batch-{n:05}.jsonl"), s.into_bytes())
                }
                GenFormat::Json => {
                    let arr: Vec<serde_json::Value> = chunk.iter().map(|a| as_json(a)).collect();
                    (
                        format!("batch-{n:05}.json"),
                        serde_json::to_vec_pretty(&json!({ "articles": arr }))?,
                    )
                }
                _ => {
                    let mut w = csv::Writer::from_writer(Vec::new());
                    w.write_record(["judul", "tanggal", "penulis", "tautan", "isi_berita"])
                        .map_err(io::Error::other)?;
                    for a in chunk {
                        w.write_record([
                            a.title.as_str(),
                            a.date.as_str(),
                            a.author.as_str(),
                            a.url.as_str(),
                            &a.paragraphs.join("\n\n"),
                        ])
                        .map_err(io::Error::other)?;
                    }
                    let bytes = w
                        .into_inner()
                        .map_err(|e| io::Error::other(e.to_string()))?;
                    (format!("batch-{n:05}.csv"), bytes)
                }
            };
            fs::create_dir_all(dir)?;
            stats.bytes += write_file(&dir.join(name), &bytes)?;
            stats.files += 1;
        }
    }
    Ok(stats)
}

/// `dir/NNN/ID.ext`, 1,000 files per folder.
fn shard(dir: &Path, i: usize, ext: &str) -> io::Result<PathBuf> {
    let sub = dir.join(format!("{:03}", i / 1000));
    fs::create_dir_all(&sub)?;
    Ok(sub.join(format!("{i:06}.{ext}")))
}

fn write_file(path: &Path, bytes: &[u8]) -> io::Result<u64> {
    let mut f = io::BufWriter::new(fs::File::create(path)?);
    f.write_all(bytes)?;
    f.flush()?;
    Ok(bytes.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_requested_number_in_every_format() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let stats = write_collection(dir.path(), 60, GenFormat::Mixed, 7)?;
        assert_eq!(stats.articles, 60);
        assert!(stats.bytes > 60 * 1000, "realistic lengths: {stats:?}");
        let mut exts: Vec<String> = walk(dir.path())
            .iter()
            .filter_map(|p| p.extension().map(|e| e.to_string_lossy().into_owned()))
            .collect();
        exts.sort();
        exts.dedup();
        assert_eq!(exts, ["csv", "json", "jsonl", "md", "txt"]);
        Ok(())
    }

    #[test]
    fn is_deterministic_and_names_recur() -> io::Result<()> {
        let mut a = Rng(5);
        let world = World::new(&mut a);
        let arts: Vec<GenArticle> = (0..200).map(|i| make_article(i, &mut a, &world)).collect();
        let mut b = Rng(5);
        let world_b = World::new(&mut b);
        let again = make_article(0, &mut b, &world_b);
        assert_eq!(arts[0].title, again.title);
        let top = &world.people[0];
        let with_top = arts
            .iter()
            .filter(|x| x.paragraphs.iter().any(|p| p.contains(top.as_str())))
            .count();
        assert!(
            with_top >= 10,
            "the most frequent person recurs: {with_top}"
        );
        Ok(())
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        if let Ok(rd) = fs::read_dir(dir) {
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() {
                    out.extend(walk(&p));
                } else {
                    out.push(p);
                }
            }
        }
        out
    }
}
