//! Whether two pages are the same page, whatever their bytes: both are parsed with
//! html5ever (through scraper) and written out as one canonical line per node, which must
//! be equal. Elements compare by name and attributes (in name order: minify-html sorts
//! them, so their order in the source means nothing); text compares after the whitespace
//! rules minify-html applies (minify-html-common's `spec::tag::whitespace`), since those
//! are the differences minify-html itself treats as meaningless: runs of whitespace are one
//! space except in `<pre>`, `<code>`, `<textarea>` and raw text; whitespace-only text goes
//! in layout elements (`<ul>`, `<div>`, `<head>`…); content and layout elements lose the
//! whitespace at the start of their first text and the end of their last. Comments are
//! left out (minify-html removes them).

use scraper::{Html, Node};

use smtpcodes::minify::{CONTENT, LAYOUT, WHITESPACE_SENSITIVE};

/// Whitespace kept exactly as it is: minify-html's whitespace-sensitive elements, and
/// raw text.
const RAW_TEXT: &[&str] = &["title", "script", "style"];

/// The page's nodes, one line each, indented by depth.
pub fn canonical(html: &str) -> String {
    let document = Html::parse_document(html);
    let mut out = String::new();
    write_children(&mut out, document.tree.root(), 0, None, false);
    out
}

fn write_children(
    out: &mut String,
    node: ego_tree::NodeRef<'_, Node>,
    depth: usize,
    element: Option<&str>,
    exact: bool,
) {
    let destroy = !exact && element.is_none_or(|e| LAYOUT.contains(&e));
    let trim = !exact && element.is_none_or(|e| LAYOUT.contains(&e) || CONTENT.contains(&e));
    // Text or element children, as (node, text after the whitespace rules).
    let mut kept: Vec<(ego_tree::NodeRef<'_, Node>, Option<String>)> = Vec::new();
    for child in node.children() {
        match child.value() {
            Node::Text(text) => {
                let text = if exact {
                    text.to_string()
                } else {
                    collapse(text)
                };
                // Adjacent text (split by a comment) is one text for minify-html.
                if let Some((_, Some(previous))) = kept.last_mut() {
                    previous.push_str(&text);
                    if !exact {
                        *previous = collapse(previous);
                    }
                    continue;
                }
                kept.push((child, Some(text)));
            }
            Node::Comment(_) | Node::ProcessingInstruction(_) => {}
            _ => kept.push((child, None)),
        }
    }
    if destroy {
        kept.retain(|(_, text)| text.as_deref() != Some(" ") && text.as_deref() != Some(""));
    }
    if trim {
        if let Some((_, Some(first))) = kept.first_mut() {
            *first = first
                .trim_start_matches(|c: char| c.is_ascii_whitespace())
                .to_owned();
        }
        if let Some((_, Some(last))) = kept.last_mut() {
            *last = last
                .trim_end_matches(|c: char| c.is_ascii_whitespace())
                .to_owned();
        }
    }
    for (child, text) in kept {
        match (text, child.value()) {
            (Some(text), _) if text.is_empty() => {}
            (Some(text), _) => line(out, depth, &format!("{text:?}")),
            (None, Node::Doctype(doctype)) => {
                line(out, depth, &format!("<!doctype {}>", doctype.name()))
            }
            (None, Node::Element(e)) => {
                let mut attrs: Vec<(&str, &str)> = e.attrs().collect();
                attrs.sort_unstable();
                let attrs: String = attrs
                    .iter()
                    .map(|(name, value)| format!(" {name}={value:?}"))
                    .collect();
                line(out, depth, &format!("<{}{attrs}>", e.name()));
                // With scripting on, as html5ever parses, `<noscript>` holds its markup as
                // text: compare that as the markup it is for a browser without scripts.
                if e.name() == "noscript" {
                    let markup: String = child
                        .children()
                        .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                        .collect();
                    let fragment = Html::parse_fragment(&markup);
                    for html in fragment.tree.root().children() {
                        write_children(out, html, depth + 1, Some("noscript"), false);
                    }
                    continue;
                }
                let exact = exact
                    || WHITESPACE_SENSITIVE.contains(&e.name())
                    || RAW_TEXT.contains(&e.name());
                write_children(out, child, depth + 1, Some(e.name()), exact);
            }
            (None, _) => write_children(out, child, depth, element, exact),
        }
    }
}

/// Runs of whitespace as one space.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

fn line(out: &mut String, depth: usize, text: &str) {
    for _ in 0..depth {
        out.push_str("  ");
    }
    out.push_str(text);
    out.push('\n');
}

/// Panics, showing where, unless `ours` and `whole` are the same page.
pub fn assert_same_page(label: &str, ours: &[u8], whole: &[u8]) {
    let ours = canonical(&String::from_utf8_lossy(ours));
    let whole = canonical(&String::from_utf8_lossy(whole));
    if ours == whole {
        return;
    }
    let at = ours
        .lines()
        .zip(whole.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| ours.lines().count().min(whole.lines().count()));
    let context = |text: &str| -> String {
        text.lines()
            .skip(at.saturating_sub(3))
            .take(6)
            .collect::<Vec<_>>()
            .join("\n")
    };
    panic!(
        "{label}: not the same page at node line {}:\n--- produced:\n{}\n--- minified whole:\n{}",
        at + 1,
        context(&ours),
        context(&whole)
    );
}
