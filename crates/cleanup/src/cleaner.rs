//! Applying a rule set to a document.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use crate::rules::{Role, RuleError, RuleKind, RuleSet};

/// A line kept as article text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The line, trimmed of surrounding whitespace.
    pub text: String,
    /// 0-based line number in the input.
    pub number: usize,
    /// True when a blank line (or the start of the input) precedes it.
    pub blank_before: bool,
}

/// A line taken out of the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removed {
    /// The line, trimmed of surrounding whitespace, otherwise verbatim.
    pub text: String,
    /// Id of the rule that removed it.
    pub rule: String,
    /// Role of that rule.
    pub role: Role,
    /// For prefix rules and regex rules with a `rest` group: the text after
    /// the matched lead (the title of a related link, the names of a credit).
    pub rest: Option<String>,
    /// Wire agency the rule implies, if any.
    pub agency: Option<String>,
    /// 0-based line number in the input.
    pub number: usize,
}

/// The result of cleaning one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// Lines kept, in input order.
    pub kept: Vec<Line>,
    /// Lines removed, in input order.
    pub removed: Vec<Removed>,
}

struct CompiledRule {
    id: String,
    role: Role,
    agency: Option<String>,
    max_words: usize,
}

/// Applies a [`RuleSet`] to documents. Cheap to share across threads.
pub struct Cleaner {
    rules: Vec<CompiledRule>,
    /// Normalised line → earliest exact rule.
    exact: HashMap<String, usize>,
    /// Normalised line → earliest tail rule.
    tail: HashMap<String, usize>,
    /// Longest exact/tail key in bytes: longer lines skip the lookup.
    longest_key: usize,
    prefix: AhoCorasick,
    prefix_rule: Vec<usize>,
    phrase: AhoCorasick,
    phrase_rule: Vec<usize>,
    regex_set: RegexSet,
    regexes: Vec<(Regex, usize)>,
    /// Kept lines needed before a tail rule may fire: a headline and a
    /// paragraph. Earlier, a tail pattern is more likely a menu item.
    min_kept_before_tail: usize,
}

/// Default word limit for prefix, phrase and regex rules.
const DEFAULT_MAX_WORDS: usize = 40;

impl Cleaner {
    /// Compiles a rule set into matchers.
    pub fn new(set: &RuleSet) -> Result<Cleaner, RuleError> {
        let mut rules = Vec::new();
        let mut exact = HashMap::new();
        let mut tail = HashMap::new();
        let (mut prefixes, mut prefix_rule) = (Vec::new(), Vec::new());
        let (mut phrases, mut phrase_rule) = (Vec::new(), Vec::new());
        let mut regexes = Vec::new();
        for (i, rule) in set.rules().iter().enumerate() {
            rules.push(CompiledRule {
                id: rule.id.clone(),
                role: rule.role,
                agency: rule.agency.clone(),
                max_words: rule.max_words.unwrap_or(match rule.kind {
                    RuleKind::Exact | RuleKind::Tail => usize::MAX,
                    _ => DEFAULT_MAX_WORDS,
                }),
            });
            for p in &rule.patterns {
                match rule.kind {
                    RuleKind::Exact => {
                        exact.entry(normalize(p)).or_insert(i);
                    }
                    RuleKind::Tail => {
                        tail.entry(normalize(p)).or_insert(i);
                    }
                    RuleKind::Prefix => {
                        prefixes.push(p.trim().to_string());
                        prefix_rule.push(i);
                    }
                    RuleKind::Phrase => {
                        phrases.push(p.trim().to_string());
                        phrase_rule.push(i);
                    }
                    RuleKind::Regex => {
                        let compiled = RegexBuilder::new(p)
                            .case_insensitive(!rule.case_sensitive)
                            .build()
                            .map_err(|source| RuleError::Regex {
                                id: rule.id.clone(),
                                pack: rule.pack.clone(),
                                source,
                            })?;
                        regexes.push((compiled, i));
                    }
                }
            }
        }
        let longest_key = exact
            .keys()
            .chain(tail.keys())
            .map(String::len)
            .max()
            .unwrap_or(0);
        let automaton = |pats: &[String]| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(pats)
        };
        let prefix = automaton(&prefixes).map_err(RuleError::Automaton)?;
        let phrase = automaton(&phrases).map_err(RuleError::Automaton)?;
        // Case flags are compiled into each pattern string already.
        let regex_set = RegexSetBuilder::new(
            regexes
                .iter()
                .map(|(r, i)| flagged(r.as_str(), !set.rules()[*i].case_sensitive)),
        )
        .build()
        .map_err(|source| RuleError::Regex {
            id: "regex-set".to_string(),
            pack: String::new(),
            source,
        })?;
        Ok(Cleaner {
            rules,
            exact,
            tail,
            longest_key,
            prefix,
            prefix_rule,
            phrase,
            phrase_rule,
            regex_set,
            regexes,
            min_kept_before_tail: 2,
        })
    }

    /// Splits `text` into lines and sorts each into kept or removed.
    pub fn clean(&self, text: &str) -> Cleaned {
        let mut out = Cleaned::default();
        let mut blank_before = true;
        let mut tail: Option<usize> = None;
        for (number, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() {
                blank_before = true;
                continue;
            }
            let was_blank = std::mem::replace(&mut blank_before, false);
            if tail.is_none() && out.kept.len() >= self.min_kept_before_tail {
                tail = self.tail_rule(line);
            }
            let hit = self.match_line(line).or(tail.map(|r| (r, None)));
            match hit {
                Some((rule, rest)) => {
                    let r = &self.rules[rule];
                    out.removed.push(Removed {
                        text: line.to_string(),
                        rule: r.id.clone(),
                        role: r.role,
                        rest: rest.map(str::to_string),
                        agency: r.agency.clone(),
                        number,
                    });
                }
                None => out.kept.push(Line {
                    text: line.to_string(),
                    number,
                    blank_before: was_blank,
                }),
            }
        }
        out
    }

    fn tail_rule(&self, line: &str) -> Option<usize> {
        if line.len() > self.longest_key + 8 {
            return None;
        }
        self.tail.get(&normalize(line)).copied()
    }

    /// The earliest rule matching `line`, with the text after its lead.
    fn match_line<'a>(&self, line: &'a str) -> Option<(usize, Option<&'a str>)> {
        let words = line.split_whitespace().count();
        let fits = |rule: usize| words <= self.rules[rule].max_words;
        let mut best: Option<(usize, Option<&'a str>)> = None;
        let mut consider = |rule: usize, rest: Option<&'a str>| {
            if fits(rule) && best.is_none_or(|(b, _)| rule < b) {
                best = Some((rule, rest));
            }
        };
        if line.len() <= self.longest_key + 8
            && let Some(&rule) = self.exact.get(&normalize(line))
        {
            consider(rule, None);
        }
        for m in self.prefix.find_overlapping_iter(line) {
            if m.start() > 0 {
                break;
            }
            let after = &line[m.end()..];
            // The lead must end at a word boundary: `Related:` but not `Relatedly`.
            if after.chars().next().is_some_and(char::is_alphanumeric)
                && line[..m.end()]
                    .chars()
                    .last()
                    .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let rest = after.trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | '|' | '»' | '>' | '›')
            });
            let rest = rest.trim_end();
            consider(
                self.prefix_rule[m.pattern().as_usize()],
                (!rest.is_empty()).then_some(rest),
            );
        }
        for m in self.phrase.find_overlapping_iter(line) {
            consider(self.phrase_rule[m.pattern().as_usize()], None);
        }
        for i in self.regex_set.matches(line).iter() {
            let (re, rule) = &self.regexes[i];
            let rest = re
                .captures(line)
                .and_then(|c| c.name("rest"))
                .map(|m| m.as_str().trim())
                .filter(|s| !s.is_empty());
            consider(*rule, rest);
        }
        best
    }
}

fn flagged(pattern: &str, case_insensitive: bool) -> String {
    if case_insensitive {
        format!("(?i:{pattern})")
    } else {
        pattern.to_string()
    }
}

/// The comparison key of a line for exact rules: lower case, inner
/// whitespace collapsed, trailing `:`, `*`, `.`, `…` and spaces dropped.
fn normalize(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for word in line.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    let trimmed = out.trim_end_matches([':', '*', '.', '…', ' ', '!']).len();
    out.truncate(trimmed);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaner(pack: &str) -> Cleaner {
        let mut set = RuleSet::empty();
        set.add_toml("test", pack).unwrap();
        Cleaner::new(&set).unwrap()
    }

    const PACK: &str = r#"
        [[rule]]
        id = "related.see-also"
        kind = "prefix"
        patterns = ["See also", "Related:"]
        role = "related"
        reason = "r"
        max_words = 12

        [[rule]]
        id = "footer.rights"
        kind = "phrase"
        pattern = "all rights reserved"
        role = "footer"
        reason = "r"
        max_words = 10

        [[rule]]
        id = "credit.reporting"
        kind = "regex"
        pattern = '^\(?reporting by (?P<rest>.+)'
        role = "credit"
        reason = "r"

        [[rule]]
        id = "comment.leave-reply"
        kind = "tail"
        pattern = "Leave a Reply"
        role = "comment"
        reason = "r"

        [[rule]]
        id = "share.share"
        kind = "exact"
        pattern = "Share this:"
        role = "share"
        reason = "r"
    "#;

    fn kept(c: &Cleaned) -> Vec<&str> {
        c.kept.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn each_kind_matches() {
        let c = cleaner(PACK).clean(
            "Title\n\nBody one.\n  SHARE   THIS  \nSee also: Other story\n\
             (Reporting by Jane Doe)\n© 2024 Acme. All rights reserved.\nBody two.",
        );
        assert_eq!(kept(&c), ["Title", "Body one.", "Body two."]);
        let rules: Vec<&str> = c.removed.iter().map(|r| r.rule.as_str()).collect();
        assert_eq!(
            rules,
            [
                "share.share",
                "related.see-also",
                "credit.reporting",
                "footer.rights"
            ]
        );
        assert_eq!(c.removed[1].rest.as_deref(), Some("Other story"));
        assert_eq!(c.removed[2].rest.as_deref(), Some("Jane Doe)"));
        assert_eq!(c.removed[0].text, "SHARE   THIS");
    }

    #[test]
    fn guards_keep_real_paragraphs() {
        let c = cleaner(PACK).clean(
            "Title\n\nSee alsoing is not a word.\n\
             The label said all rights reserved, but the court disagreed with the company on every point it raised.\n\
             See also what happened when the council met on Tuesday night to vote on the budget plan for next year.",
        );
        assert_eq!(c.removed, []);
    }

    #[test]
    fn tail_rule_takes_the_rest_but_not_too_early() {
        let c =
            cleaner(PACK).clean("Leave a Reply\nTitle\nBody.\nLeave a reply:\nNice!\nShare this:");
        assert_eq!(kept(&c), ["Leave a Reply", "Title", "Body."]);
        let rules: Vec<&str> = c.removed.iter().map(|r| r.rule.as_str()).collect();
        // A more specific rule still names its own line inside the tail.
        assert_eq!(
            rules,
            ["comment.leave-reply", "comment.leave-reply", "share.share"]
        );
    }

    #[test]
    fn blank_lines_are_tracked() {
        let c = cleaner(PACK).clean("A\nB\n\n\nC");
        let blanks: Vec<bool> = c.kept.iter().map(|l| l.blank_before).collect();
        assert_eq!(blanks, [true, false, true]);
        assert_eq!(c.kept[2].number, 4);
    }
}
