/*!
HTML pages: the article's text blocks and metadata.

An [`HtmlExtractor`] turns a saved web page into a [`Page`]: the blocks of
the main content in reading order (paragraphs, headings, list items, block
quotes), with navigation, sidebars, footers, share bars, related-article
blocks, comment sections, cookie banners and ads left out; and the
headline, publication date, authors, site name, canonical URL and language
from JSON-LD, `<meta>` tags, `<time>`, the URL and bylines.

The page is tokenized by html5ever; the tree, the scoring and the metadata
are this crate's (see `content.rs` for the signals). Every page is parsed
within a [`Budget`] of bytes, nodes, nesting and time: a pathological page
is an [`HtmlError`], never a hang.

# Example

```
use newsclean_html::{BlockKind, HtmlExtractor};

let html = r#"<html lang="en-GB"><head><title>Rates rise again | The Daily</title>
<meta property="og:site_name" content="The Daily">
<meta property="article:published_time" content="2024-05-02T09:30:00Z">
<meta name="author" content="Jane Doe"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Rates rise again</h1>
<p>The central bank raised its main rate on Thursday, the third rise this year.</p>
<h2>What comes next</h2>
<p>Economists expect one more increase before the summer, and then a long pause.</p>
</article><footer>© The Daily</footer></body></html>"#;
let page = HtmlExtractor::default().extract(html)?;
assert_eq!(page.title.as_deref(), Some("Rates rise again"));
assert_eq!(page.published.as_deref(), Some("2024-05-02T09:30:00Z"));
assert_eq!(page.authors, ["Jane Doe"]);
assert_eq!(page.language.as_deref(), Some("en"));
let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
assert_eq!(texts[1], "The central bank raised its main rate on Thursday, the third rise this year.");
assert_eq!(page.blocks[2].kind, BlockKind::Heading(2));
assert!(!texts.iter().any(|t| t.contains("World") || t.contains("©")));
# Ok::<(), Box<dyn std::error::Error>>(())
```
*/

#![deny(missing_docs)]

mod content;
mod dom;
mod meta;
use meta::DatePlace;

use std::time::{Duration, Instant};

/// Limits for one page.
#[derive(Clone, Debug)]
pub struct Budget {
    /// Larger inputs are refused before parsing.
    pub max_bytes: usize,
    /// Elements and text runs.
    pub max_nodes: usize,
    /// Open elements at once.
    pub max_depth: usize,
    /// Wall-clock time for parsing and extraction.
    pub max_time: Duration,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            max_bytes: 16 << 20,
            max_nodes: 1_000_000,
            max_depth: 2_000,
            max_time: Duration::from_secs(5),
        }
    }
}

/// Why a page has no article.
#[derive(Debug, thiserror::Error)]
pub enum HtmlError {
    /// The page is larger than [`Budget::max_bytes`].
    #[error("page of {bytes} bytes is over the limit of {max}")]
    TooLarge {
        /// Size of the page.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// Nodes, nesting or time ran out.
    #[error("page exceeds the budget: {0}")]
    Budget(String),
}

/// What kind of element a block of text came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// `<p>`, or text in a `<div>`.
    Paragraph,
    /// `<h1>`…`<h6>` (4 stands for 4 to 6).
    Heading(u8),
    /// `<li>`, `<dt>`, `<dd>`.
    ListItem,
    /// Inside `<blockquote>`.
    Quote,
    /// `<pre>`.
    Preformatted,
    /// `<td>`, `<th>`.
    TableCell,
}

/// One block of the main content.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Block {
    /// The element it came from.
    pub kind: BlockKind,
    /// Text with whitespace collapsed.
    pub text: String,
    /// Share of the characters inside links.
    pub link_density: f32,
    /// The list a list item belongs to, or the paragraph (`<p>`) a block of
    /// text belongs to, as a number for that element: blocks in a row with
    /// the same `list` are one list's items, or the lines of one paragraph
    /// broken by `<br>`. `None` for other blocks (headings, text in a
    /// `<div>`).
    pub list: Option<u32>,
}

/// An article page.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Page {
    /// Headline.
    pub title: Option<String>,
    /// Publication date: `YYYY-MM-DD` or a full ISO 8601 timestamp.
    pub published: Option<String>,
    /// Author names.
    pub authors: Vec<String>,
    /// Publisher or site.
    pub site_name: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// ISO 639-1 code from the markup (`<html lang>`, JSON-LD, meta).
    pub language: Option<String>,
    /// The main content, in reading order.
    pub blocks: Vec<Block>,
}

/// Extracts pages. Cheap to build; share it.
#[derive(Clone, Debug, Default)]
pub struct HtmlExtractor {
    budget: Budget,
}

impl HtmlExtractor {
    /// An extractor with `budget` per page.
    pub fn new(budget: Budget) -> HtmlExtractor {
        HtmlExtractor { budget }
    }

    /// The article of one page.
    pub fn extract(&self, html: &str) -> Result<Page, HtmlError> {
        let started = Instant::now();
        // Checked between the stages, so that a page over budget stops at
        // the next one rather than running all of them.
        let in_time = || {
            if started.elapsed() > self.budget.max_time {
                return Err(HtmlError::Budget(format!(
                    "over {} ms",
                    self.budget.max_time.as_millis()
                )));
            }
            Ok(())
        };
        let dom = dom::parse(html, &self.budget)?;
        in_time()?;
        let mut raw = content::blocks(&dom);
        in_time()?;
        // A first `h1` that the page's copyright line names is the site's
        // logo (`<h1><a href="/">The Daily Guardian</a></h1>`), as on pages
        // of the 2000s: the headline is further down.
        let mut banner = None;
        if let Some(k) = raw.iter().position(|b| b.kind == BlockKind::Heading(1))
            && names_the_site(&raw[k].text, None, &raw)
        {
            raw[k].kind = BlockKind::Paragraph;
            raw[k].tag_junk = true;
            banner = Some((0, raw[k].text.clone()));
        }
        let headings: Vec<(u8, String)> = raw
            .iter()
            .filter_map(|b| match b.kind {
                BlockKind::Heading(level) if level <= 2 => Some((level, b.text.clone())),
                _ => None,
            })
            .chain(banner)
            .collect();
        // Dates and bylines written in the page, read outwards from the
        // headline.
        let h1 = raw.iter().position(|b| b.kind == BlockKind::Heading(1));
        // Without an `h1` (pages laid out in tables), a block that is most
        // of the `<title>` (in big type, but no heading) stands for it.
        let titled = h1.is_none().then(|| {
            let title = dom.head.title.trim();
            let title_chars = title.chars().count();
            raw.iter().position(|b| {
                b.chars >= 10 && b.chars * 2 >= title_chars && title.contains(b.text.trim())
            })
        });
        let h1_at = h1.or(titled.flatten()).unwrap_or(0);
        // Without either, what comes before the first heading, or else the
        // first paragraph of prose, stands where a masthead does.
        let lead_at = if h1.is_none() && titled.flatten().is_none() {
            raw.iter()
                .position(|b| matches!(b.kind, BlockKind::Heading(_)) || b.chars >= 80)
                .unwrap_or(0)
        } else {
            0
        };
        // A date opens a short block ("Datum 25.01.2022") or a long one
        // ("01.02.2022 The agency said…").
        fn head(b: &content::Raw) -> &str {
            match b.text.char_indices().nth(40) {
                Some((at, _)) if b.chars > 150 => &b.text[..at],
                _ => &b.text,
            }
        }
        // The two blocks below the headline come first (bylines sit there),
        // then the nearest few above and below in turn (a date line just
        // above the headline beats a date in the article's third paragraph),
        // then the rest.
        let below: Vec<&str> = raw[h1_at..].iter().take(80).map(head).collect();
        // Above it, not the page's header or menus (a masthead shows today's
        // date, not the article's), but the headline's own `<header>`
        // (outside an `<article>`) is the article's.
        let h1_header = h1.and_then(|k| {
            let at = content::ancestors(&dom.nodes, raw[k].container)
                .find(|&a| dom.nodes[a as usize].flags & dom::flags::HEADER != 0)?;
            Some((at as usize, dom.nodes[at as usize].end as usize))
        });
        let above: Vec<&str> = raw[..h1_at]
            .iter()
            .rev()
            .filter(|b| {
                let at = b.container as usize;
                !b.tag_junk
                    || h1_header.is_some_and(|(start, end)| (start..end).contains(&at))
                    || dom
                        .nodes
                        .get(at)
                        .is_some_and(|n| n.flags & dom::flags::KICKER != 0)
            })
            .take(30)
            .map(head)
            .collect();
        // (Where each text stands against the headline.)
        let headline_at = h1_at.max(lead_at);
        let below_at = |i: usize| {
            let at = h1_at + i;
            // (The block right above the headline is its own: `<span
            // class="date">` over `<h2>`. So is, above a first paragraph
            // with no heading before it, a date line right over a
            // headline-shaped block: `2009. január 21.` / the headline /
            // the text; not one saying it is today's, or a bracketed
            // teaser's `(01.02.2011)`.)
            let over_headline = !matches!(
                raw.get(lead_at).map(|b| b.kind),
                Some(BlockKind::Heading(_))
            ) && at + 3 >= lead_at
                && raw.get(at + 1).is_some_and(|b| {
                    headline_shaped(&b.text, b.link_chars as f32 / b.chars.max(1) as f32)
                })
                && raw.get(at).is_some_and(|b| {
                    !b.text.contains('(') && b.link_chars * 2 < b.chars && !says_today(&b.text)
                });
            let place = if at + 1 < lead_at && !over_headline {
                DatePlace::Above
            } else if at < headline_at + 3 {
                DatePlace::Near
            } else {
                DatePlace::Below
            };
            below.get(i).map(|t| (*t, place))
        };
        let mut date_texts: Vec<(&str, DatePlace)> = (0..2).filter_map(below_at).collect();
        for i in 0..3 {
            date_texts.extend(above.get(i).map(|t| (*t, DatePlace::Above)));
            date_texts.extend(below_at(2 + i));
        }
        date_texts.extend((5..below.len()).filter_map(below_at));
        date_texts.extend(
            above
                .get(3..)
                .unwrap_or_default()
                .iter()
                .map(|t| (*t, DatePlace::Above)),
        );
        // Further away, only a date that says what it is (`Datum 25.01.2022`).
        date_texts.extend(
            raw.iter()
                .filter(|b| b.chars <= 80 && meta::is_date_label(&b.text))
                .map(|b| (b.text.as_str(), DatePlace::Below)),
        );
        let (date_texts, date_places): (Vec<&str>, Vec<DatePlace>) = date_texts.into_iter().unzip();
        let (bylines, first_time) = bylines(&dom);
        let marked = marked_headline(&dom);
        // A kicker styled apart inside the headline is not part of it,
        // unless the page's declared title keeps it.
        let mut headings = headings;
        if let Some(h) = headings.iter_mut().find(|(l, _)| *l == 1) {
            let shown = meta::clean(&h.1);
            if let Some(whole) = h1_as_declared(&dom).filter(|w| w.ends_with(shown.as_str())) {
                h.1 = whole;
            } else if let Some(headline) =
                h1_without_kicker(&dom).filter(|t| shown.ends_with(t.as_str()))
            {
                h.1 = headline;
            }
        }
        let meta = meta::extract(
            &dom,
            &headings,
            &bylines,
            marked.as_deref(),
            first_time.as_deref(),
            &date_texts,
            &date_places,
        );
        in_time()?;
        // Where the article's headline stands: the `h1`, or on a page
        // without one, the block in big type that opens with the declared
        // title.
        let headline_at = raw
            .iter()
            .position(|b| b.kind == BlockKind::Heading(1))
            .or_else(|| {
                let openings = title_openings(meta.title.as_deref()?);
                raw.iter().position(|b| {
                    let link_density = b.link_chars as f32 / b.chars.max(1) as f32;
                    !b.tag_junk && styled_opening(&b.text, link_density, &openings).is_some()
                })
            });
        // A page without an `h1` whose declared title is only the site's
        // name (`Daily News`) shows its headline in big type right above
        // the article: keep the blocks' texts to look for it once the
        // article is found.
        let has_h1 = headings.iter().any(|(l, _)| *l == 1);
        // So is a title that is a section's name before the site's
        // (`Local News - The Valley Gazette`).
        let weak_title = !has_h1
            && meta.title.as_deref().is_none_or(|t| {
                let first = meta::first_part(t);
                t.split_whitespace().count() < 3
                    || first.len() < t.len() && first.split_whitespace().count() < 3
                    || names_the_site(t, meta.site_name.as_deref(), &raw)
            });
        let shapes: Vec<(String, bool)> = if weak_title {
            raw.iter()
                .map(|b| {
                    let link_density = b.link_chars as f32 / b.chars.max(1) as f32;
                    (
                        b.text.clone(),
                        !b.tag_junk && headline_shaped(&b.text, link_density),
                    )
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut blocks = content::select(&dom, raw, headline_at);
        in_time()?;
        if let Some(body) = meta.ld_body.as_deref()
            && let Some(paragraphs) = ld_fallback(&blocks, body)
        {
            blocks = paragraphs;
        } else if let Some(state) = dom.head.state.clone().and_then(|r| html.get(r))
            && let Some(title) = meta.title.clone().or_else(|| {
                blocks
                    .iter()
                    .find(|b| b.kind == BlockKind::Heading(1))
                    .map(|b| b.text.clone())
            })
            && let Some(paragraphs) = state_fallback(&blocks, state, &title)
        {
            blocks = paragraphs;
        }
        let mut title = meta.title;
        if !has_h1 && let Some(shown) = title.as_deref().and_then(|t| styled_headline(&blocks, t)) {
            title = Some(shown);
        } else if weak_title
            && let Some(shown) = headline_above(&shapes, &blocks)
            // The declared title written with other spacing is no news.
            && title.as_deref().is_none_or(|t| letters(t) != letters(&shown))
        {
            title = Some(shown);
        }
        in_time()?;
        Ok(Page {
            title,
            published: meta.published,
            authors: meta.authors,
            site_name: meta.site_name,
            url: meta.url,
            language: meta.language,
            blocks,
        })
    }
}

/// On a page without an `h1` (set in big bold type, as pages were before
/// HTML5), the headline the page shows: one of the first blocks that opens
/// with the declared title, or with its first part (`Headline - Site`), and
/// says more, as a headline does (a few words, no full stop).
fn styled_headline(blocks: &[Block], declared: &str) -> Option<String> {
    let openings = title_openings(declared);
    blocks
        .iter()
        .take(4)
        .find(|b| {
            styled_opening(&b.text, b.link_density, &openings)
                .is_some_and(|opening| b.text.len() > opening)
        })
        .map(|b| b.text.clone())
}

/// `title` is the site's own name: its declared name, or the owner a
/// copyright line names (`Copyright © 2008 The Harlan Courier.`), as when
/// the page's title is only the site's and a section's.
fn names_the_site(title: &str, site: Option<&str>, blocks: &[content::Raw]) -> bool {
    let title = title.trim().to_lowercase();
    if site.is_some_and(|s| s.trim().to_lowercase() == title) {
        return true;
    }
    title.split_whitespace().count() <= 5
        && blocks.iter().rev().take(40).any(|b| {
            b.chars <= 300 && {
                let text = b.text.to_lowercase();
                (text.contains('©') || text.contains("copyright"))
                    && text
                        .split(|c: char| !c.is_alphanumeric() && c != ' ' && c != '&')
                        .any(|part| {
                            part.trim().ends_with(title.as_str())
                                && part.trim().len() <= title.len() + 12
                        })
            }
        })
}

/// A few words with no full stop, few links, starting with a capital:
/// shaped like a headline.
fn headline_shaped(text: &str, link_density: f32) -> bool {
    let words = text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count();
    // (Scripts without spaces between words count their characters.)
    let dense = text.chars().filter(|&c| c as u32 >= 0x2E80).count();
    ((8..=60).contains(&dense) || (3..=20).contains(&words))
        && text.split_whitespace().count() <= 20
        && !text.ends_with(['.', ':', ',', '。'])
        && link_density < 0.5
        // (A capital, or a letter of a script without capitals.)
        && text.starts_with(|c: char| c.is_uppercase() || c.is_alphabetic() && !c.is_lowercase())
        && meta::normalize_date(text).is_none()
        // A breadcrumb trail (`Start » Film » Geschichte`).
        && ![" » ", " › ", " > ", " | "].iter().any(|sep| text.contains(sep))
}

/// Words that label a masthead's date as today's (`data/today-labels.txt`).
static TODAY_LABELS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    include_str!("../data/today-labels.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// `text` opens with a word saying its date is today's (`Heute: …`).
fn says_today(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .find(|w| !w.is_empty())
        .is_some_and(|w| TODAY_LABELS.contains(&w.to_lowercase().as_str()))
}

/// The lower-cased letters and digits of `text`.
fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The article's first block when it is headline-shaped, else the
/// headline-shaped block right above it (or one further up, past a byline
/// or a date line), among all of the page's blocks (`shapes`: text and
/// whether it is headline-shaped).
fn headline_above(shapes: &[(String, bool)], blocks: &[Block]) -> Option<String> {
    let first = blocks.first()?;
    // (Past a date or byline line over the headline: `Economia |
    // 18-12-2008 17:42`.)
    let dated = blocks
        .iter()
        .take(2)
        .take_while(|b| {
            b.text.split_whitespace().count() <= 12 && meta::normalize_date(&b.text).is_some()
        })
        .count();
    if let Some(b) = blocks
        .get(..blocks.len().min(dated + 1))
        .and_then(<[Block]>::last)
        && blocks.len() > 1
        && headline_shaped(&b.text, b.link_density)
    {
        return Some(b.text.clone());
    }
    let at = shapes.iter().position(|(text, _)| *text == first.text)?;
    shapes[..at]
        .iter()
        .rev()
        .take(2)
        .find(|(_, shaped)| *shaped)
        .map(|(text, _)| text.clone())
}

/// The lower-cased openings a styled headline may start with: the declared
/// title, its first part and what follows a short kicker, when each has
/// three words or more.
fn title_openings(declared: &str) -> Vec<String> {
    let lower = declared.to_lowercase();
    let first = meta::first_part(&lower);
    let first = (first.len() < lower.len() && first.split_whitespace().count() >= 3)
        .then(|| first.to_string());
    // After a section's kicker (`Local News: Flooding closes highway`).
    let after_kicker = lower
        .split_once(": ")
        .filter(|(kicker, rest)| {
            kicker.split_whitespace().count() <= 3 && rest.split_whitespace().count() >= 3
        })
        .map(|(_, rest)| rest.trim().to_string());
    let whole = (declared.split_whitespace().count() >= 3).then_some(lower);
    whole.into_iter().chain(first).chain(after_kicker).collect()
}

/// The length of the opening a block of `text` starts with, when the block
/// is shaped like a headline (a few words, no full stop, few links).
fn styled_opening(text: &str, link_density: f32, openings: &[String]) -> Option<usize> {
    // Shape first: most blocks are turned away before lower-casing.
    if !(3..=25).contains(&text.split_whitespace().count())
        || text.ends_with('.')
        || link_density >= 0.5
    {
        return None;
    }
    let shown = text.to_lowercase();
    openings
        .iter()
        .find(|o| shown.starts_with(o.as_str()))
        .map(String::len)
}

/// Names a byline box marks one by one, at most.
const MARKED_NAMES: usize = 4;

/// Texts of byline-like elements (class/id `author`/`byline`, `rel=author`,
/// `itemprop=author`), and the first `<time datetime>` or itemprop date.
fn bylines(dom: &dom::Dom) -> (Vec<String>, Option<String>) {
    let mut found: Vec<(usize, String)> = Vec::new();
    let mut out: Vec<String> = Vec::new();
    let mut time = None;
    for (i, n) in dom.nodes.iter().enumerate() {
        if n.name.is_none() {
            continue;
        }
        if time.is_none()
            && (n.is("time") || n.itemprop == "datepublished")
            && let Some(d) = &n.datetime
            && !in_teaser_item(dom, i)
        {
            time = Some(d.clone());
        }
        let h = &n.hint;
        let maybe = h.contains("aut") || h.contains("byline") || h.contains("firma");
        let hinted = n.itemprop == "author"
            || n.flags & dom::flags::AUTHOR_LINK != 0
            || maybe
                && n.hint
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .any(names_an_author);
        if !hinted || found.len() >= 16 {
            continue;
        }
        // Commenters have bylines too.
        let mut up = i;
        let mut in_comments = false;
        while up != 0 {
            let h = &dom.nodes[up].hint;
            // (Other languages' words open a class: a WordPress post's
            // classes name its categories, `internet-estallido-comentarios`.)
            if ["comment", "reply", "respond", "disqus", "reaction"]
                .iter()
                .any(|w| h.contains(w))
                || h.split_ascii_whitespace().any(|class| {
                    ["coment", "komment", "reactie"]
                        .iter()
                        .any(|w| class.starts_with(w))
                })
            {
                in_comments = true;
                break;
            }
            up = dom.nodes[up].parent as usize;
        }
        if in_comments {
            continue;
        }
        // A box that marks its names (`<span class="name">`) among the
        // outlets and job titles of its authors gives the names.
        // (Not Drupal's `field-name-field-byline`, on every field.)
        let end = (n.end as usize).min(dom.nodes.len());
        let is_mark = |k: usize| {
            dom.nodes[k]
                .hint
                .split_ascii_whitespace()
                .any(|w| w == "name" || w.ends_with("-name") || w.ends_with("_name"))
        };
        // The innermost marks: `<address class="name">` may hold another.
        let marked: Vec<String> = (i + 1..end)
            .filter(|&k| is_mark(k) && !(k + 1..dom.nodes[k].end as usize).any(is_mark))
            .map(|k| element_text(dom, k, 100))
            .filter(|t| !t.is_empty())
            .collect();
        // Only in an author's box (not a byline's place, section or
        // source marked so), and only names (not `Facebook`, `linksc`).
        let names: Vec<&String> = if h.contains("author") {
            marked.iter().filter(|t| meta::person_shaped(t)).collect()
        } else {
            Vec::new()
        };
        let text = if (1..=MARKED_NAMES).contains(&names.len()) {
            names
                .iter()
                .map(|n| n.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        } else {
            byline_text(dom, i, 300)
        };
        if !text.is_empty() && text.chars().count() <= 200 {
            found.push((i, text));
        }
    }
    // A byline box that holds one marked name and more (a job title, a
    // handle): the name is the inner mark's text. A box with several marked
    // names keeps them together, and so do marked names side by side
    // (`di <span itemprop=author>A</span> e <span itemprop=author>B</span>`).
    let mut last: Option<usize> = None;
    for (k, (i, text)) in found.iter().enumerate() {
        let end = dom.nodes[*i].end as usize;
        let mut inner = found[k + 1..].iter().take_while(|(j, _)| *j < end);
        if let (Some((_, name)), None) = (inner.next(), inner.next())
            && text.contains(name.as_str())
        {
            continue;
        }
        // (Marked as authors, not only classed so: `author-location`,
        // `author` around `Edited by …` stand beside names too.)
        let marked = |k: usize| {
            let n = &dom.nodes[k];
            n.itemprop == "author" || n.flags & dom::flags::AUTHOR_LINK != 0
        };
        let beside = last.is_some_and(|l| {
            dom.nodes[l].parent == dom.nodes[*i].parent
                && (dom.nodes[l].end as usize) <= *i
                && marked(l)
                && marked(*i)
        });
        if let Some(names) = out.last_mut().filter(|_| beside) {
            names.push_str(", ");
            names.push_str(text);
        } else if out.len() < 8 {
            out.push(text.clone());
        }
        last = Some(*i);
    }
    (out, time)
}

/// Whether element `i` sits in a list item that links to another story
/// with its headline (`<li><a>Other headline</a> <time>…</time></li>`): a
/// sidebar's date, not the page's. Items of an article's own meta list
/// (`<li><time>…</time></li><li>By <a>Ann Lee</a></li>`) link no headline.
fn in_teaser_item(dom: &dom::Dom, i: usize) -> bool {
    /// Characters of a link's text that make it a headline.
    const HEADLINE_CHARS: usize = 25;
    let mut up = dom.nodes[i].parent as usize;
    for _ in 0..3 {
        if up == 0 {
            return false;
        }
        let item = &dom.nodes[up];
        if item.is("li") {
            let end = (item.end as usize).min(dom.nodes.len());
            return (up + 1..end).any(|k| {
                dom.nodes[k].flags & dom::flags::LINK != 0
                    && element_text(dom, k, 200).chars().count() >= HEADLINE_CHARS
            });
        }
        up = item.parent as usize;
    }
    false
}

/// Whether a class or id word marks an author's name: `author`, `byline`,
/// `autor`, `auteur`, `firma` and compounds such as `authorname`, `byline_name`
/// or `ArticleAuthor`, but not the author's photo or biography box.
fn names_an_author(word: &str) -> bool {
    // (`firma`: the signature of Italian and Spanish sites.)
    const MARKS: &[&str] = &["author", "byline", "autor", "auteur", "firma"];
    const NOT: &[&str] = &[
        "bio", "desc", "about", "box", "info", "img", "image", "avatar", "photo", "pic", "thumb",
        "social", "link", "follow", "more",
    ];
    // (Or a compound that ends in one: `articleauthor`, `postbyline`.)
    MARKS
        .iter()
        .any(|m| word.starts_with(m) || m.len() >= 6 && word.ends_with(m))
        && !NOT.iter().any(|n| word.contains(n))
}

/// The text of element `i`, whitespace collapsed, cut after about `max`
/// bytes.
fn element_text(dom: &dom::Dom, i: usize, max: usize) -> String {
    text_until(dom, i, max, false)
}

/// The text of byline element `i` up to its first line break after a name:
/// what follows is the reporter's job and outlet (`By Mark Easton<br>Home
/// editor, Daily Courier News`).
fn byline_text(dom: &dom::Dom, i: usize, max: usize) -> String {
    text_until(dom, i, max, true)
}

fn text_until(dom: &dom::Dom, i: usize, max: usize, line_break_ends: bool) -> String {
    let mut text = String::new();
    let end = (dom.nodes[i].end as usize).clamp(i + 1, dom.nodes.len());
    for t in &dom.nodes[i + 1..end] {
        if line_break_ends && t.is("br") && text.split_whitespace().count() >= 2 {
            break;
        }
        if t.name.is_none() {
            text.push_str(&t.text);
            text.push(' ');
        }
        if text.len() > max {
            break;
        }
    }
    meta::clean(&text)
}

/// The JSON-LD `articleBody` as paragraphs, when it holds well over twice
/// the text the page's own markup gave (an article rendered by script from
/// data the page carries, with only its lead in the HTML).
fn ld_fallback(blocks: &[Block], body: &str) -> Option<Vec<Block>> {
    // Some sites put HTML, or only a teaser, in the field.
    if body.contains("</") || body.contains("<p") {
        return None;
    }
    let ld_chars = body.chars().filter(|c| !c.is_whitespace()).count();
    if ld_chars < 500 || ld_chars < 2 * page_chars(blocks).max(1) {
        return None;
    }
    let paragraphs: Vec<Block> = body
        .lines()
        .map(meta::unescape)
        .filter(|l| !l.is_empty())
        .map(|text| text_block(BlockKind::Paragraph, text))
        .collect();
    (!paragraphs.is_empty()).then_some(paragraphs)
}

/// A block of text a page's data gave, not its markup: no links, no list.
fn text_block(kind: BlockKind, text: String) -> Block {
    Block {
        kind,
        text,
        link_density: 0.0,
        list: None,
    }
}

/// Characters without whitespace in the blocks that are no headings.
fn page_chars(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .filter(|b| !matches!(b.kind, BlockKind::Heading(_)))
        .map(|b| b.text.chars().filter(|c| !c.is_whitespace()).count())
        .sum()
}

/// The article in a page's state script (Next.js' `__NEXT_DATA__` and
/// the like), when the markup shows well under half of it: the longest
/// list of text blocks (`{"type": "paragraph", "html": "…"}`, headings
/// by their type), or the longest HTML string of paragraphs, inside the
/// object that names the page's headline (not the next story's, a list
/// of comments or a cookie notice).
fn state_fallback(blocks: &[Block], state: &str, headline: &str) -> Option<Vec<Block>> {
    /// Keys of a block's text.
    const TEXT_KEYS: &[&str] = &["html", "text", "content", "value"];
    let page = page_chars(blocks);
    // (Cheap first: the page shows a lead at most, and the state may hold
    // more. Most pages show their article: their state is not parsed.)
    if page > STATE_PAGE_MAX_CHARS || state.len() < STATE_MIN_CHARS.max(2 * page) {
        return None;
    }
    let value: serde_json::Value = serde_json::from_str(state).ok()?;
    let plain = |s: &str| meta::unescape(&meta::without_tags(s));
    let mut best: Option<(usize, Vec<Block>)> = None;
    let mut consider = |found: Vec<Block>| {
        let chars = page_chars(&found);
        if chars >= STATE_MIN_CHARS
            && chars >= 2 * page.max(1)
            && best.as_ref().is_none_or(|(b, _)| chars > *b)
        {
            best = Some((chars, found));
        }
    };
    let headline = meta::clean(headline).to_lowercase();
    let names_headline = |v: &serde_json::Value| {
        v.as_object().is_some_and(|o| {
            o.values()
                .filter_map(|v| v.as_str())
                .any(|s| meta::clean(s).to_lowercase() == headline)
        })
    };
    // Each value with how many levels above it the headline's object is
    // (none: not inside it).
    let mut stack: Vec<(&serde_json::Value, Option<u8>)> = vec![(&value, None)];
    while let Some((v, depth)) = stack.pop() {
        let depth = if names_headline(v) {
            Some(0)
        } else {
            depth.map(|d| d + 1).filter(|&d| d <= STATE_ARTICLE_DEPTH)
        };
        let inside = depth.is_some();
        match v {
            serde_json::Value::Array(items) if inside => {
                let found: Vec<Block> = items
                    .iter()
                    .filter_map(|item| {
                        let text = TEXT_KEYS.iter().find_map(|k| item.get(k)?.as_str())?;
                        let kind = item.get("type").and_then(|t| t.as_str()).unwrap_or("");
                        let kind = if kind.contains("head") {
                            BlockKind::Heading(2)
                        } else if kind.is_empty() || kind.contains("paragraph") || kind == "p" {
                            BlockKind::Paragraph
                        } else {
                            return None;
                        };
                        let text = plain(text);
                        (!text.is_empty()).then(|| text_block(kind, text))
                    })
                    .collect();
                consider(found);
                stack.extend(items.iter().map(|i| (i, depth)));
            }
            serde_json::Value::Array(items) => stack.extend(items.iter().map(|i| (i, depth))),
            serde_json::Value::Object(map) => stack.extend(map.values().map(|i| (i, depth))),
            serde_json::Value::String(s) if inside && s.contains("</p>") => consider(
                s.split("</p>")
                    .map(plain)
                    .filter(|t| !t.is_empty())
                    .map(|text| text_block(BlockKind::Paragraph, text))
                    .collect(),
            ),
            _ => {}
        }
    }
    best.map(|(_, found)| found)
}

/// Levels below the object naming the headline where its body may be
/// (`{"headline": …, "body": {"content": [blocks]}}`).
const STATE_ARTICLE_DEPTH: u8 = 3;

/// Characters an article read from a page's state holds at least.
const STATE_MIN_CHARS: usize = 500;
/// Characters of a page's own text above which its state is not read.
const STATE_PAGE_MAX_CHARS: usize = 1_000;

/// The text of the first element microdata marks as the headline
/// (`itemprop="headline"`), when it is short enough to be one.
fn marked_headline(dom: &dom::Dom) -> Option<String> {
    let i = dom
        .nodes
        .iter()
        .position(|n| n.name.is_some() && n.itemprop == "headline")?;
    let text = element_text(dom, i, 400);
    let words = text.split_whitespace().count();
    (2..=40).contains(&words).then_some(text)
}

/// The first `h1`'s text without a kicker that opens it in its own styled
/// element (`<h1><span class="h1small">Initiative EnergieEffizienz</span>
/// Kostenloser Stromcheck …</h1>`), when one does.
fn h1_without_kicker(dom: &dom::Dom) -> Option<String> {
    let i = dom.nodes.iter().position(|n| n.is("h1"))?;
    let end = dom.nodes[i].end as usize;
    let first = (i + 1..end).find(|&j| {
        let n = &dom.nodes[j];
        n.name.is_some() || !n.text.trim().is_empty()
    })?;
    let kicker_node = &dom.nodes[first];
    if kicker_node.name.is_none() || kicker_node.hint.is_empty() || kicker_node.is("a") {
        return None;
    }
    let kicker = element_text(dom, first, 200);
    let whole = element_text(dom, i, 600);
    let rest = whole
        .strip_prefix(kicker.as_str())?
        .trim_start_matches([':', '|', '–', '-', '/', ' ']);
    let (kw, rw) = (
        kicker.split_whitespace().count(),
        rest.split_whitespace().count(),
    );
    ((1..=6).contains(&kw) && rw >= 3 && rw > kw).then(|| rest.to_string())
}

/// The first `h1`'s whole text, a kicker included, when the page's
/// declared title opens with that text: the site counts the kicker as part
/// of its headline (`<h1><span class="kicker">Akkutechnik</span><span
/// class="visually-hidden">: </span>Headline</h1>` declared as
/// `Akkutechnik: Headline`).
fn h1_as_declared(dom: &dom::Dom) -> Option<String> {
    let i = dom.nodes.iter().position(|n| n.is("h1"))?;
    let end = (dom.nodes[i].end as usize).clamp(i + 1, dom.nodes.len());
    let nodes = &dom.nodes[i + 1..end];
    // The page's own spaces, not one per text node: a hidden `: ` joins
    // kicker and headline.
    let text: String = nodes
        .iter()
        .filter(|n| n.name.is_none())
        .map(|n| n.text.as_str())
        .collect();
    let text = meta::clean(&text);
    meta::declared_opens_with(dom, &text).then_some(text)
}

/// An ISO 8601 date (`YYYY-MM-DD`, or the full timestamp when one was
/// given) from the many ways pages and feeds write dates (`2024-05-03T10:00Z`,
/// `03.05.2024`, `May 3, 2024`, `3 mai 2024`, `2024年5月3日`); `None` for
/// text that is no date of the years 1990 to 2100.
///
/// ```
/// assert_eq!(newsclean_html::normalize_date("March 4, 2008").as_deref(), Some("2008-03-04"));
/// assert_eq!(newsclean_html::normalize_date("not a date"), None);
/// ```
pub fn normalize_date(text: &str) -> Option<String> {
    meta::normalize_date(text)
}

/// Whether `bytes` look like an HTML page: a doctype or an `<html>`,
/// `<head>` or `<body>` tag near the start.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(2048)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    [&b"<!doctype html"[..], b"<html", b"<head", b"<body"]
        .iter()
        .any(|needle| memchr::memmem::find(&lower, needle).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A paragraph of an article, for pages built in tests.
    const PARA: &str = "<p>The council said on Tuesday that it would not change the plans for the new library, which has been under construction for two years.</p>";

    #[test]
    fn a_page_serialises() {
        let page = HtmlExtractor::default()
            .extract("<html><body><article><h1>Talks resume</h1><p>The talks resumed on Monday after a pause of two weeks, officials said.</p></article></body></html>")
            .unwrap();
        let json = serde_json::to_value(&page).unwrap();
        assert_eq!(json["title"], "Talks resume");
        let kinds: Vec<&str> = json["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|b| b["kind"].as_str())
            .collect();
        assert!(kinds.contains(&"paragraph"), "{json}");
    }

    #[test]
    fn deep_nesting_is_a_budget_error_not_a_hang() {
        let html = format!("<html><body>{}text", "<div>".repeat(100_000));
        let start = Instant::now();
        let err = HtmlExtractor::default().extract(&html).unwrap_err();
        assert!(matches!(err, HtmlError::Budget(_)), "{err}");
        assert!(start.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn nested_menus_around_the_headline_finish() {
        // Each menu asks whether it holds the headline: answered from one
        // index of the page, not by a scan per menu.
        let html = format!(
            "<html><body>{}<h1>Headline</h1><p>Text.</p>{}",
            "<nav>".repeat(50_000),
            "</nav>".repeat(50_000)
        );
        let start = Instant::now();
        let err = HtmlExtractor::default().extract(&html).unwrap_err();
        assert!(matches!(err, HtmlError::Budget(_)), "{err}");
        assert!(start.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn endless_tables_finish() {
        let html = format!(
            "<html><body><table>{}</table>",
            "<tr><td>cell</td><td><table><tr><td>x</td></tr></table></td></tr>".repeat(10_000)
        );
        let start = Instant::now();
        let _ = HtmlExtractor::default().extract(&html);
        assert!(start.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn size_budget() {
        let budget = Budget {
            max_bytes: 10,
            ..Budget::default()
        };
        let err = HtmlExtractor::new(budget)
            .extract("<p>a long page</p>")
            .unwrap_err();
        assert!(matches!(err, HtmlError::TooLarge { .. }));
    }

    #[test]
    fn boilerplate_is_dropped() {
        let html = r#"<html><body>
<div class="cookie-banner">We use cookies to improve your experience on this site, accept?</div>
<div id="content"><div class="article-body">
<p>First paragraph of the story, which is long enough to be prose, with commas.</p>
<div class="share-bar"><a href="/s">Share on Facebook</a> <a href="/t">Tweet this story now</a></div>
<p>Second paragraph of the story, also long enough to count as prose text here.</p>
<ul class="related"><li><a href="/a">Another story about something else entirely</a></li></ul>
</div><div class="comments"><p>Great article, thanks for writing this, I agree with all of it.</p></div></div>
</body></html>"#;
        let page = HtmlExtractor::default().extract(html).unwrap();
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(texts[0].starts_with("First") && texts[1].starts_with("Second"));
    }

    #[test]
    fn an_anchor_without_href_is_not_a_link() {
        // `<a name="top"/>` is written as XHTML; an HTML parser leaves it
        // open, and its text must not count as link text either way.
        for top in ["<a name=\"top\"/>", "<a name=\"top\">"] {
            let html = format!(
                "<html><body>{top}<div id=\"root\"><div class=\"story\">{PARA}{}</div></div></body></html>",
                "<p>Builders expect to finish the reading rooms in the spring, and the mayor hopes to open the doors before the summer holidays begin.</p>"
            );
            let page = HtmlExtractor::default().extract(&html).unwrap();
            assert_eq!(page.blocks.len(), 2, "{top}: {:?}", page.blocks);
        }
    }

    #[test]
    fn a_page_that_ends_with_its_last_paragraph_keeps_it() {
        let html = "<html><body><div class=\"story\"><p>The council said on Tuesday that it would not change the plans for the new library.</p><p>Builders expect to finish the reading rooms in the spring, the mayor said.</p></div></body></html>";
        let page = HtmlExtractor::default().extract(html).unwrap();
        assert_eq!(page.blocks.len(), 2, "{:?}", page.blocks);
        assert!(page.blocks[1].text.starts_with("Builders"));
    }

    #[test]
    fn a_logo_heading_that_names_the_site_is_not_the_headline() {
        let html = "<html><head><title>Council keeps library plans&#12288;World News: Daily Post</title>\
            <meta property=\"og:title\" content=\"Council keeps library plans\"></head><body>\
            <a href=\"/\"><h1 class=\"hide-text\">World News: Daily Post</h1></a>\
            <h1 class=\"title\">Council keeps library plans</h1>\
            <p>The council said on Tuesday that it would not change the plans for the new library.</p></body></html>";
        let page = HtmlExtractor::default().extract(html).unwrap();
        assert_eq!(page.title.as_deref(), Some("Council keeps library plans"));
    }

    #[test]
    fn a_sidebar_tag_around_the_marked_article_body_is_layout() {
        let html = "<html><body><nav><a href=\"/\">Home</a></nav><aside class=\"content\">\
            <h1>Library plans stay</h1><article><div itemprop=\"articleBody\">\
            <p>The council said on Tuesday that it would not change the plans for the new library.</p>\
            <p>Builders expect to finish the reading rooms in the spring, the mayor said.</p></div></article>\
            <aside class=\"more\"><p>Sign up for our newsletter to get the news every morning.</p></aside>\
            </aside></body></html>";
        let page = HtmlExtractor::default().extract(html).unwrap();
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(texts.iter().any(|t| t.starts_with("Builders")), "{texts:?}");
        // A sidebar inside it is still a sidebar.
        assert!(!texts.iter().any(|t| t.starts_with("Sign up")), "{texts:?}");
    }

    #[test]
    fn sections_named_for_their_ad_slots_are_the_article() {
        let para = |topic: &str| {
            format!(
                "<p>The council said on Tuesday that it would not change the plans for the new {topic}, which has been under construction for two years and should open in the spring.</p><p>Builders expect to finish the {topic} before the summer, the mayor told reporters after a long meeting on Monday evening.</p><p>The {topic} will cost more than planned, and the council will vote on the extra money in a special session next month, when the new budget is due.</p>"
            )
        };
        let html = format!(
            "<html><body><article><h1>Plans stay</h1><section class=\"story__section\">{}</section>\
             <section class=\"story__section story__section--ads\"><div class=\"ad-slot\"><span>Advertisement</span></div>{}</section>\
             <section class=\"story__section story__section--ads\">{}</section></article></body></html>",
            para("library"),
            para("school"),
            para("pool")
        );
        let page = HtmlExtractor::default().extract(&html).unwrap();
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(texts.iter().any(|t| t.contains("new pool")), "{texts:?}");
        assert!(!texts.contains(&"Advertisement"), "{texts:?}");
    }

    #[test]
    fn list_items_and_broken_lines_know_their_list() {
        let html = "<html><body><article><h1>Almond biscuits</h1>\
            <p>Ingredients:<br>300 g flour<br>100 g almonds</p>\
            <ul><li>Mix everything.</li><li>Bake for fifteen minutes.</li></ul><ul><li>Serve.</li></ul>\
            <p>The council said on Tuesday that it would not change the plans for the new library.</p>\
            </article></body></html>";
        let page = HtmlExtractor::default().extract(html).unwrap();
        let lists: Vec<(&str, Option<u32>)> = page
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.list))
            .collect();
        let list = |text: &str| lists.iter().find(|(t, _)| *t == text).and_then(|(_, l)| *l);
        assert!(list("Ingredients:").is_some(), "{lists:?}");
        assert_eq!(list("Ingredients:"), list("100 g almonds"));
        assert!(list("Mix everything.").is_some());
        assert_eq!(list("Mix everything."), list("Bake for fifteen minutes."));
        assert_ne!(list("Mix everything."), list("Serve."));
        assert_ne!(list("Mix everything."), list("Ingredients:"));
        assert_eq!(list("Almond biscuits"), None);
    }

    #[test]
    fn a_dated_link_to_another_story_does_not_date_the_page() {
        let html = "<html><body><ul class=\"list\"><li><a href=\"/b\">Another story from the same blog this week</a> \
            <time datetime=\"2019-07-30\">30 juil.</time></li></ul>\
            <article><h1>Library plans stay</h1><ul class=\"meta\"><li><time datetime=\"2019-06-27\">27 juin</time></li>\
            <li>Par <a href=\"/elba\">Elba</a></li></ul>\
            <p>The council said on Tuesday that it would not change the plans for the new library.</p></article></body></html>";
        let page = HtmlExtractor::default().extract(html).unwrap();
        assert_eq!(page.published.as_deref(), Some("2019-06-27"));
    }

    #[test]
    fn a_shown_last_change_does_not_date_the_page_but_stands_in_alone() {
        let published = |meta: &str| {
            HtmlExtractor::default()
                .extract(&format!(
                    "<html><body><article><h1>Metro line approved</h1><div class=\"when\">{meta}</div>\
                     <p>The city approved the new metro line on Friday after a long debate.</p></article></body></html>"
                ))
                .unwrap()
                .published
        };
        assert_eq!(
            published("<span>Updated: 16 March 2024, 09:30</span> <span>Published: 15 March 2024, 14:42</span>")
                .as_deref(),
            Some("2024-03-15")
        );
        assert_eq!(
            published("<span>अपडेटेड: 16 मार्च 2024</span> <span>प्रकाशित: 15 मार्च 2024</span>")
                .as_deref(),
            Some("2024-03-15")
        );
        assert_eq!(
            published("<span>Updated: 16 March 2024, 09:30</span>").as_deref(),
            Some("2024-03-16")
        );
    }

    #[test]
    fn a_page_state_script_gives_the_article_a_page_renders_by_script() {
        let para = |n: usize| {
            format!(
                "Paragraph {n} of the story says what the city council decided on Tuesday &amp; why, \
                 and what the mayor and the opposition said about the new tram line afterwards."
            )
        };
        let state = |headline: &str| {
            format!(
                r#"<script id="__NEXT_DATA__" type="application/json">{{"props":{{"pageProps":{{"article":{{"headline":"{headline}","body":[
{{"type":"paragraph","html":"<p>{}</p>"}},{{"type":"ad","slot":"inarticle"}},{{"type":"heading","text":"What comes next"}},
{{"type":"paragraph","html":"{}"}},{{"type":"paragraph","text":"{}"}},{{"type":"paragraph","text":"{}"}}]}}}}}}}}</script>"#,
                para(1),
                para(2),
                para(3),
                para(4)
            )
        };
        let page_with = |headline: &str, body: &str| {
            HtmlExtractor::default()
                .extract(&format!(
                    "<html><head>{}</head><body><article><h1>Tram line approved</h1>{body}</article></body></html>",
                    state(headline)
                ))
                .unwrap()
                .blocks
                .into_iter()
                .map(|b| (b.kind, b.text))
                .collect::<Vec<_>>()
        };
        let page = |body: &str| page_with("Tram line approved", body);
        let blocks = page("<p>Loading…</p>");
        assert_eq!(blocks.len(), 5, "{blocks:?}");
        assert_eq!(
            blocks[0],
            (BlockKind::Paragraph, para(1).replace("&amp;", "&"))
        );
        assert_eq!(
            blocks[1],
            (BlockKind::Heading(2), "What comes next".to_string())
        );
        // Not another story's (the next one the page preloads).
        let blocks = page_with("Burglaries rise in the suburbs", "<p>Loading…</p>");
        assert_eq!(blocks.len(), 2, "{blocks:?}");
        // A page that shows its article keeps its own blocks.
        let shown: String = (1..=4).map(|n| format!("<p>{}</p>", para(n))).collect();
        let blocks = page(&shown);
        assert_eq!(blocks.len(), 5, "{blocks:?}");
        assert_eq!(blocks[0].0, BlockKind::Heading(1));
    }

    #[test]
    fn a_page_state_script_dates_a_page_that_shows_no_date() {
        let body = "<body><article><h1>Jumpers meet in Berlin</h1>\
            <p>The world record holder cleared six metres again on Sunday night.</p></article></body>";
        let state = r#"<script id="__NEXT_DATA__" type="application/json">{"props":{"menu":[{"slug":"home"}],
"page":{"publicationDate":"2022-01-31T14:27:32+01:00","updatedAt":"2022-02-01T09:00:00+01:00"}}}</script>"#;
        let published = |head: &str, body: &str| {
            HtmlExtractor::default()
                .extract(&format!("<html><head>{head}</head>{body}</html>"))
                .unwrap()
                .published
        };
        assert_eq!(
            published(state, body).as_deref(),
            Some("2022-01-31T14:27:32+01:00")
        );
        // A script of code is no page state, whatever it names.
        let code = state.replace("application/json", "text/javascript");
        assert_eq!(published(&code, body), None);
        // Meta tags and a date the page shows outrank it.
        let meta = r#"<meta property="article:published_time" content="2022-01-30">"#;
        assert_eq!(
            published(&format!("{meta}{state}"), body).as_deref(),
            Some("2022-01-30")
        );
        let shown = body.replace("</h1>", "</h1><p class=\"date\">March 14, 2022</p>");
        assert_eq!(published(state, &shown).as_deref(), Some("2022-03-14"));
        // A state that lists other stories names many days: none is the page's.
        let listed = state.replace(
            r#""props":{"menu""#,
            r#""props":{"mostRead":[{"publishedDate":"2024-06-01"}],"menu""#,
        );
        assert_eq!(published(&listed, body), None);
    }

    #[test]
    fn json_ld_metadata() {
        let html = r#"<html><head><script type="application/ld+json">
{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"X"},
{"@type":"NewsArticle","headline":"A headline","datePublished":"2023-05-11T10:00:00+02:00",
"author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Chan"}],
"publisher":{"@type":"Organization","name":"The Paper"}}]}</script>
<title>Other | The Paper</title></head><body><p>Text.</p></body></html>"#;
        let page = HtmlExtractor::default().extract(html).unwrap();
        assert_eq!(page.title.as_deref(), Some("A headline"));
        assert_eq!(page.published.as_deref(), Some("2023-05-11T10:00:00+02:00"));
        assert_eq!(page.authors, ["Ann Lee", "Bo Chan"]);
        assert_eq!(page.site_name.as_deref(), Some("The Paper"));
    }

    #[test]
    fn a_caption_set_in_an_inline_element_goes() {
        let caption = "Yahya Sinwar has been promoted to Hamas political chief, and some in Gaza fear for the talks.";
        let html = format!(
            "<html><body><h1>Library plans stay</h1><div class=\"story\">{PARA}{PARA}\
             <div><div class=\"player\"></div><span class=\"media-caption\">{caption}</span></div>\
             <p>The mayor, <span class=\"text-caption\">in a statement</span>, said the plans were final and the work would go on.</p>{PARA}</div></body></html>"
        );
        let page = HtmlExtractor::default().extract(&html).unwrap();
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(!texts.contains(&caption), "{texts:?}");
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with("The mayor, in a statement")),
            "{texts:?}"
        );
    }

    #[test]
    fn an_article_in_sections_boxed_apart_is_whole() {
        // Each section sits deep in boxes of its own (`container > row >
        // col`), a table's box between them: the second section is the
        // article's too, the author's one-paragraph box after it is not.
        let boxed = |inner: &str| {
            format!(
                "<div class=\"section\"><div class=\"row\"><div class=\"col\">{inner}</div></div></div>"
            )
        };
        let later = "<p>Later the council will vote on the budget for the library, which has grown by a third since the plans were first shown to residents in the spring.</p>";
        let html = format!(
            "<html><body><h1>Library plans stay</h1>{}{}{}{}</body></html>",
            boxed(&format!("{PARA}{PARA}{PARA}{PARA}")),
            boxed("<table><tr><td>Floors</td><td>4</td></tr></table>"),
            boxed(&format!("<h2>What comes next</h2>{later}{later}{later}")),
            boxed(
                "<p>Ann Lee writes about the city, its council and its buildings for the paper since 2019.</p>"
            ),
        );
        let page = HtmlExtractor::default().extract(&html).unwrap();
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(
            texts.iter().any(|t| t.starts_with("Later the council")),
            "{texts:?}"
        );
        assert!(
            !texts.iter().any(|t| t.starts_with("Ann Lee writes")),
            "{texts:?}"
        );
    }

    #[test]
    fn a_standfirst_in_its_own_box_joins_the_article() {
        let links = "<li><a href=\"/a\">Share on a network</a></li>".repeat(12);
        let html = format!(
            "<html><body><div class=\"top\"><h1>Library plans stay</h1>\
             <div class=\"meta\"><span>24 October 2022</span></div>\
             <div class=\"post-lead\"><p>Demand for new public buildings is rising across the region, and the council wants its plans to show it.</p></div>\
             <ul>{links}</ul></div>\
             <div class=\"main\"><div class=\"post-body\">{PARA}{PARA}{PARA}</div><ul>{links}</ul></div>\
             <footer><p>About us</p></footer></body></html>"
        );
        let page = HtmlExtractor::default().extract(&html).unwrap();
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(
            texts.iter().any(|t| t.starts_with("Demand for new public")),
            "{texts:?}"
        );
        assert!(!texts.contains(&"About us"), "{texts:?}");
    }

    #[test]
    fn a_standfirst_under_the_storys_own_headline_joins_when_the_h1_names_the_section() {
        let lead = "Demand for new public buildings is rising across the region, and the council wants its plans to show it.";
        let html = format!(
            "<html><body><h1>Detail view</h1><div class=\"article\"><h2>Library plans stay</h2>\
             <div class=\"teaser-text\"><p>{lead}</p></div>{PARA}{PARA}{PARA}</div></body></html>"
        );
        let page = HtmlExtractor::default().extract(&html).unwrap();
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(texts.contains(&lead), "{texts:?}");
    }

    #[test]
    fn a_standfirst_set_as_a_heading_in_sentences_joins_the_article() {
        let page = |standfirst: &str| {
            let html = format!(
                "<html><body><div class=\"hero\"><h1>Library plans stay</h1><h2>{standfirst}</h2></div>\
                 <div class=\"main\"><div class=\"post-body\">{PARA}{PARA}{PARA}</div></div></body></html>"
            );
            let page = HtmlExtractor::default().extract(&html).unwrap();
            page.blocks.into_iter().map(|b| b.text).collect::<Vec<_>>()
        };
        let sentences = "Demand for public buildings is rising. The council wants its plans to show it, and says so.";
        assert!(page(sentences).contains(&sentences.to_string()));
        // A labelled box (`Most read:`, `Live:`) or an exclamation is no
        // standfirst.
        let labelled = "Most read: The harbour bridge will be closed for three weeks for repairs, the city said.";
        assert!(!page(labelled).contains(&labelled.to_string()));
        let cry = "Storm warning for the coast. Trains are cancelled across the north, and roads are closed!";
        assert!(!page(cry).contains(&cry.to_string()));
        // A heading that reads as a title stays out (the text stage would
        // take it for a section's title in the wrong place).
        let title = "Demand for public buildings is rising across the whole region this year";
        assert!(!page(title).contains(&title.to_string()));
    }

    #[test]
    fn a_standfirst_in_a_box_called_teaser_joins_the_article_but_not_another_class() {
        let lead = "Demand for new public buildings is rising across the region, and the council wants its plans to show it.";
        let page = |class: &str| {
            let html = format!(
                "<html><body><article><h1>Library plans stay</h1>\
                 <div class=\"{class}\"><p>{lead}</p></div>\
                 <div class=\"post-body\">{PARA}{PARA}{PARA}</div></article></body></html>"
            );
            let page = HtmlExtractor::default().extract(&html).unwrap();
            page.blocks.into_iter().map(|b| b.text).collect::<Vec<_>>()
        };
        assert!(page("teaser-text").contains(&lead.to_string()));
        assert!(page("article-teaser").contains(&lead.to_string()));
        // A furniture word on a box around the headline too says nothing
        // of the standfirst under it (Krautreporter's `headers`).
        let html = format!(
            "<html><body><article><header class=\"article-headers-standard\"><div class=\"article-headers-shared-header-inner\">\
             <h1>Library plans stay</h1><p class=\"article-teaser\">{lead}</p></div></header>\
             <div class=\"post-body\">{PARA}{PARA}{PARA}</div></article></body></html>"
        );
        let boxed = HtmlExtractor::default().extract(&html).unwrap();
        assert!(
            boxed.blocks.iter().any(|b| b.text == lead),
            "{:?}",
            boxed.blocks
        );
        // A box that other words mark as furniture stays out.
        assert!(!page("teaser newsletter").contains(&lead.to_string()));
        // So does a card that links to its story.
        let card = format!(
            "<html><body><article><h1>Library plans stay</h1>\
             <div class=\"teaser\"><h3><a href=\"/ferry\">Ferry starts</a></h3><p>{lead}</p></div>\
             <div class=\"post-body\">{PARA}{PARA}{PARA}</div></article></body></html>"
        );
        let page = HtmlExtractor::default().extract(&card).unwrap();
        assert!(
            !page.blocks.iter().any(|b| b.text == lead),
            "{:?}",
            page.blocks
        );
    }

    #[test]
    fn a_summary_marked_as_the_description_joins_the_article_whatever_its_class() {
        let page = |summary: &str| {
            let html = format!(
                "<html><body><h1>Library plans stay</h1><time datetime=\"2022-10-24\">24.10.2022</time>\
                 <div class=\"teaser-text\"{summary}><blockquote><p>Demand is rising.</p><p>The plans will stay as they are.</p></blockquote></div>\
                 <div class=\"main\"><div class=\"post-body\">{PARA}{PARA}{PARA}</div></div>\
                 <div class=\"teaser-text\" itemprop=\"description\"><p>Another story: the harbour opens in May.</p></div>\
                 </body></html>"
            );
            let page = HtmlExtractor::default().extract(&html).unwrap();
            page.blocks.into_iter().map(|b| b.text).collect::<Vec<_>>()
        };
        // An author's description (in the author box) is no summary.
        let bio = "<div itemprop=\"author\" itemscope><p itemprop=\"description\">Jane Doe has covered city hall for the Courier since 2010.</p></div>";
        let with_bio = format!(
            "<html><body><h1>Library plans stay</h1>{bio}<div class=\"main\"><div class=\"post-body\">{PARA}{PARA}{PARA}</div></div></body></html>"
        );
        let page_with_bio = HtmlExtractor::default().extract(&with_bio).unwrap();
        assert!(
            !page_with_bio
                .blocks
                .iter()
                .any(|b| b.text.starts_with("Jane Doe has"))
        );
        let marked = page(" itemprop=\"description\"");
        assert!(
            marked.contains(&"The plans will stay as they are.".to_string()),
            "{marked:?}"
        );
        // After the article, a description is another story's teaser.
        assert!(
            !marked.iter().any(|t| t.starts_with("Another story")),
            "{marked:?}"
        );
        let unmarked = page("");
        assert!(
            !unmarked.iter().any(|t| t.starts_with("The plans")),
            "{unmarked:?}"
        );
    }

    #[test]
    fn json_ld_article_body_stands_in_for_a_page_rendered_by_script() {
        let sentence =
            "The council said on Tuesday that it would not change the plans for the new library. ";
        let body = format!("{}\\n{}", sentence.repeat(5), sentence.repeat(4));
        let html = format!(
            r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","headline":"Library plans stay","articleBody":"{body}"}}</script></head>
<body><h1>Library plans stay</h1><div id="app"><p>Loading the article, please wait a moment.</p></div></body></html>"#
        );
        let page = HtmlExtractor::default().extract(&html).unwrap();
        assert_eq!(page.blocks.len(), 2, "{:?}", page.blocks);
        assert!(page.blocks[0].text.starts_with("The council said"));
        // When the markup holds the article, the markup wins.
        let full = format!(
            r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","articleBody":"{body}"}}</script></head>
<body><h1>Library plans stay</h1><article><p>{}</p><p>{}</p></article></body></html>"#,
            sentence.replace("council", "mayor").repeat(5),
            sentence.replace("council", "mayor").repeat(4)
        );
        let page = HtmlExtractor::default().extract(&full).unwrap();
        assert!(
            page.blocks
                .iter()
                .any(|b| b.text.starts_with("The mayor said")),
            "{:?}",
            page.blocks
        );
    }

    #[test]
    fn author_links_are_bylines() {
        let page = |a: &str| {
            let html = format!(
                "<html><body><article><h1>A headline here</h1>{a}\
                 <p>Some text of the article, long enough to be one.</p></article></body></html>"
            );
            HtmlExtractor::default().extract(&html).unwrap().authors
        };
        assert_eq!(
            page(r#"<a href="/author/ann-lee/">Ann Lee</a>"#),
            ["Ann Lee"]
        );
        assert_eq!(
            page(r#"<a rel="author" href="/u/7">Bo Chan</a>"#),
            ["Bo Chan"]
        );
        // The author index itself names no one, nor do commenters' names
        // in comment sections of any language.
        assert!(page(r#"<a href="/author/">Our authors</a>"#).is_empty());
        for section in ["comments", "comentarios", "kommentare", "reacties"] {
            let comment = format!(
                r#"<div id="{section}"><p>Força!</p><p class="autor">José, Braga, 08.03.2008 20:02</p></div>"#
            );
            assert!(page(&comment).is_empty(), "{section}");
        }
        // A byline naming the metadata's author and another person names
        // both; an outlet beside them is none.
        let with_meta = |byline: &str| {
            let html = format!(
                r#"<html><head><meta name="article:author" content="Tetsushi Kajimoto"></head><body><article><h1>A headline here</h1>
<div class="byline">{byline}</div><p>Some text of the article, long enough to be one.</p></article></body></html>"#
            );
            HtmlExtractor::default().extract(&html).unwrap().authors
        };
        assert_eq!(
            with_meta("By Tetsushi Kajimoto and Makiko Yamazaki"),
            ["Tetsushi Kajimoto", "Makiko Yamazaki"]
        );
        assert_eq!(
            with_meta("Tetsushi Kajimoto, Fox News"),
            ["Tetsushi Kajimoto"]
        );
        // A Chinese page's info line names its author among its fields.
        let html = "<html><body><table><tr><td><h1>北京地铁新线开通运营</h1></td></tr>\
<tr><td class=\"info\">2008年05月13日 15:21　来源：新华网　作者：李明　【大 中 小】</td></tr>\
<tr><td><p>北京地铁新线4日正式开通运营，全长30公里，设站20座，预计每日客流量将达到50万人次。</p></td></tr></table></body></html>";
        assert_eq!(
            HtmlExtractor::default().extract(html).unwrap().authors,
            ["李明"]
        );
        // An Italian site's signature.
        assert_eq!(
            page(r#"<span class="firma">di Marco Bellini</span>"#),
            ["Marco Bellini"]
        );
        // A line break ends the names: the job and the outlet follow.
        assert_eq!(
            page(
                r#"<span class="byline">By Mark Easton<br>Home editor, Daily Courier News</span>"#
            ),
            ["Mark Easton"]
        );
        // Marked names side by side are all the authors (review 18).
        let person = |name: &str| {
            format!(
                r#"<span itemprop="author" itemscope itemtype="http://schema.org/Person"><span itemprop="name">{name}</span></span>"#
            )
        };
        assert_eq!(
            page(&format!(
                "<p>di {} e {} | 4 marzo 2020</p>",
                person("Marco Rossi"),
                person("Giulia Bianchi")
            )),
            ["Marco Rossi", "Giulia Bianchi"]
        );
        // Elements only classed as an author's are not joined (review 19).
        assert_eq!(
            page(
                r#"<div><span class="author-name">Chinedu Okafor</span> <span class="author-location">Abuja Nigeria</span></div>"#
            ),
            ["Chinedu Okafor"]
        );
    }

    #[test]
    fn a_kicker_is_not_text_but_may_date_the_article() {
        let html = r#"<html><body><article><span class="kicker">Minderheit in Syrien</span>
<span class="text-overline">3.11.2023</span><h1>A headline here</h1>
<p>Some text of the article, long enough to be one.</p></article></body></html>"#;
        let page = HtmlExtractor::default().extract(html).unwrap();
        assert_eq!(page.published.as_deref(), Some("2023-11-03"));
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "A headline here",
                "Some text of the article, long enough to be one."
            ]
        );
    }

    #[test]
    fn a_pages_unambiguous_slashed_dates_settle_the_order_of_its_date() {
        let published = |related: &str| {
            let html = format!(
                "<html><body><table><tr><td><h1>Maize farmers count losses</h1>\
                 <p>Publication Date: 4/3/2008</p>\
                 <p>Farmers in the north said on Thursday that the board had not paid them for the maize they delivered in January.</p>\
                 <p>The board said the payments would be made before the end of the month, once the treasury released the money.</p>\
                 <ul><li><a href=\"/b\">Board names new chief</a> ({related})</li></ul></td></tr></table></body></html>"
            );
            HtmlExtractor::default().extract(&html).unwrap().published
        };
        // `3/28/2008` can only put the month first; `28/3/2008` the day.
        assert_eq!(published("3/28/2008").as_deref(), Some("2008-04-03"));
        assert_eq!(published("28/3/2008").as_deref(), Some("2008-03-04"));
        assert_eq!(published("3/3/2008").as_deref(), Some("2008-03-04"));
    }

    #[test]
    fn the_date_above_the_headline_beats_one_in_the_story() {
        let html = r#"<html><body><article><span class="news-date">12.12.2022</span>
<h1>A spin-off opens its first lab</h1><p>Lead paragraph of the story, long enough to be one.</p>
<p>Second paragraph of the story, long enough to be one as well.</p>
<p>Vom 26. November bis 2. Dezember 2022 trifft sich das Forum in Basel.</p></article></body></html>"#;
        let page = HtmlExtractor::default().extract(html).unwrap();
        assert_eq!(page.published.as_deref(), Some("2022-12-12"));
    }

    #[test]
    fn the_mastheads_date_of_today_is_not_the_articles() {
        // A page saved the day after: its header shows that day.
        let html = r#"<html><head>
<meta property="article:published_time" content="2025-07-17T21:33:02Z"></head><body>
<header><a>Times</a><div class="today">Friday, July 18, 2025</div></header><main><article>
<h1>Senate passes overhaul</h1><p>Lead paragraph of the story, long enough to be one.</p>
</article></main></body></html>"#;
        let page = HtmlExtractor::default().extract(html).unwrap();
        assert_eq!(page.published.as_deref(), Some("2025-07-17T21:33:02Z"));
        // An old table layout, with no metadata and no header element: the
        // labelled date beats the masthead's.
        let html = r#"<html><body><table><tr><td><font size="1">Tuesday, March 4, 2008 |
Weather</font></td></tr><tr><td><h1>Council approves budget</h1>
<p>Lead paragraph of the story, long enough to be one.</p>
<p>Second paragraph of the story, long enough to be one as well.</p>
<p class="small">Posted on March 3, 2008 at 10:14 PM</p></td></tr></table></body></html>"#;
        let page = HtmlExtractor::default().extract(html).unwrap();
        assert_eq!(page.published.as_deref(), Some("2008-03-03"));
        // A comment's labelled date does not beat the post's own, under
        // its title.
        let html = r#"<html><body><div id="main"><h2 class="title">County approves budget</h2>
<p class="date">March 3, 2008</p><p>Lead paragraph of the story, long enough to be one, with more words.</p>
<h3>Comments</h3><ol><li><p class="meta">Posted on March 5, 2008 at 3:14 pm by Bob</p>
<p>This is a disgrace, the library is the only thing this county does right.</p></li></ol></div></body></html>"#;
        let page = HtmlExtractor::default().extract(html).unwrap();
        assert_eq!(page.published.as_deref(), Some("2008-03-03"));
        // On a page without an `h1`, the date right above the title beats
        // the masthead's further up.
        let html = r#"<html><body><table><tr><td>Friday, March 7, 2008</td></tr></table>
<table><tr><td><a href="/">Home</a> | <a href="/news">News</a></td></tr></table>
<table><tr><td><span class="date">Monday, March 3, 2008</span><h2>County approves budget</h2>
<p>Lead paragraph of the story, long enough to be one, with more words.</p></td></tr></table></body></html>"#;
        let page = HtmlExtractor::default().extract(html).unwrap();
        assert_eq!(page.published.as_deref(), Some("2008-03-03"));
        // Nor with the headline in a table cell between that date and the
        // text, under a `<title>` that names only the site (review 44).
        let html = r#"<html><head><title>Daily Bugle - Business</title></head><body><table>
<tr><td><font size="1">Thursday, January 22, 2009 | Weather</font></td></tr>
<tr><td><a href="/1">Home</a> - <a href="/2">Business</a> - <a href="/3">Sport</a></td></tr></table><table>
<tr><td class="rates"><b>Rates</b><br>EUR 285.40<br>USD 214.80</td></tr>
<tr><td class="date">Wednesday, January 21, 2009 12:05</td></tr>
<tr><td class="title">Forint falls to a record low</td></tr>
<tr><td><p>The forint fell past 285 to the euro on Wednesday afternoon, a record low, as currencies across the region weakened.</p></td></tr>
</table></body></html>"#;
        let page = HtmlExtractor::default().extract(html).unwrap();
        assert_eq!(page.published.as_deref(), Some("2009-01-21"));
        assert_eq!(page.title.as_deref(), Some("Forint falls to a record low"));
        // A small page's masthead that says it is today's, or another
        // story's teaser with its date, right over a headline is neither:
        // the labelled date under the text is the article's.
        for top in [
            "<p>Heute: Montag, 9. Juli 2012</p>",
            "<p><a href=\"/41\">Vorheriger Artikel: Kanalarbeiten beginnen</a> (01.02.2011)</p>",
        ] {
            let html = format!(
                "<html><body><p>Gemeindezeitung</p>{top}<p>Feuerwache bekommt neuen Standort</p>\
<p>Nach monatelangem Streit hat sich der Gemeinderat auf einen Standort für die neue Feuerwache geeinigt, teilte die Stadt mit.</p>\
<p>Veröffentlicht am 28.06.2012</p></body></html>"
            );
            let page = HtmlExtractor::default().extract(&html).unwrap();
            assert_eq!(page.published.as_deref(), Some("2012-06-28"), "{top}");
        }
        // Without an `h1` or any heading, the headline in big type that
        // the `<title>` names sets the masthead apart (review 18).
        let html = r#"<html><head><title>Council approves budget for 2008 -- Daily Bugle</title></head>
<body><table><tr><td><font size="1">Wednesday, March 5, 2008</font></td></tr>
<tr><td><font size="4"><b>Council approves budget for 2008</b></font></td></tr>
<tr><td><font size="2">March 4, 2008</font></td></tr>
<tr><td><i>Staff report</i></td></tr>
<tr><td>Lead paragraph of the story, long enough to be one, with more words in it than eighty.</td></tr>
</table></body></html>"#;
        let page = HtmlExtractor::default().extract(html).unwrap();
        assert_eq!(page.published.as_deref(), Some("2008-03-04"));
        // That headline stands where an h1 does: the date right above it is
        // its own, the masthead's further up is not, and a date a sentence
        // names under it is none (review 19).
        let html = r#"<html><head><title>Fed holds rates steady - Ledger</title></head><body><table>
<tr><td>Thursday, March 21, 2024</td></tr><tr><td><p>March 20, 2024</p>
<font size=4><b>Fed holds rates steady</b></font><p>The Fed meets again on 1 May 2024.</p>
<p>WASHINGTON -- The Federal Reserve held interest rates steady on Wednesday, and Chair Jerome Powell said the bank would meet again.</p>
</td></tr></table></body></html>"#;
        let page = HtmlExtractor::default().extract(html).unwrap();
        assert_eq!(page.published.as_deref(), Some("2024-03-20"));
        let html = r#"<html><body><article><h1>Apple unveils iPhone 16</h1>
<p class="sub">The phones go on sale on September 20, 2024.</p>
<p>Apple unveiled the iPhone 16 on Monday with a faster chip and new camera controls, as the company seeks to revive sales.</p>
</article></body></html>"#;
        let page = HtmlExtractor::default().extract(html).unwrap();
        assert_eq!(page.published, None);
        // A date in the headline's own header, above it, is the article's.
        let html = r#"<html><body><header class="site"><div class="today">Friday, March 7, 2008</div></header>
<header class="entry"><div class="date">March 3, 2008</div><h1>County approves budget</h1></header>
<div><p>Lead paragraph of the story, long enough to be one, with more words.</p></div></body></html>"#;
        let page = HtmlExtractor::default().extract(html).unwrap();
        assert_eq!(page.published.as_deref(), Some("2008-03-03"));
    }

    #[test]
    fn when_json_ld_and_meta_disagree_the_date_shown_decides() {
        let html = r#"<html><head>
<meta property="article:published_time" content="2023-11-06T14:25:00+00:00">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ads that polarise",
"datePublished":"2023-11-03T10:25:56+00:00"}</script></head><body><article>
<h1>Ads that polarise</h1><span class="entry-date">6. November 2023, 15:25 Uhr</span>
<p>Lead paragraph of the story, long enough to be one.</p></article></body></html>"#;
        let page = HtmlExtractor::default().extract(html).unwrap();
        assert_eq!(page.published.as_deref(), Some("2023-11-06T14:25:00+00:00"));
    }

    #[test]
    fn a_kicker_styled_apart_inside_the_headline_is_not_the_title() {
        let html = r#"<html><body><article><h1><span class="h1small">Initiative EnergieEffizienz</span>
Kostenloser Stromcheck für private Haushalte</h1>
<p>Lead paragraph of the story, long enough to be one.</p></article></body></html>"#;
        let page = HtmlExtractor::default().extract(html).unwrap();
        assert_eq!(
            page.title.as_deref(),
            Some("Kostenloser Stromcheck für private Haushalte")
        );
        // A headline set in one styled element keeps all of it.
        let html = r#"<html><body><article><h1><span class="title">Kostenloser Stromcheck für alle</span></h1>
<p>Lead paragraph of the story, long enough to be one.</p></article></body></html>"#;
        let page = HtmlExtractor::default().extract(html).unwrap();
        assert_eq!(
            page.title.as_deref(),
            Some("Kostenloser Stromcheck für alle")
        );
    }

    fn title_of(html: &str) -> Option<String> {
        HtmlExtractor::default().extract(html).unwrap().title
    }

    #[test]
    fn a_kicker_that_the_declared_title_keeps_stays_in_the_title() {
        let html = r#"<html><head><meta property="og:title" content="Akkutechnik: Hat Quantumscape genug Akkus gebaut? - Golem.de">
</head><body><article><h1><span class="header__kicker">Akkutechnik<span class="vh">:</span></span>
<span class="header__title">Hat Quantumscape genug Akkus gebaut?</span></h1>
<p>Lead paragraph of the story, long enough to be one.</p></article></body></html>"#;
        assert_eq!(
            title_of(html).as_deref(),
            Some("Akkutechnik: Hat Quantumscape genug Akkus gebaut?")
        );
        // Declared without it, the kicker goes.
        assert_eq!(
            title_of(&html.replace("Akkutechnik: Hat", "Hat")).as_deref(),
            Some("Hat Quantumscape genug Akkus gebaut?")
        );
    }

    #[test]
    fn a_kicker_before_the_headline_every_declared_title_gives_goes() {
        let html = r#"<html><head><title>Stetter-Karp ist neue Präsidentin | Radio</title>
<meta property="og:title" content="Stetter-Karp ist neue Präsidentin">
</head><body><article><h1>&quot;Reformstau lösen&quot; / Stetter-Karp ist neue Präsidentin</h1>
<p>Lead paragraph of the story, long enough to be one.</p></article></body></html>"#;
        assert_eq!(
            title_of(html).as_deref(),
            Some("Stetter-Karp ist neue Präsidentin")
        );
        // When the declared titles disagree, the heading stands.
        let disagree = html.replace(
            "<title>Stetter",
            "<title>&quot;Reformstau lösen&quot; / Stetter",
        );
        assert_eq!(
            title_of(&disagree).as_deref(),
            Some("\"Reformstau lösen\" / Stetter-Karp ist neue Präsidentin")
        );
    }

    #[test]
    fn a_table_layout_page_gives_its_styled_headline_and_paragraphs() {
        let html = r#"<HTML><HEAD><TITLE>CNN.com - Storm hits coast - Sep 12, 2008</TITLE></HEAD><BODY>
<TABLE><TR><TD><A href="/">Home</A> | <A href="/world">World</A> | <A href="/us">U.S.</A></TD></TR></TABLE>
<TABLE><TR><TD valign="top"><FONT face="Arial" size="5"><B>Storm hits coast, thousands flee</B></FONT><BR>
<FONT size="1">September 12, 2008</FONT><BR><BR>
<FONT face="Arial" size="2">GALVESTON, Texas (CNN) -- Thousands of residents fled the Texas coast on Friday as the storm approached, officials said.<BR><BR>
The National Hurricane Center said the storm could bring a surge of up to 20 feet along parts of the coast.<BR><BR>
</FONT></TD></TR></TABLE></BODY></HTML>"#;
        let page = HtmlExtractor::default().extract(html).unwrap();
        assert_eq!(
            page.title.as_deref(),
            Some("Storm hits coast, thousands flee")
        );
        assert_eq!(page.published.as_deref(), Some("2008-09-12"));
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with("GALVESTON") && t.ends_with("officials said.")),
            "{texts:?}"
        );
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with("The National Hurricane Center")),
            "{texts:?}"
        );
        // Without the styled line, the declared title loses its domain
        // and its date.
        let html = html.replace("<B>Storm hits coast, thousands flee</B>", "");
        let page = HtmlExtractor::default().extract(&html).unwrap();
        assert_eq!(page.title.as_deref(), Some("Storm hits coast"));
    }

    #[test]
    fn a_table_layout_article_begins_in_its_headlines_cell() {
        // The story opens in the headline's cell, beside the magazine's
        // promotion, and goes on in the next row's cell with its boxes.
        let para = |s: &str| {
            format!("{s} said the minister, who spoke to reporters after the meeting on Tuesday.")
        };
        let html = format!(
            r#"<html><head><title>Do the French work too little?</title></head><body>
<table><tr><td><b>Our special issue</b><br>7,65 euros<br><a href="/buy">Buy</a></td>
<td><font size="3"><b>Do the French work too little?</b></font><br>
<font size="2">{}<br><br>{}</font></td></tr>
<tr><td colspan="2"><div><p><font size="2">{}<br><br>{}<br><br>{}<br><br>{}</font></p></div>
<div><a href="/pdf">Download the chart</a><br><a href="/subscribe">Subscribe</a><br>
<a href="/contents">Contents</a><br><a href="/archive">Archive</a></div></td></tr></table></body></html>"#,
            para("The opening paragraph"),
            para("The second paragraph"),
            para("The third paragraph"),
            para("The fourth paragraph"),
            para("The fifth paragraph"),
            para("The sixth paragraph"),
        );
        let page = HtmlExtractor::default().extract(&html).unwrap();
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(texts[0].starts_with("The opening paragraph"), "{texts:?}");
        assert!(texts.iter().any(|t| t.starts_with("The sixth paragraph")));
        assert!(!texts.iter().any(|t| t.contains("euros")), "{texts:?}");
    }

    #[test]
    fn a_declared_title_restores_spaces_that_inline_elements_lost() {
        let html = r#"<html><head><meta property="og:title" content="Police catch two thieves:  jewellery recovered"></head>
<body><article><h1><span class="red">Police catch two thieves:</span>jewellery recovered</h1>
<p>Lead paragraph of the story, long enough to be one.</p></article></body></html>"#;
        assert_eq!(
            title_of(html).as_deref(),
            Some("Police catch two thieves: jewellery recovered")
        );
    }

    #[test]
    fn a_page_that_shows_its_last_change_is_dated_by_it() {
        let html = r#"<html><head>
<meta property="article:published_time" content="2021-11-29T14:13:37+00:00">
<meta property="article:modified_time" content="2022-01-12T14:27:30+00:00"></head><body><article>
<h1>Do fish feel pain?</h1><div class="meta">ca. 8 Min. 12.01.2022</div>
<p>Lead paragraph of the story, long enough to be one.</p></article></body></html>"#;
        let page = HtmlExtractor::default().extract(html).unwrap();
        assert_eq!(page.published.as_deref(), Some("2022-01-12"));
        // Shown as published: the metadata's date stands.
        let html = html.replace("12.01.2022", "29.11.2021");
        let page = HtmlExtractor::default().extract(&html).unwrap();
        assert_eq!(page.published.as_deref(), Some("2021-11-29T14:13:37+00:00"));
        // A day a sentence names is no date shown.
        let html = html.replace(
            "ca. 8 Min. 29.11.2021",
            "Point d'étape au 12 janvier 2022 à 11h, avant la réunion",
        );
        let page = HtmlExtractor::default().extract(&html).unwrap();
        assert_eq!(page.published.as_deref(), Some("2021-11-29T14:13:37+00:00"));
    }

    #[test]
    fn a_blog_posted_by_a_first_name_credits_it() {
        let html = r#"<html><body><h2>Interning of small integers</h2>
<div class="postdata"><span class="category">Posted by Konstantin</span> <span class="date">21.10.2019</span></div>
<div class="entry"><p>Lead paragraph of the post, long enough to be one.</p></div></body></html>"#;
        let page = HtmlExtractor::default().extract(html).unwrap();
        assert_eq!(page.authors, ["Konstantin"]);
        // `By` alone before one word is too weak a sign.
        let html = html.replace("Posted by", "By");
        assert!(
            HtmlExtractor::default()
                .extract(&html)
                .unwrap()
                .authors
                .is_empty()
        );
    }

    #[test]
    fn a_byline_box_gives_its_marked_name_not_the_job_title() {
        // The authors of a page with a box of that class under its headline.
        let boxed = |class: &str, inner: &str| {
            let html = format!(
                r#"<html><body><article><h1>A headline here</h1><div class="{class}">{inner}</div>
<p>Lead paragraph of the story, long enough to be one.</p></article></body></html>"#
            );
            HtmlExtractor::default().extract(&html).unwrap().authors
        };
        let page = |byline: &str| boxed("byline", byline);
        assert_eq!(
            page(
                r#"<a class="author-name" href="/u/1">Inga Hoeltmann</a> Expertin für Neue Arbeit, Neues Lernen"#
            ),
            ["Inga Hoeltmann"]
        );
        assert_eq!(
            page(
                r#"By <a class="author-name" href="/u/1">Ann Lee</a> and <a class="author-name" href="/u/2">Bob Ray</a>"#
            ),
            ["Ann Lee", "Bob Ray"]
        );
        // Names an author's box marks one by one among their outlets, but
        // not the places, sections and buttons a byline marks so.
        let authors = |inner: &str| boxed("authorModule", inner);
        assert_eq!(
            authors(
                r#"<span class="name">Geneviève Tremblay</span><span class="org">Le Quotidien</span>
<span class="name">Marc-André Gagnon</span><span class="org">Le Quotidien</span> <span class="name">Facebook</span>"#
            ),
            ["Geneviève Tremblay", "Marc-André Gagnon"]
        );
        assert_eq!(
            page(
                r#"<span class="author">By Laura Jenkins</span> <span class="location"><span class="name">Valladolid</span></span>"#
            ),
            ["Laura Jenkins"]
        );
        // An agency after `with`, and a Greek byline's article.
        assert_eq!(
            page("By Daniel Hartley and Grace Nguyen with AAP"),
            ["Daniel Hartley", "Grace Nguyen"]
        );
        assert_eq!(page("Του Γιώργου Παπαδόπουλου"), ["Γιώργου Παπαδόπουλου"]);
    }

    #[test]
    fn bylines_lose_their_outlets_desks_titles_and_dates() {
        let authors = |byline: &str| {
            let html = format!(
                "<html><body><article><h1>A headline here</h1><p class=\"byline\">{byline}</p>\
                 <p>Lead paragraph of the story, long enough to be one.</p></article></body></html>"
            );
            HtmlExtractor::default().extract(&html).unwrap().authors
        };
        for (byline, want) in [
            (
                "By Jeannette Andrade, Philippine Daily Inquirer",
                "Jeannette Andrade",
            ),
            ("Rahul Chandawarkar, TNN", "Rahul Chandawarkar"),
            ("Ricardo Gómez | El Universal", "Ricardo Gómez"),
            (
                "By Fionnan Sheahan Political Correspondent",
                "Fionnan Sheahan",
            ),
            ("By Chris Morris on Tue, 3 Feb 2009", "Chris Morris"),
            (
                "Story by Shaliza Hassanali | Photos by Anthony Harris",
                "Shaliza Hassanali",
            ),
            // A job before the name, the place after it (review 48).
            ("By political correspondent Mark Simmonds", "Mark Simmonds"),
            ("By Europe correspondent Nick Dole", "Nick Dole"),
            ("Vijay Nair in New Delhi", "Vijay Nair"),
            (
                "Door onze redacteur Marieke van der Berg",
                "Marieke van der Berg",
            ),
        ] {
            assert_eq!(authors(byline), [want], "{byline}");
        }
        // A one-word name beside others stays, and so does a surname that
        // is a newspaper's word.
        assert_eq!(
            authors("Monika Bolliger, Anna Trechsel, Sweidah"),
            ["Monika Bolliger", "Anna Trechsel", "Sweidah"]
        );
        assert_eq!(
            authors("By Eyal Press and Peter Jones"),
            ["Eyal Press", "Peter Jones"]
        );
    }

    #[test]
    fn a_bylines_outlet_named_like_the_site_is_no_author() {
        let html = r#"<html><head><title>Chuva forte em SP | Portal Notícias</title></head><body><article>
<h1>Chuva forte em SP</h1><p class="from">Por <strong>Mariana Albuquerque</strong>, Portal Notícias SP — São Paulo</p>
<p>Lead paragraph of the story, long enough to be one.</p></article></body></html>"#;
        assert_eq!(
            HtmlExtractor::default().extract(html).unwrap().authors,
            ["Mariana Albuquerque"]
        );
    }

    #[test]
    fn an_author_field_naming_the_site_or_a_desk_gives_way_to_the_byline() {
        let page = |head: &str| {
            let html = format!(
                r#"<html><head>{head}</head><body><article><h1>A headline here</h1>
<div class="byline">Por Mariana Gómez</div>
<p>Lead paragraph of the story, long enough to be one.</p></article></body></html>"#
            );
            HtmlExtractor::default().extract(&html).unwrap().authors
        };
        for head in [
            r#"<title>A headline here - Rheinische Abendzeitung</title><meta name="author" content="Rheinische Abendzeitung">"#,
            r#"<meta name="author" content="Redacción">"#,
            r#"<meta name="author" content="Sports Desk">"#,
        ] {
            assert_eq!(page(head), ["Mariana Gómez"], "{head}");
        }
        // The publisher listed beside the reporter is no reporter.
        let head = r#"<meta property="og:site_name" content="Mitteldeutsche Rundschau">
<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"Anne Kühnel"},
{"@type":"Organization","name":"Mitteldeutsche Rundschau"}]}</script>"#;
        assert_eq!(page(head), ["Anne Kühnel"]);
    }

    #[test]
    fn a_byline_among_an_info_lines_fields_is_found() {
        let page = |info: &str| {
            let html = format!(
                r#"<html><body><table><tr><td><h1>La grève des bus se durcit</h1>
<div class="infos">{info}</div>
<p>La grève des conducteurs de bus est entrée mercredi dans son huitième jour, et aucune sortie de crise ne se dessine.</p>
<p>Seules deux lignes sur trois étaient assurées ce matin, et le métro fonctionnait avec une rame sur deux.</p>
</td></tr></table></body></html>"#
            );
            HtmlExtractor::default().extract(&html).unwrap().authors
        };
        assert_eq!(
            page("Mis en ligne le 15/01/2009 à 10h32 | Par Jean-Marc Lefèvre"),
            ["Jean-Marc Lefèvre"]
        );
        assert_eq!(
            page("08 февраля 2011 г. 10:32 | Автор: Иван Петров | Просмотров: 2184"),
            ["Иван Петров"]
        );
        // Readers' reactions have bylines too (`auteur_reaction`).
        let html = r#"<html><body><h1>La grève des bus se durcit</h1>
<div class="infos">Mis en ligne le 15/01/2009 à 10h32 | Par Jean-Marc Lefèvre</div>
<p>La grève des conducteurs de bus est entrée mercredi dans son huitième jour, et aucune sortie de crise ne se dessine.</p>
<div class="reactions"><h3>Réactions des internautes (3)</h3>
<div class="reaction"><p class="auteur_reaction">Posté par <b>Conducteur Tisséo</b> le 15/01/2009 à 12h15</p>
<p>Venez faire nos horaires avant de juger.</p></div></div></body></html>"#;
        assert_eq!(
            HtmlExtractor::default().extract(html).unwrap().authors,
            ["Jean-Marc Lefèvre"]
        );
        // A class that ends in `author` marks a byline.
        let html = r#"<html><body><h1>Eskom warns of more power cuts</h1>
<div class="ArticleAuthor">Thando Mokoena, News24</div>
<p>Eskom warned on Tuesday that load shedding could return at short notice as several units remain out of service.</p>
</body></html>"#;
        assert_eq!(
            HtmlExtractor::default().extract(html).unwrap().authors,
            ["Thando Mokoena"]
        );
    }

    #[test]
    fn a_column_of_other_stories_cards_beside_the_article_is_not_its_text() {
        let para = |i: usize| {
            format!(
                "<p>Paragraph {i} of the story, which is long enough to count as prose in the article.</p>"
            )
        };
        let card = |i: usize| {
            format!(
                r#"<div class="card"><h4><a href="/news/{i}">Another story number {i} here</a></h4>
<p>The blurb of another story number {i}, long enough to be prose, with a full stop at the end of it.</p></div>"#
            )
        };
        let story: String = (0..4).map(para).collect();
        let cards: String = (0..3).map(card).collect();
        let html = format!(
            r#"<html><body><div class="row"><div class="col-md-8"><h1>County fair returns</h1>{story}</div>
<div class="col-md-4"><h3>Latest from Millbrook</h3>{cards}</div></div></body></html>"#
        );
        let page = HtmlExtractor::default().extract(&html).unwrap();
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(!texts.iter().any(|t| t.contains("blurb")), "{texts:?}");
        assert_eq!(
            texts.iter().filter(|t| t.starts_with("Paragraph")).count(),
            4
        );
        // The same in an old table layout, lines set apart by `<br>`.
        let lines = |v: Vec<String>| v.join("<br><br>");
        let story = lines(
            (0..4)
                .map(|i| {
                    format!("Paragraph {i} of the story, which is long enough to count as prose.")
                })
                .collect(),
        );
        let cards = lines(
            (0..3)
                .map(|i| format!(r#"<b><a href="/n/{i}.html">Another story number {i}</a></b><br>The blurb of another story number {i}, long enough to be prose, with a stop."#))
                .collect(),
        );
        let html = format!(
            r#"<html><body><table><tr><td width="480"><b>County fair returns</b><br><br>{story}</td>
<td width="290"><b>More local news</b><br><br>{cards}</td></tr></table></body></html>"#
        );
        let page = HtmlExtractor::default().extract(&html).unwrap();
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(!texts.iter().any(|t| t.contains("blurb")), "{texts:?}");
        assert_eq!(
            texts.iter().filter(|t| t.starts_with("Paragraph")).count(),
            4
        );
        // An article's second section, with a link or two among its
        // paragraphs, is still the article's.
        let first: String = (0..3).map(para).collect();
        let second: String = (3..8).map(para).collect();
        let html = format!(
            r#"<html><body><article><h1>County fair returns</h1><div class="part">{first}</div>
<div class="part"><p><a href="/x">Read more: another story here</a></p>{second}</div></article></body></html>"#
        );
        let page = HtmlExtractor::default().extract(&html).unwrap();
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts.iter().filter(|t| t.starts_with("Paragraph")).count(),
            8,
            "{texts:?}"
        );
    }

    #[test]
    fn a_page_that_scrolls_on_to_the_next_story_gives_the_first() {
        let para = |topic: &str, i: usize| {
            format!(
                "<p>Paragraph {i} about {topic}, which is long enough to count as prose, with a comma and a full stop, as articles have.</p>"
            )
        };
        let story = |topic: &str, h: &str| {
            let body: String = (0..5).map(|i| para(topic, i)).collect();
            format!("<article><{h}>All about {topic}</{h}>{body}</article>")
        };
        let texts = |html: &str| -> Vec<String> {
            let page = HtmlExtractor::default().extract(html).unwrap();
            page.blocks.into_iter().map(|b| b.text).collect()
        };
        let scroll = format!(
            "<html><body><main>{}<div class=\"next\"></div>{}</main></body></html>",
            story("ferries", "h1"),
            story("trains", "h1")
        );
        let mentions = |got: &[String], topic: &str| got.iter().any(|t| t.contains(topic));
        let got = texts(&scroll);
        assert!(
            mentions(&got, "ferries") && !mentions(&got, "trains"),
            "{got:?}"
        );
        // A live blog's posts are `<article>`s without a headline each:
        // all of them are the story.
        let live = format!(
            "<html><body><main><h1>Live</h1>{}{}</main></body></html>",
            story("ferries", "h3"),
            story("trains", "h3")
        );
        let got = texts(&live);
        assert!(
            mentions(&got, "ferries") && mentions(&got, "trains"),
            "{got:?}"
        );
    }

    #[test]
    fn a_vague_date_key_a_day_after_the_shown_date_is_the_last_change() {
        let body = r#"<body><article><h1>A headline here</h1><p>Stand: 28.04.2020 18:00 Uhr</p>
<p>Some text of the article, long enough to be one.</p></article></body></html>"#;
        let vague =
            format!(r#"<html><head><meta name="date" content="2020-04-29T11:52:23"></head>{body}"#);
        let page = HtmlExtractor::default().extract(&vague).unwrap();
        assert_eq!(page.published.as_deref(), Some("2020-04-28"));
        // A key that says "published" is believed.
        let named = format!(
            r#"<html><head><meta name="date" content="2020-04-29"><meta property="article:published_time" content="2020-04-29T11:52:23"></head>{body}"#
        );
        let page = HtmlExtractor::default().extract(&named).unwrap();
        assert_eq!(page.published.as_deref(), Some("2020-04-29T11:52:23"));
    }

    #[test]
    fn a_page_without_h1_shows_its_headline_after_the_titles_kicker() {
        let para = "<p>Floodwaters from the river kept the highway closed for a second \
                    straight day on Wednesday, forcing commuters onto county roads.</p>";
        let html = format!(
            "<html><head><title>Local News: Flooding closes highway</title></head><body>\
             <table><tr><td><span class=headline>Flooding closes highway for second day</span>\
             {para}{para}</td></tr></table></body></html>"
        );
        assert_eq!(
            title_of(&html).as_deref(),
            Some("Flooding closes highway for second day")
        );
    }

    #[test]
    fn a_page_titled_with_the_site_name_only_shows_its_headline_above_the_article() {
        let para = "<p>Floodwaters from the river kept the highway closed for a second \
                    straight day on Wednesday, forcing commuters onto county roads.</p>";
        let page = |title: &str, headline: &str| {
            format!(
                "<html><head><title>{title}</title></head><body><table><tr><td>\
                 <font size=5><b>{headline}</b></font><br>{para}{para}</td></tr></table></body></html>"
            )
        };
        assert_eq!(
            title_of(&page(
                "Daily News",
                "Flooding closes highway for second day"
            ))
            .as_deref(),
            Some("Flooding closes highway for second day")
        );
        // A section's name before the site's is no headline either.
        assert_eq!(
            title_of(&page(
                "Local News - The Valley Gazette",
                "Flooding closes highway for second day"
            ))
            .as_deref(),
            Some("Flooding closes highway for second day")
        );
        // Nor the site's and a section's names, the site's signing the
        // page's copyright line; nor a breadcrumb trail.
        let copyright = "<p>Copyright &copy; 2008 The Harlan Courier. All rights reserved.</p>";
        let signed = |headline: &str| {
            page("The Harlan Courier - Local News", headline)
                .replace("</table>", &format!("</table>{copyright}"))
        };
        assert_eq!(
            title_of(&signed("County board approves new middle school")).as_deref(),
            Some("County board approves new middle school")
        );
        assert_eq!(
            title_of(&signed("Home » Local News » Schools")).as_deref(),
            Some("The Harlan Courier")
        );
        // Not a page number, nor the declared title spaced otherwise.
        assert_eq!(
            title_of(&page("Daily News", "S. 381 – 385")).as_deref(),
            Some("Daily News")
        );
        assert_eq!(
            title_of(&page("Forums-Regeln-Seite", "Forums - Regeln - Seite")).as_deref(),
            Some("Forums-Regeln-Seite")
        );
    }

    #[test]
    fn a_title_that_is_the_site_name_gives_way() {
        let html = r#"<html><head><title>Paper Daily</title>
<meta property="og:site_name" content="Paper Daily"><meta property="og:title" content="Paper Daily">
</head><body><h1>Paper Daily</h1><article><h2 itemprop="headline">Write for the people who read you</h2>
<p>Text of the article, long enough to be a paragraph of prose, with commas.</p></article></body></html>"#;
        let page = HtmlExtractor::default().extract(html).unwrap();
        assert_eq!(
            page.title.as_deref(),
            Some("Write for the people who read you")
        );
    }

    #[test]
    fn a_logo_set_as_the_first_h1_is_not_the_headline() {
        let story = "<p>Fire crews fought the blaze through the night as strong winds pushed it towards three villages.</p>\
<p>More than 180 firefighters took part, the fire service said on Wednesday morning.</p>";
        let foot =
            "<div id=footer>Copyright &copy; 2007 Daily Herald Online. All rights reserved.</div>";
        // The title names the headline: the logo does not stand in for it.
        let html = format!(
            "<html><head><title>Fire rages on the mountain, three villages evacuated</title></head><body>\
<h1 id=logo><a href=\"/\">Daily Herald Online</a></h1><table><tr><td class=contentheading>\
Fire rages on the mountain, three villages evacuated</td></tr><tr><td>{story}</td></tr></table>{foot}</body></html>"
        );
        assert_eq!(
            title_of(&html).as_deref(),
            Some("Fire rages on the mountain, three villages evacuated")
        );
        // The title names only the site: the headline is the `h2` over the story.
        let html = format!(
            "<html><head><title>Daily Herald Online</title></head><body>\
<h1><a href=\"/\">Daily Herald Online</a></h1><div class=date>March 12, 2008</div>\
<h2>Fire rages on the mountain, three villages evacuated</h2>{story}{foot}</body></html>"
        );
        assert_eq!(
            title_of(&html).as_deref(),
            Some("Fire rages on the mountain, three villages evacuated")
        );
        // A section's name in an `h1` of its own is no headline either.
        let html = format!(
            "<html><head><title>Daily Herald Online :: World :: Fire rages on the mountain, three villages evacuated</title></head><body>\
<h1><a href=\"/\">Daily Herald Online</a></h1><h1 class=section>World</h1><div class=date>March 12, 2008</div>\
<h2>Fire rages on the mountain, three villages evacuated</h2>{story}{foot}</body></html>"
        );
        assert_eq!(
            title_of(&html).as_deref(),
            Some("Fire rages on the mountain, three villages evacuated")
        );
    }

    #[test]
    fn noscript_fallbacks_are_not_text() {
        let html = r#"<html><body><article><p>First paragraph of the story, long enough to be prose, with commas.</p>
<div><img src="x.jpg"><noscript><img src="big.jpg" alt="A picture"></noscript></div>
<p>Second paragraph of the story, also long enough to count as prose text here.</p>
<p>Third paragraph of the story: the page extractor keeps it with the others.</p></article></body></html>"#;
        let page = HtmlExtractor::default().extract(html).unwrap();
        assert!(
            page.blocks.iter().all(|b| !b.text.contains("<img")),
            "{:?}",
            page.blocks
        );
        assert!(page.blocks.len() >= 2, "{:?}", page.blocks);
        assert!(
            page.blocks[1].text.starts_with("Second"),
            "{:?}",
            page.blocks
        );
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_html(b"  <!DOCTYPE html><html>"));
        assert!(looks_like_html(b"<HTML><BODY>"));
        assert!(!looks_like_html(b"Just text about <b> tags"));
    }
}
