//! The sealed format and the store, on the local directory and in memory (S3 over TLS is tested
//! against a real server in the integration suite, `tests/it/s3.rs`).

use object_store::{ObjectStoreExt as _, PutPayload};
use sha2::{Digest as _, Sha256};

use super::{FileKeys, FileRef, FileStore, StoreFileError};

fn pattern(size: usize) -> Vec<u8> {
    (0..size).map(|i| u8::try_from(i % 251).expect("< 251")).collect()
}

fn sha(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn temp_dir() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("atajoly-files-{}", uuid::Uuid::new_v4().simple()))
}

async fn put(store: &FileStore, file: FileRef<'_>, data: &[u8]) {
    let mut w = store.create(file).await.expect("create");
    for c in data.chunks(10_000) {
        w.write(c).await.expect("write");
    }
    w.finish().await.expect("finish");
}

async fn raw(store: &FileStore, key: &str) -> Vec<u8> {
    let path = store.path(key).expect("path");
    store.objects().get(&path).await.expect("get").bytes().await.expect("bytes").to_vec()
}

async fn set_raw(store: &FileStore, key: &str, bytes: Vec<u8>) {
    let path = store.path(key).expect("path");
    store.objects().put(&path, PutPayload::from(bytes)).await.expect("put");
}

async fn read(store: &FileStore, file: FileRef<'_>, sha256: &str) -> Result<Vec<u8>, StoreFileError> {
    store.open(file, sha256).await?.read_all().await
}

async fn round_trip_and_tampering(store: &FileStore) {
    for size in [1usize, 65_536, 65_537, 200_000, 300_000] {
        let data = pattern(size);
        let key = FileStore::new_key().expect("key");
        let file = FileRef { application_id: 7, key: &key };
        put(store, file, &data).await;
        let sealed = raw(store, &key).await;
        // Any 16 bytes of the plaintext would show (a shorter file's bytes may occur by chance).
        if size >= 16 {
            assert!(!sealed.windows(16).any(|win| data.windows(16).next() == Some(win)), "stored in clear");
        }
        assert_eq!(sealed.len(), 15 + size + size.div_ceil(65_536) * 16, "header and a tag a chunk");
        assert_eq!(read(store, file, &sha(&data)).await.expect("read"), data, "size {size}");
        let mut bad = sealed.clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        set_raw(store, &key, bad).await;
        assert!(matches!(read(store, file, &sha(&data)).await, Err(StoreFileError::Crypto)));
        // Cut after a whole chunk: the last-chunk flag is missing.
        if size > 65_536 {
            set_raw(store, &key, sealed[..15 + 65_536 + 16].to_vec()).await;
            assert!(matches!(read(store, file, &sha(&data)).await, Err(StoreFileError::Crypto)));
        }
        store.remove(&key).await;
        assert!(matches!(store.open(file, &sha(&data)).await, Err(StoreFileError::Missing { .. })));
    }
}

#[tokio::test]
async fn files_round_trip_sealed_in_a_directory_and_in_memory_and_tampering_is_caught() {
    let dir = temp_dir();
    let local =
        FileStore::connect(&super::Location::Dir(dir.clone()), FileKeys::single(1, [7u8; 32])).await.expect("dir");
    round_trip_and_tampering(&local).await;
    // Spread over subdirectories by the key's first two digits, as before object_store.
    let key = FileStore::new_key().expect("key");
    put(&local, FileRef { application_id: 1, key: &key }, b"%PDF").await;
    assert!(dir.join(&key[..2]).join(&key).is_file());
    let _ = std::fs::remove_dir_all(dir);

    let memory = FileStore::connect(&super::Location::Memory, FileKeys::single(1, [7u8; 32])).await.expect("memory");
    round_trip_and_tampering(&memory).await;
}

#[tokio::test]
async fn a_sealed_file_moved_to_another_document_does_not_open() {
    let store = FileStore::memory(FileKeys::single(1, [3u8; 32]));
    let data = pattern(100_000);
    let (a, b) = (FileStore::new_key().expect("key"), FileStore::new_key().expect("key"));
    put(&store, FileRef { application_id: 1, key: &a }, &data).await;
    let sealed = raw(&store, &a).await;
    // Under another key of the same application, or the same key in another application: refused,
    // although the plaintext's hash is the one recorded.
    set_raw(&store, &b, sealed).await;
    assert!(matches!(
        read(&store, FileRef { application_id: 1, key: &b }, &sha(&data)).await,
        Err(StoreFileError::Crypto)
    ));
    assert!(matches!(
        read(&store, FileRef { application_id: 2, key: &a }, &sha(&data)).await,
        Err(StoreFileError::Crypto)
    ));
    assert_eq!(read(&store, FileRef { application_id: 1, key: &a }, &sha(&data)).await.expect("its own"), data);
}

#[tokio::test]
async fn a_file_sealed_under_an_old_key_opens_after_rotation_and_new_files_use_the_new_key() {
    let dir = temp_dir();
    let key_file = dir.join("files.key");
    let keys = FileKeys::load_or_create(&key_file).expect("made");
    assert_eq!(keys.ids(), [1]);
    #[cfg(unix)]
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&key_file).expect("meta").permissions()) & 0o777,
        0o600
    );
    let files = dir.join("files");
    let old = FileStore::local(&files, keys.clone()).expect("store");
    let data = pattern(70_000);
    let k1 = FileStore::new_key().expect("key");
    put(&old, FileRef { application_id: 5, key: &k1 }, &data).await;
    assert_eq!(raw(&old, &k1).await[4..8], 1u32.to_be_bytes(), "the header names key id 1");

    assert_eq!(FileKeys::rotate(&key_file).expect("rotated"), 2);
    let rotated = FileKeys::load_or_create(&key_file).expect("read");
    assert_eq!(rotated.ids(), [1, 2]);
    assert_eq!(rotated.get(1), keys.get(1), "the old key stays");
    let new = FileStore::local(&files, rotated).expect("store");
    assert_eq!(read(&new, FileRef { application_id: 5, key: &k1 }, &sha(&data)).await.expect("old file"), data);
    let k2 = FileStore::new_key().expect("key");
    put(&new, FileRef { application_id: 5, key: &k2 }, &data).await;
    assert_eq!(raw(&new, &k2).await[4..8], 2u32.to_be_bytes(), "new files use key id 2");
    // An instance that has not reloaded the key file says which key it lacks.
    assert!(matches!(
        read(&old, FileRef { application_id: 5, key: &k2 }, &sha(&data)).await,
        Err(StoreFileError::UnknownKey(2))
    ));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn key_files_parse_with_ids_and_the_old_one_line_format_is_key_id_0() {
    let hex = "11".repeat(32);
    let old = FileKeys::parse(&format!("{hex}\n")).expect("old format");
    assert_eq!((old.ids(), old.current().0), (vec![0], 0));
    let ring = FileKeys::parse(&format!("# keys\n{hex}\n3:{}\n\n", "22".repeat(32))).expect("ring");
    assert_eq!((ring.ids(), ring.current().0), (vec![0, 3], 3));
    assert!(FileKeys::parse("").is_err());
    assert!(FileKeys::parse(&format!("1:{hex}\n1:{hex}")).expect_err("twice").contains("twice"));
    let e = FileKeys::parse("x:00").expect_err("bad id");
    assert!(e.contains("line 1") && !e.contains("00"), "{e}");
    assert!(!format!("{ring:?}").contains(&hex), "keys are never printed");
}

#[tokio::test]
async fn files_of_the_format_before_key_ids_still_open_with_key_id_0() {
    use chacha20poly1305::aead::stream::EncryptorBE32;
    use chacha20poly1305::{ChaCha20Poly1305, KeyInit as _};
    // Sealed as the store did before `AZE2`: `AZE1`, the nonce prefix, chunks without associated data.
    let key = [9u8; 32];
    let prefix = [1u8, 2, 3, 4, 5, 6, 7];
    let data = pattern(65_536 + 100);
    let mut enc = EncryptorBE32::from_aead(ChaCha20Poly1305::new(&key.into()), (&prefix).into());
    let mut sealed = b"AZE1".to_vec();
    sealed.extend_from_slice(&prefix);
    let (first, rest) = data.split_at(65_536);
    sealed.extend(enc.encrypt_next(first).expect("seal"));
    sealed.extend(enc.encrypt_last(rest).expect("seal"));
    let store = FileStore::memory(FileKeys::single(0, key).with(1, [8u8; 32]));
    let k = FileStore::new_key().expect("key");
    set_raw(&store, &k, sealed).await;
    assert_eq!(read(&store, FileRef { application_id: 1, key: &k }, &sha(&data)).await.expect("opens"), data);
    // The recorded hash is what ties such a file to its document.
    assert!(matches!(
        read(&store, FileRef { application_id: 1, key: &k }, &sha(b"another")).await,
        Err(StoreFileError::Digest { .. })
    ));
}

#[tokio::test]
async fn a_file_that_is_not_the_recorded_one_is_refused_and_its_end_is_withheld() {
    let store = FileStore::memory(FileKeys::single(1, [4u8; 32]));
    let data = pattern(65_536 * 2 + 5);
    let k = FileStore::new_key().expect("key");
    let file = FileRef { application_id: 3, key: &k };
    put(&store, file, &data).await;
    let mut reader = store.open(file, &sha(b"what the document row says")).await.expect("open");
    let mut given = 0;
    let err = loop {
        match reader.next_chunk().await {
            Ok(Some(c)) => given += c.len(),
            Ok(None) => panic!("a mismatched file was read to its end"),
            Err(e) => break e,
        }
    };
    assert!(matches!(err, StoreFileError::Digest { .. }), "{err}");
    assert!(err.to_string().contains("SHA-256"), "{err}");
    assert!(given < data.len(), "the last chunk is not given out");
    // Upper-case hex in the row is the same hash.
    assert_eq!(read(&store, file, &sha(&data).to_ascii_uppercase()).await.expect("same"), data);
}

#[tokio::test]
async fn an_aborted_or_dropped_upload_leaves_no_object() {
    let dir = temp_dir();
    for store in [
        FileStore::local(&dir, FileKeys::single(1, [5u8; 32])).expect("dir"),
        FileStore::memory(FileKeys::single(1, [5u8; 32])),
    ] {
        let k = FileStore::new_key().expect("key");
        let mut w = store.create(FileRef { application_id: 1, key: &k }).await.expect("create");
        w.write(&pattern(600_000)).await.expect("write (parts sent)");
        w.abort().await.expect("abort");
        assert!(store.objects().head(&store.path(&k).expect("path")).await.is_err(), "{store:?}: aborted");
        let k = FileStore::new_key().expect("key");
        let mut w = store.create(FileRef { application_id: 1, key: &k }).await.expect("create");
        w.write(&pattern(600_000)).await.expect("write");
        drop(w);
        assert!(store.objects().head(&store.path(&k).expect("path")).await.is_err(), "{store:?}: dropped");
    }
    // No staging file is left in the directory (the background abort may take a moment).
    for _ in 0..50 {
        if walk(&dir).is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(walk(&dir), Vec::<std::path::PathBuf>::new());
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn storage_keys_are_only_what_the_store_generates() {
    let store = FileStore::memory(FileKeys::single(1, [5u8; 32]));
    for bad in ["", "a", "../etc/passwd", "AB12", "ab/cd"] {
        assert!(
            matches!(store.create(FileRef { application_id: 1, key: bad }).await, Err(StoreFileError::BadKey(_))),
            "{bad}"
        );
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            if e.path().is_dir() {
                out.extend(walk(&e.path()));
            } else {
                out.push(e.path());
            }
        }
    }
    out
}
