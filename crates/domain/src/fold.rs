//! Folding of Kazakh (Cyrillic, 2021 Latin, passport and Arabic-script spellings), Russian and English
//! text to one Latin skeleton, so that the same word typed in any script compares equal.
//!
//! The skeleton is lossy on purpose: it forgets the distinctions people blur when they type in another
//! script (қ/к/q/k, ы/і/и/y/ı/i, ш/sh/ş), and keeps the rest.

/// Splits `text` into folded words (letters and digits only).
pub fn words(text: &str) -> Vec<String> {
    let folded = fold(text);
    folded.split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

/// Folds `text` to its lowercase Latin skeleton; words are separated by single spaces.
pub fn fold(text: &str) -> String {
    let mut latin = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match cyrillic(c).or_else(|| arabic(c)) {
            Some(s) => latin.push_str(s),
            None => latin.push(c),
        }
    }
    let mut out = String::with_capacity(latin.len());
    let chars: Vec<char> = latin.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        // Latin digraphs of Russian-style and passport transliteration.
        let digraph = match (c, next) {
            ('s', Some('h')) => Some('w'),
            ('c', Some('h')) | ('t', Some('s')) => Some('c'),
            ('z', Some('h')) => Some('j'),
            ('k', Some('h')) => Some('h'),
            _ => None,
        };
        let mapped = if let Some(d) = digraph {
            i += 1;
            Some(d)
        } else {
            latin_letter(c)
        };
        i += 1;
        let Some(m) = mapped else {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
            continue;
        };
        // Doubled letters collapse: "programmist" and "programist" fold alike.
        if out.ends_with(m) && m != ' ' && !m.is_ascii_digit() {
            continue;
        }
        out.push(m);
    }
    out.trim_end().to_owned()
}

/// Maps a Latin letter (after Cyrillic folding) to its skeleton letter; `None` for separators.
fn latin_letter(c: char) -> Option<char> {
    Some(match c {
        'a' | 'ä' | 'á' | 'à' | 'â' | 'ã' | 'å' => 'a',
        'e' | 'é' | 'è' | 'ê' | 'ë' => 'e',
        'i' | 'ı' | 'í' | 'ì' | 'î' | 'ï' | 'y' | 'ý' => 'i',
        'o' | 'ö' | 'ó' | 'ò' | 'ô' | 'õ' | 'ø' => 'o',
        'u' | 'ū' | 'ü' | 'ú' | 'ù' | 'û' => 'u',
        'g' | 'ğ' => 'g',
        'n' | 'ñ' => 'n',
        's' => 's',
        'ş' | 'w' => 'w',
        'c' | 'ç' => 'c',
        'q' | 'k' => 'k',
        'j' => 'j',
        'h' | 'x' => 'h',
        c if c.is_ascii_lowercase() || c.is_ascii_digit() => c,
        _ => return None,
    })
}

/// Cyrillic letters of Kazakh and Russian, to Latin.
fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'а' | 'ә' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "j",
        'з' => "z",
        'и' | 'й' | 'і' | 'ы' => "i",
        'к' | 'қ' => "k",
        'л' => "l",
        'м' => "m",
        'н' | 'ң' => "n",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' => "u",
        'ф' => "f",
        'х' | 'һ' => "h",
        'ц' | 'ч' => "c",
        'ш' | 'щ' => "w",
        'ъ' | 'ь' => "",
        'ю' => "iu",
        'я' => "ia",
        _ => return None,
    })
}

/// Letters of the Arabic-script Kazakh alphabet used in China (tote jazu), to Latin.
fn arabic(c: char) -> Option<&'static str> {
    Some(match c {
        'ا' | 'ٵ' | 'ە' => "a",
        'ب' => "b",
        'ۆ' | 'و' | 'ٶ' => "o",
        'گ' | 'ع' => "g",
        'د' => "d",
        'ج' => "j",
        'ز' => "z",
        'ي' | 'ى' | 'ٸ' => "i",
        'ك' | 'ق' => "k",
        'ل' => "l",
        'م' => "m",
        'ن' | 'ڭ' => "n",
        'پ' => "p",
        'ر' => "r",
        'س' => "s",
        'ت' => "t",
        'ۋ' | 'ۇ' | 'ٷ' => "u",
        'ف' => "f",
        'ح' | 'ھ' | 'ه' => "h",
        'چ' => "c",
        'ش' => "w",
        'ء' => "",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn scripts_fold_alike() {
        assert_eq!(fold("программист"), fold("programmist"));
        assert_eq!(fold("Бағдарламашы"), fold("bağdarlamaşy"));
        assert_eq!(fold("бағдарламашы"), fold("bagdarlamashy"));
        assert_eq!(fold("Қазақстан"), fold("Qazaqstan"));
        assert_eq!(fold("Жетісу"), fold("Zhetisu"));
        assert_eq!(fold("Жетісу"), fold("Jetısu"));
        assert_eq!(fold("нейрохирург"), fold("neyrokhirurg"));
        assert_eq!(fold("Ұлытау"), fold("Ulytau"));
    }

    #[test]
    fn punctuation_splits_words() {
        assert_eq!(fold("Дәрігер-нейрохирург, (test)"), "dariger neirohirurg test");
        assert_eq!(fold("2217-4-001"), "2217 4 001");
    }
}
