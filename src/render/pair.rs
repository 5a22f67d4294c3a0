//! "A vs B" pages: the key difference first, then the two codes' facts side by side, a
//! hand-written comparison where there is one, both codes' sections, and where to go next.

use super::code;
use super::engine::{Renderer, ui_text};
use super::localizer::Arg;
use super::page::{OwnFragment, TemplatePage};
use super::views::{
    CodeView, ComparisonView, Html, Link, Source, SourceView, UiStrings, WhichItem,
};
use crate::error::Result;
use crate::hash::Fnv;
use crate::minify;
use crate::model::{Cited, Code, CodeId, Comparison, FactValue, SourceStatus};
use crate::plan::{self, LocalPage};

/// How many neighbouring pairs a pair page links to.
const LEARN_MORE_PAIRS: usize = 8;
/// How many sentences built from differing facts the key difference holds at most.
const KEY_SENTENCES: usize = 2;
/// The page the IANA registry sources link to.
const IANA_ENHANCED_CODES: &str = "https://www.iana.org/assignments/smtp-enhanced-status-codes/";

/// What a pair page says about one of its two codes, apart from the code's own view.
pub(super) struct PairLabels {
    /// "Everything about 251 User Not Local", to the code's page.
    pub(super) page: Link,
    /// "If you see 251 (User Not Local)", above the code's action.
    pub(super) which: String,
    /// Each RFC the code cites, with its "Read RFC 5321" link.
    pub(super) rfcs: Vec<(u32, Link)>,
    /// The pairs of this code with each code it lists as related: the other code, and the
    /// "250 vs 251" link to the pair.
    pub(super) neighbours: Vec<(CodeId, Link)>,
    /// Its clauses for the key difference of every pair it is part of.
    pub(super) clauses: KeyClauses,
    /// Its column head in the comparison table: the code, linked, and its name.
    pub(super) head: Part,
    /// Its cells in every row of the comparison table (see [`table_cells`]).
    pub(super) cells: Vec<Part>,
    /// A hash of everything of this code that the comparison table shows or looks at.
    pub(super) table_key: u64,
}

/// A piece of the comparison table as escaped HTML, and as minify-html writes it in place
/// (see [`minify::cell_content`]): minified once per locale, so a pair page's table is
/// assembled from pieces instead of going through Tera and minify-html on every page.
#[derive(Default)]
pub(super) struct Part {
    html: String,
    minified: String,
}

impl Part {
    fn new(html: String, tag: &str) -> Part {
        let minified = minify::cell_content(&html, tag);
        Part { html, minified }
    }

    fn hash_into(&self, key: &mut Fnv) {
        key.write_str(&self.html);
        key.write_str(&self.minified);
    }
}

/// A locale's words in the comparison table: the first column's head, the mark on a row
/// that differs, and each row's label by message id.
#[derive(Default)]
pub(super) struct TableLabels {
    fact: Part,
    differs: Part,
    rows: Vec<(&'static str, Part)>,
    /// A hash of all of them, for the keys of the pages that show the table.
    key: u64,
}

impl TableLabels {
    pub(super) fn new(ui: &UiStrings) -> TableLabels {
        let part = |id: &str| Part::new(tera::escape_html(&ui_text(ui, id)), "th");
        let mut ids: Vec<&'static str> = ROWS
            .iter()
            .flat_map(|row| [row.label("basic"), row.label("enhanced")])
            .collect();
        ids.dedup();
        let mut labels = TableLabels {
            fact: part("compare_fact"),
            differs: part("compare_differs"),
            rows: ids.into_iter().map(|id| (id, part(id))).collect(),
            key: 0,
        };
        let mut key = Fnv::wide();
        labels.fact.hash_into(&mut key);
        labels.differs.hash_into(&mut key);
        for (id, part) in &labels.rows {
            key.write_str(id);
            part.hash_into(&mut key);
        }
        labels.key = key.finish();
        labels
    }

    fn row(&self, id: &str) -> Option<&Part> {
        self.rows
            .iter()
            .find(|(row, _)| *row == id)
            .map(|(_, part)| part)
    }
}

/// One code's clauses for the key difference ("452 is temporary: …"), formatted once per
/// locale; a pair page picks those of the facts on which its two codes differ.
pub(super) struct KeyClauses {
    fate: String,
    /// Transient codes only.
    retry: Option<String>,
    /// Codes that name who acts / a cause.
    acts: Option<String>,
    cause: Option<String>,
    stage: String,
}

pub(super) fn page(r: &Renderer, locale: usize, ai: usize, bi: usize) -> Result<TemplatePage> {
    let data = &r.locales[locale];
    let lang = data.lang.as_str();
    let (a, b) = (&data.codes[ai], &data.codes[bi]);
    let names = [
        ("a", Arg::Text(&a.code)),
        ("a-name", Arg::Text(&a.name.text)),
        ("b", Arg::Text(&b.code)),
        ("b-name", Arg::Text(&b.name.text)),
    ];
    let title = r.text(lang, "pair-title", &names)?;
    let description = r.text(lang, "pair-description", &names)?;
    let page = LocalPage::Pair(&r.site.codes[ai].id, &r.site.codes[bi].id);
    let mut meta = r.meta(locale, page, title.clone(), &description);
    meta.noindex |= !r.plan.is_indexed(ai, bi);
    let family = r.site.codes[ai].id.family();
    let mut context = r.base_context(locale, meta, r.crumbs(locale, Some(family), &title));
    context.insert("key", &key_difference(r, locale, ai, bi)?);
    let caption = r.text(
        lang,
        "compare-caption",
        &[("a", Arg::Text(&a.code)), ("b", Arg::Text(&b.code))],
    )?;
    let table = comparison_table(r, locale, [ai, bi], &caption);
    let comparison = r.site.comparison(ai, bi);
    context.insert(
        "comparison",
        &comparison.map(|c| comparison_view(r, lang, c)),
    );
    if comparison.is_none() {
        // A hand-written comparison says what to do for each code; others list each
        // code's own advice.
        let which: Vec<WhichItem> = [(ai, a), (bi, b)]
            .into_iter()
            .map(|(i, c)| WhichItem {
                label: &data.labels[i].which,
                action: &c.action,
            })
            .collect();
        context.insert("which", &which);
    }
    context.insert("learn_more", &learn_more(r, locale, ai, bi));
    Ok(r.template_page(locale, "pair.html", context, vec![ai, bi])
        .with_fragment(table)
        .with_fragment(data.tools.own("tools")))
}

/// A clause about each of the two codes, for one fact on which they differ.
type Contrast<'c> = [&'c str; 2];

/// The key difference, stated first: up to [`KEY_SENTENCES`] sentences contrasting the
/// facts that differ, most consequential first (what happens to the mail, whether a retry
/// helps, who acts, why, when), then what both share, said once. Every sentence names both
/// codes, so none can stand on another pair's page.
fn key_difference(r: &Renderer, locale: usize, ai: usize, bi: usize) -> Result<String> {
    let data = &r.locales[locale];
    let lang = data.lang.as_str();
    let (a, b) = (&r.site.codes[ai], &r.site.codes[bi]);
    let views = [&data.codes[ai], &data.codes[bi]];
    let contrasts = contrasts([a, b], [&data.labels[ai].clauses, &data.labels[bi].clauses]);
    let mut sentences = Vec::new();
    for (i, [x, y]) in contrasts.iter().take(KEY_SENTENCES).enumerate() {
        let id = if i == 0 { "key-first" } else { "key-more" };
        sentences.push(r.text(
            lang,
            id,
            &[("a-clause", Arg::Text(x)), ("b-clause", Arg::Text(y))],
        )?);
    }
    let both = [
        ("a", Arg::Text(&views[0].code)),
        ("b", Arg::Text(&views[1].code)),
    ];
    if same_fate(a, b) {
        let next = [("next", Arg::Text(a.facts.next.as_str()))];
        sentences.push(r.text(lang, "key-both-fate", &[&both[..], &next[..]].concat())?);
    } else if views[0].stages == views[1].stages {
        let stages = [("stages", Arg::Text(&views[0].stages))];
        sentences.push(r.text(lang, "key-both-stage", &[&both[..], &stages[..]].concat())?);
    }
    if contrasts.is_empty() {
        let names = [
            ("a-name", Arg::Text(&views[0].name.text)),
            ("b-name", Arg::Text(&views[1].name.text)),
        ];
        sentences.push(r.text(
            lang,
            "key-only-condition",
            &[&both[..], &names[..]].concat(),
        )?);
    }
    Ok(sentences.join(&ui_text(&data.ui, "sentence_separator")))
}

fn same_fate(a: &Code, b: &Code) -> bool {
    a.facts.next == b.facts.next && a.outcome() == b.outcome()
}

/// Every fact on which the two codes differ, as a clause about each, in the order
/// [`key_difference`] states them.
fn contrasts<'c>(codes: [&Code; 2], clauses: [&'c KeyClauses; 2]) -> Vec<Contrast<'c>> {
    let [a, b] = codes;
    let [x, y] = clauses;
    let mut out = Vec::new();
    if !same_fate(a, b) {
        out.push([x.fate.as_str(), y.fate.as_str()]);
    }
    let differ = [
        a.facts.retry_helps != b.facts.retry_helps,
        a.facts.acts.first() != b.facts.acts.first(),
        a.facts.cause.first() != b.facts.cause.first(),
    ];
    let optional = [
        (&x.retry, &y.retry),
        (&x.acts, &y.acts),
        (&x.cause, &y.cause),
    ];
    for (differs, pair) in differ.into_iter().zip(optional) {
        if let (true, (Some(p), Some(q))) = (differs, pair) {
            out.push([p.as_str(), q.as_str()]);
        }
    }
    if x.stage != y.stage {
        out.push([x.stage.as_str(), y.stage.as_str()]);
    }
    out
}

/// `code`'s [`KeyClauses`] in `lang`.
fn key_clauses(r: &Renderer, lang: &str, code: &Code, view: &CodeView) -> Result<KeyClauses> {
    let clause = |id: &str, name: &str, value: &str| -> Result<String> {
        r.text(
            lang,
            id,
            &[
                ("code", Arg::Text(&view.code)),
                (name, Arg::Text(value)),
                ("outcome", Arg::Text(code.outcome().as_str())),
            ],
        )
    };
    let facts = &code.facts;
    Ok(KeyClauses {
        fate: clause("key-fate-clause", "next", facts.next.as_str())?,
        retry: facts
            .retry_helps
            .map(|v| clause("key-retry-clause", "retry", v.as_str()))
            .transpose()?,
        acts: facts
            .acts
            .first()
            .map(|v| clause("key-acts-clause", "actor", v.as_str()))
            .transpose()?,
        cause: facts
            .cause
            .first()
            .map(|v| clause("key-cause-clause", "cause", v.as_str()))
            .transpose()?,
        stage: clause("key-stage-clause", "stages", &view.stages)?,
    })
}

/// The rows of the comparison table, in order; a row is shown on a pair page when
/// [`Row::shown`] says so.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Row {
    Meaning,
    Class,
    Subject,
    Next,
    Retry,
    Acts,
    Sent,
    Cause,
    Companions,
    Defined,
}

const ROWS: [Row; 10] = [
    Row::Meaning,
    Row::Class,
    Row::Subject,
    Row::Next,
    Row::Retry,
    Row::Acts,
    Row::Sent,
    Row::Cause,
    Row::Companions,
    Row::Defined,
];

impl Row {
    /// The row's label: a message without variables, read from the locale's UI strings.
    fn label(self, family: &str) -> &'static str {
        match self {
            Row::Meaning => "row_meaning",
            Row::Class => "code_class",
            Row::Subject => "code_subject",
            Row::Next => "row_next",
            Row::Retry => "row_retry",
            Row::Acts => "row_acts",
            Row::Sent => "code_sent",
            Row::Cause => "row_cause",
            Row::Companions if family == "enhanced" => "code_used_with",
            Row::Companions => "code_enhanced_companions",
            Row::Defined => "code_defined_in",
        }
    }

    /// Subjects only for enhanced codes; whether a retry helps only when one is transient.
    fn shown(self, views: [&CodeView; 2]) -> bool {
        match self {
            Row::Subject => views.iter().all(|v| v.subject_label.is_some()),
            Row::Retry => views.iter().any(|v| v.class == 4),
            _ => true,
        }
    }
}

/// A code's column head: the code, linked to its page, and its name.
fn table_head(view: &CodeView) -> String {
    let lang = match &view.name.lang {
        Some(lang) => format!(" lang=\"{}\"", tera::escape_html(lang)),
        None => String::new(),
    };
    format!(
        "<a href=\"{}\">{}</a> <span{lang}>{}</span>",
        tera::escape_html(&view.href),
        tera::escape_html(&view.code),
        tera::escape_html(&view.name.text)
    )
}

/// A code's cell in every row of the comparison table, as escaped HTML: computed once per
/// locale and code, since a code's cells are the same on each of its ~100 pair pages.
pub(super) fn table_cells(view: &CodeView, separator: &str) -> Vec<String> {
    let text = |t: &str| {
        if t.is_empty() {
            "—".to_owned()
        } else {
            tera::escape_html(t)
        }
    };
    let link = |href: &str, label: &str| {
        format!(
            "<a href=\"{}\">{}</a>",
            tera::escape_html(href),
            tera::escape_html(label)
        )
    };
    // The class and subject link to their pages of RFC 3463 when the site has them, as
    // on the code's own page.
    let linked = |href: Option<&str>, label: &str| match href {
        Some(href) if !label.is_empty() => link(href, label),
        _ => text(label),
    };
    let links = |links: &mut dyn Iterator<Item = (&str, &str)>| -> String {
        let html: Vec<String> = links.map(|(href, label)| link(href, label)).collect();
        if html.is_empty() {
            "—".to_owned()
        } else {
            html.join(&tera::escape_html(separator))
        }
    };
    ROWS.iter()
        .map(|row| match row {
            Row::Meaning => match &view.summary.lang {
                Some(lang) => format!(
                    "<span lang=\"{}\">{}</span>",
                    tera::escape_html(lang),
                    view.summary.html
                ),
                None => view.summary.html.clone(),
            },
            Row::Class => linked(view.class_href.as_deref(), &view.class_label),
            Row::Subject => linked(
                view.subject_href.as_deref(),
                view.subject_label.as_deref().unwrap_or_default(),
            ),
            Row::Next => text(&view.facts.next),
            Row::Retry => text(&view.facts.retry),
            Row::Acts => text(&view.facts.acts),
            Row::Sent => text(&view.stages),
            Row::Cause => text(&view.facts.cause),
            Row::Companions => links(
                &mut view
                    .companions
                    .iter()
                    .map(|c| (c.href.as_str(), c.code.as_str())),
            ),
            Row::Defined => match defined_in(view) {
                DefinedIn::Standards(defining) => {
                    links(&mut defining.iter().map(|l| (l.href.as_str(), l.label.as_str())))
                }
                DefinedIn::Otherwise(statuses) => text(&statuses.join(separator)),
            },
        })
        .collect()
}

/// What the "Defined in" cell shows of a code: the standards that define it, linked; for a
/// code no standard defines, what its sources are instead ("provider practice, not a
/// standard"), background standards only when there is nothing else.
enum DefinedIn<'v> {
    Standards(Vec<&'v Link>),
    Otherwise(Vec<&'v str>),
}

fn defined_in(view: &CodeView) -> DefinedIn<'_> {
    let of = |kind: SourceStatus| view.sources.iter().filter(move |s| s.kind == kind);
    let defining: Vec<&Link> = of(SourceStatus::Standard).map(|s| &s.link).collect();
    if !defining.is_empty() {
        return DefinedIn::Standards(defining);
    }
    let others: Vec<&SourceView> = view
        .sources
        .iter()
        .filter(|s| s.kind != SourceStatus::Context)
        .collect();
    let shown = if others.is_empty() {
        view.sources.iter().collect()
    } else {
        others
    };
    let mut statuses: Vec<&str> = Vec::new();
    for source in shown {
        if !statuses.contains(&source.status.as_str()) {
            statuses.push(&source.status);
        }
    }
    DefinedIn::Otherwise(statuses)
}

/// The comparison table of codes `ai` and `bi`: what each means, then one row per fact,
/// the rows where they differ marked. Built from the pre-minified parts as minify-html
/// would write it, and as HTML only for pages minified whole (tests/splice.rs checks both
/// give the same page).
fn comparison_table(r: &Renderer, locale: usize, codes: [usize; 2], caption: &str) -> OwnFragment {
    let data = &r.locales[locale];
    let views = codes.map(|i| &data.codes[i]);
    let parts = codes.map(|i| &data.labels[i]);
    let labels = &data.table_labels;
    let (fact, differs_mark) = (&labels.fact, &labels.differs);
    let no_label = Part::default();
    let caption_html = tera::escape_html(caption);
    // Written into both, one piece at a time: `html` as written, `min` as minified.
    let mut html = String::new();
    let mut min = String::with_capacity(4096);
    let whole = r.whole;
    let mut push = |written: &[&str], minified: &[&str]| {
        if whole {
            written.iter().for_each(|s| html.push_str(s));
        }
        minified.iter().for_each(|s| min.push_str(s));
    };
    push(
        &[
            "<table class=\"compare\"><caption>",
            &caption_html,
            "</caption><thead><tr><th scope=\"col\">",
            &fact.html,
            "</th>",
        ],
        &[
            "<table class=compare><caption>",
            &minify::cell_content(&caption_html, "caption"),
            "</caption><thead><tr><th scope=col>",
            &fact.minified,
        ],
    );
    for part in parts {
        push(
            &["<th scope=\"col\">", &part.head.html, "</th>"],
            &["<th scope=col>", &part.head.minified],
        );
    }
    push(&["</tr></thead><tbody>"], &["<tbody>"]);
    for (i, row) in ROWS.iter().enumerate().filter(|(_, row)| row.shown(views)) {
        let [x, y] = [&parts[0].cells[i], &parts[1].cells[i]];
        // Two codes always mean different things: the facts below say how.
        let differs = *row != Row::Meaning && x.html != y.html;
        let label = labels.row(row.label(views[0].family)).unwrap_or(&no_label);
        let [a, b] = [&views[0].code, &views[1].code];
        let (tr, tr_min) = if differs {
            ("<tr class=\"differs\">", "<tr class=differs>")
        } else {
            ("<tr>", "<tr>")
        };
        push(
            &[tr, "<th scope=\"row\">", &label.html],
            &[tr_min, "<th scope=row>", &label.minified],
        );
        if differs {
            push(
                &[" <span class=\"tag\">", &differs_mark.html, "</span>"],
                &[" <span class=tag>", &differs_mark.minified, "</span>"],
            );
        }
        push(
            &[
                "</th><td data-label=\"",
                a,
                "\">",
                &x.html,
                "</td><td data-label=\"",
                b,
                "\">",
                &y.html,
                "</td></tr>",
            ],
            &[
                "<td data-label=",
                a,
                ">",
                &x.minified,
                "<td data-label=",
                b,
                ">",
                &y.minified,
            ],
        );
    }
    push(&["</tbody></table>"], &["</table>"]);
    // The table is made from these alone (the codes' parts, the locale's labels).
    let mut key = Fnv::wide();
    key.write_str(caption);
    key.write_u64(labels.key);
    for part in parts {
        key.write_u64(part.table_key);
    }
    OwnFragment::new("table", html, min, key.finish())
}

/// A hand-written comparison in `lang`, each field falling back to the default locale.
fn comparison_view(r: &Renderer, lang: &str, comparison: &Comparison) -> ComparisonView {
    let field = |name: &str, inline: bool| -> Html {
        let text = code::localized(&r.site.config.default_locale, lang, |l| {
            comparison.prose.get(l).and_then(|p| p.get(name))
        });
        code::markdown_html(text, inline)
    };
    ComparisonView {
        difference: field("difference", true),
        tell_apart: field("tell_apart", false),
        what_to_do: field("what_to_do", false),
        sources: comparison.sources.iter().map(|s| source(s)).collect(),
        // Sources are titles and section numbers as written in the source locale.
        sources_lang: (lang != r.site.config.default_locale)
            .then(|| r.site.config.default_locale.clone()),
    }
}

/// A source as written, linked when it names an RFC (`RFC 5321 §4.2.3`) or the IANA
/// registry of enhanced status codes.
fn source(written: &str) -> Source {
    let rfc = written.strip_prefix("RFC ").and_then(|rest| {
        let (number, section) = match rest.split_once(" §") {
            Some((n, s)) => (n, Some(s.trim())),
            None => (rest, None),
        };
        let number: u32 = number.trim().parse().ok()?;
        Some(plan::rfc_url(number, section))
    });
    let href = rfc.or_else(|| {
        written
            .starts_with("IANA SMTP Enhanced Status Codes registry")
            .then(|| IANA_ENHANCED_CODES.to_owned())
    });
    Source {
        label: written.to_owned(),
        href,
    }
}

/// Both codes' pages, up to [`LEARN_MORE_PAIRS`] of their related pairs, their RFCs:
/// borrowed from the codes' labels, which are made once per locale.
fn learn_more<'r>(r: &'r Renderer, locale: usize, ai: usize, bi: usize) -> Vec<&'r Link> {
    let data = &r.locales[locale];
    let codes = &r.site.codes;
    let mut links = vec![&data.labels[ai].page, &data.labels[bi].page];
    let (a, b) = (&codes[ai].id, &codes[bi].id);
    // Each code's related pairs, except the page's own pair.
    let neighbours = data.labels[ai]
        .neighbours
        .iter()
        .filter(|(other, _)| other != b)
        .chain(
            data.labels[bi]
                .neighbours
                .iter()
                .filter(|(other, _)| other != a),
        );
    for (_, link) in neighbours {
        if links.len() >= 2 + LEARN_MORE_PAIRS {
            break;
        }
        if !links.iter().any(|l| l.href == link.href) {
            links.push(link);
        }
    }
    let mut rfc_numbers: Vec<u32> = Vec::new();
    for (number, link) in data.labels[ai].rfcs.iter().chain(&data.labels[bi].rfcs) {
        if !rfc_numbers.contains(number) {
            rfc_numbers.push(*number);
            links.push(link);
        }
    }
    links
}

/// A hash of what the comparison table takes from a code: its column head and cells,
/// its code (each cell's `data-label`), and what decides which rows are shown and how
/// they are labelled (see [`comparison_table`]).
fn table_key(view: &CodeView, head: &Part, cells: &[Part]) -> u64 {
    let mut key = Fnv::wide();
    key.write_str(&view.code);
    key.write_str(view.family);
    key.write_u64(u64::from(view.class));
    key.write(&[u8::from(view.subject_label.is_some())]);
    head.hash_into(&mut key);
    for cell in cells {
        cell.hash_into(&mut key);
    }
    key.finish()
}

/// A code's labels on its pair pages (see [`PairLabels`]).
pub(super) fn labels(r: &Renderer, locale: usize, index: usize) -> Result<PairLabels> {
    let lang = r.locales[locale].lang.as_str();
    let view = &r.locales[locale].codes[index];
    let code_and_name = [
        ("code", Arg::Text(&view.code)),
        ("name", Arg::Text(&view.name.text)),
    ];
    let mut rfcs = Vec::new();
    let defining = r.site.codes[index]
        .sources
        .iter()
        .filter_map(|s| match &s.cited {
            Cited::Rfc(rfc) if s.status == SourceStatus::Standard => Some(rfc),
            _ => None,
        });
    for rfc in defining {
        let name = r.text(
            lang,
            "rfc",
            &[("number", Arg::Text(&rfc.number.to_string()))],
        )?;
        rfcs.push((
            rfc.number,
            Link {
                href: plan::rfc_url(rfc.number, None),
                label: r.text(lang, "learn-rfc", &[("rfc", Arg::Text(&name))])?,
            },
        ));
    }
    let code = &r.site.codes[index];
    let mut neighbours = Vec::new();
    for related in &code.related {
        let (x, y) = if &code.id < related {
            (&code.id, related)
        } else {
            (related, &code.id)
        };
        neighbours.push((
            related.clone(),
            Link {
                href: r.href(locale, LocalPage::Pair(&code.id, related)),
                label: r.text(
                    lang,
                    "learn-pair",
                    &[("a", Arg::Text(x.as_str())), ("b", Arg::Text(y.as_str()))],
                )?,
            },
        ));
    }
    let separator = ui_text(&r.locales[locale].ui, "list_separator");
    let head = Part::new(table_head(view), "th");
    let cells: Vec<Part> = table_cells(view, &separator)
        .into_iter()
        .map(|cell| Part::new(cell, "td"))
        .collect();
    Ok(PairLabels {
        clauses: key_clauses(r, lang, code, view)?,
        table_key: table_key(view, &head, &cells),
        head,
        cells,
        neighbours,
        page: Link {
            href: view.href.clone(),
            label: r.text(lang, "learn-code", &code_and_name)?,
        },
        which: r.text(lang, "which-item", &code_and_name)?,
        rfcs,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn tables_with_the_same_key_are_the_same_table() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = crate::load::load_site(root).expect("the shipped site loads");
        let plan = plan::plan(&site).expect("plans");
        let r = Renderer::new(&site, &plan).expect("sets up");
        let codes = site.codes.len().min(40);
        for locale in 0..r.locales.len() {
            let mut seen: HashMap<u64, String> = HashMap::new();
            for a in 0..codes {
                for b in (0..codes).filter(|&b| b != a) {
                    // One caption for all: the key must tell the tables apart by what
                    // they take from the codes.
                    let table = comparison_table(&r, locale, [a, b], "caption");
                    let earlier = seen.entry(table.key).or_insert(table.minified.clone());
                    assert_eq!(*earlier, table.minified, "{a} {b}");
                }
            }
            assert_eq!(seen.len(), codes * (codes - 1));
        }
    }
}
