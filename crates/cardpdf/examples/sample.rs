//! Writes a sample card PDF and a JSON sidecar with what an independent check should find in it
//! (scripts/cardpdf-check.sh runs tests/cardpdf/check.py on both).
//!
//! Usage: `cargo run -p cardpdf --example sample -- OUT.pdf [OUT.json]`

use std::process::ExitCode;

use cardpdf::{CardFace, Field};
use qrcode::{Color, EcLevel, QrCode};

/// QR's alphanumeric set, which is also the Base45 alphabet.
const ALPHANUMERIC: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/// A credential-length QR text: "AZ1:" and 416 Base45 characters from a fixed pseudo-random
/// sequence (a real credential is about that long; its content does not matter here).
fn qr_text() -> String {
    let mut state: u32 = 0x2545_f491;
    let body: String = (0..416)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let index = usize::try_from(state % 45).unwrap_or(0);
            char::from(ALPHANUMERIC.get(index).copied().unwrap_or(b'0'))
        })
        .collect();
    format!("AZ1:{body}")
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(pdf_path) = args.next() else {
        eprintln!("usage: sample OUT.pdf [OUT.json]");
        return ExitCode::FAILURE;
    };
    let json_path = args.next().unwrap_or_else(|| format!("{pdf_path}.json"));
    match run(&pdf_path, &json_path) {
        Ok(size) => {
            println!("wrote {pdf_path} ({size} bytes) and {json_path}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("sample: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(pdf_path: &str, json_path: &str) -> Result<usize, Box<dyn std::error::Error>> {
    let text = qr_text();
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::Q)?;
    let dark: Vec<bool> = code.to_colors().into_iter().map(|c| c == Color::Dark).collect();

    let latin = "NURLANULY Yerlan Abilkaiyruly";
    let cyrillic = "НҰРЛАНҰЛЫ Ерлан Әбілқайырұлы";
    let number = "AZ0000010427";
    let fields = [
        Field { label: "Тегі, аты (латынша)", value: latin },
        Field { label: "Тегі, аты", value: cyrillic },
        Field { label: "Туған күні", value: "21.03.1990" },
        Field { label: "Азаматтығы", value: "Моңғолия" },
        Field { label: "Берілген күні", value: "01.06.2026" },
        Field { label: "Жарамдылық мерзімі", value: "31.05.2036" },
    ];
    let letters = "Ә ә Ғ ғ Қ қ Ң ң Ө ө Ұ ұ Ү ү Һ һ І і";
    let note = format!(
        "Картаның түпнұсқалығын тексеру үшін QR кодты «Ата жолы» қосымшасымен сканерлеңіз немесе \
         https://atajoly.example.kz/verify/{number} бетін ашыңыз. Картаны сызық бойымен қиып алып, \
         ортасынан бүктеп, желімдеңіз — ол құжат емес, тек көшірме.\n\
         Қазақ әріптері: {letters} № 1 – 2."
    );
    let face = CardFace {
        lang: "kk",
        title: "«Ата жолы» картасы",
        issuer: "Қазақстан Республикасы",
        number,
        fields: &fields,
        qr_width: code.width(),
        qr_dark: &dark,
        note: &note,
    };
    let pdf = cardpdf::render(&face)?;
    std::fs::write(pdf_path, &pdf)?;
    let expected = serde_json::json!({
        "qr_text": text,
        "title": face.title,
        "lang": face.lang,
        "number": number,
        "names": [latin, cyrillic],
        "letters": letters.split(' ').collect::<Vec<_>>(),
        "size": pdf.len(),
    });
    std::fs::write(json_path, serde_json::to_string_pretty(&expected)?)?;
    Ok(pdf.len())
}
