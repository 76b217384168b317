//! How clean and complete an article looks, as signals and one score.

use newsclean_model::Quality;

use crate::lexicon::Lexicon;
use crate::sentences;

/// What the quality score is computed from besides the body.
#[derive(Clone, Copy, Debug, Default)]
pub struct QualityInput {
    /// Lines of the input that cleanup removed.
    pub removed_lines: usize,
    /// Lines of the input in all (kept and removed).
    pub total_lines: usize,
    /// Characters changed by text repair.
    pub repaired: u64,
    /// Characters of the input.
    pub chars: u64,
}

/// Each flag and what it costs the score.
const SHORT: (&str, f64) = ("short", 0.3);
const VERY_SHORT: (&str, f64) = ("very-short", 0.6);
const MOSTLY_REMOVED: (&str, f64) = ("mostly-removed", 0.15);
const REPAIRED: (&str, f64) = ("repaired", 0.1);
const ORPHANS: (&str, f64) = ("orphan-sentences", 0.1);
const TRUNCATED: (&str, f64) = ("truncated", 0.2);
const NO_TITLE: (&str, f64) = ("no-title", 0.05);

/// Words of `text`: runs between spaces, and in Chinese and Japanese,
/// written without them, one word for every two characters (the length
/// of most of their words).
fn words(text: &str) -> u64 {
    let (mut spaced, mut dense) = (0u64, 0u64);
    for word in text.split_whitespace() {
        // (Most words are ASCII: one fast check skips the decoding.)
        let d = if word.is_ascii() {
            0
        } else {
            word.chars().filter(|&c| is_dense(c)).count() as u64
        };
        if d == 0 {
            spaced += 1;
        } else {
            dense += d;
        }
    }
    spaced + dense.div_ceil(2)
}

/// Han ideographs and kana.
fn is_dense(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

pub(crate) fn assess(
    lex: &Lexicon,
    paragraphs: &[String],
    has_title: bool,
    input: QualityInput,
) -> Quality {
    let mut q = Quality {
        words: paragraphs.iter().map(|p| words(p)).sum(),
        repaired: input.repaired,
        removed_share: if input.total_lines == 0 {
            0.0
        } else {
            round(input.removed_lines as f64 / input.total_lines as f64)
        },
        ..Quality::default()
    };
    for p in paragraphs {
        let spans = sentences::split(p, &lex.abbreviations);
        q.sentences += spans.len() as u64;
        // A one-word sentence after a full one: `… superpowers. Thursday.`
        for (k, &(s, e)) in spans.iter().enumerate() {
            let sentence = &p[s..e];
            let word = sentence.trim_end_matches(['.', '!', '?']);
            if k > 0
                && sentence.ends_with('.')
                && word.chars().all(char::is_alphabetic)
                && word.chars().next().is_some_and(char::is_uppercase)
                && !word.is_empty()
            {
                q.orphans.push(sentence.to_string());
            }
        }
    }
    q.truncated = paragraphs.last().is_some_and(|p| {
        let end = p.trim_end();
        end.ends_with("...")
            || end.ends_with('…')
            || !end.ends_with([
                '.', '!', '?', '"', '”', '’', '\'', ')', ']', '»', '。', '！', '？', '」', '』',
                '）', '।', '॥', '؟', '۔',
            ])
    });
    let mut score: f64 = 1.0;
    let mut flag = |(name, cost): (&str, f64), on: bool| {
        if on {
            q.flags.push(name.to_string());
            score -= cost;
        }
    };
    flag(VERY_SHORT, q.words < 50);
    flag(SHORT, (50..150).contains(&q.words));
    flag(MOSTLY_REMOVED, q.removed_share > 0.6);
    flag(
        REPAIRED,
        input.chars > 0 && input.repaired * 100 > input.chars,
    );
    flag(ORPHANS, !q.orphans.is_empty());
    flag(TRUNCATED, q.truncated);
    flag(NO_TITLE, !has_title);
    q.score = round(score.clamp(0.0, 1.0));
    q
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scars_and_truncation_lower_the_score() {
        let lex = Lexicon::new();
        let long = "word ".repeat(200);
        let clean = vec![format!("{long}end."), "It ended well.".to_string()];
        let q = assess(&lex, &clean, true, QualityInput::default());
        assert_eq!(q.score, 1.0);
        assert!(q.flags.is_empty());

        let scarred = vec![
            format!("{long}between the two superpowers. Thursday."),
            "The visit was put off. Months.".to_string(),
            "And then the".to_string(),
        ];
        let q = assess(&lex, &scarred, true, QualityInput::default());
        assert_eq!(q.orphans, ["Thursday.", "Months."]);
        assert!(q.truncated);
        assert_eq!(q.flags, ["orphan-sentences", "truncated"]);
        assert!((q.score - 0.7).abs() < 1e-9);
    }

    #[test]
    fn chinese_and_japanese_count_their_words_and_stops() {
        let lex = Lexicon::new();
        // 208 characters of Chinese: 104 words, no
        // truncation at its full stop.
        let body = vec![format!("{}。", "台风逼近台湾气象局发布警报".repeat(16))];
        let q = assess(&lex, &body, true, QualityInput::default());
        assert_eq!(q.words, 104);
        assert!(!q.truncated);
        assert_eq!(q.flags, ["short"]);
        assert_eq!(words("Tokyo 東京 station"), 3);
    }

    #[test]
    fn short_bodies_are_flagged() {
        let lex = Lexicon::new();
        let q = assess(
            &lex,
            &["Too short.".to_string()],
            false,
            QualityInput {
                removed_lines: 8,
                total_lines: 10,
                ..QualityInput::default()
            },
        );
        assert_eq!(q.flags, ["very-short", "mostly-removed", "no-title"]);
        assert_eq!(q.removed_share, 0.8);
    }
}
