//! The file keys: a ring of 32-byte keys, each with a number (its key id) that a sealed file's header
//! names. New files are sealed under the highest id; every older key stays to open the files sealed
//! under it.
//!
//! The key file (`files_key_file`, mode 0600) has one key a line, `ID:HEX` (64 hex digits). A bare
//! `HEX` line is key id 0: the format of key files made before key ids, whose files (format `AZE1`)
//! are opened with it. Empty lines and lines starting with `#` are ignored.

use std::collections::BTreeMap;
use std::path::Path;

/// The key ring; never printed (its `Debug` shows the ids only).
#[derive(Clone, PartialEq, Eq)]
pub struct FileKeys {
    keys: BTreeMap<u32, [u8; 32]>,
}

impl std::fmt::Debug for FileKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileKeys").field("ids", &self.keys.keys().collect::<Vec<_>>()).finish()
    }
}

impl FileKeys {
    /// A ring of one key with the id `id`.
    pub fn single(id: u32, key: [u8; 32]) -> FileKeys {
        FileKeys { keys: BTreeMap::from([(id, key)]) }
    }

    /// The ring with `key` added as `id` (replacing a key of that id); the highest id is current.
    #[must_use]
    pub fn with(mut self, id: u32, key: [u8; 32]) -> FileKeys {
        self.keys.insert(id, key);
        self
    }

    /// The id and key that new files are sealed under: the highest id.
    pub fn current(&self) -> (u32, &[u8; 32]) {
        // A ring is never empty: every constructor adds a key.
        self.keys.iter().next_back().map_or((0, &[0u8; 32]), |(id, k)| (*id, k))
    }

    /// The key of `id`, if the ring has it.
    pub fn get(&self, id: u32) -> Option<&[u8; 32]> {
        self.keys.get(&id)
    }

    /// The ids, oldest first.
    pub fn ids(&self) -> Vec<u32> {
        self.keys.keys().copied().collect()
    }

    /// Parses a key file's text; an error names the line (never its key).
    pub fn parse(text: &str) -> Result<FileKeys, String> {
        let mut keys = BTreeMap::new();
        for (n, line) in text.lines().enumerate().map(|(n, l)| (n + 1, l.trim())) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (id, hex_key) = match line.split_once(':') {
                Some((id, k)) => {
                    (id.trim().parse::<u32>().map_err(|_| format!("line {n}: the key id must be a number"))?, k)
                }
                None => (0, line),
            };
            let bytes = hex::decode(hex_key.trim()).map_err(|_| format!("line {n}: the key must be 64 hex digits"))?;
            let key = <[u8; 32]>::try_from(bytes.as_slice())
                .map_err(|_| format!("line {n}: the key must be 32 bytes (64 hex digits)"))?;
            if keys.insert(id, key).is_some() {
                return Err(format!("line {n}: key id {id} appears twice"));
            }
        }
        if keys.is_empty() {
            return Err("no key in the file".into());
        }
        Ok(FileKeys { keys })
    }

    /// The key file's text.
    fn to_text(&self) -> String {
        use std::fmt::Write as _;
        self.keys.iter().fold(String::new(), |mut text, (id, k)| {
            let _ = writeln!(text, "{id}:{}", hex::encode(k));
            text
        })
    }

    /// Reads the key file at `path`, creating it (owner-only) with one random key, id 1, on first start.
    pub fn load_or_create(path: &Path) -> std::io::Result<FileKeys> {
        match std::fs::read_to_string(path) {
            Ok(text) => FileKeys::parse(&text).map_err(|e| std::io::Error::other(format!("{}: {e}", path.display()))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let keys = FileKeys::single(1, random_key()?);
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir)?;
                }
                write_owner_only(path, &keys.to_text(), true)?;
                Ok(keys)
            }
            Err(e) => Err(std::io::Error::other(format!("{}: {e}", path.display()))),
        }
    }

    /// Adds a new random key to the key file at `path`, with the next id, and returns that id. New
    /// files are sealed under it once each instance has restarted (an instance reads the file at start).
    pub fn rotate(path: &Path) -> std::io::Result<u32> {
        let text =
            std::fs::read_to_string(path).map_err(|e| std::io::Error::other(format!("{}: {e}", path.display())))?;
        let keys = FileKeys::parse(&text).map_err(|e| std::io::Error::other(format!("{}: {e}", path.display())))?;
        let id = keys
            .current()
            .0
            .checked_add(1)
            .ok_or_else(|| std::io::Error::other(format!("{}: no key id is left", path.display())))?;
        let keys = keys.with(id, random_key()?);
        let tmp = path.with_extension("rotating");
        write_owner_only(&tmp, &keys.to_text(), false)?;
        std::fs::rename(&tmp, path)?;
        Ok(id)
    }
}

fn random_key() -> std::io::Result<[u8; 32]> {
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(std::io::Error::other)?;
    Ok(key)
}

/// Writes `text` to `path` readable by its owner only; `new`: fail if the file exists.
pub(crate) fn write_owner_only(path: &Path, text: &str, new: bool) -> std::io::Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true);
    if new {
        opts.create_new(true);
    } else {
        opts.create(true).truncate(true);
    }
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut file = opts.open(path)?;
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    file.sync_all()
}
