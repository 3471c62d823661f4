//! Lists in the order of the reader's language: the CLDR collation of Kazakh, Russian or English
//! (ICU4X), so that Қазақстан comes after Кения and before Кипр in Kazakh, and case and accents
//! count only when the letters are the same (decision 0021).

use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed, CollatorPreferences};
use icu_locale_core::{LanguageIdentifier, langid};

use crate::Lang;

fn collator(lang: Lang) -> Option<&'static CollatorBorrowed<'static>> {
    static KK: OnceLock<Option<CollatorBorrowed<'static>>> = OnceLock::new();
    static RU: OnceLock<Option<CollatorBorrowed<'static>>> = OnceLock::new();
    static EN: OnceLock<Option<CollatorBorrowed<'static>>> = OnceLock::new();
    let (cell, id): (_, LanguageIdentifier) = match lang {
        Lang::Kk => (&KK, langid!("kk")),
        Lang::Ru => (&RU, langid!("ru")),
        Lang::En => (&EN, langid!("en")),
    };
    cell.get_or_init(|| Collator::try_new(CollatorPreferences::from(&id), CollatorOptions::default()).ok()).as_ref()
}

/// Compares two texts as a dictionary of `lang` orders them (code points when the collation data is
/// missing, which the compiled data rules out).
pub fn compare(lang: Lang, a: &str, b: &str) -> Ordering {
    collator(lang).map_or_else(|| a.cmp(b), |c| c.compare(a, b))
}

/// Sorts `items` by the text `key` gives, in the order of `lang`.
pub fn sort_by<T>(lang: Lang, items: &mut [T], key: impl Fn(&T) -> &str) {
    items.sort_by(|a, b| compare(lang, key(a), key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(lang: Lang, words: &[&'static str]) -> Vec<&'static str> {
        let mut v = words.to_vec();
        sort_by(lang, &mut v, |s| s);
        v
    }

    #[test]
    fn kazakh_letters_sit_beside_their_base_letters() {
        // By code point Қ, Ө and Ү (U+049A, U+04E8, U+04AE) come after Я (U+042F).
        let v = sorted(Lang::Kk, &["Ямайка", "Өзбекстан", "Қытай", "Қазақстан", "Кения", "Лаос", "Оман", "Пәкістан"]);
        assert_eq!(v, ["Кения", "Қазақстан", "Қытай", "Лаос", "Оман", "Өзбекстан", "Пәкістан", "Ямайка"]);
    }

    #[test]
    fn russian_and_english_ignore_case_and_accents_first() {
        assert_eq!(sorted(Lang::Ru, &["Япония", "ёлка", "Египет", "Жизнь"]), ["Египет", "ёлка", "Жизнь", "Япония"]);
        assert_eq!(
            sorted(Lang::En, &["Åland", "Zambia", "albania", "Bahamas"]),
            ["Åland", "albania", "Bahamas", "Zambia"]
        );
    }
}
