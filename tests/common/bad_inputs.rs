//! Bad inputs that `build` must reject, each a named change to the good fixture site:
//! those of tests/errors.rs and the located ones of tests/positions.rs. One table, so
//! tests/reliability.rs can feed every one of them to `check` as well and list them all
//! in RELIABILITY.md.

use super::{Fixture, code_path, group_yaml, write_providers};

/// One breakage of the fixture site.
pub struct BadInput {
    /// Short name, unique: the test that uses it looks it up by this.
    pub name: &'static str,
    /// What the change is, in words, for RELIABILITY.md.
    pub what: &'static str,
    /// The test file that asserts the exact error.
    pub from: &'static str,
    pub apply: fn(&Fixture),
}

/// Replaces the first `from` in `relative` by `to`.
pub fn edit(site: &Fixture, relative: &str, from: &str, to: &str) {
    let text = site.read(relative);
    assert!(text.contains(from), "{relative} has no {from:?}");
    site.write(relative, &text.replacen(from, to, 1));
}

/// A template of the project, as shipped.
pub fn project_template(name: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(super::PROJECT)
            .join("templates")
            .join(name),
    )
    .expect("project template")
}

/// Gives the site its own base.html: the shipped one with `from` replaced by `to`.
fn own_base_with(site: &Fixture, from: &str, to: &str) {
    let base = project_template("base.html");
    assert!(base.contains(from), "base.html has no {from:?}");
    site.write("templates/base.html", &base.replacen(from, to, 1));
}

/// The breakage named `name` (panics on a name not in [`ALL`]).
pub fn breakage(name: &str) -> fn(&Fixture) {
    ALL.iter()
        .find(|b| b.name == name)
        .unwrap_or_else(|| panic!("no bad input named {name}"))
        .apply
}

const ERRORS: &str = "tests/errors.rs";
const POSITIONS: &str = "tests/positions.rs";

pub const EN_FTL: &str = "locales/en/site.ftl";
pub const JA_FTL: &str = "locales/ja/site.ftl";
pub const JA_251: &str = "locales/ja/codes/251.yaml";
pub const MICROSOFT_ENTRY: &str = "content/providers/microsoft-5.7.606-5.7.649.yaml";
pub const FOLKLORE_ENTRY: &str = "content/providers/folklore-571.yaml";

pub const ALL: &[BadInput] = &[
    BadInput {
        name: "broken_yaml",
        what: "an unclosed flow sequence `related: [[` in a code file",
        from: ERRORS,
        apply: |s| edit(s, &code_path("521"), "related: [", "related: [[\n"),
    },
    BadInput {
        name: "unknown_field",
        what: "a misspelt field name `sampels` in a code file",
        from: ERRORS,
        apply: |s| edit(s, &code_path("521"), "samples:", "sampels:"),
    },
    BadInput {
        name: "misspelt_values",
        what: "misspelt values (`basik`, `rpct`) and a misspelt field in a translation",
        from: ERRORS,
        apply: |s| {
            edit(s, &code_path("521"), "family: basic", "family: basik");
            edit(s, &code_path("550"), "stages: [rcpt]", "stages: [rpct]");
            edit(s, JA_251, "summary:", "sumary:");
        },
    },
    BadInput {
        name: "missing_field",
        what: "a code file without its `name`",
        from: ERRORS,
        apply: |s| {
            edit(
                s,
                &code_path("521"),
                "name: Host Does Not Accept Mail\n",
                "",
            )
        },
    },
    BadInput {
        name: "duplicate_code",
        what: "the same code defined in two files",
        from: ERRORS,
        apply: |s| {
            let yaml = s.read(&code_path("521"));
            s.write("content/more/521.yaml", &yaml);
        },
    },
    BadInput {
        name: "code_that_is_a_path",
        what: "a code `../x` (a path, not a code)",
        from: ERRORS,
        apply: |s| edit(s, &code_path("521"), "code: \"521\"", "code: \"../x\""),
    },
    BadInput {
        name: "dangling_related_code",
        what: "a related code that is not defined",
        from: ERRORS,
        apply: |s| {
            edit(
                s,
                &code_path("521"),
                "related: [\"251\"",
                "related: [\"252\"",
            )
        },
    },
    BadInput {
        name: "fluent_syntax_error",
        what: "an unclosed placeable `{ $` in a Japanese message",
        from: ERRORS,
        apply: |s| edit(s, JA_FTL, "nav-home = ホーム", "nav-home = ホーム { $\n"),
    },
    BadInput {
        name: "fluent_unknown_variable",
        what: "a Japanese message using a variable the generator does not provide",
        from: ERRORS,
        apply: |s| {
            edit(
                s,
                JA_FTL,
                "which-item = { $code }「{ $name }」が返された場合",
                "which-item = { $cod }が返された場合",
            )
        },
    },
    BadInput {
        name: "template_syntax_error",
        what: "a template with an unclosed `{{ lead }`",
        from: ERRORS,
        apply: |s| {
            s.write(
                "templates/pair.html",
                "{% extends \"base.html\" %}\n{% block main %}\n{{ lead }\n{% endblock main %}\n",
            )
        },
    },
    BadInput {
        name: "template_render_error",
        what: "a template reading an undefined variable",
        from: ERRORS,
        apply: |s| {
            s.write(
                "templates/pair.html",
                "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ no_such_value }}</p>\n{% endblock main %}\n",
            )
        },
    },
    BadInput {
        name: "translation_of_no_code",
        what: "a translation file for a code that does not exist",
        from: ERRORS,
        apply: |s| s.write("locales/ja/codes/999.yaml", "name: x\n"),
    },
    BadInput {
        name: "three_problems",
        what: "three problems in three files at once",
        from: ERRORS,
        apply: |s| {
            edit(s, &code_path("521"), "samples:", "sampels:");
            edit(s, &code_path("501"), "samples:", "sampels:");
            edit(s, EN_FTL, "nav-home = Home", "nav-home = {");
        },
    },
    BadInput {
        name: "unclosed_quote",
        what: "an unclosed double quote on line 3 of a translation",
        from: POSITIONS,
        apply: |s| edit(s, JA_251, "action: 251", "action: \"251"),
    },
    BadInput {
        name: "unclosed_single_quote",
        what: "an unclosed single quote in a code file's name",
        from: POSITIONS,
        apply: |s| edit(s, &code_path("521"), "name: Host Does", "name: 'Host Does"),
    },
    BadInput {
        name: "duplicate_key",
        what: "a key given twice in a code file",
        from: POSITIONS,
        apply: |s| edit(s, &code_path("521"), "samples:", "name: Again\nsamples:"),
    },
    BadInput {
        name: "tab_indent",
        what: "a tab indenting a line of a code file",
        from: POSITIONS,
        apply: |s| edit(s, &code_path("521"), "  - rfc: 5321", "\t- rfc: 5321"),
    },
    BadInput {
        name: "bom_and_bad_code",
        what: "a byte-order mark, then a bad code on line 1 (the column after the mark)",
        from: POSITIONS,
        apply: |s| {
            let text = s
                .read(&code_path("521"))
                .replace("code: \"521\"", "code: \"../x\"");
            s.write(&code_path("521"), &format!("\u{feff}{text}"));
        },
    },
    BadInput {
        name: "fluent_missing_value",
        what: "a Fluent message with `=` and no value, followed by a blank line",
        from: POSITIONS,
        apply: |s| edit(s, JA_FTL, "nav-home = ホーム", "nav-home =\n"),
    },
    BadInput {
        name: "fluent_unclosed_placeable",
        what: "a Fluent placeable `{ $count` not closed at the end of its line",
        from: POSITIONS,
        apply: |s| edit(s, JA_FTL, "nav-home = ホーム", "nav-home = ホーム { $count"),
    },
    BadInput {
        name: "missing_include",
        what: "an `{% include %}` of a template that does not exist",
        from: POSITIONS,
        apply: |s| {
            s.write(
                "templates/pair.html",
                "{% extends \"base.html\" %}\n{% block main %}\n<p>x</p>\n{% include \"nope.html\" %}\n{% endblock main %}\n",
            )
        },
    },
    BadInput {
        name: "template_syntax_error_deep",
        what: "the site's own base.html, with an unclosed `{{ page.title }` in its `<title>` (line 6)",
        from: POSITIONS,
        apply: |s| {
            let base = project_template("base.html").replace(
                "<title>{{ page.title }}</title>",
                "<title>{{ page.title }</title>",
            );
            s.write("templates/base.html", &base);
        },
    },
    BadInput {
        name: "template_render_error_deep",
        what: "the site's own base.html, reading an undefined `site_motto` in its footer: pages \
               are rendered from the minified copy, the error is in the file as written",
        from: POSITIONS,
        apply: |s| {
            own_base_with(
                s,
                "{{ t.footer_note.text }}</p>",
                "{{ t.footer_note.text }}\n  {{ site_motto }}</p>",
            )
        },
    },
    BadInput {
        name: "english_message_deleted",
        what: "an English message a template shows (`site-name`) deleted",
        from: POSITIONS,
        apply: |s| {
            let text = s.read(EN_FTL);
            let kept: Vec<&str> = text
                .lines()
                .filter(|l| !l.starts_with("site-name ="))
                .collect();
            s.write(EN_FTL, &(kept.join("\n") + "\n"));
        },
    },
    BadInput {
        name: "english_message_unknown_variable",
        what: "an English message a template shows given a variable (`{ $brand }`)",
        from: POSITIONS,
        apply: |s| {
            let text = s.read(EN_FTL);
            let edited: Vec<String> = text
                .lines()
                .map(|l| {
                    if l.starts_with("site-name =") {
                        format!("{l} {{ $brand }}")
                    } else {
                        l.to_owned()
                    }
                })
                .collect();
            s.write(EN_FTL, &(edited.join("\n") + "\n"));
        },
    },
    BadInput {
        name: "locale_symlink",
        what: "locales/en/passwd.ftl, a symbolic link to /etc/passwd",
        from: POSITIONS,
        apply: |s| symlink("/etc/passwd", &s.root().join("locales/en/passwd.ftl")),
    },
    BadInput {
        name: "site_yaml_symlink",
        what: "site.yaml, a symbolic link to /etc/passwd",
        from: POSITIONS,
        apply: |s| {
            let path = s.root().join("site.yaml");
            std::fs::remove_file(&path).expect("remove site.yaml");
            symlink("/etc/passwd", &path);
        },
    },
    BadInput {
        name: "pair_of_unknown_code",
        what: "a hand-written comparison naming a code that does not exist",
        from: ERRORS,
        apply: |s| s.write("content/pairs/251-vs-599.yaml", &comparison("251", "599")),
    },
    BadInput {
        name: "pair_of_code_with_itself",
        what: "a hand-written comparison of a code with itself",
        from: ERRORS,
        apply: |s| s.write("content/pairs/251-vs-251.yaml", &comparison("251", "251")),
    },
    BadInput {
        name: "pair_across_families",
        what: "a hand-written comparison of a basic and an enhanced code",
        from: ERRORS,
        apply: |s| {
            s.write(
                "content/pairs/251-vs-5.1.1.yaml",
                &comparison("251", "5.1.1"),
            )
        },
    },
    BadInput {
        name: "pair_in_reverse_order",
        what: "a pair compared twice, the second time in the other order",
        from: ERRORS,
        apply: |s| {
            s.write("content/pairs/251-vs-521.yaml", &comparison("251", "521"));
            s.write("content/pairs/521-vs-251.yaml", &comparison("521", "251"));
        },
    },
    BadInput {
        name: "pair_twice",
        what: "a pair compared twice, in `.yaml` and `.yml` files",
        from: ERRORS,
        apply: |s| {
            s.write("content/pairs/251-vs-521.yaml", &comparison("251", "521"));
            s.write("content/pairs/251-vs-521.yml", &comparison("251", "521"));
        },
    },
    BadInput {
        name: "pair_without_sources",
        what: "a hand-written comparison with an empty `sources` list",
        from: ERRORS,
        apply: |s| {
            let text =
                comparison("251", "521").replace("sources: [\"RFC 5321 §4.2.2\"]", "sources: []");
            s.write("content/pairs/251-vs-521.yaml", &text);
        },
    },
    BadInput {
        name: "fact_value_outside_its_list",
        what: "a fact value not in its list (`next: bounced`)",
        from: ERRORS,
        apply: |s| edit(s, &code_path("521"), "next: bounce", "next: bounced"),
    },
    BadInput {
        name: "seen_with_code_without_page",
        what: "a basic code's `seen_with` naming an enhanced code that has no page",
        from: ERRORS,
        apply: |s| {
            edit(
                s,
                &code_path("550"),
                "stages: [rcpt]",
                "stages: [rcpt]\nseen_with: [\"5.1.9\"]",
            )
        },
    },
    BadInput {
        name: "source_without_status",
        what: "a source in a code file without its `status`",
        from: ERRORS,
        apply: |s| edit(s, &code_path("521"), "    status: standard\n", ""),
    },
    BadInput {
        name: "provider_source_without_link",
        what: "a provider-practice source with a title but no `url`",
        from: ERRORS,
        apply: |s| {
            edit(
                s,
                &code_path("521"),
                "  - rfc: 5321\n    sections: [\"4.2.3\"]\n    status: standard\n",
                "  - title: What our servers send\n    status: provider\n",
            )
        },
    },
    BadInput {
        name: "rfc_source_as_provider_practice",
        what: "an RFC source given the status `provider`",
        from: ERRORS,
        apply: |s| {
            edit(
                s,
                &code_path("521"),
                "    status: standard\n",
                "    status: provider\n",
            )
        },
    },
    BadInput {
        name: "glossary_entry_misspelt",
        what: "a glossary entry with a misspelt key (`prefered`)",
        from: ERRORS,
        apply: |s| {
            s.write(
                "locales/ja/glossary.yaml",
                "- english: authentication mechanism\n  prefered: 認証方式\n",
            )
        },
    },
    BadInput {
        name: "same_as_english_marks_nothing",
        what: "a `# same as English` comment followed by a blank line, marking no message",
        from: ERRORS,
        apply: |s| edit(s, JA_FTL, "nav-home = ", "# same as English\n\nnav-home = "),
    },
    BadInput {
        name: "same_as_english_on_unknown_message",
        what: "a `# same as English` mark on a message English does not have",
        from: ERRORS,
        apply: |s| {
            edit(
                s,
                JA_FTL,
                "nav-home = ",
                "# same as English\nnav-hom = Home\nnav-home = ",
            )
        },
    },
    BadInput {
        name: "prose_names_code_without_page",
        what: "prose naming an enhanced code that has no page",
        from: ERRORS,
        apply: |s| {
            edit(
                s,
                &code_path("521"),
                "Summary of 521: what the code means.",
                "Summary of 521: some servers send 5.9.9 instead.",
            )
        },
    },
    BadInput {
        name: "group_unknown_id",
        what: "a class page `6.X.XXX`, which RFC 3463 does not define",
        from: ERRORS,
        apply: |s| {
            s.write(
                "content/groups/6.X.XXX.yaml",
                &group_yaml("6.X.XXX", "Unknown Failure"),
            )
        },
    },
    BadInput {
        name: "group_id_not_file_name",
        what: "a class page whose `id` (4.X.XXX) is not its file's name (5.X.XXX.yaml)",
        from: ERRORS,
        apply: |s| {
            s.write(
                "content/groups/5.X.XXX.yaml",
                &group_yaml("4.X.XXX", "Persistent Transient Failure"),
            )
        },
    },
    BadInput {
        name: "group_source_without_status",
        what: "a source in a class page without its `status`",
        from: ERRORS,
        apply: |s| {
            s.write(
                "content/groups/5.X.XXX.yaml",
                &group_yaml("5.X.XXX", "Permanent Failure").replacen(
                    "    status: standard\n",
                    "",
                    1,
                ),
            )
        },
    },
    BadInput {
        name: "group_rfc_source_as_provider_practice",
        what: "an RFC source of a class page given the status `provider`",
        from: ERRORS,
        apply: |s| {
            s.write(
                "content/groups/5.X.XXX.yaml",
                &group_yaml("5.X.XXX", "Permanent Failure").replacen(
                    "    status: standard\n",
                    "    status: provider\n",
                    1,
                ),
            )
        },
    },
    BadInput {
        name: "provider_entry_without_its_own_page",
        what: "a provider entry whose only `provider` source is not on the provider's domains",
        from: ERRORS,
        apply: |s| {
            write_providers(s);
            edit(
                s,
                MICROSOFT_ENTRY,
                "https://learn.microsoft.com/",
                "https://learn.example.org/",
            )
        },
    },
    BadInput {
        name: "folklore_entry_without_a_page",
        what: "a folklore entry citing no `url` source of status `context`",
        from: ERRORS,
        apply: |s| {
            write_providers(s);
            edit(
                s,
                FOLKLORE_ENTRY,
                "  - url: https://example.org/why-571\n    title: \"folklore help: 571\"\n    status: context\n",
                "",
            )
        },
    },
    BadInput {
        name: "folklore_entry_without_standard",
        what: "a folklore entry with an empty `standard`",
        from: ERRORS,
        apply: |s| {
            write_providers(s);
            edit(
                s,
                FOLKLORE_ENTRY,
                "standard: [\"550\", \"5.7.1\"]",
                "standard: []",
            )
        },
    },
    BadInput {
        name: "provider_code_twice",
        what: "a second Microsoft entry whose code (5.7.640) is inside the range of the first",
        from: ERRORS,
        apply: |s| {
            write_providers(s);
            let text = s
                .read(MICROSOFT_ENTRY)
                .replace("code: \"5.7.606-5.7.649\"", "code: \"5.7.640\"");
            s.write("content/providers/microsoft-5.7.640.yaml", &text);
        },
    },
    BadInput {
        name: "provider_undeclared",
        what: "a provider entry naming a provider that providers.yaml does not declare",
        from: ERRORS,
        apply: |s| {
            write_providers(s);
            edit(
                s,
                MICROSOFT_ENTRY,
                "provider: microsoft",
                "provider: microsoft-365",
            )
        },
    },
    BadInput {
        name: "provider_without_name",
        what: "a provider declared without its English name `provider-<id>` in site.ftl",
        from: ERRORS,
        apply: |s| {
            write_providers(s);
            edit(
                s,
                "content/providers.yaml",
                "folklore:",
                "acme:\n  domains: [acme.example]\nfolklore:",
            )
        },
    },
    BadInput {
        name: "provider_mark_too_short",
        what: "a provider mark too short to tell its replies from others (`ms`)",
        from: ERRORS,
        apply: |s| {
            write_providers(s);
            edit(
                s,
                "content/providers.yaml",
                "  domains: [microsoft.com, office.com]",
                "  domains: [microsoft.com, office.com]\n  marks: [ms]",
            )
        },
    },
    BadInput {
        name: "provider_code_malformed",
        what: "a provider entry's range given high code first (`5.7.649-5.7.606`)",
        from: ERRORS,
        apply: |s| {
            write_providers(s);
            edit(
                s,
                MICROSOFT_ENTRY,
                "\"5.7.606-5.7.649\"",
                "\"5.7.649-5.7.606\"",
            )
        },
    },
    BadInput {
        name: "provider_entry_misnamed",
        what: "a provider entry in a file not named `<provider>-<code>`",
        from: ERRORS,
        apply: |s| {
            write_providers(s);
            let text = s.read(MICROSOFT_ENTRY);
            std::fs::remove_file(s.root().join(MICROSOFT_ENTRY)).expect("remove");
            s.write("content/providers/microsoft-banned-ip.yaml", &text);
        },
    },
    BadInput {
        name: "provider_standard_without_page",
        what: "a provider entry's `standard` naming a code that has no page",
        from: ERRORS,
        apply: |s| {
            write_providers(s);
            edit(
                s,
                MICROSOFT_ENTRY,
                "[\"550\", \"5.7.1\"]",
                "[\"550\", \"5.7.9\"]",
            )
        },
    },
    BadInput {
        name: "provider_entry_without_replies",
        what: "a provider entry with an empty `replies` list",
        from: ERRORS,
        apply: |s| {
            write_providers(s);
            let text = s.read(MICROSOFT_ENTRY);
            let start = text.find("replies:\n").expect("replies");
            let end = text.find("standard:").expect("standard");
            s.write(
                MICROSOFT_ENTRY,
                &format!("{}replies: []\n{}", &text[..start], &text[end..]),
            );
        },
    },
    BadInput {
        name: "provider_reply_too_long",
        what: "a provider entry quoting a reply of 301 characters",
        from: ERRORS,
        apply: |s| {
            write_providers(s);
            let long = format!("550 5.7.606 {}", "x".repeat(289));
            edit(
                s,
                MICROSOFT_ENTRY,
                "  - \"550 5.7.606 Access denied",
                &format!("  - \"{long}\"\n  - \"550 5.7.606 Access denied"),
            )
        },
    },
    BadInput {
        name: "provider_entry_unknown_field",
        what: "a misspelt field `replys` in a provider entry",
        from: ERRORS,
        apply: |s| {
            write_providers(s);
            edit(s, MICROSOFT_ENTRY, "replies:", "replys:")
        },
    },
    BadInput {
        name: "provider_entry_fact_outside_its_list",
        what: "a provider entry's fact not in its list (`next: bounced`)",
        from: ERRORS,
        apply: |s| {
            write_providers(s);
            edit(s, MICROSOFT_ENTRY, "next: bounce", "next: bounced")
        },
    },
];

/// A valid hand-written comparison of `a` and `b` (as given, in that order).
pub fn comparison(a: &str, b: &str) -> String {
    format!(
        "a: \"{a}\"\nb: \"{b}\"\ndifference: >-\n  What separates {a} from {b}.\ntell_apart: |\n  - How to tell.\nwhat_to_do: |\n  - What to do.\nsources: [\"RFC 5321 §4.2.2\"]\n"
    )
}

#[cfg(unix)]
fn symlink(target: &str, link: &std::path::Path) {
    std::os::unix::fs::symlink(target, link).expect("symlink");
}

#[cfg(not(unix))]
fn symlink(_target: &str, link: &std::path::Path) {
    // No symlinks to make: a file that is at least as bad for the build.
    std::fs::write(link, "not fluent {").expect("write");
}
