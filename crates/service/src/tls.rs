//! TLS for the connections the service opens (the S3 bucket, the SMTP relay): rustls on the ring
//! provider (never aws-lc: decision 0015), the system's roots, and certificates to trust besides them
//! from a PEM file an operator names (`ATAJOLY_S3_CA_FILE`, `ATAJOLY_SMTP_CA_FILE`).

use std::path::Path;

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject as _;

/// Makes ring the process's rustls provider: reqwest and lettre are built without one of their own
/// choosing, and take the process's. Harmless when it is already installed.
pub fn use_ring() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// The certificates of the PEM file at `path` (a private CA, a self-signed server): what to trust besides
/// the system's roots. A file that cannot be read, does not parse or holds no certificate is an error
/// naming it, so that a wrong setting shows at start.
pub fn extra_roots(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let what = || format!("the certificate file {}", path.display());
    let pem = std::fs::read(path).map_err(|e| format!("{}: {e}", what()))?;
    let certs =
        CertificateDer::pem_slice_iter(&pem).collect::<Result<Vec<_>, _>>().map_err(|e| format!("{}: {e}", what()))?;
    if certs.is_empty() {
        return Err(format!("{} has no certificate", what()));
    }
    Ok(certs)
}

#[cfg(test)]
mod tests {
    use super::extra_roots;

    #[test]
    fn a_file_without_a_certificate_is_refused_with_its_name() {
        let dir = std::env::temp_dir().join(format!("atajoly-tls-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("dir");
        let empty = dir.join("empty.pem");
        std::fs::write(&empty, "not a certificate\n").expect("write");
        let e = extra_roots(&empty).expect_err("no certificate");
        assert!(e.contains("empty.pem") && e.contains("no certificate"), "{e}");
        let missing = dir.join("missing.pem");
        let e = extra_roots(&missing).expect_err("missing");
        assert!(e.contains("missing.pem"), "{e}");
        let bad = dir.join("bad.pem");
        std::fs::write(&bad, "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n").expect("write");
        assert!(extra_roots(&bad).is_err(), "a broken PEM block");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
