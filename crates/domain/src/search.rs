//! Profession search across the category 1 and category 2 lists, in any language or script, with
//! small typos forgiven.

use std::collections::HashMap;

use serde::Serialize;

use crate::Text;
use crate::fold;
use crate::reference::{Item, Kind, ListVersion};

/// Which list a hit belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ListRef {
    /// Category 1 (Decree No. 1587), keyed by row number.
    #[serde(rename = "1")]
    Cat1,
    /// Category 2 (in-demand list), keyed by НКЗ code.
    #[serde(rename = "2")]
    Cat2,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The list.
    pub category: ListRef,
    /// Row number (category 1) or НКЗ code (category 2).
    pub key: String,
    /// Relevance; higher is better.
    pub score: f32,
}

struct Entry {
    category: ListRef,
    key: String,
    /// Folded names and aliases, for whole-phrase matches.
    phrases: Vec<String>,
}

struct Word {
    text: Box<[u8]>,
    /// (entry, field weight), at most one per entry: the best field.
    postings: Vec<(u16, f32)>,
    idf: f32,
}

/// An in-memory index over one version of each profession list.
pub struct SearchIndex {
    entries: Vec<Entry>,
    words: Vec<Word>,
    exact: HashMap<Box<[u8]>, usize>,
}

const NAME: f32 = 3.0;
const ALIAS: f32 = 2.6;
const GROUP: f32 = 1.2;
const TEXT: f32 = 1.0;
const PHRASE_BONUS: f32 = 4.0;
const MIN_SCORE: f32 = 0.9;

const STOP_WORDS: &[&str] = &[
    "i",
    "v",
    "s",
    "k",
    "po",
    "na",
    "or",
    "of",
    "the",
    "and",
    "in",
    "for",
    "a",
    "an",
    "to",
    "with",
    "jane",
    "men",
    "jonindegi",
    "salasindagi",
    "boiinwa",
    "bar",
    "iz",
    "ot",
    "dlia",
    "pri",
    "ili",
];

impl SearchIndex {
    /// Builds the index over the category 1 and category 2 lists (either may be absent).
    pub fn build(cat1: Option<&ListVersion>, cat2: Option<&ListVersion>) -> SearchIndex {
        let mut index = SearchIndex { entries: Vec::new(), words: Vec::new(), exact: HashMap::new() };
        let lists = [(ListRef::Cat1, cat1), (ListRef::Cat2, cat2)];
        for (category, list) in lists {
            let Some(list) = list else { continue };
            debug_assert!(matches!(list.kind, Kind::ProfessionCat1 | Kind::ProfessionCat2));
            for item in &list.items {
                index.add(category, item);
            }
        }
        let n = index.entries.len() as f32;
        for w in &mut index.words {
            w.idf = (1.0 + n / w.postings.len() as f32).ln();
        }
        index
    }

    fn add(&mut self, category: ListRef, item: &Item) {
        let Ok(id) = u16::try_from(self.entries.len()) else {
            return;
        };
        let mut phrases = Vec::new();
        for (_, name) in item.name.iter() {
            phrases.push(fold::fold(name));
            self.add_words(id, name, NAME);
        }
        for alias in item.aliases.all() {
            phrases.push(fold::fold(alias));
            self.add_words(id, alias, ALIAS);
        }
        if let Some(code) = &item.code {
            phrases.push(fold::fold(code));
            self.add_words(id, code, NAME);
        }
        if category == ListRef::Cat2 {
            phrases.push(fold::fold(&item.key));
        }
        for (_, g) in item.group.iter().flat_map(Text::iter) {
            self.add_words(id, g, GROUP);
        }
        for (_, t) in item.text.iter().flat_map(Text::iter) {
            self.add_words(id, t, TEXT);
        }
        phrases.retain(|p| !p.is_empty());
        self.entries.push(Entry { category, key: item.key.clone(), phrases });
    }

    fn add_words(&mut self, id: u16, text: &str, weight: f32) {
        for w in fold::words(text) {
            if STOP_WORDS.contains(&w.as_str()) {
                continue;
            }
            let bytes: Box<[u8]> = w.into_bytes().into_boxed_slice();
            let idx = if let Some(&i) = self.exact.get(&bytes) {
                i
            } else {
                self.words.push(Word { text: bytes.clone(), postings: Vec::new(), idf: 0.0 });
                self.exact.insert(bytes, self.words.len() - 1);
                self.words.len() - 1
            };
            let Some(word) = self.words.get_mut(idx) else {
                continue;
            };
            match word.postings.iter_mut().find(|(e, _)| *e == id) {
                Some(p) => p.1 = p.1.max(weight),
                None => word.postings.push((id, weight)),
            }
        }
    }

    /// Number of indexed professions.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Searches for `query`, best first, at most `limit` hits.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let folded = fold::fold(query);
        let qwords: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty() && !STOP_WORDS.contains(w)).collect();
        if qwords.is_empty() {
            return Vec::new();
        }
        let mut scores = vec![0f32; self.entries.len()];
        let mut matched = vec![0u16; self.entries.len()];
        let mut best_for_word = vec![0f32; self.entries.len()];
        for q in &qwords {
            best_for_word.fill(0.0);
            let q = q.as_bytes();
            if let Some(w) = self.exact.get(q).and_then(|&i| self.words.get(i)) {
                apply(&mut best_for_word, w, 1.0);
            }
            for w in &self.words {
                let sim = similarity(q, &w.text);
                if sim > 0.0 && sim < 1.0 {
                    apply(&mut best_for_word, w, sim);
                }
            }
            for ((s, m), b) in scores.iter_mut().zip(matched.iter_mut()).zip(&best_for_word) {
                if *b > 0.0 {
                    *s += *b;
                    *m += 1;
                }
            }
        }
        let nq = qwords.len() as f32;
        let mut hits: Vec<Hit> = Vec::new();
        for (i, entry) in self.entries.iter().enumerate() {
            let (Some(&s), Some(&m)) = (scores.get(i), matched.get(i)) else {
                continue;
            };
            if s <= 0.0 {
                continue;
            }
            // Every query word should match; a partial match is worth less.
            let coverage = f32::from(m) / nq;
            let mut score = s / nq * coverage * coverage;
            if entry.phrases.iter().any(|p| p == &folded) {
                score += PHRASE_BONUS * 1.5;
            } else if qwords.len() > 1 && entry.phrases.iter().any(|p| p.contains(folded.as_str())) {
                score += PHRASE_BONUS;
            }
            if score >= MIN_SCORE {
                hits.push(Hit { category: entry.category, key: entry.key.clone(), score });
            }
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        hits.truncate(limit);
        hits
    }
}

fn apply(best: &mut [f32], word: &Word, sim: f32) {
    for &(e, weight) in &word.postings {
        if let Some(b) = best.get_mut(usize::from(e)) {
            *b = b.max(sim * weight * word.idf);
        }
    }
}

/// Similarity of a query word to an indexed word: 1 equal, less for a prefix or a typo, 0 unrelated.
fn similarity(q: &[u8], w: &[u8]) -> f32 {
    if q == w {
        return 1.0;
    }
    if q.len() >= 3 && w.starts_with(q) {
        // The word is being typed, or carries a suffix (Kazakh and Russian endings).
        return 0.9 - 0.02 * (w.len() - q.len()).min(10) as f32;
    }
    if w.len() >= 5 && q.starts_with(w) {
        return 0.8;
    }
    let allowed = match q.len() {
        0..=3 => return 0.0,
        4..=7 => 1,
        _ => 2,
    };
    if q.len().abs_diff(w.len()) > allowed {
        return 0.0;
    }
    // A typo rarely hits both of the first two letters.
    if q.first() != w.first() && q.get(1) != w.get(1) {
        return 0.0;
    }
    match bounded_distance(q, w, allowed) {
        Some(1) => 0.7,
        Some(2) => 0.55,
        _ => 0.0,
    }
}

/// Optimal-string-alignment distance of `a` and `b`, or `None` when it exceeds `max`.
#[expect(clippy::indexing_slicing, reason = "every index is below N, checked on entry")]
fn bounded_distance(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    const N: usize = 48;
    if a.len() >= N || b.len() >= N {
        return None;
    }
    let mut prev2 = [0usize; N];
    let mut prev: [usize; N] = std::array::from_fn(|i| i);
    let mut cur = [0usize; N];
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let mut v = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            if i > 0 && j > 0 && a.get(i - 1) == Some(&cb) && b.get(j - 1) == Some(&ca) {
                v = v.min(prev2[j - 1] + 1);
            }
            cur[j + 1] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        prev2 = prev;
        prev = cur;
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits() {
        assert_eq!(bounded_distance(b"neurosurgeon", b"neurosurgon", 2), Some(1));
        assert_eq!(bounded_distance(b"abcd", b"abdc", 1), Some(1));
        assert_eq!(bounded_distance(b"abcdef", b"uvwxyz", 2), None);
    }

    #[test]
    fn similarity_ranks_exact_over_prefix_over_typo() {
        let exact = similarity(b"neirohirurg", b"neirohirurg");
        let prefix = similarity(b"neirohirurg", b"neirohirurgia");
        let typo = similarity(b"neirohirurg", b"neirohirurk");
        assert!(exact > prefix && prefix > typo && typo > 0.0);
        assert!(similarity(b"abc", b"xyz").abs() < f32::EPSILON);
    }
}
