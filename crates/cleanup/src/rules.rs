//! Rule packs: loading, merging, disabling.

use serde::Deserialize;

/// What a rule matches against a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleKind {
    /// The whole line equals a pattern (case, surrounding space and trailing
    /// `:`/`*`/`.` ignored).
    Exact,
    /// The line starts with a pattern followed by a non-letter; the remainder
    /// is kept as [`crate::Removed::rest`].
    Prefix,
    /// The line contains a pattern (case-insensitive).
    Phrase,
    /// The line matches a regular expression; a named group `rest`, if any,
    /// becomes [`crate::Removed::rest`].
    Regex,
    /// The line equals a pattern (as [`RuleKind::Exact`]) and starts a block
    /// (comments, footer) that runs to the end of the document.
    Tail,
}

/// What kind of junk a rule removes. Later stages use roles: credit lines
/// are parsed for names, related-link lines give related titles.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A link to another article (`See also …`).
    Related,
    /// A credit line or byline (`Reporting by …`, `By …`).
    Credit,
    /// An agency or site footer (`Our standards: …`, copyright).
    Footer,
    /// The comment form or comment section.
    Comment,
    /// Share, like and follow widgets.
    Share,
    /// Menus, breadcrumbs and other navigation.
    Navigation,
    /// Advertising, newsletter and subscription prompts.
    Promo,
    /// Image captions and credits.
    Caption,
    /// Anything else that is not article text.
    Boilerplate,
}

impl Role {
    /// Lower-case name as used in rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Related => "related",
            Role::Credit => "credit",
            Role::Footer => "footer",
            Role::Comment => "comment",
            Role::Share => "share",
            Role::Navigation => "navigation",
            Role::Promo => "promo",
            Role::Caption => "caption",
            Role::Boilerplate => "boilerplate",
        }
    }
}

/// One rule of a pack.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Unique id, `role.name` by convention (`related.see-also`).
    pub id: String,
    /// How the patterns are matched.
    pub kind: RuleKind,
    /// Patterns; a single `pattern = "…"` in the file is accepted too.
    #[serde(default, alias = "pattern", deserialize_with = "one_or_many")]
    pub patterns: Vec<String>,
    /// What the rule removes.
    pub role: Role,
    /// Why the matched text is not article text.
    pub reason: String,
    /// ISO 639-1 language of the patterns, or `*` for any.
    #[serde(default = "any_language", alias = "lang")]
    pub language: String,
    /// Lines with more words than this never match (guards phrase, prefix
    /// and regex rules against eating real paragraphs).
    #[serde(default)]
    pub max_words: Option<usize>,
    /// Wire agency implied by a match (`Our standards: …` implies Reuters).
    #[serde(default)]
    pub agency: Option<String>,
    /// The match starts a block (comments, end-of-page links, footer) that
    /// runs to the end of the document. Implied by `kind = "tail"`.
    #[serde(default)]
    pub tail: bool,
    /// The article goes on after the match (`Story continues below`): a
    /// list of other stories that started before it was a box inside the
    /// article, not the end of the page, when prose follows.
    #[serde(default)]
    pub resume: bool,
    /// The match marks a slot inside the article (an ad's label,
    /// `Reklam`): it goes, but the classifier weighs the lines around it
    /// as if it were a short line of the text, not a block of junk.
    #[serde(default)]
    pub marker: bool,
    /// A `credit` rule that matches bylines (`By Jane Doe`, `Von Martin
    /// Ahlers`): the article's own only above its text (at most a
    /// standfirst before it); further down, it signs another story's
    /// teaser and is removed without naming a reporter.
    #[serde(default)]
    pub byline: bool,
    /// The rule matches only under the article's text: not inside the main
    /// text above half of its prose (an author's bio, `Jane Doe is a
    /// reporter at …`, goes; the same words high in the story describe
    /// someone it is about).
    #[serde(default)]
    pub trailing: bool,
    /// A tail only when comments follow it: a line a `comment` rule names
    /// (a `Reply` button) within the next eight lines. `12 comments` heads
    /// the thread under a story, and also stands in its header as a
    /// counter or a button.
    #[serde(default)]
    pub comments_follow: bool,
    /// The rule's matches are rows of one box (a cookie banner's
    /// settings): the lines between two of its matches (or of another
    /// rule's that `joins`) at most this many lines apart go with them,
    /// removed under the later match's rule.
    #[serde(default)]
    pub joins: Option<usize>,
    /// With `joins`: the rule matches only as a row of a box, with another
    /// match of a joining rule at most `joins` lines away (a banner's
    /// `Necessary cookies` label, not an explainer's subheading).
    #[serde(default)]
    pub in_box: bool,
    /// Regex only: match case-sensitively.
    #[serde(default)]
    pub case_sensitive: bool,
    /// Applies only to documents of this group (an archive template's
    /// folder or site: see [`crate::TemplateLearner`]) when the caller cleans a
    /// document with its group ([`crate::Cleaner::clean_in`]); cleaning
    /// without a group applies every rule.
    #[serde(default)]
    pub group: Option<String>,
    /// Name of the pack the rule came from (set when loaded).
    #[serde(skip)]
    pub pack: String,
}

fn any_language() -> String {
    "*".to_string()
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    /// Free text for readers of the file; accepted, not used.
    #[serde(default)]
    #[allow(dead_code)]
    description: Option<String>,
    #[serde(default, rename = "rule")]
    rules: Vec<Rule>,
}

/// Parses a pack one `[[rule]]` table at a time. The TOML parser holds a
/// whole document's tokens, events and spanned tree at once, about fifteen
/// times its size: a template pack of 30,000 rules (7.5 MB) took 120 MB to
/// load in one piece, under 1 MB a table.
///
/// The text is cut before every line that is exactly `[[rule]]`. Should such
/// a line sit inside a multi-line string or array, the piece before it ends
/// unterminated and fails to parse; then, or if any piece fails, the whole
/// document is parsed as one, which gives the same result or the error with
/// its true line number.
fn parse_pack(text: &str) -> Result<PackFile, toml::de::Error> {
    let mut starts = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim() == "[[rule]]" {
            starts.push(at);
        }
        at += line.len();
    }
    let pieces = || -> Option<PackFile> {
        let (head, _) = text.split_at(*starts.first()?);
        let mut file: PackFile = toml::from_str(head).ok()?;
        // `rule = [...]` in the head and `[[rule]]` tables after it do not
        // make one valid document.
        if !file.rules.is_empty() {
            return None;
        }
        let ends = starts.iter().skip(1).copied().chain([text.len()]);
        for (&start, end) in starts.iter().zip(ends) {
            let piece: PackFile = toml::from_str(&text[start..end]).ok()?;
            file.rules.extend(piece.rules);
        }
        Some(file)
    };
    match pieces() {
        Some(file) => Ok(file),
        None => toml::from_str(text),
    }
}

/// A rule pack file or rule that is not valid.
///
/// The parsers' and compilers' own errors are boxed sources, so that their
/// types stay out of this API: upgrading the TOML or regex engine is not a
/// breaking change.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RuleError {
    /// The pack is not valid TOML or does not follow the rule schema.
    #[error("rule pack {pack}: {source}")]
    Parse {
        /// Pack name.
        pack: String,
        /// The TOML parser's error (its type is not part of this API).
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A rule has no patterns, or an empty one.
    #[error("rule {id} (pack {pack}): no patterns or an empty pattern")]
    NoPattern {
        /// Rule id.
        id: String,
        /// Pack name.
        pack: String,
    },
    /// A regex rule does not compile.
    #[error("rule {id} (pack {pack}): {source}")]
    Regex {
        /// Rule id.
        id: String,
        /// Pack name.
        pack: String,
        /// The regex compiler's error (its type is not part of this API).
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The literal patterns are too many or too long for one automaton.
    #[error("rule patterns do not fit in one automaton: {0}")]
    Automaton(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// `disable` named a rule that does not exist.
    #[error("no rule with id {0}")]
    UnknownRule(String),
}

/// The built-in packs, embedded at compile time: (name, TOML).
const BUILTIN: &[(&str, &str)] = &[
    ("builtin:en", include_str!("../rules/en.toml")),
    ("builtin:de", include_str!("../rules/de.toml")),
    ("builtin:fr", include_str!("../rules/fr.toml")),
    ("builtin:es", include_str!("../rules/es.toml")),
    ("builtin:it", include_str!("../rules/it.toml")),
    ("builtin:pt", include_str!("../rules/pt.toml")),
    ("builtin:nl", include_str!("../rules/nl.toml")),
    ("builtin:world", include_str!("../rules/world.toml")),
    ("builtin:consent", include_str!("../rules/consent.toml")),
    ("builtin:multi", include_str!("../rules/multi.toml")),
];

/// Checks that a regex pattern parses, without compiling it: compiling every
/// pattern here and again in [`crate::Cleaner::new`] was most of the start-up
/// time. With a size limit of zero the compiler stops at its first state, so
/// `CompiledTooBig` means the pattern parsed; whether it fits the real limit
/// is found when the cleaner compiles it (and reported with the rule's id).
fn check_syntax(pattern: &str, case_insensitive: bool) -> Result<(), regex::Error> {
    match regex::RegexBuilder::new(pattern)
        .case_insensitive(case_insensitive)
        .size_limit(0)
        .build()
    {
        Ok(_) | Err(regex::Error::CompiledTooBig(_)) => Ok(()),
        Err(err) => Err(err),
    }
}

/// An ordered set of rules. Order matters: when several rules match a line,
/// the earliest wins.
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
}

impl RuleSet {
    /// An empty rule set.
    pub fn empty() -> RuleSet {
        RuleSet::default()
    }

    /// The packs shipped with newsclean.
    pub fn builtin() -> RuleSet {
        let mut set = RuleSet::empty();
        for (name, text) in BUILTIN {
            // The embedded packs are checked by the tests of this crate, so
            // their patterns are not parsed twice at every start (that was a
            // tenth of it): the cleaner compiles them.
            if let Err(err) = set.add_pack(name, text, false) {
                panic!("built-in rule pack is invalid: {err}");
            }
        }
        set
    }

    /// Adds the rules of a TOML pack. A rule whose id is already present
    /// replaces the earlier one in place, so user packs can refine built-in
    /// rules.
    pub fn add_toml(&mut self, pack: &str, text: &str) -> Result<(), RuleError> {
        self.add_pack(pack, text, true)
    }

    /// Adds a pack; `check` parses its regex patterns first, so that a bad
    /// one is reported when the pack is loaded.
    fn add_pack(&mut self, pack: &str, text: &str, check: bool) -> Result<(), RuleError> {
        let file = parse_pack(text).map_err(|source| RuleError::Parse {
            pack: pack.to_string(),
            source: source.into(),
        })?;
        // Where each id stands, so that a pack of many rules (a template
        // pack holds thousands) is added in linear time.
        let mut at: std::collections::HashMap<String, usize> = self
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        for mut rule in file.rules {
            rule.pack = pack.to_string();
            if rule.kind == RuleKind::Tail {
                rule.tail = true;
            }
            if rule.patterns.is_empty() || rule.patterns.iter().any(|p| p.trim().is_empty()) {
                return Err(RuleError::NoPattern {
                    id: rule.id,
                    pack: rule.pack,
                });
            }
            if check && rule.kind == RuleKind::Regex {
                for p in &rule.patterns {
                    check_syntax(p, !rule.case_sensitive).map_err(|source| RuleError::Regex {
                        id: rule.id.clone(),
                        pack: rule.pack.clone(),
                        source: source.into(),
                    })?;
                }
            }
            match at.get(&rule.id) {
                Some(&i) => self.rules[i] = rule,
                None => {
                    at.insert(rule.id.clone(), self.rules.len());
                    self.rules.push(rule);
                }
            }
        }
        Ok(())
    }

    /// Removes the rule with this id.
    pub fn disable(&mut self, id: &str) -> Result<(), RuleError> {
        let before = self.rules.len();
        self.rules.retain(|r| r.id != id);
        if self.rules.len() == before {
            return Err(RuleError::UnknownRule(id.to_string()));
        }
        Ok(())
    }

    /// The rules, in priority order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_packs_load_with_unique_ids() {
        let set = RuleSet::builtin();
        assert!(set.rules().len() > 20);
        let mut ids: Vec<&str> = set.rules().iter().map(|r| r.id.as_str()).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate rule ids in built-in packs");
    }

    #[test]
    fn builtin_regexes_parse() {
        for rule in RuleSet::builtin().rules() {
            if rule.kind == RuleKind::Regex {
                for p in &rule.patterns {
                    assert!(
                        check_syntax(p, !rule.case_sensitive).is_ok(),
                        "rule {}: {p}",
                        rule.id
                    );
                }
            }
        }
    }

    #[test]
    fn user_pack_overrides_and_disable() {
        let mut set = RuleSet::builtin();
        let n = set.rules().len();
        set.add_toml(
            "user",
            r#"
            [[rule]]
            id = "comment.leave-reply"
            kind = "exact"
            pattern = "Kommentar schreiben"
            role = "comment"
            reason = "site-specific comment form"
            "#,
        )
        .unwrap();
        assert_eq!(set.rules().len(), n);
        set.disable("comment.leave-reply").unwrap();
        assert_eq!(set.rules().len(), n - 1);
        assert!(matches!(
            set.disable("nope"),
            Err(RuleError::UnknownRule(_))
        ));
    }

    #[test]
    fn invalid_packs_are_refused() {
        let mut set = RuleSet::empty();
        let bad_regex = r#"
            [[rule]]
            id = "x"
            kind = "regex"
            pattern = "(unclosed"
            role = "footer"
            reason = "r"
        "#;
        assert!(matches!(
            set.add_toml("u", bad_regex),
            Err(RuleError::Regex { .. })
        ));
        let bad_role = r#"
            [[rule]]
            id = "x"
            kind = "exact"
            pattern = "a"
            role = "weather"
            reason = "r"
        "#;
        let err = set.add_toml("u", bad_role).unwrap_err();
        assert!(matches!(err, RuleError::Parse { .. }));
        // The parser's error is kept as the source, and says where.
        let source = std::error::Error::source(&err).expect("a source");
        assert!(source.to_string().contains("weather"), "{source}");
        let empty = "[[rule]]\nid = \"x\"\nkind = \"exact\"\npatterns = []\nrole = \"footer\"\nreason = \"r\"\n";
        assert!(matches!(
            set.add_toml("u", empty),
            Err(RuleError::NoPattern { .. })
        ));
    }

    #[test]
    fn a_pack_parsed_table_by_table_is_the_pack_parsed_whole() {
        for (name, text) in BUILTIN {
            let whole: PackFile = toml::from_str(text).unwrap();
            let pieces = parse_pack(text).unwrap();
            assert_eq!(pieces.rules, whole.rules, "{name}");
        }
        // A `[[rule]]` line inside a multi-line string is part of the string.
        let quoted = "[[rule]]\nid = \"a\"\nkind = \"exact\"\nreason = \"\"\"see\n[[rule]]\n\"\"\"\npattern = \"x\"\nrole = \"footer\"\n\n[[rule]]\nid = \"b\"\nkind = \"exact\"\npattern = \"y\"\nrole = \"footer\"\nreason = \"r\"\n";
        let rules = parse_pack(quoted).unwrap().rules;
        let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(rules[0].reason, "see\n[[rule]]\n");
    }

    #[test]
    fn a_bad_table_is_reported_at_its_line_in_the_whole_pack() {
        let rule = |id: &str, role: &str| {
            format!(
                "[[rule]]\nid = \"{id}\"\nkind = \"exact\"\npattern = \"p\"\nrole = \"{role}\"\nreason = \"r\"\n\n"
            )
        };
        let text = format!(
            "{}{}{}",
            rule("a", "footer"),
            rule("b", "footer"),
            rule("c", "weather")
        );
        let err = RuleSet::empty().add_toml("u", &text).unwrap_err();
        let source = std::error::Error::source(&err)
            .expect("a source")
            .to_string();
        // Line 19 of the pack, line 5 of its third table.
        assert!(source.contains("line 19"), "{source}");
        // An inline `rule` array and `[[rule]]` tables do not make one pack.
        let mixed = format!(
            "rule = [{{ id = \"a\", kind = \"exact\", pattern = \"p\", role = \"footer\", reason = \"r\" }}]\n{}",
            rule("b", "footer")
        );
        assert!(matches!(
            RuleSet::empty().add_toml("u", &mixed),
            Err(RuleError::Parse { .. })
        ));
    }
}
