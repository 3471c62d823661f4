//! Languages of the service and text given in all of them.

use serde::{Deserialize, Serialize};

/// A language of the service; Kazakh is the default and the reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Kazakh (Cyrillic), the reference language.
    #[default]
    Kk,
    /// Russian.
    Ru,
    /// English.
    En,
}

impl Lang {
    /// Every language, Kazakh first.
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    /// The BCP 47 code (`kk`, `ru`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// The language's own name, for a language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Kk => "Қазақша",
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }

    /// Parses a code such as `kk`, `ru-RU` or `EN`; anything else is `None`.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "kk" | "kz" => Some(Lang::Kk),
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the best language from an `Accept-Language` header, honouring q-values.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let Some(tag) = pieces.next() else { continue };
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(lang) = Lang::parse(tag)
                && q > 0.0
                && best.is_none_or(|(_, bq)| q > bq)
            {
                best = Some((lang, q));
            }
        }
        best.map(|(l, _)| l)
    }
}

/// A text given in Kazakh, Russian and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Text {
    /// Kazakh: for legal data, the reference text.
    pub kk: String,
    /// Russian.
    pub ru: String,
    /// English.
    pub en: String,
}

impl Text {
    /// The text in `lang`, falling back to Kazakh when that rendering is empty.
    pub fn get(&self, lang: Lang) -> &str {
        let s = match lang {
            Lang::Kk => &self.kk,
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        };
        if s.is_empty() { &self.kk } else { s }
    }

    /// Whether every language has a non-empty text.
    pub fn is_complete(&self) -> bool {
        !self.kk.trim().is_empty() && !self.ru.trim().is_empty() && !self.en.trim().is_empty()
    }

    /// The three texts with their languages.
    pub fn iter(&self) -> impl Iterator<Item = (Lang, &str)> {
        [(Lang::Kk, self.kk.as_str()), (Lang::Ru, self.ru.as_str()), (Lang::En, self.en.as_str())].into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_honours_quality() {
        assert_eq!(Lang::from_accept_language("fr, ru;q=0.5, en;q=0.8"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("ru-RU,ru;q=0.9"), Some(Lang::Ru));
        assert_eq!(Lang::from_accept_language("de, fr"), None);
        assert_eq!(Lang::from_accept_language("en;q=0"), None);
    }

    #[test]
    fn unknown_codes_are_none() {
        assert_eq!(Lang::parse("xx"), None);
        assert_eq!(Lang::parse("KK"), Some(Lang::Kk));
    }
}
