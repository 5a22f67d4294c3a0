//! Formats Fluent messages for a locale, falling back to the default locale for anything
//! missing, and treating every formatting error as a build error (fluent-bundle only
//! reports them in a vector and otherwise renders `{$var}` into the page).

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_bundle::{FluentArgs, FluentValue};
use fluent_syntax::ast;
use serde::Serialize;

use crate::error::{Diagnostic, Error, Location, RenderError, Result};
use crate::hash::BuildWideFnv;
use crate::load::locales::LocaleMessages;
use crate::markdown;

/// A string for the reader, with the language it is actually in when that differs from
/// the page's (a fallback), so templates can mark it with `lang`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Localized {
    pub text: String,
    /// `None` when the text is in the page's language.
    pub lang: Option<String>,
}

impl Localized {
    pub fn native(text: String) -> Self {
        Localized { text, lang: None }
    }
}

/// All locales' messages; index 0 is the default locale, the end of every fallback chain.
pub struct Localizer<'s> {
    locales: &'s [LocaleMessages],
    /// Per locale, in the order of `locales`: the messages made only of text and variables
    /// (`{ $a } vs { $b }`, most of those formatted on every pair page), split into their
    /// pieces once. Formatting one is then putting the pieces together, as fluent-bundle
    /// would (without isolation marks); Fluent's resolver was 10% of a large build.
    plain: Vec<HashMap<&'s str, Vec<Piece<'s>>, BuildWideFnv>>,
}

/// A piece of a message made of text and variables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece<'s> {
    Text(&'s str),
    Variable(&'s str),
}

/// Arguments for a message, as (name, value) pairs. Values that should select a variant
/// by number (`[2]`, `[5]`) are given as numbers; everything shown is given as text so
/// that codes like 5321 are never grouped as "5,321".
pub type Args<'a> = [(&'a str, Arg<'a>)];

#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    Text(&'a str),
    Number(u32),
}

impl<'s> Localizer<'s> {
    /// `locales` must start with the default locale.
    pub fn new(locales: &'s [LocaleMessages]) -> Self {
        let plain = locales.iter().map(plain_messages).collect();
        Localizer { locales, plain }
    }

    pub fn default_locale(&self) -> &str {
        self.locales.first().map_or("en", |l| l.code.as_str())
    }

    fn locale(&self, code: &str) -> Option<usize> {
        self.locales.iter().position(|l| l.code == code)
    }

    /// Formats message `id` in `lang`, or in the default locale if `lang` lacks it.
    pub fn format(&self, lang: &str, id: &str, args: &Args) -> Result<Localized> {
        let default = Some(0).filter(|_| self.locales.first().is_some_and(|d| d.code != lang));
        for index in self.locale(lang).into_iter().chain(default) {
            let locale = &self.locales[index];
            let plain = self.plain[index]
                .get(id)
                .and_then(|pieces| join_plain(pieces, args));
            let text = match plain {
                Some(text) => Some(text),
                None => format_in(locale, id, args)?,
            };
            if let Some(text) = text {
                let lang = (locale.code != lang).then(|| locale.code.clone());
                return Ok(Localized { text, lang });
            }
        }
        Err(RenderError::MissingMessage {
            id: id.to_owned(),
            default_locale: self.default_locale().to_owned(),
        }
        .into())
    }

    /// Like [`format`](Self::format), for callers that only need the text.
    pub fn text(&self, lang: &str, id: &str, args: &Args) -> Result<String> {
        self.format(lang, id, args).map(|l| l.text)
    }
}

/// `locale`'s messages made only of text and variables, by id, split into pieces.
fn plain_messages(locale: &LocaleMessages) -> HashMap<&str, Vec<Piece<'_>>, BuildWideFnv> {
    locale
        .defined_at
        .keys()
        .filter_map(|id| {
            let pattern = locale.bundle.get_message(id)?.value()?;
            Some((id.as_str(), plain_pieces(pattern)?))
        })
        .collect()
}

/// `pattern`'s pieces, if it has nothing but text and variables.
fn plain_pieces<'p>(pattern: &ast::Pattern<&'p str>) -> Option<Vec<Piece<'p>>> {
    pattern
        .elements
        .iter()
        .map(|element| match element {
            ast::PatternElement::TextElement { value } => Some(Piece::Text(value)),
            ast::PatternElement::Placeable {
                expression:
                    ast::Expression::Inline(ast::InlineExpression::VariableReference { id }),
            } => Some(Piece::Variable(id.name)),
            ast::PatternElement::Placeable { .. } => None,
        })
        .collect()
}

/// A plain message with `args` written in, as [`format_in`] formats it; `None` when a
/// variable is missing or a number (then `format_in` reports the error, or formats the
/// number as Fluent does).
fn join_plain<'a>(pieces: &[Piece<'a>], args: &Args<'a>) -> Option<String> {
    // Each piece as it is written in: the message's own text, or a value (`true`).
    let part = |piece: &Piece<'a>| -> Option<(&'a str, bool)> {
        match *piece {
            Piece::Text(t) => Some((t, false)),
            Piece::Variable(name) => match args.iter().find(|(n, _)| *n == name)?.1 {
                Arg::Text(value) => Some((value, true)),
                Arg::Number(_) => None,
            },
        }
    };
    let mut length = 0;
    let mut wide = false;
    for piece in pieces {
        let (text, _) = part(piece)?;
        length += text.len();
        wide |= markdown::may_contain_cjk(text);
    }
    // White space is only left out between two wide characters: without any, the
    // message is its pieces put together (every English one), and the joiner need not
    // look at each word of it.
    if !wide {
        let mut text = String::with_capacity(length);
        for piece in pieces {
            text.push_str(part(piece)?.0);
        }
        return Some(text);
    }
    let mut text = markdown::CjkJoiner::with_capacity(length + 16);
    for piece in pieces {
        let (part, value) = part(piece)?;
        text.push(part, value);
    }
    Some(text.finish())
}

/// The variables that `pattern` selects on (`{ $same -> ... }`), at any depth.
fn selector_variables<'p>(pattern: &'p ast::Pattern<&'p str>) -> Vec<&'p str> {
    let mut names = Vec::new();
    collect_selectors(pattern, &mut names);
    names
}

fn collect_selectors<'p>(pattern: &'p ast::Pattern<&'p str>, names: &mut Vec<&'p str>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            collect_expression_selectors(expression, names);
        }
    }
}

fn collect_expression_selectors<'p>(
    expression: &'p ast::Expression<&'p str>,
    names: &mut Vec<&'p str>,
) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            if let ast::InlineExpression::VariableReference { id } = selector {
                names.push(id.name);
            }
            for variant in variants {
                collect_selectors(&variant.value, names);
            }
        }
        ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
            collect_expression_selectors(expression, names);
        }
        ast::Expression::Inline(_) => {}
    }
}

fn format_in(locale: &LocaleMessages, id: &str, args: &Args) -> Result<Option<String>> {
    let Some(message) = locale.bundle.get_message(id) else {
        return Ok(None);
    };
    let Some(pattern) = message.value() else {
        return Ok(None);
    };
    let selectors = selector_variables(pattern);
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        let value = match *value {
            // A selector's value must match a variant key as it is.
            Arg::Text(t) if selectors.contains(name) => FluentValue::String(Cow::Borrowed(t)),
            // Other text is marked, so the spacing rule below leaves its inside alone.
            Arg::Text(t) => FluentValue::String(Cow::Owned(format!(
                "{}{t}{}",
                markdown::VALUE_START,
                markdown::VALUE_END
            ))),
            Arg::Number(n) => FluentValue::from(n),
        };
        fluent_args.set(*name, value);
    }
    let mut errors = Vec::new();
    let text = locale
        .bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned();
    if errors.is_empty() {
        // Translators may space placeables for readability; in Japanese a space between
        // two Japanese characters is never wanted in the output. Spaces inside a value
        // (a code's name, say) are the value's own and stay.
        return Ok(Some(markdown::join_cjk_lines(&text)));
    }
    let at = locale
        .defined_at
        .get(id)
        .cloned()
        .unwrap_or_else(|| Location::new(format!("locales/{}", locale.code), 1, 1));
    let reasons: Vec<String> = errors.iter().map(ToString::to_string).collect();
    Err(Error::single(Diagnostic::new(
        at,
        format!(
            "message `{id}` could not be formatted: {} (variables given: {})",
            reasons.join("; "),
            args.iter()
                .map(|(n, _)| format!("${n}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )))
}

/// Whether a message needs arguments: such messages are formatted per page, the others
/// once per locale into the interface strings.
pub fn uses_variables(pattern: &fluent_syntax::ast::Pattern<&str>) -> bool {
    use fluent_syntax::ast::PatternElement;
    pattern.elements.iter().any(|element| match element {
        PatternElement::TextElement { .. } => false,
        PatternElement::Placeable { expression } => expression_uses_variables(expression),
    })
}

fn expression_uses_variables(expression: &fluent_syntax::ast::Expression<&str>) -> bool {
    use fluent_syntax::ast::Expression;
    match expression {
        Expression::Select { .. } => true,
        Expression::Inline(inline) => inline_uses_variables(inline),
    }
}

fn inline_uses_variables(inline: &fluent_syntax::ast::InlineExpression<&str>) -> bool {
    use fluent_syntax::ast::InlineExpression;
    match inline {
        InlineExpression::VariableReference { .. } => true,
        InlineExpression::Placeable { expression } => expression_uses_variables(expression),
        InlineExpression::FunctionReference { arguments, .. } => {
            arguments.positional.iter().any(inline_uses_variables)
                || arguments
                    .named
                    .iter()
                    .any(|n| inline_uses_variables(&n.value))
        }
        _ => false,
    }
}

impl Localizer<'_> {
    /// Every message of the default locale that takes no arguments, formatted in `lang`
    /// (falling back where `lang` lacks it), keyed with `_` for `-`.
    pub fn static_messages(&self, lang: &str) -> Result<super::views::UiStrings> {
        let mut out = super::views::UiStrings::new();
        let Some(default) = self.locales.first() else {
            return Ok(out);
        };
        for id in default.message_ids() {
            let needs_args = default
                .bundle
                .get_message(id)
                .and_then(|m| m.value())
                .is_none_or(uses_variables);
            if !needs_args {
                out.insert(id.replace('-', "_"), self.format(lang, id, &[])?);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::locales::load_locales;

    fn locales(en: &str, ja: &str) -> (tempfile::TempDir, Vec<LocaleMessages>) {
        let tmp = tempfile::tempdir().unwrap();
        for (lang, text) in [("en", en), ("ja", ja)] {
            std::fs::create_dir_all(tmp.path().join(lang)).unwrap();
            std::fs::write(tmp.path().join(lang).join("site.ftl"), text).unwrap();
        }
        let locales = load_locales(tmp.path(), &["en".into(), "ja".into()])
            .ok()
            .unwrap();
        (tmp, locales)
    }

    #[test]
    fn plain_messages_are_formatted_as_fluent_formats_them() {
        // Every message of the shipped locales, with a value for each variable.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let messages = load_locales(&root, &["en".into(), "ja".into()])
            .ok()
            .unwrap();
        let mut compared = 0;
        for locale in &messages {
            for (id, pieces) in plain_messages(locale) {
                let names: Vec<&str> = pieces
                    .iter()
                    .filter_map(|p| match p {
                        Piece::Variable(name) => Some(*name),
                        Piece::Text(_) => None,
                    })
                    .collect();
                // Japanese values, and values without a wide character (joined without
                // the joiner when the message has none either).
                for value in ["値 値 5.7.1", "a  b 5.7.1 ", "—"] {
                    let args: Vec<(&str, Arg)> =
                        names.iter().map(|n| (*n, Arg::Text(value))).collect();
                    assert_eq!(
                        join_plain(&pieces, &args),
                        format_in(locale, id, &args).unwrap(),
                        "{} {id} {value}",
                        locale.code
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 100, "{compared}");
        // Multiline text, Japanese spacing, a variable twice.
        let (_tmp, messages) = locales(
            "m =\n    first { $a }\n    second { $a } { $b }\n",
            "m = { $a } と { $b } の比較\n",
        );
        for args in [
            [("a", Arg::Text("x y")), ("b", Arg::Text("日 本"))],
            [("a", Arg::Text("x  y")), ("b", Arg::Text(" z "))],
        ] {
            for locale in &messages {
                let plain = plain_messages(locale);
                let pieces = plain.get("m").expect("a plain message");
                assert_eq!(
                    join_plain(pieces, &args),
                    format_in(locale, "m", &args).unwrap()
                );
            }
        }
    }

    #[test]
    fn a_message_with_more_than_text_and_variables_goes_through_fluent() {
        let (_tmp, messages) = locales(
            "s = { $n ->\n    [1] one\n   *[other] many\n}\nt = { -term }\n-term = T\nq = { \"q\" }\n",
            "x = y\n",
        );
        let plain = plain_messages(&messages[0]);
        assert!(plain.is_empty(), "{plain:?}");
        // A missing variable is still Fluent's error.
        let (_tmp, messages) = locales("x = { $code } here\n", "y = z\n");
        assert!(Localizer::new(&messages).format("en", "x", &[]).is_err());
    }

    #[test]
    fn missing_messages_fall_back_and_say_so() {
        let (_tmp, messages) = locales("a = Hello\nb = World\n", "a = こんにちは\n");
        let l = Localizer::new(&messages);
        assert_eq!(
            l.format("ja", "a", &[]).unwrap(),
            Localized::native("こんにちは".into())
        );
        assert_eq!(
            l.format("ja", "b", &[]).unwrap(),
            Localized {
                text: "World".into(),
                lang: Some("en".into())
            }
        );
        assert!(l.format("ja", "nope", &[]).is_err());
    }

    #[test]
    fn no_isolation_marks_and_no_grouping() {
        let (_tmp, messages) = locales("rfc = RFC { $n } says { $what }\n", "x = y\n");
        let l = Localizer::new(&messages);
        let text = l
            .text(
                "en",
                "rfc",
                &[("n", Arg::Text("5321")), ("what", Arg::Text("ok"))],
            )
            .unwrap();
        assert_eq!(text, "RFC 5321 says ok");
    }

    #[test]
    fn spaces_around_placeables_go_but_spaces_inside_values_stay() {
        let (_tmp, messages) = locales(
            "x = y\n",
            "t = { $a } と { $b } の比較\ns = { $same ->\n    [yes] 同じ { $a }\n   *[no] 別\n}\n",
        );
        let l = Localizer::new(&messages);
        let args = [("a", Arg::Text("あ 一")), ("b", Arg::Text("550"))];
        assert_eq!(l.text("ja", "t", &args).unwrap(), "あ 一と 550 の比較");
        // A selector still matches its variant key, marks and all.
        let args = [("same", Arg::Text("yes")), ("a", Arg::Text("名 前"))];
        assert_eq!(l.text("ja", "s", &args).unwrap(), "同じ名 前");
    }

    #[test]
    fn a_missing_variable_is_an_error_not_a_silent_placeholder() {
        let (_tmp, messages) = locales("x = { $code } here\n", "y = z\n");
        let l = Localizer::new(&messages);
        let err = l.format("en", "x", &[]).unwrap_err();
        assert!(err.to_string().contains("site.ftl:1:1"), "{err}");
    }

    #[test]
    fn numbers_select_variants() {
        let (_tmp, messages) = locales(
            "o = { $class ->\n    [2] fine\n   *[5] broken\n}\n",
            "y = z\n",
        );
        let l = Localizer::new(&messages);
        assert_eq!(
            l.text("en", "o", &[("class", Arg::Number(2))]).unwrap(),
            "fine"
        );
        assert_eq!(
            l.text("en", "o", &[("class", Arg::Number(5))]).unwrap(),
            "broken"
        );
    }
}
