//! Versioned legal reference data: list files, their items, and the catalogue of versions in force.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::Date;

use crate::lang::Text;

/// The kinds of reference list the service knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// What the card is.
    CardFact,
    /// The rights of a holder.
    Right,
    /// The restrictions on a holder.
    Restriction,
    /// The three categories.
    Category,
    /// Category 1: professions of Presidential Decree No. 1587.
    ProfessionCat1,
    /// Category 2: in-demand professions by НКЗ code.
    ProfessionCat2,
    /// Ways to apply.
    Channel,
    /// Documents filed with an application.
    Document,
    /// Support contacts.
    Contact,
    /// Regions and cities of republican significance of Kazakhstan.
    Region,
    /// Countries of the world (ISO 3166-1).
    Country,
    /// Grounds for refusing the card.
    RefusalGround,
    /// Grounds for revoking an issued card.
    RevocationGround,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 13] = [
        Kind::CardFact,
        Kind::Right,
        Kind::Restriction,
        Kind::Category,
        Kind::ProfessionCat1,
        Kind::ProfessionCat2,
        Kind::Channel,
        Kind::Document,
        Kind::Contact,
        Kind::Region,
        Kind::Country,
        Kind::RefusalGround,
        Kind::RevocationGround,
    ];

    /// The kind's name as used in files, URLs and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::CardFact => "card_fact",
            Kind::Right => "right",
            Kind::Restriction => "restriction",
            Kind::Category => "category",
            Kind::ProfessionCat1 => "profession_cat1",
            Kind::ProfessionCat2 => "profession_cat2",
            Kind::Channel => "channel",
            Kind::Document => "document",
            Kind::Contact => "contact",
            Kind::Region => "region",
            Kind::Country => "country",
            Kind::RefusalGround => "refusal_ground",
            Kind::RevocationGround => "revocation_ground",
        }
    }

    /// Parses a kind's name.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where an item's Kazakh text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Verbatim from the source document.
    Seed,
    /// Rejoined from pieces the source's page layout broke apart.
    Reconstructed,
    /// Written by the project (the note says from where).
    Project,
}

/// Search aliases of an item: words people type, not legal text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Aliases {
    /// Kazakh aliases.
    pub kk: Vec<String>,
    /// Russian aliases.
    pub ru: Vec<String>,
    /// English aliases.
    pub en: Vec<String>,
    /// Kazakh Latin and passport spellings.
    pub latin: Vec<String>,
}

impl Aliases {
    /// Every alias, whatever its language.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.kk.iter().chain(&self.ru).chain(&self.en).chain(&self.latin).map(String::as_str)
    }
}

/// One row of a reference list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Stable id within the list.
    pub key: String,
    /// Where the Kazakh text comes from.
    pub origin: Origin,
    /// Name or title.
    pub name: Text,
    /// Requirement, description or body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Text>,
    /// Group (e.g. field of education).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<Text>,
    /// A code (НКЗ, ISO alpha-3, KATO).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// A value such as a phone number or e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Free classification.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// For a reconstructed item: the source's pieces, verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fragments: Vec<String>,
    /// Why reconstructed, or where a project text comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Search aliases.
    #[serde(default)]
    pub aliases: Aliases,
}

/// The legal act or data source of a list version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Kazakh title.
    pub kk: String,
    /// Russian title.
    pub ru: String,
    /// English title.
    pub en: String,
    /// Citation of the act or data source.
    pub reference: String,
    /// Who rendered the translations.
    #[serde(default)]
    pub rendering: String,
}

/// One version of one reference list, as kept in a data file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListVersion {
    /// The list's kind.
    pub kind: Kind,
    /// Version id, unique within the kind.
    pub version: String,
    /// First day in force.
    #[serde(with = "iso_date")]
    pub effective_from: Date,
    /// Last day in force (inclusive), if any.
    #[serde(default, with = "iso_date::option")]
    pub effective_to: Option<Date>,
    /// The legal act or data source.
    pub source: Source,
    /// The rows.
    pub items: Vec<Item>,
    /// Position of each key in `items`, for lookups by key.
    #[serde(skip)]
    index: HashMap<String, usize>,
}

/// Why a list file is refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ListError {
    /// The file is not valid TOML of the expected shape.
    #[error("{file}: {message}")]
    Parse {
        /// The file.
        file: String,
        /// The parser's message.
        message: String,
    },
    /// The file breaks a rule of reference data.
    #[error("{file}: {message}")]
    Invalid {
        /// The file.
        file: String,
        /// What is wrong.
        message: String,
    },
}

/// Serde formats of dates.
pub mod dates {
    #![allow(missing_docs, reason = "generated by time's macro")]
    time::serde::format_description!(pub iso_date, Date, "[year]-[month]-[day]");
}
pub use dates::iso_date;

#[derive(Deserialize)]
struct RawFile {
    kind: Kind,
    version: String,
    effective_from: String,
    effective_to: Option<String>,
    source: Source,
    #[serde(default)]
    items: Vec<Item>,
}

/// Parses an ISO 8601 calendar date (`2023-07-01`).
pub fn parse_iso_date(s: &str) -> Option<Date> {
    Date::parse(s.trim(), time::macros::format_description!("[year]-[month]-[day]")).ok()
}

fn to_date(file: &str, d: &str) -> Result<Date, ListError> {
    parse_iso_date(d).ok_or_else(|| ListError::Invalid { file: file.to_owned(), message: format!("not a date: {d}") })
}

impl ListVersion {
    /// Assembles a list version (and its key index) from its parts.
    pub fn new(
        kind: Kind,
        version: String,
        effective_from: Date,
        effective_to: Option<Date>,
        source: Source,
        items: Vec<Item>,
    ) -> ListVersion {
        let index = items.iter().enumerate().map(|(i, item)| (item.key.clone(), i)).collect();
        ListVersion { kind, version, effective_from, effective_to, source, items, index }
    }

    /// Parses and checks one list file; `file` names it in errors.
    pub fn parse(file: &str, toml_text: &str) -> Result<ListVersion, ListError> {
        let raw: RawFile = toml::from_str(toml_text)
            .map_err(|e| ListError::Parse { file: file.to_owned(), message: e.to_string() })?;
        let effective_from = to_date(file, &raw.effective_from)?;
        let effective_to = raw.effective_to.as_deref().map(|d| to_date(file, d)).transpose()?;
        let list = ListVersion::new(raw.kind, raw.version, effective_from, effective_to, raw.source, raw.items);
        list.check().map_err(|message| ListError::Invalid { file: file.to_owned(), message })?;
        Ok(list)
    }

    fn check(&self) -> Result<(), String> {
        if self.version.trim().is_empty() {
            return Err("version is empty".into());
        }
        if self.items.is_empty() {
            return Err("no items".into());
        }
        if let Some(to) = self.effective_to
            && to < self.effective_from
        {
            return Err("effective_to is before effective_from".into());
        }
        let mut keys = std::collections::HashSet::new();
        for item in &self.items {
            if !keys.insert(item.key.as_str()) {
                return Err(format!("duplicate key {}", item.key));
            }
            if !item.name.is_complete() {
                return Err(format!("item {}: name is missing a language", item.key));
            }
            for t in [&item.text, &item.group].into_iter().flatten() {
                if !t.is_complete() {
                    return Err(format!("item {}: a text is missing a language", item.key));
                }
            }
            if item.origin == Origin::Reconstructed && item.fragments.is_empty() {
                return Err(format!("item {}: reconstructed without fragments", item.key));
            }
        }
        Ok(())
    }

    /// SHA-256 of the parsed content (its `Debug` form, which covers every field in a fixed order):
    /// equal content gives equal hashes, whatever the file's formatting.
    pub fn content_hash(&self) -> String {
        let canonical = format!(
            "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
            self.kind, self.version, self.effective_from, self.effective_to, self.source, self.items
        );
        hex::encode(Sha256::digest(canonical.as_bytes()))
    }

    /// Whether the version is in force on `day`.
    pub fn in_force_on(&self, day: Date) -> bool {
        self.effective_from <= day && self.effective_to.is_none_or(|to| day <= to)
    }

    /// The item with `key`.
    pub fn item(&self, key: &str) -> Option<&Item> {
        self.index.get(key).and_then(|&i| self.items.get(i))
    }
}

/// Every version of every list, answering which version is in force on a date.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    lists: BTreeMap<Kind, Vec<ListVersion>>,
}

impl Catalog {
    /// Builds a catalogue from list versions in any order.
    pub fn new(versions: impl IntoIterator<Item = ListVersion>) -> Catalog {
        let mut lists: BTreeMap<Kind, Vec<ListVersion>> = BTreeMap::new();
        for v in versions {
            lists.entry(v.kind).or_default().push(v);
        }
        for vs in lists.values_mut() {
            vs.sort_by(|a, b| a.effective_from.cmp(&b.effective_from).then_with(|| a.version.cmp(&b.version)));
        }
        Catalog { lists }
    }

    /// The version of `kind` in force on `day`: of those in force, the one that took effect last.
    pub fn in_force(&self, kind: Kind, day: Date) -> Option<&ListVersion> {
        self.lists.get(&kind)?.iter().rev().find(|v| v.in_force_on(day))
    }

    /// Every version of `kind`, oldest first.
    pub fn versions(&self, kind: Kind) -> &[ListVersion] {
        self.lists.get(&kind).map_or(&[], Vec::as_slice)
    }

    /// Every version of every kind.
    pub fn all(&self) -> impl Iterator<Item = &ListVersion> {
        self.lists.values().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const FILE: &str = r#"
kind = "right"
version = "v1"
effective_from = "2023-07-01"
[source]
kk = "к"
ru = "р"
en = "e"
reference = "test"
[[items]]
key = "a"
origin = "project"
name = { kk = "а", ru = "а", en = "a" }
"#;

    #[test]
    fn parses_and_hashes_stably() {
        let a = ListVersion::parse("f", FILE).unwrap();
        let b = ListVersion::parse("f", FILE).unwrap();
        assert_eq!(a.content_hash(), b.content_hash());
        assert_eq!(a.effective_from, date!(2023 - 07 - 01));
        let changed = ListVersion::parse("f", &FILE.replace("name = { kk = \"а\"", "name = { kk = \"б\"")).unwrap();
        assert_ne!(a.content_hash(), changed.content_hash());
    }

    #[test]
    fn refuses_missing_language_and_duplicates() {
        let missing = FILE.replace("en = \"a\"", "en = \"\"");
        assert!(matches!(ListVersion::parse("f", &missing), Err(ListError::Invalid { .. })));
        let dup = format!(
            "{FILE}\n[[items]]\nkey = \"a\"\norigin = \"project\"\nname = {{ kk = \"x\", ru = \"x\", en = \"x\" }}\n"
        );
        assert!(matches!(ListVersion::parse("f", &dup), Err(ListError::Invalid { .. })));
    }

    #[test]
    fn version_in_force_follows_dates() {
        let v1 = ListVersion::parse("f", FILE).unwrap();
        let mut v2 = v1.clone();
        v2.version = "v2".into();
        v2.effective_from = date!(2025 - 01 - 01);
        let cat = Catalog::new([v2, v1]);
        assert_eq!(cat.in_force(Kind::Right, date!(2024 - 06 - 01)).unwrap().version, "v1");
        assert_eq!(cat.in_force(Kind::Right, date!(2025 - 01 - 01)).unwrap().version, "v2");
        assert!(cat.in_force(Kind::Right, date!(2020 - 01 - 01)).is_none());
    }
}
