//! Main content: blocks of text, junk subtrees, and the container that holds
//! the article.
//!
//! Three general signals, no per-site rules:
//! 1. **Tags and roles** that are never article text (`nav`, `aside`,
//!    `footer`, `figure`, forms' controls, `role=navigation`), and hidden
//!    elements.
//! 2. **class/id words** (`share`, `related`, `comment`, `cookie`, `ad`, …).
//!    A hinted subtree only counts as junk while it holds less than 40% of
//!    the page's prose: a page-wide wrapper called `has-sidebar` is not a
//!    sidebar.
//! 3. **Readability-style scoring**: every prose block (25+ characters, few
//!    links) scores its parent, grandparent and great-grandparent; the best
//!    container, discounted by its link density and adjusted by class/id
//!    words, is the article; siblings that score close to it join it. A
//!    container holding several complete stories (`<article>`s with their
//!    own `h1`, as pages that scroll on to the next story have) gives way
//!    to the first.

use crate::dom::{Dom, Node, flags};
use crate::{Block, BlockKind};

const JUNK_ROLES: &[&str] = &[
    "navigation",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "dialog",
    "alertdialog",
    "banner",
    "toolbar",
];

/// Prose characters of a sibling of the article, boxed apart, that make it
/// one of the article's sections.
const SECTION_PROSE: u32 = 400;
/// Paragraphs of such a section, at least (an author's box has one).
const SECTION_PARAGRAPHS: u32 = 3;

/// class/id words (whole) that mark page furniture.
const JUNK_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advert",
    "author",
    "byline",
    "caption",
    // Captions in other languages' class names (`legenda`, `bildtext`).
    // (Not `cap`: WordPress marks a first paragraph `has-drop-cap`.)
    "legend",
    "legende",
    "legenda",
    "leyenda",
    "didascalia",
    "bildtext",
    "bildunterschrift",
    "credit",
    "credits",
    "hidden",
    "hide",
    "login",
    "meta",
    "nav",
    "pager",
    "pagination",
    "print",
    "rating",
    "signup",
    "skip",
    "sr",
    "tag",
    "tags",
    "toolbar",
    "masthead",
    "dateline",
    "date",
    "time",
    "timestamp",
    "topics",
    "keywords",
    "more",
    "bio",
    "infobox",
];

/// class/id word beginnings that mark page furniture.
const JUNK_PREFIXES: &[&str] = &[
    "advert",
    "banner",
    "breadcrumb",
    "comment",
    "consent",
    "cookie",
    "disqus",
    "footer",
    "gdpr",
    "menu",
    "modal",
    "navbar",
    "navigation",
    "newsletter",
    "outbrain",
    "popup",
    "promo",
    "recommend",
    "related",
    "share",
    "sharing",
    "sidebar",
    "social",
    "sponsor",
    "subscri",
    "taboola",
    "teaser",
    "widget",
    "trending",
    "popular",
    "most-read",
    "mostread",
    "jump",
];

/// Words that begin like junk but are not: Drupal marks every article
/// shown on the front page `node--promoted`, and a `commentary` is an
/// opinion piece, not a comment section. (`paywall` is not junk either:
/// sites mark the article body behind the wall with it.)
const NOT_JUNK: &[&str] = &["promoted", "commentary", "commentaries"];

/// class/id words of article containers.
const GOOD_WORDS: &[&str] = &[
    "article",
    "articlebody",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "story",
    "text",
    "blog",
    "prose",
    "richtext",
];

/// A block before selection.
#[derive(Debug)]
pub(crate) struct Raw {
    pub kind: BlockKind,
    pub text: String,
    pub chars: usize,
    pub link_chars: usize,
    /// Nearest block element around the text.
    pub container: u32,
    /// Inside a junk tag or role, or hidden.
    pub tag_junk: bool,
}

fn is_block(n: &Node) -> bool {
    n.flags & flags::BLOCK != 0
}

fn kind_of(n: &Node) -> Option<BlockKind> {
    Some(match (n.flags >> flags::KIND_SHIFT) & 0xf {
        0 => return None,
        k @ 1..=4 => BlockKind::Heading(k as u8),
        5 => BlockKind::ListItem,
        6 => BlockKind::Quote,
        7 => BlockKind::Preformatted,
        _ => BlockKind::TableCell,
    })
}

/// Every block of text in document order.
pub(crate) fn blocks(dom: &Dom) -> Vec<Raw> {
    let nodes = &dom.nodes;
    let mut out = Vec::new();
    // (end, index, junk) of open elements.
    let mut stack: Vec<(u32, u32, bool)> = Vec::new();
    let mut buf = String::new();
    let mut link_chars = 0usize;
    let mut links_open = 0usize;
    // Text inside inline captions (`<span class="media-caption">`): a block
    // of nothing else is a caption, whatever box holds it.
    let mut caption_chars = 0usize;
    let mut captions_open = 0usize;
    let mut junk_open = 0usize;
    let mut articles_open = 0usize;
    // Elements that hold the body microdata marks: a sidebar tag around
    // them (`<aside>` wrapping a whole story) is the page's layout, not junk.
    let mut holds_body = vec![false; nodes.len()];
    for (k, n) in nodes.iter().enumerate() {
        if n.itemprop == "articlebody" {
            for a in ancestors(nodes, k as u32) {
                if holds_body[a as usize] {
                    break;
                }
                holds_body[a as usize] = true;
            }
        }
    }
    let mut i = 1usize;
    let flush = |buf: &mut String,
                 link_chars: &mut usize,
                 caption_chars: &mut usize,
                 stack: &[(u32, u32, bool)],
                 junk: bool,
                 out: &mut Vec<Raw>| {
        let text = buf.trim();
        let caption = *caption_chars > 0
            && *caption_chars >= text.chars().filter(|c| !c.is_whitespace()).count();
        if !text.is_empty() {
            let mut kind = None;
            let mut container = None;
            for &(_, idx, _) in stack.iter().rev() {
                let n = &nodes[idx as usize];
                if container.is_none() && is_block(n) {
                    container = Some(idx);
                }
                if kind.is_none() {
                    kind = kind_of(n);
                }
                if kind.is_some() && container.is_some() {
                    break;
                }
            }
            let chars = text.chars().count();
            out.push(Raw {
                kind: kind.unwrap_or(BlockKind::Paragraph),
                text: text.to_string(),
                chars,
                link_chars: (*link_chars).min(chars),
                container: container.unwrap_or(0),
                tag_junk: junk || caption,
            });
        }
        buf.clear();
        *link_chars = 0;
        *caption_chars = 0;
    };
    // Every flush ends the block open here, with this walk's state.
    macro_rules! flush_here {
        () => {
            flush(
                &mut buf,
                &mut link_chars,
                &mut caption_chars,
                &stack,
                junk_open > 0,
                &mut out,
            )
        };
    }
    while i < nodes.len() {
        while let Some(&(end, idx, junk)) = stack.last() {
            if end as usize > i {
                break;
            }
            let n = &nodes[idx as usize];
            if is_block(n) {
                flush_here!();
            }
            stack.pop();
            if n.flags & flags::LINK != 0 {
                links_open -= 1;
            }
            if !is_block(n) && inline_caption(&n.hint) {
                captions_open -= 1;
            }
            if n.flags & flags::ARTICLE != 0 {
                articles_open -= 1;
            }
            if junk {
                junk_open -= 1;
            }
        }
        let n = &nodes[i];
        if n.name.is_none() {
            let before = buf.len();
            push_collapsed(&mut buf, &n.text);
            if links_open > 0 || captions_open > 0 {
                let added = buf[before..].chars().filter(|c| !c.is_whitespace()).count();
                if links_open > 0 {
                    link_chars += added;
                }
                if captions_open > 0 {
                    caption_chars += added;
                }
            }
            i += 1;
            continue;
        }
        if n.flags & flags::SKIP != 0 || (n.hidden && !n.is("br")) {
            i = (n.end as usize).max(i + 1);
            continue;
        }
        if n.flags & flags::KICKER != 0 {
            // Only a date survives, as furniture the metadata reads.
            let end = (n.end as usize).max(i + 1);
            let mut text = String::new();
            for t in &nodes[i + 1..end.min(nodes.len())] {
                if t.name.is_none() && text.len() < 80 {
                    push_collapsed(&mut text, &t.text);
                }
            }
            let text = text.trim();
            if text.len() < 80 && crate::meta::normalize_date(text).is_some() {
                flush_here!();
                let chars = text.chars().count();
                out.push(Raw {
                    kind: BlockKind::Paragraph,
                    text: text.to_string(),
                    chars,
                    link_chars: 0,
                    container: i as u32,
                    tag_junk: true,
                });
            }
            i = end;
            continue;
        }
        if is_block(n) {
            // The text before this block ends within the parent block.
            flush_here!();
        }
        if (n.end as usize) > i + 1 {
            let junk = element_junk(n, articles_open > 0) && !holds_body[i];
            if n.flags & flags::LINK != 0 {
                links_open += 1;
            }
            if !is_block(n) && inline_caption(&n.hint) {
                captions_open += 1;
            }
            if n.flags & flags::ARTICLE != 0 {
                articles_open += 1;
            }
            if junk {
                junk_open += 1;
            }
            stack.push((n.end, i as u32, junk));
        }
        i += 1;
    }
    // Text that ends the document still sits in the elements left open.
    flush_here!();
    out
}

/// An inline element called a caption (`<span class="media-caption">`), not
/// a type-scale level (`text-caption`).
fn inline_caption(hint: &str) -> bool {
    hint.contains("caption") && hint_words(hint, |_| false).any(|word| word == "caption")
}

/// The words of a hint's classes (`post-lead` → `post`, `lead`), without
/// the classes that set a type-scale level and those `skip_class` names.
fn hint_words<'a>(
    hint: &'a str,
    skip_class: impl Fn(&str) -> bool + 'a,
) -> impl Iterator<Item = &'a str> + 'a {
    hint.split_ascii_whitespace()
        .filter(move |class| !(typography_class(class) || skip_class(class)))
        .flat_map(|class| class.split(|c: char| !c.is_ascii_alphanumeric()))
}

/// A junk tag or role (not class/id words: those are judged later, against
/// the prose they would remove).
fn element_junk(n: &Node, in_article: bool) -> bool {
    if n.flags & flags::JUNK != 0 {
        return true;
    }
    // A page's header is furniture; an article's header holds its lead.
    if n.flags & flags::HEADER != 0 && !in_article {
        return true;
    }
    if !n.role.is_empty() && JUNK_ROLES.contains(&n.role.as_str()) {
        return n.role != "banner" || !in_article;
    }
    false
}

fn push_collapsed(buf: &mut String, text: &str) {
    for (k, word) in text.split_whitespace().enumerate() {
        let space_before = k > 0 || text.starts_with(char::is_whitespace);
        if space_before && !buf.is_empty() && !buf.ends_with(' ') {
            buf.push(' ');
        }
        buf.push_str(word);
    }
    if text.ends_with(char::is_whitespace) && !buf.is_empty() && !buf.ends_with(' ') {
        buf.push(' ');
    }
}

/// Words of a class/id hint that mark furniture or content.
pub(crate) fn hint_weight(hint: &str) -> (bool, bool) {
    weigh_hint(hint, |_| false)
}

/// Whether only advertising words (`ads`, `advert…`) mark `hint` as
/// furniture: templates tag the sections that carry ad slots between the
/// paragraphs (`TestReport__Section--Ads`) as well as the slots.
fn only_ad_words(hint: &str) -> bool {
    weigh_hint(hint, |_| false).0 && !weigh_hint(hint, is_ad_word).0
}

/// Whether only `teaser` marks `hint` as furniture: CMSs call the
/// standfirst above an article its teaser (`teaser-text`,
/// `article-teaser`) as well as other stories' cards.
fn only_teaser_words(hint: &str) -> bool {
    weigh_hint(hint, |_| false).0 && !weigh_hint(hint, |w| w == "teaser").0
}

fn is_ad_word(word: &str) -> bool {
    matches!(word, "ad" | "ads" | "adv") || word.starts_with("advert")
}

/// What an entry of the word lists says about a class/id word.
#[derive(Clone, Copy)]
enum Mark {
    /// The word is junk ([`JUNK_WORDS`]).
    Junk,
    /// A word starting so is junk ([`JUNK_PREFIXES`], one word long).
    JunkPrefix,
    /// The word marks content ([`GOOD_WORDS`]).
    Good,
}

/// The word lists by first letter: a word is compared only with the
/// entries that start like it (hints are lower-cased ASCII).
static BY_LETTER: std::sync::LazyLock<[Vec<(&'static str, Mark)>; 26]> =
    std::sync::LazyLock::new(|| {
        let mut table: [Vec<(&'static str, Mark)>; 26] = Default::default();
        let entries = JUNK_WORDS
            .iter()
            .map(|w| (*w, Mark::Junk))
            .chain(
                JUNK_PREFIXES
                    .iter()
                    .filter(|p| !p.contains('-'))
                    .map(|p| (*p, Mark::JunkPrefix)),
            )
            .chain(GOOD_WORDS.iter().map(|w| (*w, Mark::Good)));
        for (entry, mark) in entries {
            if let Some(i) = entry.bytes().next().and_then(|b| b.checked_sub(b'a')) {
                table[usize::from(i).min(25)].push((entry, mark));
            }
        }
        table
    });

/// Words of `hint` that mark furniture or content, leaving out the words
/// `skip` says.
fn weigh_hint(hint: &str, skip: impl Fn(&str) -> bool) -> (bool, bool) {
    let mut bad = false;
    let mut good = false;
    // WordPress marks a post's own element with its taxonomy (`hentry
    // tag-winter category-news`): those name the post's tags, not a list.
    let post = hint.contains("hentry") || hint.contains("type-post");
    // Movable Type puts the second half of a post in `<div id="more"
    // class="entry-more">`: the post's own text, not more stories.
    let continued = hint.contains("entry-more");
    let words = hint_words(hint, |class| post && taxonomy_class(class));
    for word in words {
        let Some(letter) = word.bytes().next().filter(u8::is_ascii_lowercase) else {
            continue;
        };
        if skip(word) || (continued && word == "more") {
            continue;
        }
        // `hidden` inside a compound class names a hidden part (Drupal's
        // `field--label-hidden` hides the label, not the field).
        if word == "hidden" {
            continue;
        }
        for &(entry, mark) in &BY_LETTER[usize::from(letter - b'a')] {
            match mark {
                Mark::Junk => bad |= word == entry,
                Mark::JunkPrefix => {
                    bad |= word.starts_with(entry) && !NOT_JUNK.contains(&word);
                }
                Mark::Good => good |= word == entry,
            }
        }
    }
    (bad || whole_hint_junk(hint), good)
}

/// Junk that the whole hint shows, not one word of it: a class that hides
/// the element, or a hyphenated prefix spanning words (`most-read`).
fn whole_hint_junk(hint: &str) -> bool {
    hint.split_ascii_whitespace().any(|c| {
        matches!(
            c,
            "hidden" | "is-hidden" | "visually-hidden" | "visuallyhidden"
        )
    }) || JUNK_PREFIXES
        .iter()
        .filter(|p| p.contains('-'))
        .any(|p| hint.contains(p))
}

fn is_prose(b: &Raw) -> bool {
    b.chars >= 25 && (b.link_chars as f64) < 0.5 * b.chars as f64
}

/// `start` and the elements above it, up to (not including) the root.
pub(crate) fn ancestors(nodes: &[Node], start: u32) -> impl Iterator<Item = u32> + '_ {
    let mut cur = start;
    std::iter::from_fn(move || {
        if cur == 0 {
            return None;
        }
        let here = cur;
        cur = nodes[cur as usize].parent;
        Some(here)
    })
}

/// Readability-style scores: the best container (0 if none) and every
/// element's final score.
fn scores(
    nodes: &[Node],
    raw: &[Raw],
    junk: &[bool],
    good: &[bool],
    chars: &[u32],
    links: &[u32],
) -> (usize, f64, Vec<f64>) {
    let n = nodes.len();
    let mut score = vec![0f64; n];
    for (b, &j) in raw.iter().zip(junk) {
        if j || !is_prose(b) {
            continue;
        }
        let commas = b.text.matches([',', '，', '、', '،']).count() as f64;
        let s = 1.0 + commas.min(10.0) + (b.chars as f64 / 100.0).min(3.0);
        for (level, a) in ancestors(nodes, b.container).skip(1).take(3).enumerate() {
            score[a as usize] += s / [1.0, 2.0, 6.0][level];
        }
    }
    let mut best = 0usize;
    let mut best_score = 0f64;
    for i in 1..n {
        if score[i] == 0.0 {
            continue;
        }
        let node = &nodes[i];
        let mut s = score[i];
        if good[i] || node.itemprop == "articlebody" {
            s += 25.0;
        }
        if node.flags & flags::ARTICLE != 0 {
            s += 10.0;
        }
        let ld = if chars[i] > 0 {
            f64::from(links[i]) / f64::from(chars[i])
        } else {
            0.0
        };
        s *= 1.0 - ld;
        score[i] = s;
        if s > best_score {
            best_score = s;
            best = i;
        }
    }
    (best, best_score, score)
}

/// Comment sections can outweigh the article; their words always count.
fn comment_like(hint: &str) -> bool {
    // A commentary is an opinion piece, not a comment section.
    hint.match_indices("comment")
        .any(|(i, _)| !hint[i..].starts_with("commentar"))
        || hint.contains("disqus")
        || hint.contains("discussion")
}

/// A class that sets a level of a type scale (`text-caption`,
/// `mdc-typography--caption`, `caption-s5-fx`): it styles the text, and
/// says nothing of what the element is. (Only `caption` of the junk words
/// names such a level.)
fn typography_class(class: &str) -> bool {
    // Most classes name no caption: one scan turns them away.
    if !class.contains("caption") {
        return false;
    }
    let words = || {
        class
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
    };
    let mut from_caption = words().skip_while(|w| *w != "caption");
    if from_caption.next().is_none() {
        return false;
    }
    // The level named by its size (`caption-s5`, `caption-sm`).
    let sized = |w: &str| {
        matches!(w, "xs" | "sm" | "md" | "lg" | "xl" | "xxl")
            || (w.len() >= 2 && w.starts_with('s') && w[1..].bytes().all(|b| b.is_ascii_digit()))
    };
    matches!(words().next(), Some("text" | "font" | "type" | "typo"))
        || class.contains("typography")
        || from_caption.next().is_some_and(sized)
}

/// A class naming one of a post's tags or categories (`tag-winter`,
/// `category-news`), as WordPress and Ghost set them on the post.
fn taxonomy_class(class: &str) -> bool {
    class.starts_with("tag-") || class.starts_with("category-")
}

/// A cookie or consent banner: never the article, however much of a short
/// post's text its notice outweighs.
fn consent_like(hint: &str) -> bool {
    // (Not a post's tags, `tag-gdpr`, `category-cookies`.)
    hint.split_ascii_whitespace()
        .filter(|class| !taxonomy_class(class))
        .any(|class| {
            class.contains("cookie") || class.contains("consent") || class.contains("gdpr")
        })
}

fn block_junk(nodes: &[Node], raw: &[Raw], hinted: &[bool]) -> Vec<bool> {
    raw.iter()
        .map(|b| b.tag_junk || ancestors(nodes, b.container).any(|a| hinted[a as usize]))
        .collect()
}

/// Prose characters under an element named for ads that make it a
/// section of the article rather than an ad slot.
const AD_SECTION_PROSE: u32 = 400;

/// Prose characters that make an `<article>` with its own headline a
/// story rather than a teaser card.
const STORY_PROSE: u32 = 400;

/// Picks the article's blocks.
pub(crate) fn select(dom: &Dom, raw: Vec<Raw>, headline_at: Option<usize>) -> Vec<Block> {
    let nodes = &dom.nodes;
    let n = nodes.len();
    // Characters and link characters under every element.
    let mut chars = vec![0u32; n];
    let mut links = vec![0u32; n];
    for b in &raw {
        for a in ancestors(nodes, b.container) {
            chars[a as usize] += b.chars as u32;
            links[a as usize] += b.link_chars as u32;
        }
    }
    let mut hinted = vec![false; n];
    let mut good = vec![false; n];
    for (i, node) in nodes.iter().enumerate() {
        // Only elements around some text matter (and words are costly).
        if node.hint.is_empty() || chars[i] == 0 {
            continue;
        }
        let (b, g) = hint_weight(&node.hint);
        good[i] = g;
        hinted[i] = b && node.itemprop != "articlebody";
    }
    // First with every class/id word believed; then the words on the
    // chosen container's own ancestors are not (a page-wide wrapper called
    // `has-sidebar` is not a sidebar).
    let strict = block_junk(nodes, &raw, &hinted);
    let (first, _, _) = scores(nodes, &raw, &strict, &good, &chars, &links);
    if first == 0 {
        hinted.iter_mut().for_each(|h| *h = false);
    } else {
        for a in ancestors(nodes, first as u32) {
            hinted[a as usize] = false;
        }
    }
    // Nor the words on subtrees that hold much of the page's prose.
    let mut all_prose = vec![0u32; n];
    let mut total = 0u32;
    for (b, &j) in raw.iter().zip(&strict) {
        if b.tag_junk || !is_prose(b) {
            continue;
        }
        let _ = j;
        total += b.chars as u32;
        for a in ancestors(nodes, b.container) {
            all_prose[a as usize] += b.chars as u32;
        }
    }
    for i in 0..n {
        if hinted[i]
            && f64::from(all_prose[i]) >= 0.4 * f64::from(total)
            && !comment_like(&nodes[i].hint)
            && !consent_like(&nodes[i].hint)
        {
            hinted[i] = false;
        }
    }
    // An ad slot holds no paragraphs: an element called so that does is
    // the article's section that the slots sit in.
    for i in 0..n {
        if hinted[i] && all_prose[i] >= AD_SECTION_PROSE && only_ad_words(&nodes[i].hint) {
            hinted[i] = false;
        }
    }
    let junk = block_junk(nodes, &raw, &hinted);
    let (mut best, best_score, finals) = scores(nodes, &raw, &junk, &good, &chars, &links);
    // Prose and other characters outside junk, per element.
    let mut prose = vec![0u32; n];
    let mut other = vec![0u32; n];
    for (b, &j) in raw.iter().zip(&junk) {
        if j {
            continue;
        }
        let (p, o) = if is_prose(b) && (b.link_chars as f64) < 0.2 * b.chars as f64 {
            (b.chars as u32, 0)
        } else {
            (0, b.chars as u32)
        };
        for a in ancestors(nodes, b.container) {
            prose[a as usize] += p;
            other[a as usize] += o;
        }
    }
    // schema.org microdata names the article body outright.
    if let Some(body) = (1..n)
        .filter(|&i| nodes[i].itemprop == "articlebody" && prose[i] > 0)
        .max_by_key(|&i| prose[i])
    {
        best = body;
    }
    // Other stories' cards beside the article (`Latest from Millbrook`:
    // a linked title, then its blurb, a few times over) are no part of it,
    // however long the blurbs: count the blurbs (prose right after a linked
    // title) and prose blocks under each element. (An article's sections
    // may hold a few `Read more` links among many paragraphs.)
    let mut prose_blocks = vec![0u32; n];
    let mut blurbs = vec![0u32; n];
    let mut after_title = false;
    for b in &raw {
        let title = (15..150).contains(&b.chars) && b.link_chars * 10 >= b.chars * 8;
        let prose = is_prose(b) && !title;
        if prose {
            for a in ancestors(nodes, b.container) {
                prose_blocks[a as usize] += 1;
                blurbs[a as usize] += u32::from(after_title);
            }
        }
        if title || prose {
            after_title = title;
        }
    }
    let card_shaped = |blurbs: u32, prose: u32| blurbs >= 2 && 3 * blurbs >= 2 * prose;
    let cards = |j: usize| card_shaped(blurbs[j], prose_blocks[j]);
    // A row that holds the article and a column of other stories' cards
    // (a table layout, `col-md-8` and `col-md-4`) is not the article: the
    // column of prose is.
    while best != 0 {
        let end = (nodes[best].end as usize).min(n);
        let mut kids = Vec::new();
        let mut k = best + 1;
        while k < end {
            if prose[k] > 0 {
                kids.push(k);
            }
            k = (nodes[k].end as usize).max(k + 1);
        }
        let in_cards: u32 = kids.iter().filter(|&&k| cards(k)).map(|&k| prose[k]).sum();
        let mut plain = kids.iter().filter(|&&k| !cards(k));
        match (plain.next(), plain.next()) {
            // (Most of the rest of the prose: not a row's caption.)
            (Some(&only), None) if kids.len() >= 2 && 2 * prose[only] >= prose[best] - in_cards => {
                best = only;
            }
            _ => break,
        }
    }
    // Climb while the parent adds mostly prose (an article split into
    // sections by ad slots and boxes).
    while best != 0 {
        let parent = nodes[best].parent as usize;
        if parent == 0 {
            break;
        }
        let more_prose = f64::from(prose[parent] - prose[best]);
        let more_other = f64::from(other[parent] - other[best]);
        let more_cards = card_shaped(
            blurbs[parent] - blurbs[best],
            prose_blocks[parent] - prose_blocks[best],
        );
        if more_prose >= 3.0 * more_other && !more_cards {
            best = parent;
        } else {
            break;
        }
    }
    // A page that scrolls on to the next story holds several complete
    // stories, each an `<article>` with prose and a headline (`h1`) of its
    // own: the page's story is the first. (Live blogs split into
    // `<article>` posts have no `h1` in each.)
    let mut stories: Vec<usize> = Vec::new();
    if best != 0 {
        let end = (nodes[best].end as usize).min(n);
        let mut k = best;
        while k < end {
            let inner_end = (nodes[k].end as usize).clamp(k + 1, n);
            if nodes[k].is("article")
                && prose[k] >= STORY_PROSE
                && (k + 1..inner_end).any(|h| nodes[h].is("h1"))
            {
                stories.push(k);
                k = inner_end;
            } else {
                k += 1;
            }
        }
        if stories.len() >= 2 {
            best = stories[0];
        } else {
            stories.clear();
        }
    }
    let holds_other_story = |j: usize| {
        let end = nodes[j].end as usize;
        stories.iter().skip(1).any(|&s| j <= s && s < end)
    };
    let mut included = vec![false; n];
    if best == 0 {
        // No prose anywhere: keep what is not junk.
        included[0] = true;
    } else {
        included[best] = true;
        let parent = nodes[best].parent as usize;
        let threshold = (best_score * 0.2).max(10.0);
        let mut j = parent + 1;
        let parent_end = if parent == 0 {
            n
        } else {
            nodes[parent].end as usize
        };
        while j < parent_end {
            // (A section of the article in boxes of its own, its prose
            // deeper down than scores reach, counts by its prose.)
            let section = j > best
                && prose[j] >= SECTION_PROSE
                && prose[j] >= 3 * other[j]
                && prose_blocks[j] >= SECTION_PARAGRAPHS;
            if j != best
                && (finals[j] >= threshold || section)
                && !hinted[j]
                && !holds_other_story(j)
                && !cards(j)
            {
                included[j] = true;
            }
            j = (nodes[j].end as usize).max(j + 1);
        }
    }
    let inside_at: Vec<bool> = raw
        .iter()
        .map(|b| included[0] || ancestors(nodes, b.container).any(|a| included[a as usize]))
        .collect();
    // A standfirst between the headline and the article's container, in
    // a box of its own (`<div class="lead">`), belongs to the article. So
    // does one marked as the article's summary (`itemprop="description"`),
    // whatever its box's class says (`teaser-text`), and as a list of
    // points too.
    let mut lead = vec![false; raw.len()];
    if best != 0
        && let Some(h1) = headline_at
        // (The article's first text, not its own headline: a page's `h1`
        // may name the section, `Detailansicht`, above the story's `h2`.)
        && let Some(first) = (h1 + 1..raw.len())
            .find(|&k| inside_at[k] && !junk[k] && !matches!(raw[k].kind, BlockKind::Heading(_)))
    {
        // (Boxes around the headline too, `<div class="header-inner">`,
        // say nothing of the standfirst under it.)
        let around_headline: Vec<u32> = ancestors(nodes, raw[h1].container).collect();
        for k in h1 + 1..first {
            let b = &raw[k];
            let own_hinted = || {
                ancestors(nodes, b.container)
                    .filter(|a| !around_headline.contains(a))
                    .filter(|&a| hinted[a as usize])
            };
            let boxed_junk = b.tag_junk || own_hinted().next().is_some();
            // (A box only its `teaser` class marks as furniture holds the
            // standfirst as often as other stories' cards; a card links to
            // its story, a standfirst links nowhere.)
            let teaser = boxed_junk
                && !b.tag_junk
                && own_hinted()
                    .all(|a| only_teaser_words(&nodes[a as usize].hint) && links[a as usize] == 0);
            let own_box = !boxed_junk || teaser;
            // The article's summary, not an author's (`itemprop="author"`).
            let summary = own_box
                && ancestors(nodes, b.container)
                    .any(|a| nodes[a as usize].itemprop == "description")
                && !ancestors(nodes, b.container).any(|a| nodes[a as usize].itemprop == "author");
            // (Pages laid out in tables before HTML5 set their text in
            // cells; some set the standfirst as a heading that ends in a
            // full stop, without a label such as `Most read:` or `Live:`.)
            let prose_heading = matches!(b.kind, BlockKind::Heading(2..)) && {
                let text = b.text.trim_end();
                let label = text.chars().take(30).any(|c| c == ':');
                text.ends_with(['.', '。']) && !label
            };
            let standfirst = own_box
                && (matches!(b.kind, BlockKind::Paragraph | BlockKind::TableCell) || prose_heading)
                && b.chars >= 80;
            lead[k] = (standfirst || (summary && b.chars >= 25))
                && (b.link_chars as f64) < 0.1 * b.chars as f64;
        }
    }
    let mut out = Vec::new();
    for (k, (b, j)) in raw.into_iter().zip(junk).enumerate() {
        if j && !lead[k] {
            continue;
        }
        let inside = inside_at[k] || lead[k];
        // A long prose paragraph that is a sibling of the article joins it.
        let sibling_prose = !inside
            && best != 0
            && b.chars >= 80
            && (b.link_chars as f64) < 0.25 * b.chars as f64
            && nodes[b.container as usize].parent == nodes[best].parent
            && nodes[b.container as usize].is("p");
        if !(inside || sibling_prose) {
            continue;
        }
        let link_density = if b.chars > 0 {
            b.link_chars as f32 / b.chars as f32
        } else {
            0.0
        };
        // Lists of links inside the article (related stories, tags).
        if link_density > 0.5 {
            continue;
        }
        let holder = &nodes[b.container as usize];
        let list = match b.kind {
            BlockKind::ListItem => Some(holder.parent),
            _ if holder.is("p") => Some(b.container),
            _ => None,
        };
        out.push(Block {
            kind: b.kind,
            text: b.text,
            link_density,
            list,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wordpress_post_is_not_furniture_for_its_tag_classes() {
        let post = "post-1431 post type-post status-publish hentry tag-winter category-news";
        assert_eq!(hint_weight(post), (false, true));
        // A tag list is, and so is a post's class word outside WordPress.
        assert!(hint_weight("tag-links").0);
        assert!(hint_weight("entry tag-list").0);
        // A cookie banner stays furniture however much text it holds.
        assert!(consent_like(
            "widget widget_eu_cookie_law_widget eu-cookie-law"
        ));
        assert!(!consent_like("post-content"));
        assert!(!consent_like("article post tag-gdpr tag-privacy"));
    }

    /// The lists read one by one, as [`weigh_hint`] did before its table.
    fn weigh_plainly(hint: &str) -> (bool, bool) {
        let mut bad = false;
        let mut good = false;
        for word in hint_words(hint, |_| false) {
            if word.is_empty()
                || word == "hidden"
                || (word == "more" && hint.contains("entry-more"))
            {
                continue;
            }
            bad |= JUNK_WORDS.contains(&word)
                || JUNK_PREFIXES.iter().any(|p| word.starts_with(p)) && !NOT_JUNK.contains(&word);
            good |= GOOD_WORDS.contains(&word);
        }
        (bad || whole_hint_junk(hint), good)
    }

    #[test]
    fn the_table_weighs_hints_as_the_lists_do() {
        let words: Vec<&str> = JUNK_WORDS
            .iter()
            .chain(JUNK_PREFIXES)
            .chain(GOOD_WORDS)
            .chain(NOT_JUNK)
            .copied()
            .chain([
                "col-md-6",
                "x",
                "12",
                "sharebar",
                "newsletters",
                "Ad",
                "hidden",
                "üBer",
            ])
            .collect();
        // Every pair of words, joined as classes and as a compound.
        for a in &words {
            for b in &words {
                for hint in [format!("{a} {b}"), format!("{a}-{b}"), format!("{a}__{b}")] {
                    assert_eq!(weigh_hint(&hint, |_| false), weigh_plainly(&hint), "{hint}");
                }
            }
        }
    }

    #[test]
    fn a_type_scale_level_is_no_caption() {
        for style in [
            "text-caption",
            "mdc-typography--caption",
            "caption-s5-fx",
            "caption-sm",
        ] {
            assert!(!hint_weight(style).0, "{style}");
        }
        for caption in [
            "caption",
            "wp-caption-text",
            "image-caption",
            "caption-credit",
        ] {
            assert!(hint_weight(caption).0, "{caption}");
        }
    }

    #[test]
    fn a_movable_type_post_continues_in_its_more_box() {
        assert!(!hint_weight("more entry-more").0);
        assert!(hint_weight("more").0);
        assert!(hint_weight("more-stories").0);
    }

    #[test]
    fn a_hidden_label_does_not_hide_its_field() {
        assert!(!hint_weight("field field--name-body field--label-hidden").0);
        assert!(hint_weight("promo hidden").0);
    }

    #[test]
    fn a_commentary_is_an_article_not_comments() {
        assert!(!hint_weight("full news subjective commentary article").0);
        assert!(hint_weight("comments-area").0);
        assert!(!super::comment_like("sect commentary"));
        assert!(super::comment_like("wp-comments"));
        assert!(!hint_weight("node node--type-article node--promoted").0);
        assert!(hint_weight("share-buttons").0);
    }
}
