//! A deterministic generator of large, realistic FAQ corpora for benchmarks.
//!
//! The same `(entries, seed)` always yields byte-identical files. The output
//! follows the corpus conventions of `src/parse.rs`, so `faq check` passes:
//!
//! - one `# Area` heading per file, `## Category` under it, and either
//!   `### Question` directly or `### Sub-category` / `#### Question`;
//! - every question carries a unique `{#id}`, except a few whose id is the
//!   slug of a question made unique by a case number;
//! - about 40% of questions have a `<!-- keywords: a, b -->` line;
//! - answers of 1–6 blocks: paragraphs with inline code, bold, links,
//!   autolinks and cross-references (`[question](#id)`) to earlier entries,
//!   bullet and numbered lists, and fenced code blocks (some holding `# `
//!   comment lines the heading scanner must not take for headings).
//!
//! Words follow a Zipf-like law over a few hundred real words and a long tail
//! of made-up ones, so the vocabulary grows with the corpus as real text does.
//! Entries average about 600 bytes; 100,000 entries make ~60 MB in ~300 files.

// Shared by several bench targets; each uses only part of it.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

/// Entries per file, on average.
const ENTRIES_PER_FILE: usize = 330;

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub entries: usize,
    pub bytes: usize,
}

/// SplitMix64: tiny, fast, and plenty random for text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// Rank in `0..n`, small ranks far likelier (log-uniform ≈ Zipf with s = 1).
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        (((n as f64 + 1.0).ln() * u).exp() - 1.0).floor() as usize % n
    }
}

const AREAS: &[&str] = &[
    "Accounts",
    "Rooms",
    "Spaces",
    "Encryption",
    "Bridges",
    "Billing",
    "Hosting",
    "Federation",
    "Notifications",
    "Mobile apps",
    "Desktop app",
    "Web client",
    "Administration",
    "Integrations",
    "Voice and video",
    "Moderation",
    "Security",
    "Migration",
    "Identity",
    "Storage",
];

const CATEGORIES: &[&str] = &[
    "Getting started",
    "Troubleshooting",
    "Settings",
    "Limits",
    "Permissions",
    "Data and privacy",
    "Performance",
    "Sign-in",
    "Backups",
    "Upgrades",
    "Policies",
    "Networking",
    "Clients",
    "Servers",
    "Automation",
    "Compliance",
    "Branding",
    "Invitations",
    "History",
    "Search",
];

const VERBS: &[&str] = &[
    "delete",
    "create",
    "invite",
    "remove",
    "ban",
    "kick",
    "join",
    "leave",
    "export",
    "import",
    "verify",
    "reset",
    "change",
    "enable",
    "disable",
    "configure",
    "bridge",
    "upgrade",
    "downgrade",
    "migrate",
    "rename",
    "archive",
    "restore",
    "share",
    "mute",
    "report",
    "encrypt",
    "decrypt",
    "tombstone",
    "federate",
    "redact",
    "pin",
    "search",
    "sync",
    "block",
    "unblock",
    "moderate",
    "transfer",
    "cancel",
    "renew",
    "host",
];

const NOUNS: &[&str] = &[
    "room",
    "space",
    "account",
    "token",
    "key",
    "server",
    "homeserver",
    "client",
    "bridge",
    "message",
    "event",
    "user",
    "device",
    "session",
    "password",
    "backup",
    "subscription",
    "invoice",
    "domain",
    "widget",
    "bot",
    "integration",
    "alias",
    "avatar",
    "notification",
    "thread",
    "reaction",
    "attachment",
    "file",
    "image",
    "call",
    "conference",
    "channel",
    "workspace",
    "profile",
    "email",
    "phone",
    "history",
    "timeline",
    "member",
    "moderator",
    "admin",
    "permission",
    "policy",
    "setting",
    "certificate",
    "webhook",
    "plan",
    "host",
    "tenant",
    "directory",
    "identity",
    "recovery",
    "passphrase",
    "signature",
    "state",
    "version",
    "upgrade",
    "limit",
    "quota",
    "storage",
    "database",
    "proxy",
    "firewall",
    "port",
    "network",
];

const ADJECTIVES: &[&str] = &[
    "public",
    "private",
    "encrypted",
    "federated",
    "hosted",
    "custom",
    "default",
    "shared",
    "verified",
    "unverified",
    "old",
    "new",
    "deleted",
    "archived",
    "large",
    "secure",
    "paid",
    "free",
    "dedicated",
    "external",
    "internal",
    "mobile",
    "local",
];

const PRODUCTS: &[&str] = &[
    "Element",
    "Element Web",
    "Element X",
    "Synapse",
    "Dendrite",
    "EMS",
    "Slack",
    "Telegram",
    "IRC",
    "Jitsi",
    "Matrix",
    "Android",
    "iOS",
    "Windows",
    "macOS",
];

/// Words that glue sentences together (many are stop words in `text.rs`).
const GLUE: &[&str] = &[
    "the", "a", "to", "and", "of", "in", "is", "for", "your", "you", "can", "it", "on", "with",
    "this", "that", "be", "are", "if", "from", "by", "or", "as", "an", "not", "will", "when",
    "then", "only", "all", "each", "after", "before", "into", "other", "also", "may", "must",
    "still", "once", "first",
];

const QUESTIONS: &[&str] = &[
    "How do I {v} a {n}?",
    "How do I {v} my {a} {n}?",
    "Can I {v} a {n} in {p}?",
    "Why can't I {v} the {n}?",
    "What happens when I {v} a {a} {n}?",
    "Is it possible to {v} {n}s from {p}?",
    "Where do I find the {n} {n2}?",
    "What is the {n} {n2} limit?",
    "Why does my {n} not {v}?",
    "How can I {v} {n}s for my {n2}?",
    "Does {p} support {a} {n}s?",
    "Who can {v} a {n} in a {n2}?",
];

const CODE_LANGS: &[&str] = &["sh", "json", "yaml", "toml", "text"];

/// Syllables for the long tail of made-up words.
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "nu", "ter", "vel", "sta", "qui", "ron", "dex", "pha", "zor", "bri", "gan",
    "tul", "mex", "sol", "ari", "pen", "cor", "lis", "dra", "ven", "op",
];

/// A word list: the real words first (most frequent), then made-up ones.
struct Vocabulary {
    words: Vec<String>,
}

impl Vocabulary {
    fn new(rng: &mut Rng, tail: usize) -> Self {
        let mut words: Vec<String> = Vec::new();
        for list in [NOUNS, VERBS, ADJECTIVES] {
            words.extend(list.iter().map(|w| (*w).to_owned()));
        }
        let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
        while words.len() < tail {
            let mut w = String::new();
            for _ in 0..rng.range(2, 4) {
                w.push_str(rng.pick(SYLLABLES));
            }
            if seen.insert(w.clone()) {
                words.push(w);
            }
        }
        Vocabulary { words }
    }

    fn word(&self, rng: &mut Rng) -> &str {
        &self.words[rng.zipf(self.words.len())]
    }
}

/// An entry already written in the current file, for cross-references.
struct Written {
    id: String,
    question: String,
}

struct Generator {
    rng: Rng,
    vocab: Vocabulary,
    next_id: usize,
}

impl Generator {
    fn question(&mut self) -> String {
        let template = self.rng.pick(QUESTIONS);
        let mut out = template
            .replace("{v}", self.rng.pick(VERBS))
            .replace("{n2}", self.rng.pick(NOUNS))
            .replace("{n}", self.rng.pick(NOUNS))
            .replace("{a}", self.rng.pick(ADJECTIVES))
            .replace("{p}", self.rng.pick(PRODUCTS));
        // A word from the tail makes questions about as varied as real ones.
        if self.rng.chance(0.5) {
            let extra = self.vocab.word(&mut self.rng).to_owned();
            out.insert_str(out.len() - 1, &format!(" with {extra}"));
        }
        if self.rng.chance(0.03) {
            out.insert_str(out.len() - 1, " using `m.room.tombstone`");
        }
        if self.rng.chance(0.02) {
            out = out.replacen(' ', " **really** ", 1);
        }
        out
    }

    /// A unique kebab-case id made from the question's first words.
    fn id(&mut self, question: &str) -> String {
        self.next_id += 1;
        let slug: Vec<String> = question
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| w.len() > 2 && !matches!(*w, "How" | "can" | "the" | "What" | "Why"))
            .take(4)
            .map(str::to_ascii_lowercase)
            .collect();
        format!("{}-{}", slug.join("-"), base36(self.next_id))
    }

    fn sentence(&mut self, earlier: &[Written], out: &mut String) {
        let words = self.rng.range(5, 16);
        for i in 0..words {
            if i > 0 {
                out.push(' ');
            }
            let roll = self.rng.below(100);
            let word: String = match roll {
                0..=37 => self.rng.pick(GLUE).to_owned(),
                38..=44 => self.rng.pick(VERBS).to_owned(),
                45..=52 => self.rng.pick(NOUNS).to_owned(),
                53..=54 => self.rng.pick(PRODUCTS).to_owned(),
                55 => format!("`{}`", self.code_word()),
                56 if i > 0 => format!("**{}**", self.vocab.word(&mut self.rng)),
                57 if i > 0 => {
                    let text = self.vocab.word(&mut self.rng).to_owned();
                    format!("[{text}]({})", self.url())
                }
                58 if i > 0 => format!("<{}>", self.url()),
                59 if i > 0 && !earlier.is_empty() => {
                    let target = &earlier[self.rng.below(earlier.len())];
                    if self.rng.chance(0.5) {
                        format!("[see this entry](#{})", target.id)
                    } else {
                        format!("[{}](#)", target.question)
                    }
                }
                _ => self.vocab.word(&mut self.rng).to_owned(),
            };
            if i == 0 {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(chars.as_str());
                }
            } else {
                out.push_str(&word);
            }
            if i + 1 < words && self.rng.chance(0.06) {
                out.push(',');
            }
        }
        out.push(if self.rng.chance(0.1) { '!' } else { '.' });
    }

    fn code_word(&mut self) -> String {
        match self.rng.below(4) {
            0 => format!("m.room.{}", self.rng.pick(NOUNS)),
            1 => format!("/{}", self.rng.pick(VERBS)),
            2 => format!("{}_{}", self.rng.pick(NOUNS), self.rng.below(100)),
            _ => format!("--{}-{}", self.rng.pick(VERBS), self.rng.pick(NOUNS)),
        }
    }

    fn url(&mut self) -> String {
        format!(
            "https://{}.example.org/{}/{}",
            self.rng.pick(&["docs", "help", "ems", "matrix"]),
            self.rng.pick(NOUNS),
            self.vocab.word(&mut self.rng)
        )
    }

    fn answer(&mut self, earlier: &[Written], out: &mut String) {
        let blocks = 1 + self.rng.zipf(6).min(5);
        for b in 0..blocks {
            if b > 0 {
                out.push('\n');
            }
            match self.rng.below(10) {
                // The first block is always prose, as in real answers.
                _ if b == 0 => self.paragraph(earlier, out),
                0..=4 => self.paragraph(earlier, out),
                5..=6 => self.list(earlier, out, false),
                7 => self.list(earlier, out, true),
                _ => self.code_block(out),
            }
        }
    }

    fn paragraph(&mut self, earlier: &[Written], out: &mut String) {
        for s in 0..self.rng.range(1, 3) {
            if s > 0 {
                out.push(' ');
            }
            self.sentence(earlier, out);
        }
        out.push('\n');
    }

    fn list(&mut self, earlier: &[Written], out: &mut String, numbered: bool) {
        for i in 0..self.rng.range(2, 5) {
            if numbered {
                let _ = write!(out, "{}. ", i + 1);
            } else {
                out.push_str("- ");
            }
            self.sentence(earlier, out);
            out.push('\n');
        }
    }

    fn code_block(&mut self, out: &mut String) {
        let lang = self.rng.pick(CODE_LANGS);
        let _ = writeln!(out, "```{lang}");
        for _ in 0..self.rng.range(1, 4) {
            match lang {
                "json" => {
                    let _ = writeln!(
                        out,
                        "{{\"{}\": \"{}\"}}",
                        self.rng.pick(NOUNS),
                        self.code_word()
                    );
                }
                "sh" | "yaml" | "toml" if self.rng.chance(0.3) => {
                    let _ = writeln!(
                        out,
                        "# {} the {}",
                        self.rng.pick(VERBS),
                        self.rng.pick(NOUNS)
                    );
                }
                _ => {
                    let _ = writeln!(
                        out,
                        "{} {} {}",
                        self.rng.pick(VERBS),
                        self.code_word(),
                        self.vocab.word(&mut self.rng)
                    );
                }
            }
        }
        out.push_str("```\n");
    }

    fn keywords(&mut self, out: &mut String) {
        let n = self.rng.range(2, 6);
        out.push_str("<!-- keywords: ");
        for i in 0..n {
            if i > 0 {
                out.push_str(", ");
            }
            if self.rng.chance(0.4) {
                let _ = write!(out, "{} {}", self.rng.pick(VERBS), self.rng.pick(NOUNS));
            } else {
                out.push_str(self.vocab.word(&mut self.rng));
            }
        }
        out.push_str(" -->\n\n");
    }

    /// One question (heading at `level`) with its answer.
    fn entry(&mut self, level: usize, earlier: &mut Vec<Written>, out: &mut String) {
        let mut question = self.question();
        let hashes = "#".repeat(level);
        let id = if self.rng.chance(0.05) {
            // No explicit id: the slug of the question is the id, so the
            // question itself must be unique.
            self.next_id += 1;
            question.insert_str(question.len() - 1, &format!(" (case {})", self.next_id));
            let _ = writeln!(out, "{hashes} {question}\n");
            slug(&question)
        } else {
            let id = self.id(&question);
            let _ = writeln!(out, "{hashes} {question} {{#{id}}}\n");
            id
        };
        if self.rng.chance(0.4) {
            self.keywords(out);
        }
        self.answer(earlier, out);
        out.push('\n');
        if !question.contains(['`', '*']) {
            earlier.push(Written { id, question });
            if earlier.len() > 64 {
                earlier.remove(0);
            }
        }
    }

    /// One file of about `entries` questions.
    fn file(&mut self, index: usize, entries: usize) -> String {
        let mut out = String::with_capacity(entries * 700);
        let area = AREAS[index % AREAS.len()];
        let _ = writeln!(out, "# {area} (part {})\n", index / AREAS.len() + 1);
        let mut earlier = Vec::new();
        let mut left = entries;
        let mut c = 0;
        while left > 0 {
            c += 1;
            let category = self.rng.pick(CATEGORIES);
            let _ = writeln!(out, "## {category} {c}\n");
            if self.rng.chance(0.3) {
                // Sub-categories with questions at level 4.
                for s in 0..self.rng.range(2, 4) {
                    if left == 0 {
                        break;
                    }
                    let sub = self.rng.pick(NOUNS);
                    let _ = writeln!(out, "### {} {}.{}\n", capitalise(sub), c, s + 1);
                    let n = self.rng.range(3, 12).min(left);
                    for _ in 0..n {
                        self.entry(4, &mut earlier, &mut out);
                    }
                    left -= n;
                }
            } else {
                let n = self.rng.range(4, 30).min(left);
                for _ in 0..n {
                    self.entry(3, &mut earlier, &mut out);
                }
                left -= n;
            }
        }
        out
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |f| {
        f.to_uppercase().chain(chars).collect::<String>()
    })
}

fn base36(mut n: usize) -> String {
    let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(digits[n % 36]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The same slug `faq` derives from a question (ASCII questions only).
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Writes a corpus of `entries` questions into `dir` (created if missing),
/// as `faq-0000.md`, `faq-0001.md`, … Deterministic in `(entries, seed)`.
pub fn generate(dir: &Path, entries: usize, seed: u64) -> io::Result<Summary> {
    fs::create_dir_all(dir)?;
    let files = entries.div_ceil(ENTRIES_PER_FILE).max(1);
    let mut rng = Rng(seed ^ 0x6661_712d_636f_7270);
    // Heaps' law: the vocabulary grows like the square root of the text.
    let tail = 400 + (entries as f64).sqrt() as usize * 150;
    let vocab = Vocabulary::new(&mut rng, tail);
    let mut generator = Generator {
        rng,
        vocab,
        next_id: 0,
    };
    let mut bytes = 0;
    for f in 0..files {
        let share = entries / files + usize::from(f < entries % files);
        let text = generator.file(f, share);
        bytes += text.len();
        fs::write(dir.join(format!("faq-{f:04}.md")), text)?;
    }
    Ok(Summary {
        files,
        entries,
        bytes,
    })
}

/// The corpus of `entries` entries (seed 1) that benchmarks share, under
/// `<target>/bench-corpora`, generated the first time it is asked for.
pub fn for_benches(entries: usize) -> io::Result<std::path::PathBuf> {
    let exe = std::env::current_exe()?;
    // <target>/release/deps/<bench>-<hash>
    let target = exe
        .ancestors()
        .nth(3)
        .map_or_else(std::env::temp_dir, Path::to_path_buf);
    cached(
        &target
            .join("bench-corpora")
            .join(format!("c{entries}-seed1")),
        entries,
        1,
    )
}

/// Generates into `dir` unless a previous run with the same parameters left
/// a complete corpus there (marked by a stamp file). Returns the directory.
pub fn cached(dir: &Path, entries: usize, seed: u64) -> io::Result<std::path::PathBuf> {
    let stamp = dir.join(".complete");
    let want = format!("{entries} {seed} v1\n");
    if fs::read_to_string(&stamp).ok().as_deref() == Some(want.as_str()) {
        return Ok(dir.to_path_buf());
    }
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    generate(dir, entries, seed)?;
    fs::write(stamp, want)?;
    Ok(dir.to_path_buf())
}
