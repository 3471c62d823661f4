//! The reference data files: complete, and the Kazakh legal text exactly as in the source.

use domain::reference::{Kind, Origin};

const SEED: &str = include_str!("../../../../data/seed/000_7a9a7d4d271aa3f3.txt");

fn lists() -> Vec<(&'static str, domain::reference::ListVersion)> {
    atajoly::reference_lists().expect("every data file parses and passes its checks")
}

fn list(kind: Kind) -> domain::reference::ListVersion {
    lists().into_iter().map(|(_, l)| l).find(|l| l.kind == kind).unwrap_or_else(|| panic!("no {kind:?} list"))
}

#[test]
fn every_kind_has_a_list_and_files_are_named_for_their_kind_and_version() {
    let lists = lists();
    for kind in Kind::ALL {
        assert!(lists.iter().any(|(_, l)| l.kind == kind), "no list of kind {kind:?}");
    }
    for (file, l) in &lists {
        assert_eq!(*file, format!("{}/{}.toml", l.kind.as_str(), l.version), "file name must be <kind>/<version>.toml");
        assert!(!l.source.reference.is_empty() && l.source.kk.len() > 3, "{file}: source missing");
    }
}

#[test]
fn kazakh_seed_texts_are_verbatim_and_reconstructions_keep_their_fragments() {
    let mut checked = 0;
    for (file, l) in lists() {
        for item in &l.items {
            match item.origin {
                Origin::Seed => {
                    for t in [Some(&item.name), item.text.as_ref(), item.group.as_ref()].into_iter().flatten() {
                        assert!(
                            SEED.contains(t.kk.as_str()),
                            "{file} item {}: kk text not verbatim in the seed: {}",
                            item.key,
                            t.kk
                        );
                        checked += 1;
                    }
                }
                Origin::Reconstructed => {
                    assert!(
                        item.note.as_ref().is_some_and(|n| !n.is_empty()),
                        "{file} {}: reconstruction unexplained",
                        item.key
                    );
                    for f in &item.fragments {
                        assert!(SEED.contains(f.as_str()), "{file} {}: fragment not in the seed: {f}", item.key);
                    }
                }
                Origin::Project => {}
            }
        }
    }
    assert!(checked > 100, "only {checked} texts checked");
}

#[test]
fn category_lists_match_the_source() {
    let c1 = list(Kind::ProfessionCat1);
    assert_eq!(c1.items.len(), 40);
    assert_eq!(
        c1.items.iter().map(|i| i.key.parse::<u32>().expect("row number")).collect::<Vec<_>>(),
        (1..=40).collect::<Vec<_>>()
    );
    let reconstructed: Vec<&str> =
        c1.items.iter().filter(|i| i.origin == Origin::Reconstructed).map(|i| i.key.as_str()).collect();
    assert_eq!(reconstructed, ["12", "16", "36"]);
    assert!(c1.item("12").and_then(|i| i.text.as_ref()).is_some_and(|t| t.kk.ends_with("талаптарға сәйкестігі")));
    assert!(c1.item("16").is_some_and(|i| !i.name.kk.ends_with("және")));
    assert!(c1.items.iter().all(|i| i.text.is_some()), "every row has its requirements");

    let c2 = list(Kind::ProfessionCat2);
    assert_eq!(c2.items.len(), 21);
    for i in &c2.items {
        let code = i.code.as_deref().expect("code");
        assert_eq!(code, i.key);
        let parts: Vec<&str> = code.split('-').collect();
        assert!(
            parts.len() == 3 && parts[0].len() == 4 && parts[1].len() == 1 && parts[2].len() == 3,
            "НКЗ code shape: {code}"
        );
        assert!(i.group.is_some(), "{code}: field of education");
    }
    assert!(c2.item("2217-4-001").is_some_and(|i| i.name.kk == "Дәрігер-нейрохирург"));
    assert_eq!(list(Kind::Category).items.len(), 3);
    assert_eq!(list(Kind::Right).items.len(), 6);
    assert_eq!(list(Kind::Channel).items.len(), 4);
    assert_eq!(list(Kind::Contact).items.len(), 6);
}

#[test]
fn regions_and_countries_are_complete() {
    let regions = list(Kind::Region);
    assert_eq!(regions.items.len(), 20, "17 regions and 3 cities of republican significance");
    assert_eq!(regions.items.iter().filter(|r| r.tags.iter().any(|t| t == "city")).count(), 3);
    for key in ["KZ-10", "KZ-33", "KZ-62", "KZ-71", "KZ-75", "KZ-79"] {
        assert!(regions.item(key).is_some(), "region {key}");
    }
    let countries = list(Kind::Country);
    assert!(countries.items.len() >= 249);
    for key in ["KZ", "CN", "MN", "UZ", "RU", "TR", "US", "DE"] {
        let c = countries.item(key).unwrap_or_else(|| panic!("country {key}"));
        assert!(c.name.is_complete());
        assert!(c.name.kk.chars().all(|ch| !ch.is_ascii_alphabetic()), "kk name in Cyrillic: {}", c.name.kk);
    }
}
