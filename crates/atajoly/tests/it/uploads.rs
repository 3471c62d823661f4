//! Uploads: a file over the limit refused while it streams with nothing kept, files sealed in an S3-compatible
//! bucket over TLS, a download whose file is not the recorded one cut off, and every upload scanned by clamd.

use axum::body::Body;
use axum::http::Request;

use crate::applications::{PDF, applicant, files_dir, multipart, page_session, send, upload, walk};
use crate::support::{on_each_backend, on_each_backend_with, test_settings};

#[tokio::test]
async fn a_file_over_the_limit_is_refused_while_it_streams_and_nothing_is_kept() {
    on_each_backend_with(
        || {
            let mut s = test_settings();
            s.max_file_bytes = 100_000;
            s
        },
        |app| async move {
            let auth = applicant(&app, "big@example.com").await;
            let id = send(&app, "POST", "/api/v1/applications", &auth, "", vec![], &[]).await.json()["id"]
                .as_i64()
                .expect("id");
            let mut big = PDF.to_vec();
            big.extend(std::iter::repeat_n(b'x', 150_000));
            let r = upload(&app, &auth, id, "passport", &[], ("big.pdf", &big)).await;
            assert_eq!(
                (r.status.as_u16(), r.json()["errors"][0]["code"].as_str()),
                (422, Some("too_large")),
                "{}",
                r.body
            );
            // Declared far over the limit: refused before reading.
            let (ct, body) = multipart(&[("item", "passport")], Some(("huge.pdf", &vec![b'x'; 300_000])));
            let r = send(&app, "POST", &format!("/api/v1/applications/{id}/documents"), &auth, &ct, body, &[]).await;
            assert_eq!(r.status, 413);
            assert_eq!(r.json()["code"], "AZ0413");
            assert!(app.state.store.documents(id).await.expect("docs").is_empty());
            assert!(walk(files_dir(&app)).is_empty(), "nothing kept");
            // Ordinary requests keep their small limit.
            let r = app.post_json("/api/v1/eligibility", &"x".repeat(70_000), &[]).await;
            assert_eq!(r.status, 413);
            assert_eq!(r.json()["code"], "AZ0413", "cut off as it streamed: still the service's problem details");
        },
    )
    .await;
}

#[tokio::test]
async fn files_go_to_an_s3_compatible_bucket_over_tls_sealed_when_configured() {
    let server = crate::servers::S3Server::start();
    let bucket = format!("files-{}", uuid::Uuid::new_v4().simple());
    server.create_bucket(&bucket);
    let cfg = server.settings(&bucket);
    on_each_backend_with(
        || {
            let mut s = test_settings();
            s.files = service::files::Location::S3(cfg.clone());
            s
        },
        |app| async move {
            use object_store::ObjectStoreExt as _;
            let auth = applicant(&app, "s3@example.com").await;
            let id = send(&app, "POST", "/api/v1/applications", &auth, "", vec![], &[]).await.json()["id"]
                .as_i64()
                .expect("id");
            // Several chunks of 64 KiB, so the file spans sealed chunks.
            let mut pdf = PDF.to_vec();
            pdf.splice(9..9, (0..300_000u32).map(|i| u8::try_from(i % 253).expect("< 253")));
            let r = upload(&app, &auth, id, "passport", &[], ("passport.pdf", &pdf)).await;
            assert_eq!(r.status, 201, "{}", r.body);
            let doc = app.state.store.documents(id).await.expect("docs").pop().expect("doc");
            // In the bucket under its generated name, and not in clear.
            let files = &app.state.files;
            let path = files.path(&doc.blob_key).expect("path");
            let raw = files.objects().get(&path).await.expect("stored in the bucket").bytes().await.expect("bytes");
            assert!(raw.len() > pdf.len(), "sealed chunks carry tags");
            assert!(!raw.windows(8).any(|w| w == b"%PDF-1.4"), "encrypted at rest");
            let dl = app
                .get_with(&format!("/api/v1/applications/{id}/documents/{}", doc.id), &[("authorization", &auth)])
                .await;
            assert_eq!(dl.status, 200);
            assert_eq!(dl.raw.len(), pdf.len());
            assert!(dl.raw == pdf, "the same bytes come back");
            // A refused file leaves no object; a removed document's object goes.
            let r = upload(&app, &auth, id, "passport", &[], ("x.pdf", b"MZ not a pdf")).await;
            assert_eq!(r.status, 422);
            let del = send(
                &app,
                "DELETE",
                &format!("/api/v1/applications/{id}/documents/{}", doc.id),
                &auth,
                "",
                vec![],
                &[],
            )
            .await;
            assert_eq!(del.status, 204);
            assert!(files.objects().head(&path).await.is_err(), "the object is deleted with its document");
        },
    )
    .await;
    assert_eq!(server.boto(&["keys", &bucket]), "[]", "nothing left in the bucket");
    assert_eq!(server.boto(&["uploads", &bucket]), "0", "no upload left unfinished");
}

#[tokio::test]
async fn a_download_whose_file_is_not_the_recorded_one_is_cut_off_and_never_whole() {
    on_each_backend(|app| async move {
        let auth = applicant(&app, "swap@example.com").await;
        let id =
            send(&app, "POST", "/api/v1/applications", &auth, "", vec![], &[]).await.json()["id"].as_i64().expect("id");
        let r = upload(&app, &auth, id, "passport", &[], ("passport.pdf", PDF)).await;
        assert_eq!(r.status, 201, "{}", r.body);
        let doc_id = r.json()["id"].as_i64().expect("id");
        let doc = app.state.store.documents(id).await.expect("docs").pop().expect("doc");
        // Other bytes sealed for the same document and key (a mixed-up write, a restored backup): they
        // decrypt, but they are not the file whose SHA-256 the document row recorded.
        let mut other = PDF.to_vec();
        other.splice(9..9, std::iter::repeat_n(b'x', 150_000));
        let file = service::files::FileRef { application_id: id, key: &doc.blob_key };
        let mut w = app.state.files.create(file).await.expect("create");
        w.write(&other).await.expect("write");
        w.finish().await.expect("finish");
        let req = Request::get(format!("/api/v1/applications/{id}/documents/{doc_id}"))
            .header("authorization", &auth)
            .body(Body::empty())
            .expect("request");
        let res = tower::ServiceExt::oneshot(app.router.clone(), req).await.expect("infallible");
        assert_eq!(res.status(), 200, "the first chunks were good");
        let body = axum::body::to_bytes(res.into_body(), usize::MAX).await;
        assert!(body.is_err(), "the body is cut off before its last chunk, never given whole");
        let err = service::applications::open_document(&app.state, id, doc_id)
            .await
            .expect("the header opens")
            .1
            .read_all()
            .await
            .expect_err("refused");
        assert!(matches!(err, service::files::StoreFileError::Digest { .. }), "{err}");
    })
    .await;
}

#[tokio::test]
async fn every_upload_is_scanned_by_clamd_and_a_scanner_that_is_down_loses_nothing() {
    let clamd = std::sync::Arc::new(std::sync::Mutex::new(crate::servers::ClamdServer::start()));
    let at = clamd.lock().expect("clamd").at();
    on_each_backend_with(
        move || service::Settings { scanner: at.clone(), ..test_settings() },
        |app| {
            let clamd = clamd.clone();
            async move {
                let auth = applicant(&app, "scan@example.com").await;
                let id = send(&app, "POST", "/api/v1/applications", &auth, "", vec![], &[]).await.json()["id"]
                    .as_i64()
                    .expect("id");
                // A clean PDF goes through the scanner and is kept.
                let r = upload(&app, &auth, id, "passport", &[], ("passport.pdf", PDF)).await;
                assert_eq!(r.status, 201, "{}", r.body);
                let kept = walk(files_dir(&app)).len();
                assert_eq!(kept, 1);
                // The EICAR test file inside a PDF: refused with its own message, nothing kept.
                let infected = [&PDF[..PDF.len() - 6], b"% ", &crate::servers::eicar()[..], b"\n%%EOF\n"].concat();
                let r = send(
                    &app,
                    "POST",
                    &format!("/api/v1/applications/{id}/documents"),
                    &auth,
                    &multipart(&[("item", "passport")], Some(("diploma.pdf", &infected))).0,
                    multipart(&[("item", "passport")], Some(("diploma.pdf", &infected))).1,
                    &[("accept-language", "en")],
                )
                .await;
                assert_eq!(
                    (
                        r.status.as_u16(),
                        r.json()["errors"][0]["field"].as_str(),
                        r.json()["errors"][0]["code"].as_str()
                    ),
                    (422, Some("file"), Some("malware")),
                    "{}",
                    r.body
                );
                assert!(r.body.contains("contains malware"), "said in words: {}", r.body);
                assert_eq!(app.state.store.documents(id).await.expect("docs").len(), 1);
                assert_eq!(walk(files_dir(&app)).len(), kept, "the infected file is not kept");
                // The scanner is down: 503, "try again later", nothing kept, nothing accepted unscanned.
                clamd.lock().expect("clamd").stop();
                let r = upload(&app, &auth, id, "passport", &[], ("diploma.pdf", PDF)).await;
                assert_eq!(
                    (r.status.as_u16(), r.json()["errors"][0]["code"].as_str()),
                    (503, Some("scanner_unavailable")),
                    "{}",
                    r.body
                );
                assert_eq!(app.state.store.documents(id).await.expect("docs").len(), 1);
                assert_eq!(walk(files_dir(&app)).len(), kept, "nothing written while the scanner is down");
                // The page says so on the form, in the applicant's language, and asks to come back.
                let (page_cookie, csrf) = page_session(&app, "scan@example.com").await;
                let (ct, body) = multipart(&[("csrf", &csrf), ("item", "passport")], Some(("diploma.pdf", PDF)));
                let req = Request::builder()
                    .method("POST")
                    .uri(format!("/applications/{id}/documents?lang=kk"))
                    .header("content-type", ct)
                    .header("cookie", &page_cookie)
                    .body(Body::from(body))
                    .expect("request");
                let r = app.request(req).await;
                assert_eq!(r.status, 503, "{}", r.body);
                assert_eq!(r.header("retry-after"), "60");
                assert!(r.body.contains("вирусқа тексеру мүмкін емес"), "{}", r.body);
                // Back up: an upload goes through (another scan: the same bytes again would be the
                // document already there, decision 0033).
                clamd.lock().expect("clamd").restart();
                let second = [&PDF[..PDF.len() - 6], b"% second scan\n%%EOF\n"].concat();
                let r = upload(&app, &auth, id, "passport", &[], ("diploma.pdf", &second)).await;
                assert_eq!(r.status, 201, "{}", r.body);
                assert_eq!(app.state.store.documents(id).await.expect("docs").len(), 2);
            }
        },
    )
    .await;
}
