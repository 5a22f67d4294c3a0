//! "A vs B" pages: the key difference first, then the two codes' facts side by side, a
//! hand-written comparison where there is one, both codes' sections, and where to go next.

use super::code;
use super::engine::Renderer;
use super::localizer::{Arg, Localized};
use super::page::TemplatePage;
use super::views::{
    CodeView, CompareCell, CompareRow, ComparisonView, Html, Link, Source, WhichItem,
};
use crate::error::Result;
use crate::markdown;
use crate::model::{Code, CodeId, Comparison, FactValue};
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
    let (ca, cb) = (&r.site.codes[ai], &r.site.codes[bi]);
    context.insert("key", &key_difference(r, lang, [ca, cb], [a, b])?);
    context.insert(
        "caption",
        &r.text(
            lang,
            "compare-caption",
            &[("a", Arg::Text(&a.code)), ("b", Arg::Text(&b.code))],
        )?,
    );
    context.insert(
        "pair",
        &[a, b].map(|c| Link {
            href: c.href.clone(),
            label: c.code.clone(),
        }),
    );
    context.insert("names", &[&a.name, &b.name]);
    context.insert("table", &compare_rows(r, lang, [a, b])?);
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
                label: data.labels[i].which.clone(),
                action: c.action.clone(),
            })
            .collect();
        context.insert("which", &which);
    }
    context.insert("learn_more", &learn_more(r, locale, ai, bi));
    Ok(r.template_page(locale, "pair.html", context, vec![ai, bi]))
}

/// A clause about each of the two codes, for one fact on which they differ.
type Contrast = [String; 2];

/// The key difference, stated first: up to [`KEY_SENTENCES`] sentences contrasting the
/// facts that differ, most consequential first (what happens to the mail, whether a retry
/// helps, who acts, why, when), then what both share, said once. Every sentence names both
/// codes, so none can stand on another pair's page.
fn key_difference(
    r: &Renderer,
    lang: &str,
    codes: [&Code; 2],
    views: [&CodeView; 2],
) -> Result<String> {
    let contrasts = contrasts(r, lang, codes, views)?;
    let mut sentences = Vec::new();
    for (i, [a, b]) in contrasts.iter().take(KEY_SENTENCES).enumerate() {
        let id = if i == 0 { "key-first" } else { "key-more" };
        sentences.push(r.text(
            lang,
            id,
            &[("a-clause", Arg::Text(a)), ("b-clause", Arg::Text(b))],
        )?);
    }
    let [a, b] = codes;
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
    let separator = r.text(lang, "sentence-separator", &[])?;
    Ok(sentences.join(&separator))
}

fn same_fate(a: &Code, b: &Code) -> bool {
    a.facts.next == b.facts.next && a.outcome() == b.outcome()
}

/// Every fact on which the two codes differ, as a clause about each, in the order
/// [`key_difference`] states them.
fn contrasts(
    r: &Renderer,
    lang: &str,
    codes: [&Code; 2],
    views: [&CodeView; 2],
) -> Result<Vec<Contrast>> {
    let [a, b] = codes;
    let clause = |i: usize, id: &str, name: &str, value: &str| -> Result<String> {
        r.text(
            lang,
            id,
            &[
                ("code", Arg::Text(&views[i].code)),
                (name, Arg::Text(value)),
                ("outcome", Arg::Text(codes[i].outcome().as_str())),
            ],
        )
    };
    let both = |id: &str, name: &str, values: [&str; 2]| -> Result<Contrast> {
        Ok([
            clause(0, id, name, values[0])?,
            clause(1, id, name, values[1])?,
        ])
    };
    let mut out = Vec::new();
    if !same_fate(a, b) {
        out.push(both(
            "key-fate-clause",
            "next",
            [a, b].map(|c| c.facts.next.as_str()),
        )?);
    }
    if let (Some(x), Some(y)) = (a.facts.retry_helps, b.facts.retry_helps)
        && x != y
    {
        out.push(both("key-retry-clause", "retry", [x.as_str(), y.as_str()])?);
    }
    if let (Some(x), Some(y)) = (a.facts.acts.first(), b.facts.acts.first())
        && x != y
    {
        out.push(both("key-acts-clause", "actor", [x.as_str(), y.as_str()])?);
    }
    if let (Some(x), Some(y)) = (a.facts.cause.first(), b.facts.cause.first())
        && x != y
    {
        out.push(both("key-cause-clause", "cause", [x.as_str(), y.as_str()])?);
    }
    if views[0].stages != views[1].stages {
        out.push(both(
            "key-stage-clause",
            "stages",
            [views[0].stages.as_str(), views[1].stages.as_str()],
        )?);
    }
    Ok(out)
}

/// The comparison table's rows: what each code means, then one row per fact.
fn compare_rows(r: &Renderer, lang: &str, views: [&CodeView; 2]) -> Result<Vec<CompareRow>> {
    let label = |id: &str| r.text(lang, id, &[]);
    let text = |f: &dyn Fn(&CodeView) -> &str| views.map(|v| cell(f(v).to_owned(), Vec::new()));
    let mut rows = vec![CompareRow {
        label: label("row-meaning")?,
        cells: views.map(|v| CompareCell {
            text: String::new(),
            links: Vec::new(),
            prose: Some(v.summary.clone()),
        }),
        // Two codes always mean different things: the facts below say how.
        differs: false,
    }];
    let mut fact = |label: String, cells: [CompareCell; 2]| {
        let differs = cells[0] != cells[1];
        rows.push(CompareRow {
            label,
            cells,
            differs,
        });
    };
    fact(label("code-class")?, text(&|v| &v.class_label));
    if let [Some(_), Some(_)] = views.map(|v| v.subject_label.as_ref()) {
        fact(
            label("code-subject")?,
            text(&|v| v.subject_label.as_deref().unwrap_or_default()),
        );
    }
    fact(label("row-next")?, text(&|v| &v.facts.next));
    if views.iter().any(|v| v.class == 4) {
        fact(label("row-retry")?, text(&|v| &v.facts.retry));
    }
    fact(label("row-acts")?, text(&|v| &v.facts.acts));
    fact(label("code-sent")?, text(&|v| &v.stages));
    fact(label("row-cause")?, text(&|v| &v.facts.cause));
    let companions_label = match views[0].family {
        "enhanced" => "code-used-with",
        _ => "code-enhanced-companions",
    };
    fact(
        label(companions_label)?,
        views.map(|v| {
            let links = v
                .companions
                .iter()
                .map(|c| Link {
                    href: c.href.clone(),
                    label: c.code.clone(),
                })
                .collect();
            cell(String::new(), links)
        }),
    );
    fact(
        label("code-defined-in")?,
        views.map(|v| cell(v.rfcs_text.clone(), v.rfcs.clone())),
    );
    Ok(rows)
}

fn cell(text: String, links: Vec<Link>) -> CompareCell {
    CompareCell {
        text,
        links,
        prose: None,
    }
}

/// A hand-written comparison in `lang`, each field falling back to the default locale.
fn comparison_view(r: &Renderer, lang: &str, comparison: &Comparison) -> ComparisonView {
    let field = |name: &str, inline: bool| -> Html {
        let text = code::localized(&r.site.config.default_locale, lang, |l| {
            comparison.prose.get(l).and_then(|p| p.get(name))
        });
        markdown_html(text, inline)
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

fn markdown_html(text: Localized, inline: bool) -> Html {
    let html = if inline {
        markdown::to_inline_html(&text.text)
    } else {
        markdown::to_html(&text.text)
    };
    Html {
        html,
        lang: text.lang,
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

/// Both codes' pages, up to [`LEARN_MORE_PAIRS`] of their related pairs, their RFCs.
fn learn_more(r: &Renderer, locale: usize, ai: usize, bi: usize) -> Vec<Link> {
    let data = &r.locales[locale];
    let codes = &r.site.codes;
    let mut links = vec![data.labels[ai].page.clone(), data.labels[bi].page.clone()];
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
            links.push(link.clone());
        }
    }
    let mut rfc_numbers: Vec<u32> = Vec::new();
    for (number, link) in data.labels[ai].rfcs.iter().chain(&data.labels[bi].rfcs) {
        if !rfc_numbers.contains(number) {
            rfc_numbers.push(*number);
            links.push(link.clone());
        }
    }
    links
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
    for rfc in &r.site.codes[index].rfcs {
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
    Ok(PairLabels {
        neighbours,
        page: Link {
            href: view.href.clone(),
            label: r.text(lang, "learn-code", &code_and_name)?,
        },
        which: r.text(lang, "which-item", &code_and_name)?,
        rfcs,
    })
}
