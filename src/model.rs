//! The validated model: what the rest of the build may rely on. No IO here.
//!
//! Raw serde structs live in `load`; they become these types only through constructors
//! that refuse invalid states, so a `CodeId` can be used as a path segment without
//! further checks.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// The two kinds of SMTP codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// Three-digit reply codes (RFC 5321 §4.2).
    Basic,
    /// `class.subject.detail` status codes (RFC 3463).
    Enhanced,
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Basic => "basic",
            Family::Enhanced => "enhanced",
        }
    }
}

/// A valid SMTP code: `\d{3}` with first digit 2–5, or `c.s.d` with class 2, 4 or 5 and
/// subject and detail 0–999 without leading zeros. Safe to use as a URL and path segment.
/// Orders numerically: 251 < 521, 5.1.1 < 5.1.10 < 5.7.1; basic codes before enhanced.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CodeId {
    text: String,
    family: Family,
    numbers: [u16; 3],
}

impl CodeId {
    pub fn parse(text: &str) -> Result<CodeId, String> {
        Self::parse_basic(text)
            .or_else(|| Self::parse_enhanced(text))
            .ok_or_else(|| {
                format!(
                    "`{}` is not an SMTP code: expected three digits such as `251` \
                     (first digit 2–5) or an enhanced status code such as `5.1.1` (class 2, 4 or 5)",
                    text.escape_debug()
                )
            })
    }

    fn parse_basic(text: &str) -> Option<CodeId> {
        let bytes = text.as_bytes();
        let valid = bytes.len() == 3
            && bytes.iter().all(u8::is_ascii_digit)
            && (b'2'..=b'5').contains(&bytes[0]);
        valid.then(|| CodeId {
            text: text.to_owned(),
            family: Family::Basic,
            numbers: [u16::from(bytes[0] - b'0'), text.parse().unwrap_or(0), 0],
        })
    }

    fn parse_enhanced(text: &str) -> Option<CodeId> {
        let mut parts = text.split('.');
        let (class, subject, detail) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || !matches!(class, "2" | "4" | "5") {
            return None;
        }
        let number = |part: &str| -> Option<u16> {
            let ok = !part.is_empty()
                && part.len() <= 3
                && part.bytes().all(|b| b.is_ascii_digit())
                && (part == "0" || !part.starts_with('0'));
            ok.then(|| part.parse().ok()).flatten()
        };
        Some(CodeId {
            text: text.to_owned(),
            family: Family::Enhanced,
            numbers: [number(class)?, number(subject)?, number(detail)?],
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn family(&self) -> Family {
        self.family
    }

    /// The class digit: 2, 3, 4 or 5.
    pub fn class(&self) -> u16 {
        self.numbers[0]
    }

    /// The subject of an enhanced code (the `1` of `5.1.1`); for a basic code the second
    /// digit, which RFC 5321 §4.2.1 also calls a category.
    pub fn subject(&self) -> u16 {
        match self.family {
            Family::Basic => (self.numbers[1] / 10) % 10,
            Family::Enhanced => self.numbers[1],
        }
    }
}

impl Ord for CodeId {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.family, self.numbers).cmp(&(other.family, other.numbers))
    }
}

impl PartialOrd for CodeId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for CodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// When in an SMTP session a basic reply is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    Connect,
    Helo,
    Mail,
    Rcpt,
    Data,
    Message,
    Bdat,
    Auth,
    Starttls,
    Etrn,
    Atrn,
    Vrfy,
    Expn,
    Help,
    Noop,
    Quit,
    Any,
}

impl Stage {
    pub const ALL: [Stage; 17] = [
        Stage::Connect,
        Stage::Helo,
        Stage::Mail,
        Stage::Rcpt,
        Stage::Data,
        Stage::Message,
        Stage::Bdat,
        Stage::Auth,
        Stage::Starttls,
        Stage::Etrn,
        Stage::Atrn,
        Stage::Vrfy,
        Stage::Expn,
        Stage::Help,
        Stage::Noop,
        Stage::Quit,
        Stage::Any,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Connect => "connect",
            Stage::Helo => "helo",
            Stage::Mail => "mail",
            Stage::Rcpt => "rcpt",
            Stage::Data => "data",
            Stage::Message => "message",
            Stage::Bdat => "bdat",
            Stage::Auth => "auth",
            Stage::Starttls => "starttls",
            Stage::Etrn => "etrn",
            Stage::Atrn => "atrn",
            Stage::Vrfy => "vrfy",
            Stage::Expn => "expn",
            Stage::Help => "help",
            Stage::Noop => "noop",
            Stage::Quit => "quit",
            Stage::Any => "any",
        }
    }

    pub fn parse(text: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The SMTP command this stage answers, as written on the wire (never translated);
    /// `None` for the greeting, the end of the message data and "any command".
    pub fn command(self) -> Option<&'static str> {
        match self {
            Stage::Connect | Stage::Message | Stage::Any => None,
            Stage::Helo => Some("EHLO/HELO"),
            Stage::Mail => Some("MAIL FROM"),
            Stage::Rcpt => Some("RCPT TO"),
            Stage::Data => Some("DATA"),
            Stage::Bdat => Some("BDAT"),
            Stage::Auth => Some("AUTH"),
            Stage::Starttls => Some("STARTTLS"),
            Stage::Etrn => Some("ETRN"),
            Stage::Atrn => Some("ATRN"),
            Stage::Vrfy => Some("VRFY"),
            Stage::Expn => Some("EXPN"),
            Stage::Help => Some("HELP"),
            Stage::Noop => Some("NOOP"),
            Stage::Quit => Some("QUIT"),
        }
    }
}

/// An RFC and the sections of it that a code page cites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RfcRef {
    pub number: u32,
    pub sections: Vec<String>,
}

/// Where something a code page says comes from, and what kind of source it is: a reader
/// weighs "defined in RFC 5321" and "what Microsoft sends" differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub cited: Cited,
    pub status: SourceStatus,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cited {
    Rfc(RfcRef),
    /// A public page: an Internet-Draft, the IANA registry, a provider's help page.
    Page {
        title: String,
        url: String,
    },
}

/// The reader-facing text of one code in one language. Fields are Markdown; `name` is plain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prose {
    pub name: Option<String>,
    pub summary: Option<String>,
    pub action: Option<String>,
    pub description: Option<String>,
    pub when: Option<String>,
    pub fix: Option<String>,
    /// Translations only: field name → [`prose_hash`] of the English text translated.
    pub translated_from: BTreeMap<String, String>,
}

/// The prose fields, named as in the YAML files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProseField {
    Name,
    Summary,
    Action,
    Description,
    When,
    Fix,
}

impl ProseField {
    pub const ALL: [ProseField; 6] = [
        ProseField::Name,
        ProseField::Summary,
        ProseField::Action,
        ProseField::Description,
        ProseField::When,
        ProseField::Fix,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProseField::Name => "name",
            ProseField::Summary => "summary",
            ProseField::Action => "action",
            ProseField::Description => "description",
            ProseField::When => "when",
            ProseField::Fix => "fix",
        }
    }
}

/// The prose fields' names, as in the YAML files.
pub const PROSE_FIELD_NAMES: [&str; 6] =
    ["name", "summary", "action", "description", "when", "fix"];

impl Prose {
    /// The field named `name` (see [`PROSE_FIELD_NAMES`]).
    pub fn get_named(&self, name: &str) -> Option<&str> {
        ProseField::ALL
            .into_iter()
            .find(|f| f.as_str() == name)
            .and_then(|f| self.get(f))
    }

    pub fn get(&self, field: ProseField) -> Option<&str> {
        match field {
            ProseField::Name => self.name.as_deref(),
            ProseField::Summary => self.summary.as_deref(),
            ProseField::Action => self.action.as_deref(),
            ProseField::Description => self.description.as_deref(),
            ProseField::When => self.when.as_deref(),
            ProseField::Fix => self.fix.as_deref(),
        }
    }
}

/// A kind of value a code's facts are made of: parsed from its YAML name, listed in the
/// order a comparison table shows the values in, named by its Fluent message id.
pub trait FactValue: Copy + Eq + 'static {
    const ALL: &'static [Self];
    /// The value as written in YAML and as the suffix of its Fluent message id.
    fn as_str(self) -> &'static str;
}

macro_rules! fact_value {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $text:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $text)] $variant,)+
        }
        impl FactValue for $name {
            const ALL: &'static [Self] = &[$($name::$variant,)+];
            fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }
    };
}

fact_value! {
    /// What the reply means for the request, from the class digit.
    Outcome {
        Success => "success",
        Intermediate => "intermediate",
        Transient => "transient",
        Permanent => "permanent",
    }
}

fact_value! {
    /// What the sending side does after the reply.
    NextStep {
        /// The request is done; nothing more is needed for it.
        Done => "none",
        /// The client goes on with the session: the next command, or the data.
        Continue => "continue",
        /// The sending server keeps the message queued and tries again later.
        Retry => "retry",
        /// The sending server gives up and returns the message to its sender.
        Bounce => "bounce",
        /// A reply to a session command (AUTH, STARTTLS, ETRN…): no queue is involved; the
        /// client retries, falls back or reports to its user.
        ClientDecides => "client-decides",
    }
}

fact_value! {
    /// Whether a later retry of a transient failure succeeds without anyone acting.
    RetryHelps {
        Yes => "yes",
        Sometimes => "sometimes",
        No => "no",
    }
}

fact_value! {
    /// What a source is worth for a code. Its Fluent message is `source-<value>`.
    SourceStatus {
        /// A standard (an RFC) that defines this code in the sections cited.
        Standard => "standard",
        /// A standard that gives the class, subject or situation, but does not define
        /// this code.
        Context => "context",
        /// An Internet-Draft: work in progress, not a standard.
        Draft => "draft",
        /// The IANA registry associates the codes; no standard says more.
        Registry => "registry",
        /// What a provider's servers send, from its own public pages: not a standard.
        Provider => "provider",
    }
}

fact_value! {
    /// Who has to do something about the reply.
    Actor {
        Nobody => "nobody",
        Sender => "sender",
        SenderAdmin => "sender-admin",
        ReceiverAdmin => "receiver-admin",
        Recipient => "recipient",
    }
}

fact_value! {
    /// Why the reply was sent.
    Cause {
        Addressing => "addressing",
        Mailbox => "mailbox",
        Policy => "policy",
        Authentication => "authentication",
        Security => "security",
        Content => "content",
        Capacity => "capacity",
        Rate => "rate",
        Protocol => "protocol",
        Routing => "routing",
        System => "system",
    }
}

impl Outcome {
    /// The outcome of every code of class `class` (2, 3, 4 or 5).
    pub fn of_class(class: u16) -> Outcome {
        match class {
            2 => Outcome::Success,
            3 => Outcome::Intermediate,
            4 => Outcome::Transient,
            _ => Outcome::Permanent,
        }
    }
}

/// What a code means for the mail and the people involved: the rows of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub next: NextStep,
    /// Transient codes only.
    pub retry_helps: Option<RetryHelps>,
    /// Who must act, the main one first.
    pub acts: Vec<Actor>,
    /// Why it is sent, the main cause first; empty for successes and intermediate replies.
    pub cause: Vec<Cause>,
}

/// One SMTP code with its facts and its prose in every language that has it.
#[derive(Debug, Clone)]
pub struct Code {
    pub id: CodeId,
    /// Where its facts come from, each with its status; at least one.
    pub sources: Vec<Source>,
    /// When in the session the code is sent.
    pub stages: Vec<Stage>,
    /// The codes of the other family it is most often sent with, most common first:
    /// an enhanced code's basic replies, a basic reply's enhanced codes.
    pub companions: Vec<CodeId>,
    pub facts: Facts,
    pub related: Vec<CodeId>,
    pub samples: Vec<String>,
    /// Prose by locale code; the source locale's entry is always complete.
    pub prose: BTreeMap<String, Prose>,
    /// The file the code was defined in.
    pub source: PathBuf,
}

/// Whether a group of RFC 3463 is a class (`5.X.XXX`, §3.1) or a subject (`X.7.XXX`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GroupKind {
    Class,
    Subject,
}

impl GroupKind {
    pub fn as_str(self) -> &'static str {
        match self {
            GroupKind::Class => "class",
            GroupKind::Subject => "subject",
        }
    }
}

/// One of the 11 groups of enhanced status codes that RFC 3463 defines: the classes
/// `2.X.XXX`, `4.X.XXX`, `5.X.XXX` and the subjects `X.0.XXX` … `X.7.XXX`, named as the
/// RFC writes them. Safe to use as a URL and path segment. Orders classes first, then
/// subjects, each by digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupId {
    kind: GroupKind,
    digit: u16,
}

impl GroupId {
    /// Every group, in order.
    pub const ALL: [GroupId; 11] = [
        GroupId::class(2),
        GroupId::class(4),
        GroupId::class(5),
        GroupId::subject(0),
        GroupId::subject(1),
        GroupId::subject(2),
        GroupId::subject(3),
        GroupId::subject(4),
        GroupId::subject(5),
        GroupId::subject(6),
        GroupId::subject(7),
    ];

    const fn class(digit: u16) -> GroupId {
        GroupId {
            kind: GroupKind::Class,
            digit,
        }
    }

    const fn subject(digit: u16) -> GroupId {
        GroupId {
            kind: GroupKind::Subject,
            digit,
        }
    }

    pub fn parse(text: &str) -> Result<GroupId, String> {
        GroupId::ALL
            .into_iter()
            .find(|g| g.name() == text)
            .ok_or_else(|| {
                let names: Vec<String> = GroupId::ALL.iter().map(|g| g.name()).collect();
                format!(
                    "`{}` is not a class or subject of RFC 3463: expected one of {}",
                    text.escape_debug(),
                    names.join(", ")
                )
            })
    }

    /// `5.X.XXX`, `X.7.XXX`: the page's URL segment and its files' name.
    pub fn name(self) -> String {
        match self.kind {
            GroupKind::Class => format!("{}.X.XXX", self.digit),
            GroupKind::Subject => format!("X.{}.XXX", self.digit),
        }
    }

    pub fn kind(self) -> GroupKind {
        self.kind
    }

    /// The class or subject number.
    pub fn digit(self) -> u16 {
        self.digit
    }

    /// Whether `code` is an enhanced code of this class or subject.
    pub fn contains(self, code: &CodeId) -> bool {
        code.family() == Family::Enhanced
            && match self.kind {
                GroupKind::Class => code.class() == self.digit,
                GroupKind::Subject => code.subject() == self.digit,
            }
    }

    /// The class page of `code`'s class (enhanced codes only).
    pub fn class_of(code: &CodeId) -> Option<GroupId> {
        (code.family() == Family::Enhanced).then(|| GroupId::class(code.class()))
    }

    /// The subject page of `code`'s subject, if RFC 3463 defines that subject.
    pub fn subject_of(code: &CodeId) -> Option<GroupId> {
        (code.family() == Family::Enhanced && code.subject() <= 7)
            .then(|| GroupId::subject(code.subject()))
    }
}

impl fmt::Display for GroupId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// A class or subject page of RFC 3463: what the group means, from its sources.
#[derive(Debug, Clone)]
pub struct Group {
    pub id: GroupId,
    /// Where what it says comes from, each with its status; at least one.
    pub sources: Vec<Source>,
    /// By locale; the source locale's entry is complete.
    pub prose: BTreeMap<String, GroupProse>,
    /// The file it was defined in.
    pub source: PathBuf,
}

/// The reader-facing text of one group in one language: `name` plain, the rest Markdown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupProse {
    pub name: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    /// Translations only: field name → [`prose_hash`] of the English text translated.
    pub translated_from: BTreeMap<String, String>,
}

/// The prose fields of a group, named as in its YAML files.
pub const GROUP_FIELDS: [&str; 3] = ["name", "summary", "description"];

impl GroupProse {
    pub fn get(&self, field: &str) -> Option<&str> {
        match field {
            "name" => self.name.as_deref(),
            "summary" => self.summary.as_deref(),
            "description" => self.description.as_deref(),
            _ => None,
        }
    }
}

/// A provider of the provider family (`content/providers.yaml`): `[a-z][a-z0-9-]*`, safe
/// as a URL and path segment and in a Fluent message id (`provider-<id>`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProviderId(String);

impl ProviderId {
    pub fn parse(text: &str) -> Result<ProviderId, String> {
        let mut chars = text.chars();
        let valid = chars.next().is_some_and(|c| c.is_ascii_lowercase())
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && text.len() <= 40;
        if valid {
            Ok(ProviderId(text.to_owned()))
        } else {
            Err(format!(
                "`{}` is not a provider id: lower-case ASCII letters, digits and `-`, \
                 starting with a letter (such as `microsoft`), at most 40 characters",
                text.escape_debug()
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The Fluent message that names the provider: `provider-<id>`.
    pub fn message_id(&self) -> String {
        format!("provider-{}", self.0)
    }
}

impl fmt::Display for ProviderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A provider (`content/providers.yaml`): the hosts of its public pages, or `folklore`
/// for codes seen in the wild that nobody defines.
#[derive(Debug, Clone)]
pub struct Provider {
    pub id: ProviderId,
    pub domains: Vec<String>,
    pub folklore: bool,
    /// Words besides the domains that show a reply comes from this provider (`gsmtp`).
    pub marks: Vec<String>,
}

impl Provider {
    /// What the decoder looks for to tell that a pasted reply comes from this provider:
    /// its marks and its domains, in lower case.
    pub fn reply_marks(&self) -> Vec<String> {
        self.marks
            .iter()
            .chain(&self.domains)
            .map(|m| m.to_lowercase())
            .collect()
    }

    /// Whether `url` is a page on one of the provider's domains (the host or below it).
    pub fn owns_url(&self, url: &str) -> bool {
        let Some(host) = url_host(url) else {
            return false;
        };
        self.domains.iter().any(|domain| {
            host == *domain
                || host
                    .strip_suffix(domain.as_str())
                    .is_some_and(|rest| rest.ends_with('.'))
        })
    }
}

/// The host of an `https://` URL, lower-cased, without port or user.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// The code a provider entry is about, as the provider writes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ProviderCode {
    /// One enhanced or basic code: `4.7.650`, `571` (any first digit 2–5).
    Exact(CodeId),
    /// Enhanced codes of one class and subject, `low < high` by detail: `5.7.606-5.7.649`.
    Range(CodeId, CodeId),
    /// 2–12 ASCII capital letters and digits starting with a letter: `TSS04`.
    Token(String),
}

impl ProviderCode {
    pub fn parse(text: &str) -> Result<ProviderCode, String> {
        let expected = "expected an enhanced code such as \"4.7.650\", a basic code such as \
                        \"571\", a range of enhanced codes of one class and subject such as \
                        \"5.7.606-5.7.649\", or a token of 2 to 12 capital letters and digits \
                        starting with a letter such as \"TSS04\"";
        let shown = text.escape_debug();
        if let Some((low, high)) = text.split_once('-') {
            let (Ok(low), Ok(high)) = (CodeId::parse(low), CodeId::parse(high)) else {
                return Err(format!("`{shown}` is not a provider code: {expected}"));
            };
            let same_group = low.family() == Family::Enhanced
                && high.family() == Family::Enhanced
                && low.numbers[..2] == high.numbers[..2];
            if !same_group {
                return Err(format!(
                    "`{shown}`: a range joins two enhanced codes of the same class and subject"
                ));
            }
            if low.numbers[2] >= high.numbers[2] {
                return Err(format!(
                    "`{shown}`: a range gives its lower code first (low < high)"
                ));
            }
            return Ok(ProviderCode::Range(low, high));
        }
        if let Ok(code) = CodeId::parse(text) {
            return Ok(ProviderCode::Exact(code));
        }
        let token = text.len() >= 2
            && text.len() <= 12
            && text.starts_with(|c: char| c.is_ascii_uppercase())
            && text
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if token {
            Ok(ProviderCode::Token(text.to_owned()))
        } else {
            Err(format!("`{shown}` is not a provider code: {expected}"))
        }
    }

    /// As the provider writes it: `5.7.606-5.7.649`, `TSS04`.
    pub fn text(&self) -> String {
        match self {
            ProviderCode::Exact(code) => code.to_string(),
            ProviderCode::Range(low, high) => format!("{low}-{high}"),
            ProviderCode::Token(token) => token.clone(),
        }
    }

    /// `exact`, `range` or `token`: the decoder's match rule.
    pub fn kind(&self) -> &'static str {
        match self {
            ProviderCode::Exact(_) => "exact",
            ProviderCode::Range(..) => "range",
            ProviderCode::Token(_) => "token",
        }
    }

    /// The class digit of its codes (2–5); `None` for a token.
    pub fn class(&self) -> Option<u16> {
        match self {
            ProviderCode::Exact(code) | ProviderCode::Range(code, _) => Some(code.class()),
            ProviderCode::Token(_) => None,
        }
    }

    /// Whether it stands for `code`.
    pub fn contains(&self, code: &CodeId) -> bool {
        match self {
            ProviderCode::Exact(exact) => exact == code,
            ProviderCode::Range(low, high) => low <= code && code <= high,
            ProviderCode::Token(_) => false,
        }
    }

    /// Whether the two can stand for the same code: equal, or overlapping ranges.
    pub fn overlaps(&self, other: &ProviderCode) -> bool {
        match (self, other) {
            (ProviderCode::Token(a), ProviderCode::Token(b)) => a == b,
            (ProviderCode::Token(_), _) | (_, ProviderCode::Token(_)) => false,
            (ProviderCode::Exact(code), range) | (range, ProviderCode::Exact(code)) => {
                range.contains(code)
            }
            (ProviderCode::Range(a_low, a_high), ProviderCode::Range(b_low, b_high)) => {
                a_low <= b_high && b_low <= a_high
            }
        }
    }
}

impl fmt::Display for ProviderCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

/// One provider entry (`content/providers/<provider>-<code>.yaml`): what a provider sends
/// and what it means, with facts and prose like a code.
#[derive(Debug, Clone)]
pub struct ProviderEntry {
    /// `microsoft-5.7.606-5.7.649`: its file stem and URL segment (lower case).
    pub id: String,
    pub provider: ProviderId,
    pub code: ProviderCode,
    /// The provider's own wording, quoted (never translated).
    pub replies: Vec<String>,
    /// The standard codes it is sent with or stands for; each has a code page.
    pub standard: Vec<CodeId>,
    pub sources: Vec<Source>,
    pub facts: Facts,
    /// Prose by locale; the source locale's entry is complete.
    pub prose: BTreeMap<String, Prose>,
    /// The file it was defined in.
    pub source: PathBuf,
}

impl ProviderEntry {
    /// The class digit of its code, or of its first standard code for a token.
    pub fn class(&self) -> Option<u16> {
        self.code
            .class()
            .or_else(|| self.standard.first().map(CodeId::class))
    }
}

/// The file stem (and URL segment) of the entry of `provider` for `code`.
pub fn provider_entry_id(provider: &ProviderId, code: &ProviderCode) -> String {
    format!("{provider}-{}", code.text().to_ascii_lowercase())
}

/// A language the site is published in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Locale {
    /// BCP 47 tag, also the URL segment: `en`, `ja`, `pt-BR`.
    pub code: String,
    /// The language's name in itself (`日本語`), shown on the language switcher.
    pub name: String,
    /// A locale still being translated: built for preview, but not linked from other
    /// locales, not in hreflang alternates and not in the sitemap.
    pub draft: bool,
}

impl Code {
    pub fn outcome(&self) -> Outcome {
        Outcome::of_class(self.id.class())
    }
}

/// A hand-written comparison of two codes of the same family: what separates them, how
/// to tell from a bounce which one you have, and what to do.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Indexes into the site's codes, `a < b`.
    pub a: usize,
    pub b: usize,
    /// By locale; the source locale's entry is complete.
    pub prose: BTreeMap<String, ComparisonProse>,
    /// Where the facts it states come from, as written (e.g. `RFC 5321 §4.2.3`).
    pub sources: Vec<String>,
    /// The file it was defined in.
    pub source: PathBuf,
}

/// The reader-facing text of one comparison in one language, Markdown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ComparisonProse {
    pub difference: Option<String>,
    pub tell_apart: Option<String>,
    pub what_to_do: Option<String>,
    /// Translations only: field name → [`prose_hash`] of the English text translated.
    pub translated_from: BTreeMap<String, String>,
}

/// The fields of a comparison, named as in its YAML files.
pub const COMPARISON_FIELDS: [&str; 3] = ["difference", "tell_apart", "what_to_do"];

impl ComparisonProse {
    pub fn get(&self, field: &str) -> Option<&str> {
        match field {
            "difference" => self.difference.as_deref(),
            "tell_apart" => self.tell_apart.as_deref(),
            "what_to_do" => self.what_to_do.as_deref(),
            _ => None,
        }
    }
}

/// A translated field that is still the English text is not a translation (a file started
/// from the English, by hand or with `translate`): it is left out, so the page shows the
/// English marked as English and `check` counts the field as not translated.
pub fn unless_english(translated: Option<String>, english: Option<&str>) -> Option<String> {
    translated.filter(|text| english.is_none_or(|english| text.trim() != english.trim()))
}

/// A short, stable fingerprint of an English prose field, recorded beside a translation
/// (`translated_from`) so `check` can tell when the English changed after translating.
/// FNV-1a 64 over the trimmed text: stable across Rust versions, unlike `DefaultHasher`.
pub fn prose_hash(text: &str) -> String {
    let mut hash = crate::hash::Fnv::new();
    hash.write(text.trim().as_bytes());
    format!("{:08x}", hash.finish() >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> CodeId {
        CodeId::parse(s).unwrap()
    }

    #[test]
    fn accepts_basic_and_enhanced_codes() {
        assert_eq!(id("251").family(), Family::Basic);
        assert_eq!(id("251").class(), 2);
        assert_eq!(id("5.7.26").family(), Family::Enhanced);
        assert_eq!(id("5.7.26").subject(), 7);
        assert_eq!(id("4.0.0").class(), 4);
    }

    #[test]
    fn rejects_everything_that_is_not_a_code() {
        for bad in [
            "../x",
            "",
            "25",
            "2510",
            "151",
            "651",
            "25a",
            "3.1.1",
            "5.01.1",
            "5.1",
            "5.1.1.1",
            "5.1.1000",
            "5..1",
            "/etc",
            "5.1.1/",
            " 251",
            "２５１",
        ] {
            assert!(CodeId::parse(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn orders_numerically_with_basic_first() {
        let mut ids = [id("5.7.1"), id("5.1.10"), id("521"), id("5.1.1"), id("251")];
        ids.sort();
        let shown: Vec<&str> = ids.iter().map(CodeId::as_str).collect();
        assert_eq!(shown, ["251", "521", "5.1.1", "5.1.10", "5.7.1"]);
    }

    #[test]
    fn prose_hash_ignores_surrounding_whitespace_only() {
        assert_eq!(prose_hash("a b\n"), prose_hash("a b"));
        assert_ne!(prose_hash("a b"), prose_hash("a  b"));
        assert_eq!(prose_hash("").len(), 8);
    }

    #[test]
    fn groups_are_the_eleven_of_rfc_3463() {
        let names: Vec<String> = GroupId::ALL.iter().map(|g| g.name()).collect();
        assert_eq!(names[0], "2.X.XXX");
        assert_eq!(names[10], "X.7.XXX");
        for name in &names {
            assert_eq!(GroupId::parse(name).unwrap().name(), *name);
        }
        for bad in ["3.X.XXX", "X.8.XXX", "5.X.X", "x.7.xxx", "", "../x"] {
            assert!(GroupId::parse(bad).is_err(), "{bad} accepted");
        }
        let five = GroupId::parse("5.X.XXX").unwrap();
        assert!(five.contains(&id("5.7.1")) && !five.contains(&id("4.7.1")));
        assert!(!five.contains(&id("550")));
        let seven = GroupId::parse("X.7.XXX").unwrap();
        assert!(seven.contains(&id("4.7.1")) && !seven.contains(&id("5.1.1")));
        assert_eq!(GroupId::subject_of(&id("5.7.26")), Some(seven));
        assert_eq!(GroupId::subject_of(&id("5.9.1")), None);
        assert_eq!(GroupId::class_of(&id("5.1.1")), Some(five));
    }

    #[test]
    fn provider_codes_parse_compare_and_name_their_files() {
        let code = |s: &str| ProviderCode::parse(s).unwrap();
        assert_eq!(code("4.7.650").kind(), "exact");
        assert_eq!(code("571").class(), Some(5));
        assert_eq!(code("TSS04"), ProviderCode::Token("TSS04".into()));
        let range = code("5.7.606-5.7.649");
        assert!(range.contains(&id("5.7.606")) && range.contains(&id("5.7.649")));
        assert!(!range.contains(&id("5.7.650")) && !range.contains(&id("5.7.1")));
        assert!(range.overlaps(&code("5.7.649-5.7.700")));
        assert!(range.overlaps(&code("5.7.610")));
        assert!(!range.overlaps(&code("5.7.650-5.7.700")));
        assert!(!code("TS01").overlaps(&code("TSS04")));
        for bad in [
            "5.7.649-5.7.606",
            "5.7.606-5.7.606",
            "5.7.1-5.6.9",
            "550-551",
            "T",
            "tss04",
            "4TSS",
            "TSS04TSS04TSS",
            "5.7.1-",
            "",
            "../x",
        ] {
            assert!(ProviderCode::parse(bad).is_err(), "{bad} accepted");
        }
        let microsoft = ProviderId::parse("microsoft").unwrap();
        assert_eq!(
            provider_entry_id(&microsoft, &code("5.7.606-5.7.649")),
            "microsoft-5.7.606-5.7.649"
        );
        assert_eq!(
            provider_entry_id(&microsoft, &code("TS01")),
            "microsoft-ts01"
        );
        for bad in ["", "Microsoft", "1x", "a_b", "a/b", "-a"] {
            assert!(ProviderId::parse(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn a_provider_owns_its_domains_and_their_subdomains_only() {
        let p = Provider {
            id: ProviderId::parse("microsoft").unwrap(),
            domains: vec!["microsoft.com".into()],
            folklore: false,
            marks: vec!["EOP".into()],
        };
        assert_eq!(p.reply_marks(), ["eop", "microsoft.com"]);
        assert!(p.owns_url("https://learn.microsoft.com/en-us/x"));
        assert!(p.owns_url("https://microsoft.com"));
        assert!(p.owns_url("https://user@Learn.Microsoft.com:443/x"));
        assert!(!p.owns_url("https://evilmicrosoft.com/x"));
        assert!(!p.owns_url("https://microsoft.com.evil.org/x"));
        assert!(!p.owns_url("http://learn.microsoft.com/x"));
    }

    #[test]
    fn stages_round_trip() {
        for stage in Stage::ALL {
            assert_eq!(Stage::parse(stage.as_str()), Some(stage));
        }
    }
}
