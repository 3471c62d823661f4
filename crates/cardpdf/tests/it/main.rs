//! The rendered PDF as bytes: its structure, its fonts' `ToUnicode` maps, and the errors.

mod pdf;

use cardpdf::{CardFace, Field, PdfError, render};
use proptest::prelude::*;

/// The 18 letters of the Kazakh Cyrillic alphabet that Russian does not have.
const KAZAKH: &str = "ӘәҒғҚқҢңӨөҰұҮүҺһІі";
/// The Russian alphabet.
const RUSSIAN: &str = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя";
/// Punctuation the translations use.
const MARKS: &str = "«»№–—";

/// A 21 × 21 matrix with a few dark modules.
fn qr() -> Vec<bool> {
    (0..21 * 21).map(|i| i % 3 == 0).collect()
}

fn face<'a>(fields: &'a [Field<'a>], qr: &'a [bool], note: &'a str) -> CardFace<'a> {
    CardFace {
        lang: "kk",
        title: "«Ата жолы» картасы",
        issuer: "Қазақстан Республикасы",
        number: "AZ0000010427",
        fields,
        qr_width: 21,
        qr_dark: qr,
        note,
    }
}

#[test]
fn a_pdf_with_header_trailer_title_and_lang() {
    let qr = qr();
    let fields = [Field { label: "Тегі, аты", value: "НҰРЛАНҰЛЫ Ерлан Әбілқайырұлы" }];
    let bytes = render(&face(&fields, &qr, "https://example.kz/verify")).expect("renders");
    assert!(bytes.starts_with(b"%PDF-1.7\n"), "header");
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.trim_end().ends_with("%%EOF"), "trailer ends the file");
    let tail = text.get(text.rfind("trailer").expect("a trailer")..).expect("tail");
    assert!(tail.contains("/Root") && tail.contains("/Info") && tail.contains("startxref"), "{tail}");
    assert!(text.contains("/Lang (kk)"), "catalog /Lang");
    assert!(text.contains("/Count 1"), "one page");
    assert!(text.contains("/MediaBox [0 0 595.27"), "A4");
    assert!(text.contains("/Title"), "document title");
    assert!(text.contains("/CIDFontType2") && text.contains("/Identity-H") && text.contains("/FontFile2"));
}

#[test]
fn every_letter_is_in_the_to_unicode_maps() {
    let qr = qr();
    let all = format!("{KAZAKH}{RUSSIAN}{MARKS}");
    let fields = [Field { label: &all, value: &all }];
    let bytes = render(&face(&fields, &qr, &all)).expect("renders");
    let maps = pdf::to_unicode_maps(&bytes);
    assert_eq!(maps.len(), 2, "one map for each face (regular, bold)");
    for map in &maps {
        for ch in all.chars() {
            let code = format!("<{:04X}>", u32::from(ch));
            assert!(map.contains(&code), "{ch} ({code}) is missing from a ToUnicode map");
        }
    }
}

#[test]
fn fonts_are_subset_tagged_and_small() {
    let qr = qr();
    let fields = [Field { label: "Азаматтығы", value: "Моңғолия" }];
    let bytes = render(&face(&fields, &qr, "")).expect("renders");
    let text = String::from_utf8_lossy(&bytes);
    let tags = pdf::base_fonts(&text);
    assert!(!tags.is_empty());
    for name in tags {
        let (tag, _) = name.split_once('+').expect("a subset tag");
        assert!(tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()), "{name}");
    }
    assert!(bytes.len() < 60_000, "{} bytes", bytes.len());
}

#[test]
fn the_same_face_gives_the_same_bytes() {
    let qr = qr();
    let fields = [Field { label: "Туған күні", value: "21.03.1990" }];
    assert_eq!(render(&face(&fields, &qr, "a")), render(&face(&fields, &qr, "a")));
}

#[test]
fn a_wrong_qr_size_is_refused() {
    let qr = qr();
    let short = qr.get(1..).expect("shorter");
    let mut card = face(&[], short, "");
    assert_eq!(render(&card), Err(PdfError::QrSize { width: 21, len: 440 }));
    card.qr_dark = &qr;
    card.qr_width = 20;
    assert!(matches!(render(&card), Err(PdfError::QrSize { .. })));
    card.qr_width = 0;
    card.qr_dark = &[];
    assert!(matches!(render(&card), Err(PdfError::QrSize { .. })));
}

#[test]
fn characters_without_a_glyph_are_named() {
    // First make sure DejaVu Sans really has no glyph for them.
    for font in
        [&include_bytes!("../../fonts/DejaVuSans.ttf")[..], &include_bytes!("../../fonts/DejaVuSans-Bold.ttf")[..]]
    {
        let parsed = ttf_parser::Face::parse(font, 0).expect("font");
        for ch in ['漢', '🚀', '\u{7}'] {
            assert!(parsed.glyph_index(ch).is_none_or(|g| g.0 == 0), "{ch:?} has a glyph");
        }
    }
    let qr = qr();
    for (ch, where_) in [('漢', "value"), ('🚀', "note"), ('\u{7}', "value")] {
        let value = format!("Ерлан {ch}");
        let fields = [Field { label: "Аты", value: &value }];
        let note = if where_ == "note" { value.clone() } else { String::new() };
        let fields: &[Field<'_>] = if where_ == "note" { &[] } else { &fields };
        let err = render(&face(fields, &qr, &note)).expect_err("refused");
        assert!(matches!(err, PdfError::MissingGlyph { ch: c, .. } if c == ch), "{err:?}");
        assert!(err.to_string().contains(&format!("U+{:04X}", u32::from(ch))), "{err}");
    }
}

#[test]
fn absurdly_long_texts_are_cut_not_overflowed() {
    let qr = qr();
    let long = "Әбілқайырұлы ".repeat(200);
    let fields: Vec<Field<'_>> = (0..20).map(|_| Field { label: &long, value: &long }).collect();
    let mut card = face(&fields, &qr, &long);
    card.title = &long;
    card.issuer = &long;
    card.number = &long;
    let bytes = render(&card).expect("renders");
    assert!(bytes.len() < 100_000, "{} bytes", bytes.len());
}

/// Letters a name may have: Kazakh and Russian Cyrillic, Latin, digits and name punctuation.
fn name_chars() -> Vec<char> {
    let mut chars: Vec<char> = format!("{KAZAKH}{RUSSIAN}{MARKS}").chars().collect();
    chars.extend(('A'..='Z').chain('a'..='z').chain('0'..='9'));
    chars.extend([' ', ' ', ' ', '-', '\'', '.', ',', '(', ')']);
    chars
}

fn name(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(name_chars()), 0..max).prop_map(|c| c.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_names_render(latin in name(90), cyrillic in name(90), citizenship in name(40), note in name(400)) {
        let qr = qr();
        let fields = [
            Field { label: "Тегі, аты (латынша)", value: &latin },
            Field { label: "Тегі, аты", value: &cyrillic },
            Field { label: "Туған күні", value: "21.03.1990" },
            Field { label: &citizenship, value: &citizenship },
            Field { label: "Берілген күні", value: "01.06.2026" },
            Field { label: "Жарамдылық мерзімі", value: "31.05.2036" },
        ];
        let bytes = render(&face(&fields, &qr, &note));
        prop_assert!(bytes.is_ok(), "{:?}", bytes.err());
    }
}
