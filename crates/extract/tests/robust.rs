//! Extraction never panics, whatever text cleanup hands it.

use newsclean_extract::{Extractor, QualityInput};
use proptest::prelude::*;
use std::sync::LazyLock;

/// Loading the gazetteers once keeps each case cheap.
static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

fn paragraph() -> impl Strategy<Value = String> {
    // Words, names, quote marks, stops and multi-byte letters in any order.
    let piece = prop_oneof![
        Just("Mr.".to_string()),
        Just("U.S.".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("’’".to_string()),
        Just("\"".to_string()),
        Just("«".to_string()),
        Just("‘".to_string()),
        Just("said".to_string()),
        Just("he".to_string()),
        Just("Gov.".to_string()),
        Just("of".to_string()),
        Just("Jan. 6,".to_string()),
        Just("Müller".to_string()),
        Just("Bürgerkriegs.".to_string()),
        Just("Joe Biden’s".to_string()),
        Just("according to".to_string()),
        // Letters whose lower case is longer (`İ`, `Ⱥ`) or shorter (`ẞ`).
        Just("İHA".to_string()),
        Just("Ⱥ".to_string()),
        Just("ẞ".to_string()),
        "[A-Za-zäöüß&’'.,:;!?-]{1,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.join(" "))
}

proptest! {
    #[test]
    fn facts_and_quality_never_panic(paragraphs in prop::collection::vec(paragraph(), 0..6)) {
        let extractor = &*EXTRACTOR;
        let article = extractor.extract(&paragraphs);
        let facts = extractor.facts(&article, Some("en"), Some(2024));
        let _ = extractor.quality(&article, QualityInput::default());
        for q in &facts.quotes {
            prop_assert!(!q.text.is_empty());
        }
        for joined in &paragraphs {
            let _ = extractor.sentences(joined);
        }
    }
}
