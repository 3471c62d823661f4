//! Embeds every reference data file of `data/reference/` and every calendar file of `data/calendar/`
//! in the binary, so `migrate` works anywhere.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/reference");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    let mut kinds: Vec<_> = std::fs::read_dir(&root).map(|d| d.filter_map(Result::ok).collect()).unwrap_or_default();
    kinds.sort_by_key(std::fs::DirEntry::path);
    for kind in kinds {
        println!("cargo:rerun-if-changed={}", kind.path().display());
        let mut entries: Vec<_> =
            std::fs::read_dir(kind.path()).map(|d| d.filter_map(Result::ok).collect()).unwrap_or_default();
        entries.sort_by_key(std::fs::DirEntry::path);
        for f in entries {
            let p = f.path();
            if p.extension().is_some_and(|e| e == "toml") {
                println!("cargo:rerun-if-changed={}", p.display());
                let rel = p.strip_prefix(&root).map(|r| r.display().to_string()).unwrap_or_default();
                let abs = p.canonicalize().unwrap_or(p.clone());
                files.push((rel, abs.display().to_string()));
            }
        }
    }
    let mut out = String::from(
        "/// Every reference data file: path under `data/reference/` and content.\npub const REFERENCE_FILES: &[(&str, &str)] = &[\n",
    );
    for (rel, abs) in &files {
        let _ = writeln!(out, "    ({rel:?}, include_str!({abs:?})),");
    }
    out.push_str("];\n");
    write_out("reference_files.rs", &out);
    calendar_files();
}

/// Writes `CALENDAR_FILES`: every `data/calendar/*.toml`, by file name.
fn calendar_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/calendar");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut entries: Vec<_> = std::fs::read_dir(&root).map(|d| d.filter_map(Result::ok).collect()).unwrap_or_default();
    entries.sort_by_key(std::fs::DirEntry::path);
    let mut out = String::from(
        "/// Every calendar data file: file name under `data/calendar/` and content.\npub const CALENDAR_FILES: &[(&str, &str)] = &[\n",
    );
    for f in entries {
        let p = f.path();
        if p.extension().is_some_and(|e| e == "toml") {
            println!("cargo:rerun-if-changed={}", p.display());
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let abs = p.canonicalize().unwrap_or(p.clone());
            let _ = writeln!(out, "    ({name:?}, include_str!({:?})),", abs.display().to_string());
        }
    }
    out.push_str("];\n");
    write_out("calendar_files.rs", &out);
}

fn write_out(name: &str, content: &str) {
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join(name);
    if let Err(e) = std::fs::write(&dest, content) {
        println!("cargo:warning=cannot write {}: {e}", dest.display());
    }
}
