/*!
Cleanup: split scraped article text into body lines and removed junk.

A [`Cleaner`] is built once from a [`RuleSet`] and then applied to any number
of documents, from any number of threads. Rules are data: TOML packs with an
id, a kind (exact line, prefix, phrase, regex, or a *tail* starter after which
the rest of the document is a comment section or footer), a role (related
link, credit, footer, comment form, share widget, …), a reason and a language.
The built-in packs are embedded in the library; users add their own with
[`RuleSet::add_toml`] and switch rules off by id with [`RuleSet::disable`].

Rules can also be learned: a [`TemplateLearner`] finds *archive templates*,
lines that repeat across the documents of one site or folder (menus,
footers, newsletter prompts), and writes them as a rule pack.

Text should go through a [`Repairer`] first (mojibake, entities such as
`&nbsp;`, invisible characters), as the pipeline does: rules match the
repaired text.

Every removed line is reported as a [`Removed`] with the id and role of the
rule that took it, so that later stages can mine removals (credits, related
link titles) and users can audit them. [`Cleaned`] and its parts implement
`serde::Serialize`, for a program that keeps the stage's result.

# Example

```
use newsclean_cleanup::{Cleaner, Role, RuleSet};

let cleaner = Cleaner::new(&RuleSet::builtin())?;
let text = "Headline\n\nFirst paragraph of the story.\n\n\
            See also  Another story entirely\n\n\
            Last paragraph.\n\nLeave a Reply\n\nGreat article!";
let cleaned = cleaner.clean(text);

let kept: Vec<&str> = cleaned.kept.iter().map(|l| l.text.as_str()).collect();
assert_eq!(kept, ["Headline", "First paragraph of the story.", "Last paragraph."]);

let related = &cleaned.removed[0];
assert_eq!(related.role, Role::Related);
assert_eq!(related.rest.as_deref(), Some("Another story entirely"));
// The comment form starts the comment section: the rest goes with it.
assert_eq!(cleaned.removed[2].text, "Great article!");
assert_eq!(cleaned.removed[2].rule, cleaned.removed[1].rule);
# Ok::<(), Box<dyn std::error::Error>>(())
```
*/

#![deny(missing_docs)]

mod classify;
mod cleaner;
mod lang;
mod repair;
mod repeats;
mod rules;
mod templates;

pub use classify::reason;
pub use cleaner::{Cleaned, Cleaner, Context, Line, Removed};
pub use repair::{Repairer, Repairs};
pub use rules::{Role, Rule, RuleError, RuleKind, RuleSet};
pub use templates::{Template, TemplateConfig, TemplateLearner};

/// Hash maps and sets of the hot paths (lookups per word and per line):
/// foldhash instead of SipHash, still seeded per process. Nothing depends
/// on their iteration order (SipHash's was random per run already).
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
/// See [`HashMap`].
pub(crate) type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
