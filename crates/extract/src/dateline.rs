//! Datelines: `WASHINGTON (Reuters) –`, `LONDON, May 5 (AP) -`, `(Bloomberg) --`.

use newsclean_model::Dateline;
use regex::{Captures, Regex};

use crate::HashSet;

/// A date in a dateline: `May 5`, `Jan. 5, 2024`, or day first in any
/// language (`5 May`, `3 марта`, `12. März 2024`). Digits are ASCII ones,
/// as the date parser reads them (Unicode `\d` is costly to compile).
const MONTH: &str = r"(?:(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+[0-9]{1,2}(?:,?\s+[0-9]{4})?|[0-9]{1,2}\.?\s+\p{L}\p{L}\p{L}+\.?(?:\s+[0-9]{4})?)";

/// Upper-case labels that open a paragraph like a dateline but are not places.
const LABELS: &[&str] = &[
    "NOTE",
    "EDITOR'S NOTE",
    "EDITOR’S NOTE",
    "UPDATE",
    "UPDATED",
    "CORRECTION",
    "CLARIFICATION",
    "BREAKING",
    "EXCLUSIVE",
    "ANALYSIS",
    "OPINION",
    "LIVE",
    "WATCH",
    "READ",
    "VIDEO",
    "PHOTOS",
    "FILE",
    "WARNING",
    "PUBLISHED",
    "POSTED",
    "SOURCE",
    "SOURCES",
    "CREDIT",
    "PHOTO",
    "EDITORIAL",
    "COMMENT",
    "REVIEW",
    "INTERVIEW",
    "TRANSCRIPT",
    "SUMMARY",
    "BACKGROUND",
    "CONTEXT",
    "DISCLAIMER",
    "DISCLOSURE",
    "SPONSORED",
    "ADVERTISEMENT",
    "SPOILER",
    "FACT CHECK",
    "Q",
    "A",
    "UPDATE 1",
    "UPDATE 2",
    "UPDATE 3",
];

/// Wire leads of Chinese, Korean and Japanese copy, with their reporters:
/// `新华社北京3月4日电（记者张伟、李娜）` (agency, place, date, reporters),
/// `(서울=연합뉴스) 김철수 기자 =` (place, agency, reporter),
/// `〔記者林志成／台北報導〕` (reporters, then where they report from) and
/// `【ワシントン＝山田太郎】` or `【北京共同】` (place, then a reporter or an
/// agency). Scripts by their blocks, no counted repeats, no negated classes:
/// those are costly to compile.
const EAST_ASIAN: &str = concat!(
    r"^(?:(?P<cn_agency>新华社|中新社|中新网|中国新闻社|人民网|央视网|国际在线|光明网|本报)",
    r"(?P<cn_loc>[\x{4E00}-\x{9FFF}]+?)(?P<cn_date>[0-9][0-9]?月[0-9][0-9]?日)[电讯]",
    r"(?:\s*[（(](?:(?:记者|通讯员)\s*(?P<cn_names>[\x{4E00}-\x{9FFF}、，, ·]+)|[\x{4E00}-\x{9FFF}、，, ·]*)[）)])?",
    r"|[\[(](?P<ko_loc>[\x{AC00}-\x{D7A3}]+)\s*=\s*(?P<ko_agency>연합뉴스|뉴시스|뉴스1|연합인포맥스)[\])]",
    r"\s*(?:(?P<ko_names>[\x{AC00}-\x{D7A3}]+(?:(?:\s*[·,]\s*|\s+)[\x{AC00}-\x{D7A3}]+)*)\s*(?:선임기자|기자|특파원)\s*)?=",
    r"|[〔（(\[【]\s*(?:記者|记者)\s*(?P<tw_names>[\x{4E00}-\x{9FFF}、，, ·]+?)\s*[／/]\s*",
    r"(?P<tw_loc>[\x{4E00}-\x{9FFF}]+?)(?:報導|报道)[〕）)\]】]",
    r"|【(?P<ja_loc>[\x{3040}-\x{30FF}\x{4E00}-\x{9FFF}・]+?)",
    r"(?:[＝=](?:(?P<ja_wire>共同|時事|ロイター|AFP時事|AFP|ブルームバーグ|聯合|新華社)",
    r"|(?P<ja_names>[\x{3040}-\x{30FF}\x{4E00}-\x{9FFF}・ 　]+))|(?P<ja_agency>共同|時事))】)",
);

/// The longest agency name in parentheses (`(Reuters)`, `(Agence France-Presse)`).
const MAX_AGENCY_CHARS: usize = 39;
/// Words of an upper-case place (`RIO DE JANEIRO`), of a title-case one
/// (`Washington`), and of a region after it (`Calif.`).
const MAX_CAPS_PLACE_WORDS: usize = 5;
const MAX_TITLED_PLACE_WORDS: usize = 4;
const MAX_REGION_WORDS: usize = 3;

pub(crate) struct DatelineParser {
    /// Chinese, Korean and Japanese wire leads (see [`EAST_ASIAN`]).
    east_asian: Regex,
    /// Upper-case place, optional region and date, optional agency, separator.
    caps: Regex,
    /// Title-case place, only with an agency in parentheses (`Washington (CNN) —`).
    titled: Regex,
    /// Title-case place and a colon (`Bengaluru: The …`), as Indian papers
    /// set them: only a place the gazetteer knows.
    titled_colon: Regex,
    /// Agency alone (`(Bloomberg) --`), or after a date (`Jan. 14 (UPI) --`).
    agency_only: Regex,
}

impl DatelineParser {
    pub(crate) fn new() -> DatelineParser {
        // Repeats are unbounded here: a counted repetition of Unicode
        // classes is costly to compile (it was a sixth of start-up). The
        // limits (words of a place and a region, characters of an agency)
        // are checked in `parse`.
        let place_caps = r"\p{Lu}[\p{Lu}\p{M}.'’-]*(?:\s+\p{Lu}[\p{Lu}\p{M}.'’-]*)*";
        let place_title = r"\p{Lu}[\p{L}\p{M}.'’-]+(?:\s+\p{Lu}[\p{L}\p{M}.'’-]+)*";
        let region = r"\p{Lu}[\p{L}.]+(?:\s+\p{Lu}[\p{L}.]+)*";
        let agency = r"\((?P<agency>[\p{L}][\p{L}\p{N} .&/'’-]*?)\)";
        let sep = r"\s*(?P<sep>--|[-–—:|])\s*";
        let tail = format!(
            r"(?:,\s*(?P<date1>{MONTH})|,\s*(?P<region>{region})(?:,\s*(?P<date2>{MONTH}))?)?"
        );
        let build = |p: String| Regex::new(&p).expect("dateline patterns are valid");
        // Indian wires set no dash after the agency (`New Delhi, May 29
        // (PTI) The …`): a space and a capital instead.
        let end = format!(r"(?:{sep}\S|(?P<nosep>\s+)\p{{Lu}})");
        DatelineParser {
            east_asian: build(EAST_ASIAN.to_string()),
            // (A wire's name without brackets, `CANBERRA, Nov 29 AAP -`:
            // only a known one, see `parse_with_places`.)
            caps: build(format!(
                r"^(?P<loc>{place_caps}){tail}\s*(?:{agency}|(?P<bare>[A-Z]{{2,6}}))?{end}"
            )),
            titled: build(format!(r"^(?P<loc>{place_title}){tail}\s*{agency}{end}")),
            titled_colon: build(format!(r"^(?P<loc>{place_title})\s*(?P<sep>:)\s+\p{{Lu}}")),
            // (English month names only before a bare agency: UPI's style.)
            agency_only: build(format!(
                r"^(?:(?P<date1>[A-Z][a-z]{{2,8}}\.?\s+[0-9]{{1,2}})\s*)?{agency}{sep}\S"
            )),
        }
    }

    #[cfg(test)]
    fn parse(&self, paragraph: &str) -> Option<Dateline> {
        self.parse_with_places(paragraph, |_| false, |a| matches!(a, "PTI" | "IANS"), true)
    }

    /// The dateline at the start of `paragraph`; `known_place` also admits
    /// a hyphen after a place in capitals that the gazetteer knows, and
    /// `known_agency` no dash at all after a wire's name in brackets.
    /// `lead`: the paragraph opens the article, where a title-case place
    /// and a colon is a dateline (`Bengaluru: …`); further down it is an
    /// entry of a roundup or a speaker's turn (`Jordan: I think …`).
    pub(crate) fn parse_with_places(
        &self,
        paragraph: &str,
        known_place: impl Fn(&str) -> bool,
        known_agency: impl Fn(&str) -> bool,
        lead: bool,
    ) -> Option<Dateline> {
        if !paragraph.is_ascii()
            && let Some(c) = self.east_asian.captures(paragraph)
            // (`(사진=연합뉴스)` credits a photo.)
            && !c
                .name("ko_loc")
                .is_some_and(|l| matches!(l.as_str(), "사진" | "그래픽" | "영상"))
        {
            let get = |names: &[&str]| {
                names
                    .iter()
                    .find_map(|n| c.name(n))
                    .map(|m| m.as_str().to_string())
            };
            return Some(Dateline {
                location: get(&["cn_loc", "ko_loc", "tw_loc", "ja_loc"]),
                // (`本报`, "this paper", is no agency.)
                agency: get(&["cn_agency", "ko_agency", "ja_agency", "ja_wire"])
                    .filter(|a| a != "本报"),
                date: c.name("cn_date").map(|m| m.as_str().to_string()),
                text: c[0].trim_end().to_string(),
            });
        }
        // An agency is a name, not a parenthetical remark; a place and a
        // region are a few words.
        let words = |c: &Captures<'_>, group: &str| {
            c.name(group)
                .map_or(0, |m| m.as_str().split_whitespace().count())
        };
        let fits = |c: &Captures<'_>, max_place: usize| {
            c.name("agency")
                .is_none_or(|a| a.as_str().chars().count() <= MAX_AGENCY_CHARS)
                && words(c, "loc") <= max_place
                && words(c, "region") <= MAX_REGION_WORDS
        };
        let caps = self
            .caps
            .captures(paragraph)
            .filter(|c| c.name("loc").is_some_and(|l| is_place_caps(l.as_str())))
            .filter(|c| fits(c, MAX_CAPS_PLACE_WORDS))
            .or_else(|| {
                self.titled
                    .captures(paragraph)
                    .filter(|c| fits(c, MAX_TITLED_PLACE_WORDS))
            })
            .or_else(|| {
                // (A page's title in a dump, `Dubai: Das größte Kraftwerk
                // der Welt - Solarserver`, is no paragraph of prose.)
                let prose = lead
                    && paragraph.split_whitespace().count() >= 8
                    && paragraph
                        .trim_end()
                        .ends_with(['.', '!', '?', '"', '”', '»']);
                self.titled_colon.captures(paragraph).filter(|c| {
                    prose
                        && c.name("loc")
                            .is_some_and(|l| known_place(l.as_str()) && !is_place_caps(l.as_str()))
                        && fits(c, MAX_REGION_WORDS)
                })
            })
            .or_else(|| self.agency_only.captures(paragraph).filter(|c| fits(c, 0)))?;
        // A wire's name without brackets must be a known one.
        let bare = caps.name("bare").map(|b| b.as_str());
        if bare.is_some_and(|b| !known_agency(b)) {
            return None;
        }
        let sep = match (caps.name("sep"), caps.name("nosep")) {
            (Some(sep), _) => sep,
            // Without a dash, a known wire and a date (`New Delhi, May 29
            // (PTI) The`): not `Apple (AAPL) Shares rose`, nor `Guwahati,
            // May 29 (Our Correspondent)`.
            (None, Some(space))
                if caps
                    .name("agency")
                    .is_some_and(|a| known_agency(a.as_str()))
                    && (caps.name("date1").is_some() || caps.name("date2").is_some()) =>
            {
                space
            }
            _ => return None,
        };
        // Without an agency, only the dashes of AP style (`WASHINGTON —`)
        // and a colon (`NEW DELHI:`) separate a dateline: `US - China talks`
        // must not pass (labels such as `NOTE:` are refused below).
        // A hyphen also does after a known place in capitals, as agency
        // copy reposted by portals reads (`BOSTON - A late storm …`):
        // `US - China talks` and `NATO - the alliance` still do not pass.
        // A colon, too, only after a place the gazetteer knows (`NEW
        // DELHI:`): capitals and a colon also open a heading or a label
        // (`BIP: Diese Grafiken zeigen …`, `WARNING GRAPHIC DETAIL:`).
        let known = caps.name("loc").filter(|l| known_place(l.as_str()));
        // (A town the gazetteer lacks in the colon style of South Asian
        // papers, `THANE:`, `MUZAFFARABAD:`: one word of four letters or
        // more. Labels are refused below.)
        let one_word_place = caps.name("region").is_none()
            && caps.name("loc").is_some_and(|l| {
                let l = l.as_str();
                is_place_caps(l)
                    && !l.contains(char::is_whitespace)
                    && l.chars().filter(|c| c.is_alphabetic()).count() >= 4
            });
        let capital_place = known.is_some_and(|l| {
            let l = l.as_str();
            is_place_caps(l) && l.chars().filter(|c| c.is_alphabetic()).count() >= 4
        });
        if caps.name("agency").is_none()
            && bare.is_none()
            && !matches!(sep.as_str(), "—" | "–" | "--")
            && !(sep.as_str() == ":" && (known.is_some() || one_word_place))
            && !(sep.as_str() == "-" && capital_place)
        {
            return None;
        }
        let get = |n: &str| caps.name(n).map(|m| m.as_str().trim().to_string());
        let location = match (get("loc"), get("region")) {
            (Some(loc), Some(region)) => Some(format!("{loc}, {region}")),
            (loc, _) => loc,
        }
        .map(|l| {
            // A full stop glued to the separator (`HONDURAS.-`) is not the
            // name's; an abbreviation's is (`D.C. —`, `FLA. (WSVN) --`).
            let glued = paragraph[..sep.start()].ends_with('.');
            let last = l.rsplit([' ', ',']).next().unwrap_or(&l);
            match last.strip_suffix('.') {
                Some(word) if glued && !word.contains('.') && word.chars().count() > 2 => {
                    l[..l.len() - 1].to_string()
                }
                _ => l,
            }
        });
        if location.as_deref().is_some_and(|l| LABELS.contains(&l)) {
            return None;
        }
        Some(Dateline {
            location,
            agency: get("agency").or_else(|| bare.map(str::to_string)),
            date: get("date1").or_else(|| get("date2")),
            text: paragraph[..sep.end()].trim_end().to_string(),
        })
    }
}

/// The reporters an East Asian wire lead names (`（记者张伟、李娜）`,
/// `김철수 기자 =`, `【ワシントン＝山田太郎】`).
pub(crate) fn lead_reporters(parser: &DatelineParser, dateline: &Dateline) -> Vec<String> {
    let Some(c) = parser.east_asian.captures(&dateline.text) else {
        return Vec::new();
    };
    ["cn_names", "ko_names", "tw_names", "ja_names"]
        .iter()
        .find_map(|n| c.name(n))
        .map(|m| {
            m.as_str()
                .split(['、', '，', ',', '·', '/', '／'])
                // (Korean names stand apart by spaces too.)
                .flat_map(|n| match c.name("ko_names") {
                    Some(_) => n.split_whitespace().collect::<Vec<_>>(),
                    None => vec![n],
                })
                .map(|n| n.trim().to_string())
                // (`선임`, `수습` are a senior's and a trainee's rank.)
                .filter(|n| !n.is_empty() && !matches!(n.as_str(), "선임" | "수습" | "인턴"))
                .collect()
        })
        .unwrap_or_default()
}

/// The agency that signs a story off at the end of its last paragraph:
/// `… into the US. PTI`, `… on Friday. (AFP)`, `… said. — dpa`, or a
/// paragraph that is only the sign-off (`(Reuters)`).
pub(crate) fn signoff<'a>(paragraph: &'a str, agencies: &HashSet<&'static str>) -> Option<&'a str> {
    let text = paragraph.trim_end();
    // The tail after the last sentence end, or the whole paragraph.
    let tail = text
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            matches!(c, '.' | '!' | '?' | '”' | '"' | '’')
                && i + c.len_utf8() < text.len()
                && text[i + c.len_utf8()..].starts_with(char::is_whitespace)
        })
        .map_or(text, |(i, c)| &text[i + c.len_utf8()..]);
    let name = tail
        .trim()
        .trim_start_matches(['-', '–', '—', '/', ' '])
        .trim_start_matches('(')
        .trim_end_matches('.')
        .trim_end_matches(')')
        .trim();
    (!name.is_empty() && name.split_whitespace().count() <= 3 && agencies.contains(name))
        .then_some(name)
}

/// At least two letters, all upper case: `WASHINGTON`, `ST. LOUIS`, not `A`.
fn is_place_caps(loc: &str) -> bool {
    loc.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !loc.chars().any(|c| c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Option<(Option<String>, Option<String>, Option<String>)> {
        DatelineParser::new()
            .parse(s)
            .map(|d| (d.location, d.agency, d.date))
    }

    fn some(
        loc: Option<&str>,
        agency: Option<&str>,
        date: Option<&str>,
    ) -> Option<(Option<String>, Option<String>, Option<String>)> {
        Some((
            loc.map(String::from),
            agency.map(String::from),
            date.map(String::from),
        ))
    }

    #[test]
    fn east_asian_wire_leads() {
        let parser = DatelineParser::new();
        let lead = |s: &str| {
            let d = parser.parse(s)?;
            let names = lead_reporters(&parser, &d);
            Some((d.location, d.agency, d.date, names))
        };
        let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            lead("新华社北京3月4日电（记者张伟、李娜）北京地铁新线4日正式开通运营。"),
            Some((
                Some("北京".into()),
                Some("新华社".into()),
                Some("3月4日".into()),
                owned(&["张伟", "李娜"])
            ))
        );
        assert_eq!(
            lead("(서울=연합뉴스) 김철수 기자 = 정부가 마스크 5부제를 시행한다."),
            Some((
                Some("서울".into()),
                Some("연합뉴스".into()),
                None,
                owned(&["김철수"])
            ))
        );
        assert_eq!(
            lead("【ワシントン＝山田太郎】米政府は4日、新たな制裁を発表した。"),
            Some((Some("ワシントン".into()), None, None, owned(&["山田太郎"])))
        );
        assert_eq!(
            lead("〔記者林志成／台北報導〕中度颱風卡努持續向西北移動。"),
            Some((Some("台北".into()), None, None, owned(&["林志成"])))
        );
        assert_eq!(
            lead("（记者 王芳、李强/上海报道）上海今天发布新规。").map(|l| l.3),
            Some(owned(&["王芳", "李强"]))
        );
        assert_eq!(
            lead("【北京共同】中国政府は4日、発表した。"),
            Some((Some("北京".into()), Some("共同".into()), None, vec![]))
        );
        // The agency after `＝`, a column's name, a photo's credit and two
        // reporters apart by a space (review 19).
        assert_eq!(
            lead("【ワシントン＝共同】米政府は4日、発表した。"),
            Some((Some("ワシントン".into()), Some("共同".into()), None, vec![]))
        );
        assert_eq!(
            lead("新华社北京3月4日电（国际观察）北京地铁新线4日开通。").map(|l| l.3),
            Some(vec![])
        );
        assert_eq!(lead("(사진=연합뉴스) 김철수 기자 = 정부가 밝혔다."), None);
        assert_eq!(
            lead("[서울=뉴시스] 김철수 이영희 기자 = 정부가 밝혔다.").map(|l| l.3),
            Some(owned(&["김철수", "이영희"]))
        );
        // A paper's own (`本报`: no agency) and a senior reporter's.
        assert_eq!(
            lead("本报北京3月4日电（记者张伟）北京地铁新线4日开通。"),
            Some((
                Some("北京".into()),
                None,
                Some("3月4日".into()),
                owned(&["张伟"])
            ))
        );
        assert_eq!(
            lead("[서울=뉴시스]김철수 선임기자 = 정부가 밝혔다.").map(|l| l.3),
            Some(owned(&["김철수"]))
        );
        // A bracketed heading is no lead.
        assert_eq!(lead("【速報】東京で大雪"), None);
        assert_eq!(lead("新华社记者摄"), None);
    }

    #[test]
    fn agencies_sign_off() {
        let agencies: HashSet<&'static str> =
            ["PTI", "AFP", "dpa", "Reuters"].into_iter().collect();
        assert_eq!(
            signoff("They were deported to sneak into the US. PTI", &agencies),
            Some("PTI")
        );
        assert_eq!(
            signoff("The talks end on Friday. (AFP)", &agencies),
            Some("AFP")
        );
        assert_eq!(signoff("Das sagte er. — dpa", &agencies), Some("dpa"));
        assert_eq!(signoff("(Reuters)", &agencies), Some("Reuters"));
        // An agency named inside a sentence does not sign it off.
        assert_eq!(signoff("The figures came from Reuters.", &agencies), None);
        assert_eq!(signoff("He said so. Then he left.", &agencies), None);
    }

    #[test]
    fn a_place_and_a_region_are_a_few_words() {
        let cases = [
            (
                "RIO DE JANEIRO (Reuters) — Rain fell.",
                some(Some("RIO DE JANEIRO"), Some("Reuters"), None),
            ),
            (
                "Salt Lake City, Utah (AP) — Rain fell.",
                some(Some("Salt Lake City, Utah"), Some("AP"), None),
            ),
            // A shouted opening sentence is not a place, nor a long region.
            ("WE WILL NOT GIVE UP NOW — the crowd chanted.", None),
            ("Paris, The City Of Light And Love (AFP) — Rain fell.", None),
        ];
        for (line, want) in cases {
            assert_eq!(parse(line), want, "{line}");
        }
    }

    #[test]
    fn a_long_parenthetical_is_not_an_agency() {
        assert_eq!(
            parse("WASHINGTON (Agence France-Presse) — The talks"),
            some(Some("WASHINGTON"), Some("Agence France-Presse"), None)
        );
        assert_eq!(
            parse("WASHINGTON (a remark that runs on for far too long to be a name) — The talks"),
            None
        );
    }

    #[test]
    fn wire_forms() {
        assert_eq!(
            parse("WASHINGTON (Reuters) – President Joe Biden"),
            some(Some("WASHINGTON"), Some("Reuters"), None)
        );
        assert_eq!(
            parse("LONDON, May 5 (AP) - Britain"),
            some(Some("LONDON"), Some("AP"), Some("May 5"))
        );
        assert_eq!(
            parse("BEIJING, March 3 (Xinhua) -- China"),
            some(Some("BEIJING"), Some("Xinhua"), Some("March 3"))
        );
        assert_eq!(
            parse("SAN FRANCISCO (AP) — PG&E"),
            some(Some("SAN FRANCISCO"), Some("AP"), None)
        );
        assert_eq!(
            parse("KYIV, Ukraine (AP) — Russian"),
            some(Some("KYIV, Ukraine"), Some("AP"), None)
        );
        assert_eq!(
            parse("NEW YORK, Jan. 5, 2024 (Bloomberg) -- Stocks"),
            some(Some("NEW YORK"), Some("Bloomberg"), Some("Jan. 5, 2024"))
        );
        assert_eq!(
            parse("PARIS (AFP) - France"),
            some(Some("PARIS"), Some("AFP"), None)
        );
        assert_eq!(
            parse("WASHINGTON — The Senate"),
            some(Some("WASHINGTON"), None, None)
        );
        assert_eq!(
            parse("(Bloomberg) -- Oil rose"),
            some(None, Some("Bloomberg"), None)
        );
        // Day first, in English and other languages.
        assert_eq!(
            parse("NEW DELHI, 5 May (PTI) - India"),
            some(Some("NEW DELHI"), Some("PTI"), Some("5 May"))
        );
        assert_eq!(
            parse("МОСКВА, 3 марта — Городской совет"),
            some(Some("МОСКВА"), None, Some("3 марта"))
        );
        assert_eq!(
            parse("Washington (CNN) — The House"),
            some(Some("Washington"), Some("CNN"), None)
        );
        // Indian wires: no dash after the agency, but a date before it.
        assert_eq!(
            parse("New Delhi, May 29 (PTI) The government"),
            some(Some("New Delhi"), Some("PTI"), Some("May 29"))
        );
        assert_eq!(
            parse("SRIHARIKOTA, May 29 (IANS) India"),
            some(Some("SRIHARIKOTA"), Some("IANS"), Some("May 29"))
        );
        // An Australian wire's name without brackets, a date before UPI's.
        let known = |a: &str| matches!(a, "AAP" | "UPI");
        let parser = DatelineParser::new();
        let wire = |s: &str| {
            parser
                .parse_with_places(s, |p| p == "Bengaluru", known, true)
                .map(|d| (d.location, d.agency, d.date))
        };
        assert_eq!(
            wire("CANBERRA, Nov 29 AAP - A bill"),
            some(Some("CANBERRA"), Some("AAP"), Some("Nov 29"))
        );
        assert_eq!(wire("CANBERRA, Nov 29 ABC - A bill"), None);
        assert_eq!(
            wire("Jan. 14 (UPI) -- A federal court"),
            some(None, Some("UPI"), Some("Jan. 14"))
        );
        // An Indian paper's place and colon: a known place only.
        assert_eq!(
            wire("Bengaluru: The much-delayed line will open to passengers in July."),
            some(Some("Bengaluru"), None, None)
        );
        assert_eq!(
            wire("Bengaluru: The city's new metro line - Metro News"),
            None
        );
        // Further down, a roundup's entry or a speaker's turn.
        let lower = parser.parse_with_places(
            "Bengaluru: The city recorded 112 mm of rain in the day.",
            |p| p == "Bengaluru",
            known,
            false,
        );
        assert_eq!(lower, None);
        assert_eq!(
            wire("Trump: The election was stolen from us, he said on Friday."),
            None
        );
        assert_eq!(parse("Apple (AAPL) Shares rose on Monday."), None);
        assert_eq!(parse("Guwahati, May 29 (Our Correspondent) The"), None);
        assert_eq!(parse("London, May 29 (BBC Two) The"), None);
        assert_eq!(parse("WASHINGTON The Senate voted."), None);
    }

    #[test]
    fn ordinary_sentences_are_not_datelines() {
        assert_eq!(parse("The official said the talks went well."), None);
        assert_eq!(parse("NOTE: this story has been updated."), None);
        // Capitals and a colon: a dateline only when the place is known.
        let parser = DatelineParser::new();
        let known = |s: &str| {
            parser
                .parse_with_places(s, |p| p == "NEW DELHI", |_| false, true)
                .map(|d| (d.location, d.agency, d.date))
        };
        assert_eq!(
            known("NEW DELHI: Their dream"),
            some(Some("NEW DELHI"), None, None)
        );
        for heading in [
            "BIP: Diese Grafiken zeigen, wie schlecht es um Deutschlands Wirtschaft steht",
            "WARNING GRAPHIC DETAIL: The footage shows the moment the car hit.",
            "BGH: Vermieter dürfen Mieter nicht bevormunden",
            "PUBLISHED: The report was released on Monday.",
        ] {
            assert_eq!(known(heading), None, "{heading}");
        }
        // A town the gazetteer lacks: one word of four letters or more.
        assert_eq!(
            known("THANE: Police arrested two men on Monday."),
            some(Some("THANE"), None, None)
        );
        assert_eq!(parse("A - B testing is common."), None);
        assert_eq!(parse("President Biden - who spoke"), None);
        assert_eq!(parse("US - China talks resumed"), None);
    }

    #[test]
    fn a_known_capital_place_before_a_hyphen_is_a_dateline() {
        let parser = DatelineParser::new();
        let known = |p: &str| matches!(p, "BOSTON" | "CHINA");
        let parse = |s: &str| {
            parser
                .parse_with_places(s, known, |_| false, true)
                .map(|d| d.location)
        };
        assert_eq!(
            parse("BOSTON - A late-winter storm knocked out power on Tuesday."),
            Some(Some("BOSTON".to_string()))
        );
        assert_eq!(parse("NATO - the alliance met"), None);
        assert_eq!(parse("US - China talks resumed"), None);
        // The full stop before the hyphen is not the place's.
        let d = parser.parse_with_places(
            "TEGUCIGALPA, HONDURAS.- El presidente habló.",
            |p| p == "TEGUCIGALPA",
            |_| false,
            true,
        );
        assert_eq!(
            d.and_then(|d| d.location).as_deref(),
            Some("TEGUCIGALPA, HONDURAS")
        );
        let d = parser.parse("MIAMI, FLA. (WSVN) -- The crash happened at noon.");
        assert_eq!(d.and_then(|d| d.location).as_deref(), Some("MIAMI, FLA."));
        let d = parser.parse("WASHINGTON, D.C. — The senator said.");
        assert_eq!(
            d.and_then(|d| d.location).as_deref(),
            Some("WASHINGTON, D.C.")
        );
    }

    #[test]
    fn dateline_text_is_kept() {
        let d = DatelineParser::new()
            .parse("LONDON, May 5 (AP) - Britain")
            .unwrap();
        assert_eq!(d.text, "LONDON, May 5 (AP) -");
    }
}
