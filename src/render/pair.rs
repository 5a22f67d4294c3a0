//! "A vs B" pages: the two codes side by side, what separates them, and where to go next.

use super::engine::{Renderer, join_list};
use super::localizer::Arg;
use super::page::TemplatePage;
use super::views::{self, CodeView, Link, WhichItem};
use crate::error::Result;
use crate::model::CodeId;
use crate::plan::{self, LocalPage};

/// How many neighbouring pairs a pair page links to.
const LEARN_MORE_PAIRS: usize = 8;
/// How many companion codes a "key differences" sentence names; the code page lists all.
const MAX_COMPANIONS_IN_SENTENCE: usize = 4;

/// What a pair page says about one of its two codes, apart from the code's own view.
pub(super) struct PairLabels {
    /// "Everything about 251 User Not Local", to the code's page.
    pub(super) page: Link,
    /// "If you see 251 (User Not Local):", before the code's action.
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
    let title = r.text(
        lang,
        "pair-title",
        &[
            ("a", Arg::Text(&a.code)),
            ("a-name", Arg::Text(&a.name.text)),
            ("b", Arg::Text(&b.code)),
            ("b-name", Arg::Text(&b.name.text)),
        ],
    )?;
    let description = r.text(
        lang,
        "pair-description",
        &[
            ("a", Arg::Text(&a.code)),
            ("a-name", Arg::Text(&a.name.text)),
            ("b", Arg::Text(&b.code)),
            ("b-name", Arg::Text(&b.name.text)),
        ],
    )?;
    let page = LocalPage::Pair(&r.site.codes[ai].id, &r.site.codes[bi].id);
    let mut meta = r.meta(locale, page, title.clone(), &description);
    meta.noindex |= !r.plan.is_indexed(ai, bi);
    let family = r.site.codes[ai].id.family();
    let mut context = r.base_context(locale, meta, r.crumbs(locale, Some(family), &title));
    let same_class = if a.class == b.class { "yes" } else { "no" };
    let lead = r.text(
        lang,
        "pair-lead",
        &[
            ("same", Arg::Text(same_class)),
            ("a", Arg::Text(&a.code)),
            ("a-class", Arg::Text(&a.class_label)),
            ("b", Arg::Text(&b.code)),
            ("b-class", Arg::Text(&b.class_label)),
        ],
    )?;
    context.insert("lead", &lead);
    // Only what the summary list shows: the sections come pre-rendered.
    let gist = [a, b].map(|c| views::CodeGist {
        code: &c.code,
        summary: &c.summary,
    });
    context.insert("codes", &gist);
    context.insert("differences", &differences(r, lang, a, b)?);
    let which: Vec<WhichItem> = [(ai, a), (bi, b)]
        .into_iter()
        .map(|(i, c)| WhichItem {
            label: data.labels[i].which.clone(),
            action: c.action.clone(),
        })
        .collect();
    context.insert("which", &which);
    context.insert("learn_more", &learn_more(r, locale, ai, bi));
    Ok(r.template_page(locale, "pair.html", context, vec![ai, bi]))
}

/// The numbered "key differences": only facts the lead and sections do not already
/// state (the seed pages repeated the lead here).
fn differences(r: &Renderer, lang: &str, a: &CodeView, b: &CodeView) -> Result<Vec<String>> {
    let mut out = Vec::new();
    if a.class != b.class {
        out.push(r.text(
            lang,
            "diff-outcome",
            &[
                ("a", Arg::Text(&a.code)),
                ("a-outcome", Arg::Text(&a.outcome)),
                ("b", Arg::Text(&b.code)),
                ("b-outcome", Arg::Text(&b.outcome)),
            ],
        )?);
    }
    if let (Some(sa), Some(sb)) = (&a.stages, &b.stages) {
        out.push(r.text(
            lang,
            "diff-stage",
            &[
                ("same", Arg::Text(yes_no(sa == sb))),
                ("a", Arg::Text(&a.code)),
                ("a-stages", Arg::Text(sa)),
                ("b", Arg::Text(&b.code)),
                ("b-stages", Arg::Text(sb)),
            ],
        )?);
    }
    if let (Some(sa), Some(sb)) = (&a.subject_label, &b.subject_label) {
        let (na, nb) = (subject_number(&a.code), subject_number(&b.code));
        out.push(r.text(
            lang,
            "diff-subject",
            &[
                ("same", Arg::Text(yes_no(na == nb))),
                ("a", Arg::Text(&a.code)),
                ("a-subject", Arg::Text(sa)),
                ("a-number", Arg::Text(na)),
                ("b", Arg::Text(&b.code)),
                ("b-subject", Arg::Text(sb)),
                ("b-number", Arg::Text(nb)),
            ],
        )?);
    }
    if !a.companions.is_empty() && !b.companions.is_empty() {
        // Basic codes list the enhanced codes seen with them (possibly many: show a
        // few, "such as"); enhanced codes list the basic replies that carry them.
        let (id, joiner) = if a.family == "basic" {
            ("diff-basic-companions", "list-and")
        } else {
            ("diff-enhanced-companions", "list-or")
        };
        let list = |lang: &str, items: &[String]| join_list(&r.localizer, lang, joiner, items);
        let codes = |c: &CodeView| -> Vec<String> {
            c.companions
                .iter()
                .take(MAX_COMPANIONS_IN_SENTENCE)
                .map(|l| l.code.clone())
                .collect()
        };
        out.push(r.text(
            lang,
            id,
            &[
                ("a", Arg::Text(&a.code)),
                ("a-codes", Arg::Text(&list(lang, &codes(a))?)),
                ("b", Arg::Text(&b.code)),
                ("b-codes", Arg::Text(&list(lang, &codes(b))?)),
            ],
        )?);
    }
    out.push(r.text(
        lang,
        "diff-rfcs",
        &[
            ("same", Arg::Text(yes_no(a.rfcs_text == b.rfcs_text))),
            ("a", Arg::Text(&a.code)),
            ("a-rfcs", Arg::Text(&a.rfcs_text)),
            ("b", Arg::Text(&b.code)),
            ("b-rfcs", Arg::Text(&b.rfcs_text)),
        ],
    )?);
    Ok(out)
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

fn yes_no(same: bool) -> &'static str {
    if same { "yes" } else { "no" }
}

fn subject_number(code: &str) -> &str {
    code.split('.').nth(1).unwrap_or("")
}
