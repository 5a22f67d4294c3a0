//! A synthetic site root in the real schema (`site.yaml`, `content/`, `locales/`), for the
//! benchmark (`examples/synth/main.rs`) and for the test that keeps this generator honest
//! (`tests/synth.rs`, which includes this file with `#[path]`).
//!
//! The shape copies the shipped catalogue: about 28% basic codes, prose of the same length
//! (descriptions of two or three paragraphs, `when`/`fix` as Markdown lists), 1–3 samples,
//! 2–5 related codes, 1–3 `basic` codes per enhanced code, and every locale fully translated.
//! Locales alternate between English and Japanese text (interface strings and prose), so
//! non-Latin text is always part of the workload. Output is deterministic: the same spec
//! writes the same bytes, so numbers taken on different days compare.

use std::fs;
use std::io;
use std::path::Path;

/// The project's own interface strings: a synthetic locale gets a full copy of one of them.
const EN_FTL: &str = include_str!("../../locales/en/site.ftl");
const JA_FTL: &str = include_str!("../../locales/ja/site.ftl");

/// Locale tags and native names. Even positions get English text, odd positions Japanese.
const LOCALES: &[(&str, &str)] = &[
    ("en", "English"),
    ("ja", "日本語"),
    ("fr", "Français"),
    ("ko", "한국어"),
    ("de", "Deutsch"),
    ("zh", "中文"),
    ("es", "Español"),
    ("ru", "Русский"),
    ("pt", "Português"),
    ("uk", "Українська"),
    ("it", "Italiano"),
    ("el", "Ελληνικά"),
    ("nl", "Nederlands"),
    ("th", "ไทย"),
    ("sv", "Svenska"),
    ("hi", "हिन्दी"),
    ("pl", "Polski"),
    ("bg", "Български"),
    ("tr", "Türkçe"),
    ("ka", "ქართული"),
    ("cs", "Čeština"),
    ("hy", "Հայերեն"),
    ("da", "Dansk"),
    ("mn", "Монгол"),
];

/// Fewest codes: enough for a basic code of every class, so every enhanced class has a
/// basic code to travel with.
pub const MIN_CODES: usize = 8;
/// Basic codes are `200`–`599`.
const MAX_BASIC: usize = 400;
/// Enhanced codes are numbered class (3) × subject (8) × detail (0–999).
const MAX_ENHANCED: usize = 3 * 8 * 1000;
/// Share of basic codes in percent, as in the shipped catalogue (34 of 125).
const BASIC_PERCENT: usize = 28;

/// How big a synthetic site is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    codes: usize,
    locales: usize,
}

impl Spec {
    pub fn new(codes: usize, locales: usize) -> Result<Spec, String> {
        if !(1..=LOCALES.len()).contains(&locales) {
            return Err(format!(
                "--locales must be between 1 and {}, got {locales}",
                LOCALES.len()
            ));
        }
        let max_codes = MAX_BASIC + MAX_ENHANCED;
        if !(MIN_CODES..=max_codes).contains(&codes) {
            return Err(format!(
                "--codes must be between {MIN_CODES} and {max_codes}, got {codes}"
            ));
        }
        Ok(Spec { codes, locales })
    }

    /// The smallest site with `locales` locales and at least `pages` pages.
    pub fn for_pages(pages: usize, locales: usize) -> Result<Spec, String> {
        let mut spec = Spec::new(MIN_CODES, locales)?;
        while spec.pages() < pages {
            spec = Spec::new(spec.codes + 1, locales)?;
        }
        Ok(spec)
    }

    pub fn codes(&self) -> usize {
        self.codes
    }

    pub fn locales(&self) -> usize {
        self.locales
    }

    pub fn basic(&self) -> usize {
        ((self.codes * BASIC_PERCENT + 50) / 100).clamp(4, MAX_BASIC)
    }

    pub fn enhanced(&self) -> usize {
        self.codes - self.basic()
    }

    /// Pair pages per locale: every pair within a family.
    pub fn pairs_per_locale(&self) -> usize {
        let pairs = |n: usize| n * n.saturating_sub(1) / 2;
        pairs(self.basic()) + pairs(self.enhanced())
    }

    /// Home, translation status and decoder + one page per code + one per pair.
    pub fn pages_per_locale(&self) -> usize {
        // home, translation status, decoder, then the code and pair pages
        3 + self.codes + self.pairs_per_locale()
    }

    /// Pages in all locales (the site-wide files, `index.html`, `sitemap.xml`, … not counted).
    pub fn pages(&self) -> usize {
        self.locales * self.pages_per_locale()
    }

    /// The locale tags, default (`en`) first.
    pub fn locale_tags(&self) -> Vec<&'static str> {
        LOCALES[..self.locales]
            .iter()
            .map(|(tag, _)| *tag)
            .collect()
    }
}

/// Writes the site root for `spec` into `root`, which must not exist or be empty (so a
/// typo cannot scatter files into a real directory). Returns the number of files written.
pub fn write_site(spec: &Spec, root: &Path) -> io::Result<usize> {
    refuse_non_empty(root)?;
    let catalogue = Catalogue::new(spec);
    let mut files = 0;
    let mut put = |relative: &str, text: &str| -> io::Result<()> {
        let path = root.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, text)?;
        files += 1;
        Ok(())
    };
    put("site.yaml", &site_yaml(spec))?;
    for (index, (tag, _)) in LOCALES[..spec.locales].iter().enumerate() {
        let script = Script::of_locale(index);
        put(&format!("locales/{tag}/site.ftl"), script.ftl())?;
        if index == 0 {
            continue; // English prose lives in content/.
        }
        for (i, code) in catalogue.codes.iter().enumerate() {
            let yaml = prose_yaml(&translation(script, code, i, index));
            put(&format!("locales/{tag}/codes/{}.yaml", code.id), &yaml)?;
        }
    }
    for (i, code) in catalogue.codes.iter().enumerate() {
        let mut rng = Rng::new(seed(i, 0));
        let text = code_yaml(code, &prose(Script::Latin, code, &mut rng));
        put(
            &format!("content/{}/{}.yaml", code.family(), code.id),
            &text,
        )?;
    }
    Ok(files)
}

fn refuse_non_empty(root: &Path) -> io::Result<()> {
    match fs::read_dir(root).map(|mut entries| entries.next().is_some()) {
        Ok(true) => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} exists and is not empty; give a new directory",
                root.display()
            ),
        )),
        Ok(false) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// The prose of code `i` in locale `index`. A Latin-script locale draws from the English
/// pools, and a field that came out as the English text would count as untranslated (and be
/// shown as English), so such a draw is redrawn.
fn translation(script: Script, code: &SynthCode, i: usize, index: usize) -> Prose {
    let english = prose(Script::Latin, code, &mut Rng::new(seed(i, 0)));
    let mut attempt = 0;
    loop {
        let mut rng = Rng::new(seed(i, index) ^ (attempt << 40));
        let translated = prose(script, code, &mut rng);
        if attempt >= 16 || !translated.shares_a_field_with(&english) {
            return translated;
        }
        attempt += 1;
    }
}

fn seed(code: usize, locale: usize) -> u64 {
    (code as u64) << 8 | locale as u64
}

fn site_yaml(spec: &Spec) -> String {
    let mut out = String::from(
        "# A synthetic site written by `cargo run --release --example synth`.\n\
         base_url: https://smtp-codes.example.org\ndefault_locale: en\nlocales:\n",
    );
    for (tag, name) in &LOCALES[..spec.locales] {
        out.push_str(&format!("  - code: {tag}\n    name: {name}\n"));
    }
    out
}

/// Which text a locale gets: English or Japanese.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Japanese,
}

impl Script {
    fn of_locale(index: usize) -> Script {
        if index.is_multiple_of(2) {
            Script::Latin
        } else {
            Script::Japanese
        }
    }

    fn ftl(self) -> &'static str {
        match self {
            Script::Latin => EN_FTL,
            Script::Japanese => JA_FTL,
        }
    }

    fn pools(self) -> &'static Pools {
        match self {
            Script::Latin => &EN,
            Script::Japanese => &JA,
        }
    }
}

/// One synthetic code: its facts, with references already resolved to code texts.
struct SynthCode {
    id: String,
    /// Basic codes only.
    stages: Vec<&'static str>,
    /// Enhanced codes only.
    basic: Vec<String>,
    related: Vec<String>,
    rfcs: Vec<(u32, &'static str)>,
    samples: Vec<String>,
}

impl SynthCode {
    fn family(&self) -> &'static str {
        if self.id.contains('.') {
            "enhanced"
        } else {
            "basic"
        }
    }
}

struct Catalogue {
    codes: Vec<SynthCode>,
}

impl Catalogue {
    fn new(spec: &Spec) -> Catalogue {
        let basic_ids: Vec<(usize, String)> = (0..spec.basic()).map(basic_id).collect();
        let enhanced_ids: Vec<(usize, String)> = (0..spec.enhanced()).map(enhanced_id).collect();
        let mut codes = Vec::with_capacity(spec.codes);
        for (j, (_, id)) in basic_ids.iter().enumerate() {
            let mut rng = Rng::new(seed(j, 0xb0));
            let stages = (0..1 + rng.below(2))
                .map(|_| *rng.pick(STAGES))
                .fold(Vec::new(), push_unique);
            codes.push(SynthCode {
                id: id.clone(),
                stages,
                basic: Vec::new(),
                related: related(j, &basic_ids, &mut rng),
                rfcs: rfcs(&mut rng),
                samples: samples(id, None, &mut rng),
            });
        }
        for (j, (class, id)) in enhanced_ids.iter().enumerate() {
            let mut rng = Rng::new(seed(j, 0xe0));
            // An enhanced code travels with basic codes of its class (class 2 also with 3xx).
            let fitting: Vec<&String> = basic_ids
                .iter()
                .filter(|(c, _)| *c == *class || (*class == 2 && *c == 3))
                .map(|(_, id)| id)
                .collect();
            let basic: Vec<String> = (0..1 + rng.below(3))
                .map(|_| (*rng.pick(&fitting)).clone())
                .fold(Vec::new(), push_unique);
            let first_basic = basic.first().cloned();
            codes.push(SynthCode {
                id: id.clone(),
                stages: Vec::new(),
                basic,
                related: related(j, &enhanced_ids, &mut rng),
                rfcs: rfcs(&mut rng),
                samples: samples(id, first_basic.as_deref(), &mut rng),
            });
        }
        Catalogue { codes }
    }
}

fn push_unique<T: PartialEq>(mut list: Vec<T>, item: T) -> Vec<T> {
    if !list.contains(&item) {
        list.push(item);
    }
    list
}

/// The `i`th basic code: classes interleaved (5, 2, 4, 3, …) so that any prefix mixes them,
/// the last two digits a permutation of 00–99 per class.
fn basic_id(i: usize) -> (usize, String) {
    let class = [5, 2, 4, 3][i % 4];
    let rest = (i / 4) * 37 % 100;
    (class, format!("{}", class * 100 + rest))
}

/// The `i`th enhanced code: class cycles 5, 4, 2; subject 0–7; detail counts up.
fn enhanced_id(i: usize) -> (usize, String) {
    let class = [5, 4, 2][i % 3];
    let subject = (i / 3) % 8;
    let detail = i / 24;
    (class, format!("{class}.{subject}.{detail}"))
}

/// 2–5 other codes of the same family (fewer if the family is smaller).
fn related(j: usize, family: &[(usize, String)], rng: &mut Rng) -> Vec<String> {
    let others = family.len().saturating_sub(1);
    let count = (2 + rng.below(4)).min(others);
    if count == 0 {
        return Vec::new();
    }
    let start = rng.below(others);
    (0..count)
        .map(|k| {
            let offset = 1 + (start + k) % others;
            family[(j + offset) % family.len()].1.clone()
        })
        .collect()
}

fn rfcs(rng: &mut Rng) -> Vec<(u32, &'static str)> {
    (0..1 + rng.below(2))
        .map(|_| *rng.pick(RFCS))
        .fold(Vec::new(), push_unique)
}

/// 1–3 sample replies; the third, when there is one, a multi-line reply with `550-`
/// continuation lines.
fn samples(id: &str, basic: Option<&str>, rng: &mut Rng) -> Vec<String> {
    let (prefix, continued) = match basic {
        Some(b) => (format!("{b} {id}"), format!("{b}-{id}")),
        None => (id.to_owned(), format!("{id}-")),
    };
    let count = 1 + rng.below(3);
    let mut out = Vec::with_capacity(count);
    for n in 0..count {
        let user = rng.pick(USERS);
        let text = rng.pick(REPLY_TEXTS);
        out.push(if n == 2 {
            format!(
                "{continued} This message was not delivered to <{user}>\n\
                 {continued} because: {text}. See the receiving site's\n\
                 {prefix} postmaster page for details."
            )
        } else {
            format!("{prefix} <{user}>: {text}")
        });
    }
    out
}

/// The prose of one code in one script.
struct Prose {
    name: String,
    summary: String,
    action: String,
    description: String,
    when: String,
    fix: String,
}

impl Prose {
    fn fields(&self) -> [&str; 6] {
        [
            &self.name,
            &self.summary,
            &self.action,
            &self.description,
            &self.when,
            &self.fix,
        ]
    }

    fn shares_a_field_with(&self, other: &Prose) -> bool {
        self.fields()
            .iter()
            .zip(other.fields())
            .any(|(a, b)| a.trim() == b.trim())
    }
}

fn prose(script: Script, code: &SynthCode, rng: &mut Rng) -> Prose {
    let pools = script.pools();
    let other = code
        .related
        .first()
        .map_or(code.id.as_str(), String::as_str);
    let (rfc, section) = code.rfcs.first().copied().unwrap_or((5321, "4.2.3"));
    let fill = |template: &str, rng: &mut Rng| {
        let command: &str = COMMANDS[rng.below(COMMANDS.len())];
        template
            .replace("{code}", &code.id)
            .replace("{other}", other)
            .replace("{cmd}", command)
            .replace("{rfc}", &rfc.to_string())
            .replace("{section}", section)
    };
    let sentences = |pool: &[&str], n: usize, rng: &mut Rng| -> String {
        let picked: Vec<String> = rng
            .distinct(pool.len(), n)
            .into_iter()
            .map(|i| fill(pool[i], rng))
            .collect();
        picked.join(pools.sentence_gap)
    };
    let name = format!(
        "{}{}{}",
        rng.pick(pools.name_subjects),
        pools.name_gap,
        rng.pick(pools.name_states)
    );
    let paragraphs = 2 + rng.below(2);
    let description = (0..paragraphs)
        .map(|_| {
            let n = 2 + rng.below(2);
            wrap(&sentences(pools.description, n, rng), script)
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    let list = |pool: &[&str], leads: &[&str], rng: &mut Rng| -> String {
        let items = 3 + rng.below(2);
        (0..items)
            .map(|_| {
                let lead = rng.pick(leads);
                let n = 1 + rng.below(3) / 2;
                let body = format!("{lead}{}", sentences(pool, n, rng));
                indent_item(&wrap(&body, script))
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    Prose {
        name,
        summary: wrap(&sentences(pools.summary, 1 + rng.below(2), rng), script),
        action: wrap(&sentences(pools.action, 1 + rng.below(2), rng), script),
        description,
        when: list(pools.when, pools.when_leads, rng),
        fix: list(pools.fix, pools.fix_leads, rng),
    }
}

/// Breaks text into source lines as a person would (about 90 columns), which is also what
/// makes the loader's line and column bookkeeping do real work.
fn wrap(text: &str, script: Script) -> String {
    let width = match script {
        Script::Latin => 90,
        Script::Japanese => 45,
    };
    let mut out = String::with_capacity(text.len() + text.len() / width);
    let mut column = 0;
    for ch in text.chars() {
        let breakable = match script {
            Script::Latin => ch == ' ',
            Script::Japanese => ch == '。' || ch == '、',
        };
        if breakable && column >= width {
            if script == Script::Japanese {
                out.push(ch);
            }
            out.push('\n');
            column = 0;
            continue;
        }
        out.push(ch);
        column += 1;
    }
    out
}

/// `- ` before the first line of a list item, two spaces before the others.
fn indent_item(text: &str) -> String {
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                format!("- {line}")
            } else {
                format!("  {line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` as the body of a YAML block scalar, indented by two spaces.
fn block(text: &str) -> String {
    text.lines()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!("  {line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn quoted_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| quoted(i)).collect();
    format!("[{}]", quoted.join(", "))
}

fn prose_yaml(p: &Prose) -> String {
    format!("name: {}\n{}", quoted(&p.name), prose_body_yaml(p))
}

/// The prose fields after `name`, in the order the shipped files use.
fn prose_body_yaml(p: &Prose) -> String {
    format!(
        "summary: >-\n{}\naction: >-\n{}\ndescription: |\n{}\nwhen: |\n{}\nfix: |\n{}\n",
        block(&p.summary),
        block(&p.action),
        block(&p.description),
        block(&p.when),
        block(&p.fix),
    )
}

fn code_yaml(code: &SynthCode, p: &Prose) -> String {
    let mut out = format!(
        "code: {}\nfamily: {}\nname: {}\nsources:\n",
        quoted(&code.id),
        code.family(),
        quoted(&p.name)
    );
    for (number, section) in &code.rfcs {
        out.push_str(&format!(
            "  - rfc: {number}\n    sections: [{}]\n    status: standard\n",
            quoted(section)
        ));
    }
    if code.family() == "basic" {
        out.push_str(&format!("stages: [{}]\n", code.stages.join(", ")));
    } else {
        out.push_str(&format!(
            "basic: {}\nstages: [rcpt]\n",
            quoted_list(&code.basic)
        ));
    }
    out.push_str(facts_yaml(code.id.chars().next().unwrap_or('5')));
    out.push_str(&format!(
        "related: {}\nsamples:\n",
        quoted_list(&code.related)
    ));
    for sample in &code.samples {
        if sample.contains('\n') {
            out.push_str(&format!("  - |-\n{}\n", block(&block(sample))));
        } else {
            out.push_str(&format!("  - {}\n", quoted(sample)));
        }
    }
    out.push_str(&prose_body_yaml(p));
    out
}

/// Facts as a site would write them for a code of `class` (2 to 5).
fn facts_yaml(class: char) -> &'static str {
    match class {
        '2' => "facts:\n  next: none\n  acts: [nobody]\n",
        '3' => "facts:\n  next: continue\n  acts: [nobody]\n",
        '4' => {
            "facts:\n  next: retry\n  retry_helps: yes\n  acts: [nobody, sender-admin]\n  cause: [system]\n"
        }
        _ => "facts:\n  next: bounce\n  acts: [sender]\n  cause: [policy]\n",
    }
}

/// A small deterministic generator (SplitMix64): reproducible sites without a dependency.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// `n` different numbers from `0..len` (all of them if `n` ≥ `len`), in random order.
    fn distinct(&mut self, len: usize, n: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..len).collect();
        let n = n.min(len);
        for i in 0..n {
            let j = i + self.below(len - i);
            all.swap(i, j);
        }
        all.truncate(n);
        all
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const STAGES: &[&str] = &[
    "connect", "helo", "mail", "rcpt", "data", "message", "bdat", "auth", "starttls", "vrfy",
    "expn", "help", "noop", "quit", "any",
];

const RFCS: &[(u32, &str)] = &[
    (5321, "4.2.3"),
    (5321, "3.3"),
    (5321, "4.5.3.1.10"),
    (3463, "3.8"),
    (3463, "3.2"),
    (4954, "6"),
    (7504, "4"),
    (3207, "4"),
    (7372, "3.2"),
    (6531, "3.6"),
];

const COMMANDS: &[&str] = &[
    "`RCPT TO`",
    "`MAIL FROM`",
    "`DATA`",
    "`EHLO`",
    "`AUTH`",
    "`STARTTLS`",
    "`BDAT`",
    "`VRFY`",
];

const USERS: &[&str] = &[
    "alice@example.com",
    "bob@mail.example.net",
    "carol@example.org",
    "dave@lists.example.com",
    "erin@example.co.jp",
    "frank@relay.example.net",
];

const REPLY_TEXTS: &[&str] = &[
    "Recipient address rejected: user unknown in local recipient table",
    "Service unavailable; client host [192.0.2.45] blocked using zen.example.org",
    "Mailbox full, try again later",
    "Requested action aborted: local error in processing",
    "Message size exceeds fixed limit",
    "Relay access denied",
    "Sender address rejected: domain not found",
    "Too many recipients for this message",
    "Authentication credentials invalid",
    "Must issue a STARTTLS command first",
];

/// Sentence and phrase pools of one script. `{code}`, `{other}`, `{cmd}`, `{rfc}` and
/// `{section}` are filled in per code.
struct Pools {
    sentence_gap: &'static str,
    name_gap: &'static str,
    name_subjects: &'static [&'static str],
    name_states: &'static [&'static str],
    summary: &'static [&'static str],
    action: &'static [&'static str],
    description: &'static [&'static str],
    when_leads: &'static [&'static str],
    when: &'static [&'static str],
    fix_leads: &'static [&'static str],
    fix: &'static [&'static str],
}

static EN: Pools = Pools {
    sentence_gap: " ",
    name_gap: " ",
    name_subjects: &[
        "Mailbox",
        "Destination Address",
        "Sender Address",
        "Message Size",
        "Relay Policy",
        "Network Route",
        "Mail System",
        "Security Policy",
        "Content Filter",
        "Authentication",
        "Delivery Queue",
        "Mailing List",
    ],
    name_states: &[
        "Unavailable",
        "Temporarily Unavailable",
        "Not Accepted",
        "Rejected by Policy",
        "Over Limit",
        "Misconfigured",
        "Unreachable; Will Retry",
        "Accepted; Will Forward",
        "Syntax Invalid",
        "Disabled",
    ],
    summary: &[
        "The receiving server answered {code} to {cmd}, which means it did not complete the request as given.",
        "Code {code} reports the state of the mailbox or the server at the moment the command was sent.",
        "The server uses {code} to tell the client that the transaction cannot continue in its current form.",
        "A reply of {code} is the server's way of saying that the message or the recipient was not handled as asked.",
        "Per RFC {rfc} §{section}, {code} describes the outcome of the last command in the session.",
    ],
    action: &[
        "Read the text after the code, which names the actual cause, before you change anything.",
        "Fix the cause named in the reply and send the message again; retrying unchanged will not help.",
        "Wait for the sending server to retry on its own; act only if the message stays queued for hours.",
        "Ask the recipient's administrator, through another channel, which rule rejected the message.",
        "Check your own server's logs for the queue ID to see what it sent when the reply came back.",
    ],
    description: &[
        "{code} is a reply to {cmd} defined in RFC {rfc} §{section}; it reports that the server refused or deferred the request and explains why in the text that follows.",
        "Servers differ in how strictly they follow the RFC, so the same situation can produce {code} on one system and {other} on another.",
        "The **class digit** says whether the condition is permanent or temporary, and the client must act on it: a permanent failure is bounced, a temporary one is queued and retried.",
        "In practice most large providers add an enhanced status code and a link to a help page, and the link is often the quickest way to the real cause.",
        "The text after the code is free-form; it is written for people, and software should not parse it beyond the code itself.",
        "Compare {code} with {other}: both appear at the same point of the session, but they call for a *different* response from the sender.",
        "Some servers send {code} only after the whole message has been received, which means the message size and content were already checked.",
        "A relay that receives {code} from the next hop has to turn it into a delivery status notification for the original sender, keeping the code and the text.",
        "When a server is overloaded it may send {code} to every command until its queue drains, and a well-behaved client backs off rather than reconnecting at once.",
        "The [RFC {rfc}](https://www.rfc-editor.org/rfc/rfc{rfc}) text is short on this point, which is why operators have filled the gap with conventions of their own.",
        "Logs on the sending side usually show {code} next to the remote host name and the queue ID, which is enough to find the matching line on the receiving side.",
        "Mail clients rarely show {code} directly; the user sees a bounce message that quotes it, often several hops away from the server that sent it.",
        "Greylisting, rate limits and reputation checks all produce replies that look like {code}, and only the text tells them apart.",
        "Because {code} can be sent at different stages, the command it answered matters as much as the code when you read a transcript.",
    ],
    when_leads: &[
        "**Sender:** ",
        "**Receiving admin:** ",
        "**In a log:** ",
        "",
    ],
    when: &[
        "The client sent {cmd} for an address that the server does not accept, and the server answered {code}.",
        "A forwarding rule points to a mailbox at another provider that has since been closed.",
        "The sending IP address is listed on a blocklist used by the receiving server.",
        "The message is larger than the limit the server announced in its `SIZE` extension.",
        "A mailing list expands to more recipients than the server accepts per transaction.",
        "The receiving server was being restarted or its disk was full when the message arrived.",
        "You see {code} in the transcript right after {cmd}, and the session ends with `QUIT`.",
        "The recipient's domain publishes a policy that the message failed, such as SPF or DMARC.",
    ],
    fix_leads: &[
        "**Sender:** ",
        "**Receiving admin:** ",
        "**Who acts:** ",
        "",
    ],
    fix: &[
        "Check the address for typos and send again only once it is correct; the same address will fail the same way.",
        "Leave the message in the queue: a temporary failure is retried automatically, and most clear within an hour.",
        "Search the server log for the queue ID to find which rule produced {code}, then correct the rule or add an exception.",
        "Contact the recipient through another channel and ask them to have their administrator look at the rejection.",
        "Publish correct SPF and DKIM records for your domain and align them for DMARC before you send again.",
        "Split the message or the recipient list into smaller parts that stay under the announced limits.",
        "Compare the situation with {other}; if that code fits better, follow its steps instead.",
        "Do not disable the check that fired; fix the cause so that legitimate mail passes it.",
    ],
};

static JA: Pools = Pools {
    sentence_gap: "",
    name_gap: "",
    name_subjects: &[
        "メールボックス",
        "宛先アドレス",
        "送信者アドレス",
        "メッセージサイズ",
        "リレーポリシー",
        "ネットワーク経路",
        "メールシステム",
        "セキュリティポリシー",
        "コンテンツフィルター",
        "認証",
        "配送キュー",
        "メーリングリスト",
    ],
    name_states: &[
        "が利用できない",
        "が一時的に利用できない",
        "が受け付けられない",
        "がポリシーにより拒否された",
        "が上限を超えた",
        "の設定に誤りがある",
        "に到達できない（再試行する）",
        "を受け付けた（転送する）",
        "の構文が正しくない",
        "が無効になっている",
    ],
    summary: &[
        "受信側サーバーは {cmd} に対して {code} を返しました。要求はそのままの形では完了していません。",
        "{code} は、コマンドが送られた時点でのメールボックスまたはサーバーの状態を報告するコードです。",
        "サーバーは {code} によって、現在の形ではトランザクションを続けられないことをクライアントに伝えます。",
        "{code} の応答は、メッセージまたは受信者が求められたとおりには処理されなかったことを表します。",
        "RFC {rfc} §{section} によれば、{code} はセッション内の直前のコマンドの結果を示します。",
    ],
    action: &[
        "何かを変更する前に、実際の原因が書かれているコードの後ろのテキストを読んでください。",
        "応答に示された原因を解消してから送り直してください。そのまま再送しても結果は変わりません。",
        "送信側サーバーが自動的に再試行するのを待ってください。数時間たってもキューに残る場合にだけ対応します。",
        "別の手段で受信者の管理者に連絡し、どの規則でメッセージが拒否されたかを確認してください。",
        "応答が返ってきたときに何を送っていたかを、自分のサーバーのログでキュー ID から確認してください。",
    ],
    description: &[
        "{code} は RFC {rfc} §{section} で定義された {cmd} への応答で、サーバーが要求を拒否または保留したことと、その理由を後続のテキストで伝えます。",
        "RFC への準拠の厳しさはサーバーによって異なるため、同じ状況でもあるシステムでは {code}、別のシステムでは {other} が返ることがあります。",
        "**クラスの数字**は状態が恒久的か一時的かを表し、クライアントはそれに従って動作しなければなりません。恒久的な失敗はバウンスされ、一時的な失敗はキューに入れられて再試行されます。",
        "実際には大手のプロバイダーの多くが拡張ステータスコードとヘルプページへのリンクを付けており、そのリンクが本当の原因への近道になることがよくあります。",
        "コードの後ろのテキストは自由形式で、人が読むためのものです。ソフトウェアはコード以外の部分を解析するべきではありません。",
        "{code} と {other} を比べてみてください。どちらもセッションの同じ時点で現れますが、送信者に求められる対応は*異なります*。",
        "メッセージ全体を受信した後にだけ {code} を返すサーバーもあります。その場合、メッセージのサイズと内容はすでに検査されています。",
        "次のホップから {code} を受け取った中継サーバーは、コードとテキストを保ったまま、元の送信者への配送状態通知に変換しなければなりません。",
        "過負荷のサーバーは、キューが空くまですべてのコマンドに {code} を返すことがあります。行儀のよいクライアントはすぐに再接続せず、間隔を空けます。",
        "この点について [RFC {rfc}](https://www.rfc-editor.org/rfc/rfc{rfc}) の記述は短く、そのため運用者が独自の慣習で補ってきました。",
        "送信側のログには通常、リモートホスト名とキュー ID とともに {code} が記録されており、受信側の対応する行を探すにはそれで十分です。",
        "メールクライアントが {code} をそのまま表示することはほとんどなく、利用者が目にするのはそれを引用したバウンスメールです。",
        "グレイリスティング、送信レート制限、評価の検査はいずれも {code} に似た応答を返し、区別できるのはテキストだけです。",
        "{code} はセッションのさまざまな段階で返されるため、記録を読むときはコードと同じくらい、どのコマンドへの応答だったかが重要です。",
    ],
    when_leads: &["**送信者:** ", "**受信側の管理者:** ", "**ログ:** ", ""],
    when: &[
        "クライアントがサーバーの受け付けないアドレスに {cmd} を送り、サーバーが {code} を返した場合。",
        "転送設定の転送先が、すでに閉鎖された他社のメールボックスになっている場合。",
        "送信元 IP アドレスが、受信側サーバーの使うブロックリストに掲載されている場合。",
        "メッセージが、サーバーが `SIZE` 拡張で通知した上限より大きい場合。",
        "メーリングリストの展開後の宛先数が、サーバーが 1 回のトランザクションで受け付ける数を超えた場合。",
        "メッセージの到着時に、受信側サーバーが再起動中だったかディスクが満杯だった場合。",
        "記録の {cmd} の直後に {code} があり、セッションが `QUIT` で終わっている場合。",
        "宛先ドメインが公開している SPF や DMARC などのポリシーに、メッセージが適合しなかった場合。",
    ],
    fix_leads: &[
        "**送信者:** ",
        "**受信側の管理者:** ",
        "**対応する人:** ",
        "",
    ],
    fix: &[
        "アドレスに誤りがないか確認し、正しくなってから送り直してください。同じアドレスでは同じように失敗します。",
        "メッセージはキューに残しておいてください。一時的な失敗は自動的に再試行され、ほとんどは 1 時間以内に解消します。",
        "サーバーのログをキュー ID で検索して {code} を返した規則を特定し、規則を修正するか例外を追加してください。",
        "別の手段で受信者に連絡し、管理者に拒否の理由を確認してもらうよう依頼してください。",
        "送り直す前に、自分のドメインの SPF と DKIM のレコードを正しく公開し、DMARC に合わせて整えてください。",
        "メッセージまたは宛先の一覧を、通知された上限に収まる小さな単位に分けてください。",
        "{other} と状況を比べ、そちらのほうが当てはまる場合はその手順に従ってください。",
        "反応した検査を無効にしないでください。正当なメールが通るよう、原因のほうを解消してください。",
    ],
};
