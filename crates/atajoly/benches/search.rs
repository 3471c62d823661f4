#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "percentile index of a sample vector")]
//! Benchmark: profession search latency over a fixed query set in every language and script.
//!
//! Target: p99 < 1 ms. Baseline, measured in the same run: a naive scan that folds every name and
//! alias and checks `contains` per query (what a simple implementation would do).
//! Run: `cargo bench --bench search` (release build; prints figures; no timed assertions).

use std::hint::black_box;
use std::time::{Duration, Instant};

use domain::fold;
use domain::reference::Kind;
use domain::search::SearchIndex;

const QUERIES: &[&str] = &[
    "programmist",
    "бағдарламашы",
    "software developer",
    "разработчик программного обеспечения",
    "нейрохирург",
    "neurosurgeon",
    "neurosurgon",
    "bağdarlamaşy",
    "Бағдарламалық қамтылым әзірлеушісі",
    "инженер",
    "engineer",
    "injener",
    "дәрігер",
    "врач онколог",
    "oncologist",
    "pilot",
    "ұшқыш",
    "uşqyş",
    "лётчик",
    "teacher",
    "мұғалім",
    "muğalım",
    "учитель математики",
    "архитектор",
    "systems architect",
    "жүйелік архитектор",
    "2217-4-001",
    "2511-3-001",
    "information security",
    "ақпараттық қауіпсіздік",
    "информационная безопасность",
    "geologist",
    "геолог",
    "coach",
    "жаттықтырушы",
    "тренер",
    "bioinformatics",
    "биоинформатика",
    "agricultural machinery GPS",
    "ауыл шаруашылығы",
    "business analyst",
    "бизнес-талдаушы",
    "rescuer",
    "құтқарушы",
    "conductor",
    "дирижёр",
    "chemist",
    "химик",
    "provizor",
    "провизор",
];

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(idx).copied().unwrap_or_default()
}

fn measure(name: &str, rounds: usize, mut f: impl FnMut(&str) -> usize) -> Duration {
    for q in QUERIES {
        black_box(f(q));
    }
    let mut samples = Vec::with_capacity(rounds * QUERIES.len());
    for _ in 0..rounds {
        for q in QUERIES {
            let t = Instant::now();
            black_box(f(black_box(q)));
            samples.push(t.elapsed());
        }
    }
    samples.sort();
    let p99 = percentile(&samples, 0.99);
    println!(
        "{name:<28} n={:>6}  p50={:>8.1} µs  p99={:>8.1} µs  max={:>8.1} µs",
        samples.len(),
        percentile(&samples, 0.50).as_secs_f64() * 1e6,
        p99.as_secs_f64() * 1e6,
        samples.last().copied().unwrap_or_default().as_secs_f64() * 1e6
    );
    p99
}

fn main() {
    let lists = atajoly::reference_lists().unwrap_or_default();
    let cat1 = lists.iter().map(|(_, l)| l).find(|l| l.kind == Kind::ProfessionCat1);
    let cat2 = lists.iter().map(|(_, l)| l).find(|l| l.kind == Kind::ProfessionCat2);
    let built = Instant::now();
    let index = SearchIndex::build(cat1, cat2);
    println!("index: {} professions, built in {:.2} ms", index.len(), built.elapsed().as_secs_f64() * 1e3);

    // The baseline: fold each name and alias on every query and look for the folded query in it.
    let names: Vec<String> = [cat1, cat2]
        .into_iter()
        .flatten()
        .flat_map(|l| l.items.iter())
        .flat_map(|i| {
            i.name.iter().map(|(_, n)| n.to_owned()).chain(i.aliases.all().map(str::to_owned)).collect::<Vec<_>>()
        })
        .collect();
    let rounds = 200;
    let ours = measure("atajoly search (fuzzy)", rounds, |q| index.search(q, 10).len());
    let base = measure("baseline naive contains", rounds, |q| {
        let fq = fold::fold(q);
        names.iter().filter(|n| fold::fold(n).contains(&fq)).count()
    });
    println!(
        "p99 ratio ours/baseline = {:.2}; target p99 < 1000 µs: {}",
        ours.as_secs_f64() / base.as_secs_f64().max(1e-9),
        if ours < Duration::from_millis(1) { "met" } else { "NOT met" }
    );
}
