#![no_main]
//! The multipart framing of uploads, read by the parser the service uses (multer, under axum's
//! `Multipart`) as the handlers read it (field by field, chunk by chunk): never a panic or a hang, and
//! the fields read do not depend on how the network cut the body. The input is the size of the pieces
//! (one byte), the `Content-Type` header (to the first newline), then the body.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use bytes::Bytes;
use libfuzzer_sys::fuzz_target;

mod common;

/// Fields read: name, file name, content type, bytes; or where the body was refused.
type Fields = Result<Vec<(Option<String>, Option<String>, Option<String>, Vec<u8>)>, String>;

/// Runs a future that never waits on anything outside it (the body is all in memory).
fn run<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..1_000_000 {
        if let Poll::Ready(out) = f.as_mut().poll(&mut cx) {
            return out;
        }
    }
    panic!("the multipart reader waits on a body that is all there");
}

async fn read(boundary: &str, pieces: Vec<Vec<u8>>) -> Fields {
    let body = futures_util::stream::iter(pieces.into_iter().map(|p| Ok::<_, std::io::Error>(Bytes::from(p))));
    let mut form = multer::Multipart::new(body, boundary);
    let mut fields = Vec::new();
    while let Some(mut field) = form.next_field().await.map_err(|e| e.to_string())? {
        let name = field.name().map(str::to_owned);
        let file = field.file_name().map(str::to_owned);
        let kind = field.content_type().map(ToString::to_string);
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|e| e.to_string())? {
            bytes.extend_from_slice(&chunk);
        }
        fields.push((name, file, kind, bytes));
        if fields.len() > 64 {
            break;
        }
    }
    Ok(fields)
}

fuzz_target!(|data: &[u8]| {
    let Some((&size, rest)) = data.split_first() else { return };
    let Some(newline) = rest.iter().position(|&b| b == b'\n') else { return };
    let (header, body) = rest.split_at(newline);
    let body = body.get(1..).unwrap_or_default();
    let Ok(header) = std::str::from_utf8(header) else { return };
    let Ok(boundary) = multer::parse_boundary(header) else { return };
    let whole = run(read(&boundary, vec![body.to_vec()]));
    let cut = run(read(&boundary, common::pieces(body, size).into_iter().map(<[u8]>::to_vec).collect()));
    match (&whole, &cut) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "the fields changed with the pieces ({size} bytes)"),
        (Err(_), Err(_)) => {}
        (a, b) => panic!("the body was read whole as {a:?} but in pieces of {size} as {b:?}"),
    }
});
