//! A flat arena DOM built from html5ever's tokenizer.
//!
//! html5ever's full tree builder (with `markup5ever_rcdom`) costs several
//! times the tokenizer; an article extractor needs far less than the HTML5
//! tree-construction algorithm. So we tokenize with html5ever and build the
//! tree ourselves with a few forgiving rules (void elements, implied `</p>`,
//! `</li>`, `</td>`, `</tr>`, `</option>`; an end tag closes the nearest open
//! element of its name, or nothing). Nodes are stored in document order, and
//! each records where its subtree ends, so "the descendants of n" is the
//! index range `n + 1 .. end`.
//!
//! Before tokenizing, a memchr pre-pass cuts out `<script>`, `<style>`,
//! `<svg>`, comments and menus (`<nav>` without the headline) — half the
//! bytes of a typical news page — keeping JSON-LD scripts aside for
//! metadata, and drops the attributes the tree builder does not read.

use std::cell::RefCell;
use std::sync::LazyLock;
use std::time::Instant;

use html5ever::LocalName;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
};

use crate::{Budget, HtmlError};

/// One node: an element or a run of text.
#[derive(Debug)]
pub(crate) struct Node {
    /// Element name; `None` for text.
    pub name: Option<LocalName>,
    /// Index of the parent (the root is its own parent).
    pub parent: u32,
    /// One past the last descendant.
    pub end: u32,
    /// Text of a text node (whitespace not yet collapsed).
    pub text: String,
    /// Lower-cased `class` and `id`, space separated.
    pub hint: String,
    /// `hidden`, `aria-hidden="true"` or `display:none`.
    pub hidden: bool,
    /// `role` attribute, lower-cased.
    pub role: String,
    /// `itemprop` attribute, lower-cased.
    pub itemprop: String,
    /// `datetime` or `content` attribute (for `<time>` and itemprop dates).
    pub datetime: Option<String>,
    /// What the tag is, as [`flags`] bits, computed once.
    pub flags: u16,
}

/// Tag classes, so that the walks compare bits rather than names.
pub(crate) mod flags {
    /// Ends a block of text.
    pub const BLOCK: u16 = 1;
    /// Never article text; skipped whole.
    pub const SKIP: u16 = 2;
    /// Page furniture (`nav`, `aside`, `footer`, `figure`, `menu`).
    pub const JUNK: u16 = 4;
    /// `<a>`.
    pub const LINK: u16 = 8;
    /// `<article>` or `<main>`.
    pub const ARTICLE: u16 = 16;
    /// `<header>`.
    pub const HEADER: u16 = 32;
    /// A link to its author: `rel="author"`, or into the site's author
    /// pages (`/author/ann-lee/`).
    pub const AUTHOR_LINK: u16 = 64;
    /// A kicker above a headline (class `kicker`, `overline`, …): neither
    /// headline nor body, but sometimes the article's date.
    pub const KICKER: u16 = 128;
    /// Block kind in bits 8..12: 1..4 heading level, 5 list item, 6 quote,
    /// 7 preformatted, 8 table cell.
    pub const KIND_SHIFT: u16 = 8;
}

fn tag_flags(name: &str) -> u16 {
    use flags::*;
    let kind = |k: u16| BLOCK | (k << KIND_SHIFT);
    match name {
        "h1" => kind(1),
        "h2" => kind(2),
        "h3" => kind(3),
        "h4" | "h5" | "h6" => kind(4),
        "li" | "dd" | "dt" => kind(5),
        "blockquote" => kind(6),
        "pre" => kind(7),
        "td" | "th" => kind(8),
        "article" | "main" => BLOCK | ARTICLE,
        "header" => BLOCK | HEADER,
        "nav" | "aside" | "footer" | "figure" | "figcaption" | "menu" => BLOCK | JUNK,
        "address" | "br" | "caption" | "center" | "details" | "dialog" | "div" | "dl"
        | "fieldset" | "form" | "hr" | "ol" | "option" | "p" | "section" | "summary" | "table"
        | "tbody" | "tfoot" | "thead" | "tr" | "ul" => BLOCK,
        "audio" | "button" | "canvas" | "embed" | "head" | "iframe" | "input" | "map" | "math"
        | "noscript" | "object" | "select" | "svg" | "template" | "textarea" | "video"
        | "label" => SKIP,
        "a" => LINK,
        _ => 0,
    }
}

impl Node {
    pub(crate) fn is(&self, name: &str) -> bool {
        self.name.as_deref() == Some(name)
    }
}

/// What the tokenizer pass collects besides the tree.
#[derive(Debug, Default)]
pub(crate) struct Head {
    /// `<meta>` pairs: (`name`/`property`/`itemprop`, lower-cased; `content`).
    pub meta: Vec<(String, String)>,
    /// Text of the first `<title>`.
    pub title: String,
    /// `<link rel=canonical href>`.
    pub canonical: Option<String>,
    /// `<html lang>`.
    pub lang: Option<String>,
    /// Bodies of `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// The publication date the data scripts (`<script
    /// type="application/json">`: a framework's page state) name, when
    /// they name one day only: a state that lists other stories (a
    /// sidebar, a homepage) names many.
    pub state_published: Option<String>,
    /// Where in the page the largest data script's JSON (a framework's
    /// page state) stands, for a page that renders its article by script.
    pub state: Option<std::ops::Range<usize>>,
}

/// A parsed page.
#[derive(Debug)]
pub(crate) struct Dom {
    pub nodes: Vec<Node>,
    pub head: Head,
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];

/// class/id words of headline kickers.
const KICKERS: &[&str] = &[
    "kicker",
    "topline",
    "overline",
    "dachzeile",
    "roofline",
    "eyebrow",
    "supertitle",
    "spitzmarke",
];

/// Any of [`KICKERS`] in a hint, in one pass.
static KICKER: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(&KICKERS.join("|")).expect("kicker words are a valid pattern")
});

/// Start tags that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "div",
    "dl",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

struct Builder {
    nodes: Vec<Node>,
    /// Open elements (indices), root first.
    stack: Vec<u32>,
    head: Head,
    in_title: bool,
    seen_title: bool,
    budget: Budget,
    started: Instant,
    error: Option<HtmlError>,
}

impl Builder {
    /// A builder with room for `nodes` nodes, so that a page's nodes are
    /// not copied each time their list outgrows its space.
    fn new(budget: Budget, started: Instant, nodes: usize) -> Builder {
        let root = Node {
            name: Some(LocalName::from("#root")),
            parent: 0,
            end: 1,
            text: String::new(),
            hint: String::new(),
            hidden: false,
            role: String::new(),
            itemprop: String::new(),
            datetime: None,
            flags: 0,
        };
        let mut list = Vec::with_capacity(nodes.min(budget.max_nodes).max(1));
        list.push(root);
        Builder {
            nodes: list,
            stack: vec![0],
            head: Head::default(),
            in_title: false,
            seen_title: false,
            budget,
            started,
            error: None,
        }
    }

    fn top(&self) -> u32 {
        self.stack.last().copied().unwrap_or(0)
    }

    fn top_is(&self, name: &str) -> bool {
        self.nodes[self.top() as usize].is(name)
    }

    fn pop(&mut self) {
        if self.stack.len() > 1
            && let Some(i) = self.stack.pop()
        {
            self.nodes[i as usize].end = self.nodes.len() as u32;
        }
    }

    /// Pops up to and including the nearest open `name`, unless one of
    /// `fence` comes first (a `</li>` does not close a list's parent item).
    fn close(&mut self, name: &str, fence: &[&str]) -> bool {
        let Some(pos) = self.stack.iter().rposition(|&i| {
            let n = &self.nodes[i as usize];
            n.is(name) || fence.iter().any(|f| n.is(f))
        }) else {
            return false;
        };
        if pos == 0 || !self.nodes[self.stack[pos] as usize].is(name) {
            return false;
        }
        while self.stack.len() > pos {
            self.pop();
        }
        true
    }

    fn push_node(&mut self, node: Node) -> Result<u32, HtmlError> {
        if self.nodes.len() >= self.budget.max_nodes {
            return Err(HtmlError::Budget(format!(
                "more than {} nodes",
                self.budget.max_nodes
            )));
        }
        // Time is checked every 4096 nodes: cheap, and often enough.
        if self.nodes.len().is_multiple_of(4096) && self.started.elapsed() > self.budget.max_time {
            return Err(HtmlError::Budget(format!(
                "over {} ms",
                self.budget.max_time.as_millis()
            )));
        }
        let i = self.nodes.len() as u32;
        self.nodes.push(node);
        Ok(i)
    }

    fn start(&mut self, tag: Tag) -> Result<TokenSinkResult<()>, HtmlError> {
        let name = &*tag.name;
        match name {
            "html" => {
                if let Some(lang) = attr(&tag, "lang") {
                    self.head.lang.get_or_insert(lang);
                }
                return Ok(TokenSinkResult::Continue);
            }
            "head" | "body" => return Ok(TokenSinkResult::Continue),
            "title" => {
                self.in_title = !self.seen_title;
                return Ok(
                    text_only(name).map_or(TokenSinkResult::Continue, TokenSinkResult::RawData)
                );
            }
            "meta" => {
                let key = attr(&tag, "property")
                    .or_else(|| attr(&tag, "name"))
                    .or_else(|| attr(&tag, "itemprop"));
                if let (Some(key), Some(content)) = (key, attr(&tag, "content")) {
                    self.head.meta.push((key.to_ascii_lowercase(), content));
                }
                // An itemprop meta inside the body (`datePublished`) is also
                // metadata; nothing to add to the tree.
                return Ok(TokenSinkResult::Continue);
            }
            "link" => {
                if attr(&tag, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
                    && let Some(href) = attr(&tag, "href")
                {
                    self.head.canonical.get_or_insert(href);
                }
                return Ok(TokenSinkResult::Continue);
            }
            _ => {}
        }
        let raw = text_only(name);
        if CLOSES_P.contains(&name) && self.top_is("p") {
            self.pop();
        }
        match name {
            "li" => {
                self.close("li", &["ul", "ol", "menu"]);
            }
            "dt" | "dd" => {
                let _ = self.close("dd", &["dl"]) || self.close("dt", &["dl"]);
            }
            "tr" => {
                self.close("tr", &["table", "tbody", "thead", "tfoot"]);
            }
            "td" | "th" => {
                let _ = self.close("td", &["tr", "table"]) || self.close("th", &["tr", "table"]);
            }
            "option" => {
                self.close("option", &["select"]);
            }
            _ => {}
        }
        let mut hint = String::new();
        let mut hidden = false;
        let mut role = String::new();
        let mut itemprop = String::new();
        let mut datetime = None;
        for a in &tag.attrs {
            match &*a.name.local {
                // Script-built pages hash their class names and name their
                // parts in test and component attributes instead.
                "class" | "id" | "data-testid" | "data-component" | "data-qa" => {
                    if !hint.is_empty() {
                        hint.push(' ');
                    }
                    hint.push_str(&a.value.to_ascii_lowercase());
                }
                "hidden" => hidden = true,
                "aria-hidden" => hidden |= a.value.eq_ignore_ascii_case("true"),
                // Most styles say nothing of hiding: only those are read.
                "style"
                    if contains_ci(a.value.as_bytes(), b"none")
                        || contains_ci(a.value.as_bytes(), b"hidden") =>
                {
                    let s: String = a
                        .value
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect::<String>()
                        .to_ascii_lowercase();
                    hidden |= s.contains("display:none") || s.contains("visibility:hidden");
                }
                "role" => role = a.value.to_ascii_lowercase(),
                "itemprop" => itemprop = a.value.to_ascii_lowercase(),
                "datetime" | "content" if datetime.is_none() => {
                    datetime = Some(a.value.to_string());
                }
                _ => {}
            }
        }
        // RDFa and microdata carry metadata on any element
        // (`<span property="schema:dateCreated" content="…">`).
        if name != "meta"
            && let Some(content) = attr(&tag, "content")
            && let Some(key) = attr(&tag, "property").or_else(|| attr(&tag, "itemprop"))
        {
            self.head.meta.push((key.to_ascii_lowercase(), content));
        }
        // A kicker above a headline ("Minderheit in Syrien", "Kultur:") is
        // neither headline nor body.
        let mut flags = tag_flags(name);
        // An anchor without `href` (`<a name="top">`) is a target, not a
        // link: its text is not link text.
        if name == "a" && !tag.attrs.iter().any(|a| &*a.name.local == "href") {
            flags &= !flags::LINK;
        }
        if name == "a" && is_author_link(&tag) {
            flags |= flags::AUTHOR_LINK;
        }
        if !hint.is_empty() && KICKER.is_match(&hint) {
            flags |= flags::KICKER;
        }
        let depth = self.stack.len();
        if depth >= self.budget.max_depth {
            return Err(HtmlError::Budget(format!(
                "elements nested deeper than {}",
                self.budget.max_depth
            )));
        }
        let i = self.push_node(Node {
            name: Some(tag.name.clone()),
            parent: self.top(),
            end: 0,
            text: String::new(),
            hint,
            hidden,
            role,
            itemprop,
            datetime,
            flags,
        })?;
        // XHTML-style `<a name="top"/>` means an empty anchor; left open it
        // would swallow the page.
        if VOID.contains(&name) || (tag.self_closing && matches!(name, "svg" | "math" | "a")) {
            self.nodes[i as usize].end = i + 1;
        } else {
            self.stack.push(i);
        }
        Ok(raw.map_or(TokenSinkResult::Continue, TokenSinkResult::RawData))
    }

    fn end_tag(&mut self, tag: Tag) {
        let name = &*tag.name;
        match name {
            "title" => {
                if self.in_title {
                    self.seen_title = true;
                }
                self.in_title = false;
            }
            "p" => {
                if !self.close(
                    "p",
                    &["div", "td", "li", "blockquote", "section", "article"],
                ) {
                    // A stray `</p>` is an empty paragraph in HTML5: a break.
                    let _ = self.push_node(Node {
                        name: Some(LocalName::from("br")),
                        parent: self.top(),
                        end: self.nodes.len() as u32 + 1,
                        text: String::new(),
                        hint: String::new(),
                        hidden: false,
                        role: String::new(),
                        itemprop: String::new(),
                        datetime: None,
                        flags: flags::BLOCK,
                    });
                }
            }
            "html" | "head" | "body" | "br" => {}
            _ => {
                self.close(name, &[]);
            }
        }
    }

    fn text(&mut self, text: &str) -> Result<(), HtmlError> {
        if self.in_title {
            self.head.title.push_str(text);
            return Ok(());
        }
        let parent = self.top();
        // Runs of characters arrive in pieces; extend the previous text node.
        if let Some(last) = self.nodes.last_mut()
            && last.name.is_none()
            && last.parent == parent
        {
            last.text.push_str(text);
            return Ok(());
        }
        let i = self.push_node(Node {
            name: None,
            parent,
            end: 0,
            text: text.to_string(),
            hint: String::new(),
            hidden: false,
            role: String::new(),
            itemprop: String::new(),
            datetime: None,
            flags: 0,
        })?;
        self.nodes[i as usize].end = i + 1;
        Ok(())
    }
}

/// Path segments of author pages, in the languages news comes in.
const AUTHOR_PATHS: &[&str] = &[
    "author",
    "authors",
    "autor",
    "autoren",
    "auteur",
    "auteurs",
    "autore",
    "autori",
    "autores",
    "journalist",
    "journalisten",
    "redakteur",
    "redakteure",
    "byline",
];

/// `<a rel="author">`, or a link whose path has an author-page segment
/// followed by a name (`/author/ann-lee/`, `/autor/123-ann-lee`).
fn is_author_link(tag: &Tag) -> bool {
    if attr(tag, "rel").is_some_and(|r| {
        r.split_whitespace()
            .any(|w| w.eq_ignore_ascii_case("author"))
    }) {
        return true;
    }
    let Some(href) = tag.attrs.iter().find(|a| &*a.name.local == "href") else {
        return false;
    };
    let path = href.value.split(['?', '#']).next().unwrap_or("");
    let mut segments = path.split('/').filter(|s| !s.is_empty());
    while let Some(seg) = segments.next() {
        if AUTHOR_PATHS.iter().any(|a| seg.eq_ignore_ascii_case(a)) {
            return segments.next().is_some();
        }
    }
    false
}

fn attr(tag: &Tag, name: &str) -> Option<String> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| a.value.to_string())
}

struct Sink(RefCell<Builder>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut b = self.0.borrow_mut();
        if b.error.is_some() {
            return TokenSinkResult::Continue;
        }
        let result = match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => b.start(tag),
                TagKind::EndTag => {
                    b.end_tag(tag);
                    Ok(TokenSinkResult::Continue)
                }
            },
            Token::CharacterTokens(t) => b.text(&t).map(|()| TokenSinkResult::Continue),
            _ => Ok(TokenSinkResult::Continue),
        };
        match result {
            Ok(r) => r,
            Err(e) => {
                b.error = Some(e);
                TokenSinkResult::Continue
            }
        }
    }
}

/// Parses `html` within `budget`.
pub(crate) fn parse(html: &str, budget: &Budget) -> Result<Dom, HtmlError> {
    let started = Instant::now();
    if html.len() > budget.max_bytes {
        return Err(HtmlError::TooLarge {
            bytes: html.len(),
            max: budget.max_bytes,
        });
    }
    let mut scripts = Scripts::default();
    let stripped = strip_raw(html, &mut scripts);
    // Pages hold about one node per 64 bytes of markup outside scripts;
    // a huge page grows its list past the first guess.
    let nodes = (stripped.len() / 64 + 16).min(1 << 16);
    let sink = Sink(RefCell::new(Builder::new(budget.clone(), started, nodes)));
    let tok = Tokenizer::new(sink, Default::default());
    let input = BufferQueue::default();
    // Fed in slices so that a budget overrun stops the tokenizer early.
    const CHUNK: usize = 256 * 1024;
    let mut rest = stripped.as_str();
    while !rest.is_empty() {
        let mut cut = rest.len().min(CHUNK);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (now, later) = rest.split_at(cut);
        input.push_back(StrTendril::from_slice(now));
        let _ = tok.feed(&input);
        rest = later;
        if tok.sink.0.borrow().error.is_some() {
            break;
        }
    }
    tok.end();
    let Sink(cell) = tok.sink;
    let mut b = cell.into_inner();
    if let Some(e) = b.error.take() {
        return Err(e);
    }
    while b.stack.len() > 1 {
        b.pop();
    }
    let n = b.nodes.len() as u32;
    b.nodes[0].end = n;
    b.head.json_ld = scripts.json_ld;
    b.head.state_published = scripts.published.filter(|_| !scripts.published_days);
    b.head.state = scripts.state;
    b.head.title = b
        .head
        .title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Ok(Dom {
        nodes: b.nodes,
        head: b.head,
    })
}

/// `html` without scripts, styles and comments; JSON-LD bodies go to `json_ld`.
/// Where the `</script` that ends a script whose body starts at `from`
/// stands. As browsers read scripts: after `<!--`, a `<script` opens a
/// nested one whose `</script>` does not end the script, until `-->`
/// (`<!-- document.write("<script>x</script>") -->`).
fn script_end(bytes: &[u8], from: usize) -> usize {
    let (mut escaped, mut double) = (false, false);
    let mut at = from;
    while let Some(off) = memchr::memchr2(b'<', b'-', &bytes[at..]) {
        let i = at + off;
        let rest = &bytes[i..];
        if rest.starts_with(b"<!--") {
            escaped = true;
        } else if rest.starts_with(b"-->") {
            escaped = false;
            double = false;
        } else if starts_with_ci(rest, b"</script") && ends_name(rest, 8) {
            if !double {
                return i;
            }
            double = false;
        } else if escaped && starts_with_ci(rest, b"<script") && ends_name(rest, 7) {
            double = true;
        }
        at = i + 1;
    }
    bytes.len()
}

/// The end of a comment whose body starts at `from`: after its first
/// `-->` or `--!>`, found in one pass.
fn comment_end(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(off) = memchr::memmem::find(&bytes[at..], b"--") {
        let dash = at + off;
        let tail = &bytes[dash + 2..];
        if tail.starts_with(b">") {
            return dash + 3;
        }
        if tail.starts_with(b"!>") {
            return dash + 4;
        }
        at = dash + 1;
    }
    bytes.len()
}

/// HTML elements that end a `<svg>` left open: the start tags at which the
/// HTML standard's tree builder breaks out of foreign content.
const SVG_BREAKOUTS: &[&[u8]] = &[
    b"b",
    b"big",
    b"blockquote",
    b"body",
    b"br",
    b"center",
    b"code",
    b"dd",
    b"div",
    b"dl",
    b"dt",
    b"em",
    b"embed",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"head",
    b"hr",
    b"i",
    b"img",
    b"li",
    b"listing",
    b"menu",
    b"meta",
    b"nobr",
    b"ol",
    b"p",
    b"pre",
    b"ruby",
    b"s",
    b"small",
    b"span",
    b"strike",
    b"strong",
    b"sub",
    b"sup",
    b"table",
    b"tt",
    b"u",
    b"ul",
    b"var",
];

/// The end of an `<svg>` element whose start tag ends at `from`: after the
/// `</svg>` that closes it, past any `<svg>` nested in it, or, left open,
/// right before what browsers end it at: an HTML element such as `<p>`, or
/// the end tag of an element opened outside it (`<a><svg><path></a>`).
fn svg_end(bytes: &[u8], from: usize) -> usize {
    let name_of = |rest: &[u8]| -> usize {
        rest.iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'_')))
            .unwrap_or(rest.len())
    };
    let mut depth = 1usize;
    // Elements opened inside the svg and not yet closed.
    let mut open: Vec<&[u8]> = Vec::new();
    // The first `>` after the last tag looked at (or the end): every tag
    // that opens before it ends there, so a page of tags without a `>`
    // is searched once, not once a tag.
    let mut next_gt = 0usize;
    let mut at = from;
    while let Some(off) = memchr::memchr(b'<', &bytes[at..]) {
        let lt = at + off;
        let rest = &bytes[lt + 1..];
        at = lt + 1;
        if SVG_BREAKOUTS
            .iter()
            .any(|name| starts_with_ci(rest, name) && ends_name(rest, name.len()))
        {
            return lt;
        }
        let mut tag_end = || {
            if lt >= next_gt {
                next_gt = memchr::memchr(b'>', rest).map_or(bytes.len(), |e| lt + 1 + e);
            }
            (next_gt + 1).min(bytes.len())
        };
        if let Some(end_tag) = rest.strip_prefix(b"/") {
            let name = &end_tag[..name_of(end_tag)];
            if name.eq_ignore_ascii_case(b"svg") {
                depth -= 1;
                if depth == 0 {
                    return tag_end();
                }
            } else if let Some(k) = open.iter().rposition(|o| o.eq_ignore_ascii_case(name)) {
                open.truncate(k);
            } else if !name.is_empty() {
                return lt;
            }
        } else if rest.first().is_some_and(u8::is_ascii_alphabetic) {
            let name = &rest[..name_of(rest)];
            let end = tag_end();
            if bytes[..end].ends_with(b"/>") {
                continue;
            }
            if name.eq_ignore_ascii_case(b"svg") {
                depth += 1;
            } else {
                open.push(name);
            }
        }
    }
    bytes.len()
}

/// What a cut-out element is, for what is kept of it.
#[derive(Clone, Copy)]
enum ScriptKind {
    JsonLd,
    State,
    Other,
}

/// What the scripts a page ships say about it, kept as they are stripped.
#[derive(Default)]
struct Scripts {
    json_ld: Vec<String>,
    published: Option<String>,
    /// The state names publication dates of more than one day.
    published_days: bool,
    /// Where the largest state script stands, when not too large to read.
    state: Option<std::ops::Range<usize>>,
}

/// Bytes of the largest page state kept for reading an article from it.
const STATE_MAX_BYTES: usize = 4 << 20;

/// A publication date under one of the keys frameworks give it in the page
/// state they ship as JSON (Next.js' `__NEXT_DATA__`, review widgets).
static STATE_PUBLISHED: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r#""(?:datePublished|publishedDate|publicationDate|publishDate|published_?[aA]t|firstPublished(?:Date|At)?|date_published|pubDate)"\s*:\s*"(\d{4}-\d\d-\d\d[^"]{0,20})""#,
    )
    .expect("state date regex")
});

fn strip_raw(html: &str, scripts: &mut Scripts) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    let mut at = 0;
    // Inside `<title>` or `<textarea>`, a `<` opens no tag: nothing is slimmed.
    let mut raw_until = 0;
    // Where menus end and headlines start, found once for the page.
    let mut menus: Option<MenuIndex> = None;
    // No `</script` at or after this offset.
    let mut no_script_end = bytes.len();
    while let Some(off) = memchr::memchr(b'<', &bytes[at..]) {
        let lt = at + off;
        let rest = &bytes[lt + 1..];
        // Inside `<title>` or `<textarea>` even `<!--` is text.
        if lt < raw_until {
            at = lt + 1;
            continue;
        }
        if rest.starts_with(b"!--") {
            // A comment ends at `-->` or `--!>`; `<!-->` and `<!--->` are
            // whole comments (as browsers read them).
            let after = if rest[3..].starts_with(b">") {
                lt + 5
            } else if rest[3..].starts_with(b"->") {
                lt + 6
            } else {
                comment_end(bytes, lt + 4)
            };
            out.push_str(&html[copied..lt]);
            copied = after;
            at = after;
            continue;
        }
        if starts_with_ci(rest, b"svg") && ends_name(rest, 3) {
            // Inline icons: never text, often large. A self-closed one
            // (`<svg … />`) has no body; one may hold another.
            out.push_str(&html[copied..lt]);
            let tag_end = memchr::memchr(b'>', rest).map_or(bytes.len(), |e| lt + 1 + e + 1);
            let after = if bytes[..tag_end].ends_with(b"/>") {
                tag_end
            } else {
                svg_end(bytes, tag_end)
            };
            copied = after;
            at = after;
            continue;
        }
        let (close, kind): (&[u8], ScriptKind) =
            if starts_with_ci(rest, b"script") && ends_name(rest, 6) {
                let tag_end = memchr::memchr(b'>', rest).map_or(rest.len(), |e| e + 1);
                let tag = &rest[..tag_end];
                // Blogger ships a post's body as a template script inside the
                // element microdata marks as the article body: its markup is
                // the article, so only the script tags go.
                if contains_ci(tag, b"text/template") && opens_article_body(&bytes[..lt]) {
                    out.push_str(&html[copied..lt]);
                    copied = lt + 1 + tag_end;
                    at = copied;
                    let close = (at < no_script_end)
                        .then(|| find_ci(&bytes[at..], b"</script"))
                        .flatten();
                    if close.is_none() {
                        // Searched once: none after here, for any script.
                        no_script_end = no_script_end.min(at);
                    }
                    if let Some(e) = close {
                        // Keep the body; drop `</script>` when we reach it.
                        let close_at = at + e;
                        out.push_str(&html[at..close_at]);
                        copied = memchr::memchr(b'>', &bytes[close_at..])
                            .map_or(bytes.len(), |g| close_at + g + 1);
                        at = copied;
                    }
                    continue;
                }
                let kind = if contains_ci(tag, b"ld+json") {
                    ScriptKind::JsonLd
                } else if contains_ci(tag, b"application/json") {
                    ScriptKind::State
                } else {
                    ScriptKind::Other
                };
                (b"</script", kind)
            } else if starts_with_ci(rest, b"style") && ends_name(rest, 5) {
                (b"</style", ScriptKind::Other)
            } else if starts_with_ci(rest, b"nav")
                && ends_name(rest, 3)
                && menus
                    .get_or_insert_with(|| MenuIndex::new(bytes))
                    .can_cut(lt)
            {
                // Menus and breadcrumbs: the content pass drops them anyway. A
                // breadcrumb may end in the page's `h1`, so that one stays.
                (b"</nav", ScriptKind::Other)
            } else {
                at = lt + 1;
                if lt >= raw_until && rest.first().is_some_and(u8::is_ascii_alphabetic) {
                    let (end, raw_end) = slim_start_tag(html, lt, &mut out, &mut copied);
                    at = end;
                    raw_until = raw_end.unwrap_or(raw_until);
                }
                continue;
            };
        out.push_str(&html[copied..lt]);
        let body_start = memchr::memchr(b'>', rest).map_or(bytes.len(), |e| lt + 1 + e + 1);
        let body_start = body_start.min(bytes.len());
        let body_end = if close == b"</script" {
            script_end(bytes, body_start)
        } else {
            find_ci(&bytes[body_start..], close).map_or(bytes.len(), |e| body_start + e)
        };
        match (kind, html.get(body_start..body_end)) {
            (ScriptKind::JsonLd, Some(body)) => scripts.json_ld.push(body.to_string()),
            (ScriptKind::State, Some(body)) => {
                if body.len() <= STATE_MAX_BYTES
                    && scripts.state.as_ref().is_none_or(|s| s.len() < body.len())
                {
                    scripts.state = Some(body_start..body_end);
                }
                let dates = (!scripts.published_days).then(|| STATE_PUBLISHED.captures_iter(body));
                for c in dates.into_iter().flatten() {
                    let date = &c[1];
                    match &scripts.published {
                        None => scripts.published = Some(date.to_string()),
                        Some(first) if first.get(..10) != date.get(..10) => {
                            scripts.published_days = true;
                            break;
                        }
                        Some(_) => {}
                    }
                }
            }
            _ => {}
        }
        let after =
            memchr::memchr(b'>', &bytes[body_end..]).map_or(bytes.len(), |e| body_end + e + 1);
        copied = after;
        at = after;
        // A cut inside a multi-byte character cannot happen: every cut is
        // at an ASCII `<` or just after an ASCII `>`.
    }
    out.push_str(&html[copied..]);
    out
}

/// The positions of every `</nav` and `<h1` of a page, so that whether a
/// menu holds the headline is answered without a scan per menu (nested or
/// unclosed menus would make those scans quadratic).
struct MenuIndex {
    closes: Vec<usize>,
    headlines: Vec<usize>,
}

impl MenuIndex {
    fn new(bytes: &[u8]) -> MenuIndex {
        // Lower and upper case only (a SIMD search each): a `</Nav>` missed
        // makes its menu look longer, so at worst it is kept, not cut.
        let all = |lower: &[u8]| {
            let upper = lower.to_ascii_uppercase();
            let mut found: Vec<usize> = memchr::memmem::find_iter(bytes, lower)
                .chain(memchr::memmem::find_iter(bytes, &upper))
                .collect();
            found.sort_unstable();
            found
        };
        MenuIndex {
            closes: all(b"</nav"),
            headlines: all(b"<h1"),
        }
    }

    /// The menu opening at `lt` may be cut out up to its end tag: it has
    /// one (an unclosed menu would take the rest of the page with it), and
    /// no `h1` comes before it.
    fn can_cut(&self, lt: usize) -> bool {
        let next = |v: &[usize]| v.get(v.partition_point(|&p| p <= lt)).copied();
        next(&self.closes).is_some_and(|close| next(&self.headlines).is_none_or(|h| h > close))
    }
}

/// Attributes the tree builder reads. The others (`data-*`, `srcset`,
/// event handlers, sizes) are a third of a page's bytes once scripts and
/// styles are gone, and the tokenizer takes them a character at a time.
const READ_ATTRIBUTES: &[&[u8]] = &[
    b"class",
    b"id",
    b"data-testid",
    b"data-component",
    b"data-qa",
    b"hidden",
    b"aria-hidden",
    b"style",
    b"role",
    b"itemprop",
    b"datetime",
    b"content",
    b"property",
    b"name",
    b"rel",
    b"href",
    b"lang",
];

/// How the tokenizer reads the contents of an element whose text is not
/// markup (a `<` in it opens no tag): the title and form text, and the
/// fallbacks (`<noscript><img …></noscript>`) whose text must stay inside
/// them, where the content pass skips it. `name` is lower case.
fn text_only(name: &str) -> Option<RawKind> {
    match name {
        "title" | "textarea" | "xmp" => Some(RawKind::Rcdata),
        "noscript" | "iframe" | "noembed" | "noframes" => Some(RawKind::Rawtext),
        _ => None,
    }
}

/// [`text_only`] for a tag name as written in the page, in any case.
fn is_text_only(name: &[u8]) -> bool {
    let mut lower = [0u8; 8];
    name.len() <= lower.len() && {
        let lower = &mut lower[..name.len()];
        lower.copy_from_slice(name);
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower).is_ok_and(|n| text_only(n).is_some())
    }
}

/// Copies the start tag at `lt` without the attributes the tree builder
/// does not read, following the tokenizer's rules for attribute names and
/// quoted or unquoted values. Returns where the tag ends and, for an
/// element of [`text_only`], where its end tag starts.
fn slim_start_tag(
    html: &str,
    lt: usize,
    out: &mut String,
    copied: &mut usize,
) -> (usize, Option<usize>) {
    let b = html.as_bytes();
    let n = b.len();
    let is_space = |c: u8| c.is_ascii_whitespace();
    let mut i = lt + 1;
    while i < n && !matches!(b[i], b'>' | b'/') && !is_space(b[i]) {
        i += 1;
    }
    let name = &b[lt + 1..i];
    loop {
        while i < n && (is_space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        if i >= n {
            return (n, None);
        }
        if b[i] == b'>' {
            i += 1;
            break;
        }
        // The first character may be `=`: it belongs to the name.
        let start = i;
        i += 1;
        while i < n && !matches!(b[i], b'>' | b'/' | b'=') && !is_space(b[i]) {
            i += 1;
        }
        let attribute = &b[start..i];
        let mut j = i;
        while j < n && is_space(b[j]) {
            j += 1;
        }
        if j < n && b[j] == b'=' {
            j += 1;
            while j < n && is_space(b[j]) {
                j += 1;
            }
            if j < n && (b[j] == b'"' || b[j] == b'\'') {
                match memchr::memchr(b[j], &b[j + 1..]) {
                    Some(k) => j += k + 2,
                    // An unclosed quote runs to the end: the tokenizer
                    // drops the tag, whatever it holds.
                    None => return (n, None),
                }
            } else {
                while j < n && b[j] != b'>' && !is_space(b[j]) {
                    j += 1;
                }
            }
            i = j;
        }
        if !READ_ATTRIBUTES
            .iter()
            .any(|a| a.eq_ignore_ascii_case(attribute))
        {
            // Every cut is next to an ASCII byte: a character boundary.
            out.push_str(&html[*copied..start]);
            *copied = i;
        }
    }
    let raw_end = is_text_only(name).then(|| {
        let mut close = Vec::with_capacity(name.len() + 2);
        close.extend_from_slice(b"</");
        close.extend(name.iter().map(u8::to_ascii_lowercase));
        find_ci(&b[i..], &close).map_or(n, |e| i + e)
    });
    (i, raw_end)
}

/// `before` ends with the start tag of the element microdata marks as the
/// article body (`<div itemprop="articleBody">` and white space).
fn opens_article_body(before: &[u8]) -> bool {
    let window = &before[before.len().saturating_sub(300)..];
    let Some(gt) = window.iter().rposition(|&b| !b.is_ascii_whitespace()) else {
        return false;
    };
    if window[gt] != b'>' {
        return false;
    }
    let Some(lt) = window[..gt].iter().rposition(|&b| b == b'<') else {
        return false;
    };
    let tag = &window[lt..gt];
    contains_ci(tag, b"itemprop") && contains_ci(tag, b"articlebody")
}

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

/// The tag name ends at `n` (so `<scripts>` is not `<script>`).
fn ends_name(rest: &[u8], n: usize) -> bool {
    rest.get(n)
        .is_none_or(|&c| c == b'>' || c == b'/' || c.is_ascii_whitespace())
}

fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    find_ci(hay, needle).is_some()
}

/// Case-insensitive search; `needle` is lower-case ASCII.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut at = 0;
    while let Some(off) = memchr::memchr2(first, first.to_ascii_uppercase(), &hay[at..]) {
        let i = at + off;
        if starts_with_ci(&hay[i..], needle) {
            return Some(i);
        }
        at = i + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_scripts_styles_comments_and_keeps_json_ld() {
        let mut ld = Scripts::default();
        let s = strip_raw(
            "a<script>x<y</script>b<STYLE>p{}</STYLE>c<!-- <p>no</p> -->d\
             <script type=\"application/ld+json\">{\"a\":1}</script>e<svg><path/></svg>",
            &mut ld,
        );
        assert_eq!(s, "abcde");
        assert_eq!(ld.json_ld, ["{\"a\":1}"]);
        // A page-state script is cut too; its publication date is kept when
        // it names one day only (not a list of other stories' dates).
        let state = |html: &str| {
            let mut scripts = Scripts::default();
            let s = strip_raw(html, &mut scripts);
            (s, scripts.published.filter(|_| !scripts.published_days))
        };
        let one = "a<script type=\"application/json\">{\"x\":{\"publishedAt\": \"2020-02-03T04:05:06Z\"}}</script>b\
             <script type=application/json>{\"datePublished\":\"2020-02-03\"}</script>c";
        assert_eq!(
            state(one),
            ("abc".to_string(), Some("2020-02-03T04:05:06Z".to_string()))
        );
        let many = one.replace("\"2020-02-03\"", "\"2021-01-01\"");
        assert_eq!(state(&many), ("abc".to_string(), None));
    }

    #[test]
    fn svgs_and_comments_end_where_browsers_end_them() {
        let strip = |html: &str| strip_raw(html, &mut Scripts::default());
        // A self-closed icon has no body; one icon may hold another.
        assert_eq!(
            strip("a<svg class=logo/>b<p>c</p><svg>x</svg>d"),
            "ab<p>c</p>d"
        );
        assert_eq!(strip("a<svg><svg></svg><text>t</text></svg>b"), "ab");
        // One left open inside a link ends with the link.
        assert_eq!(
            strip("<a href=/x><svg><path d=M0></a><p>Text</p>"),
            "<a href=/x></a><p>Text</p>"
        );
        assert_eq!(strip("a<svg><g><path></path></g></svg>b"), "ab");
        // One left open ends where a browser ends it.
        assert_eq!(
            strip("a<svg><path d=x><svg>i</svg><div><p>Text</p></div>"),
            "a<div><p>Text</p></div>"
        );
        // A script's `</script>` in a string after `<!--` is not its end.
        assert_eq!(
            strip(
                "a<script><!-- document.write(\"<script>x</script>\"); var t=\"leak\"; --></script>b"
            ),
            "ab"
        );
        assert_eq!(strip("a<script>var s = \"<!--\";</script>b"), "ab");
        // `<!-->` and `<!--->` are whole comments; `--!>` closes one.
        assert_eq!(strip("a<!-->b<!--->c<!-- x --!>d"), "abcd");
        // In a textarea `<!--` is text.
        assert_eq!(
            strip("<textarea>a <!-- b</textarea>c"),
            "<textarea>a <!-- b</textarea>c"
        );
    }

    #[test]
    fn menus_go_unless_they_hold_the_headline() {
        let mut ld = Scripts::default();
        let s = strip_raw(
            "a<nav><a href=/>Home</a></nav>b<NAV class=crumbs><h1>Title</h1></NAV>c<nav>d",
            &mut ld,
        );
        // An unclosed menu is left to the tree builder.
        assert_eq!(s, "ab<NAV class=crumbs><h1>Title</h1></NAV>c<nav>d");
    }

    #[test]
    fn attributes_the_tree_does_not_read_are_dropped() {
        let mut ld = Scripts::default();
        let s = strip_raw(
            "<div class=\"a\" data-x='1>2' id=b srcset=\"x.jpg 2x\" hidden>t</div>\
             <img src=x.jpg alt=\"A\"/><a href=\"/u\"data-y=\"2\">l</a>\
             <title>a<b c=d> e</title><p onclick=f()>x",
            &mut ld,
        );
        assert_eq!(
            s,
            "<div class=\"a\"  id=b  hidden>t</div><img  /><a href=\"/u\">l</a>\
             <title>a<b c=d> e</title><p >x"
        );
    }

    #[test]
    fn a_template_holding_the_article_body_is_markup() {
        let mut ld = Scripts::default();
        let s = strip_raw(
            "<div itemprop='articleBody'><script type='text/template'><p>Post</p></script></div>\
             <script type='text/template'><p>{{widget}}</p></script>end",
            &mut ld,
        );
        assert_eq!(s, "<div itemprop='articleBody'><p>Post</p></div>end");
    }

    #[test]
    fn builds_a_forgiving_tree() {
        let dom = parse(
            "<html lang=de><title>T</title><div class=A><p>one<p>two</div><ul><li>a<li>b</ul>",
            &Budget::default(),
        )
        .unwrap();
        assert_eq!(dom.head.lang.as_deref(), Some("de"));
        assert_eq!(dom.head.title, "T");
        let names: Vec<String> = dom
            .nodes
            .iter()
            .map(|n| match &n.name {
                Some(name) => format!("{}/{}", name, n.parent),
                None => format!("'{}'/{}", n.text, n.parent),
            })
            .collect();
        assert_eq!(
            names,
            [
                "#root/0", "div/0", "p/1", "'one'/2", "p/1", "'two'/4", "ul/0", "li/6", "'a'/7",
                "li/6", "'b'/9"
            ]
        );
        assert_eq!(dom.nodes[1].hint, "a");
        assert_eq!(dom.nodes[1].end, 6);
    }
}
