//! Malware scanning with `ClamAV`'s daemon, clamd, through its `INSTREAM` command: the file goes to the
//! scanner a chunk at a time as it arrives (4-byte big-endian length, then the bytes; a zero length
//! ends it), side by side with sealing, and the verdict comes before the upload is accepted. A scanner
//! that cannot be reached, or that fails mid-file, refuses the upload as "try again later": nothing is
//! kept, and nothing is accepted unscanned.
//!
//! The protocol is clamd's own (`man clamd`, "INSTREAM"): commands prefixed with `z` end with a NUL,
//! and so do the answers (`stream: OK`, `stream: <signature> FOUND`, `... ERROR`).

use std::path::PathBuf;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt as _, AsyncWrite, AsyncWriteExt as _};

/// Where clamd listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScannerAt {
    /// No scanner: uploads are not scanned (development; the service warns at start).
    None,
    /// `tcp://host:port`.
    Tcp(String),
    /// `unix:///path/to/clamd.ctl`.
    Unix(PathBuf),
}

impl ScannerAt {
    /// Parses `tcp://host:port`, `unix:///path`, or an empty text (no scanner).
    pub fn parse(text: &str) -> Result<ScannerAt, String> {
        let text = text.trim();
        if text.is_empty() || text == "off" {
            return Ok(ScannerAt::None);
        }
        if let Some(addr) = text.strip_prefix("tcp://") {
            let addr = addr.trim_end_matches('/');
            if addr.rsplit_once(':').is_none_or(|(h, p)| h.is_empty() || p.parse::<u16>().is_err()) {
                return Err(format!("{text:?}: a clamd TCP address is tcp://host:port"));
            }
            return Ok(ScannerAt::Tcp(addr.to_owned()));
        }
        if let Some(path) = text.strip_prefix("unix://")
            && path.starts_with('/')
        {
            return Ok(ScannerAt::Unix(PathBuf::from(path)));
        }
        Err(format!("{text:?}: clamd's address is tcp://host:port or unix:///path (or empty: no scanning)"))
    }
}

impl std::fmt::Display for ScannerAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScannerAt::None => f.write_str("no scanner"),
            ScannerAt::Tcp(a) => write!(f, "clamd at tcp://{a}"),
            ScannerAt::Unix(p) => write!(f, "clamd at unix://{}", p.display()),
        }
    }
}

/// What the scanner said of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing found.
    Clean,
    /// Malware: the signature's name.
    Infected(String),
}

/// Why a file could not be scanned (the upload is refused: try again later).
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    /// No connection, a timeout, or the connection dropped.
    #[error("malware scanner ({at}): {source}")]
    Io {
        /// Which scanner.
        at: String,
        /// What failed.
        source: std::io::Error,
    },
    /// clamd answered with an error (e.g. the file is over its `StreamMaxLength`).
    #[error("malware scanner ({at}) answered {answer:?}")]
    Refused {
        /// Which scanner.
        at: String,
        /// Its answer.
        answer: String,
    },
}

trait Conn: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Conn for T {}

/// How long connecting, each write and the verdict may take before the scan counts as failed.
const TIMEOUT: Duration = Duration::from_secs(30);
/// clamd refuses chunks over its `StreamMaxLength`; uploads arrive in smaller pieces anyway.
const MAX_CHUNK: usize = 64 * 1024;

/// A scan in progress: bytes go in with [`Scan::write`], the verdict comes from [`Scan::finish`].
pub struct Scan {
    conn: Box<dyn Conn>,
    at: String,
}

impl std::fmt::Debug for Scan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scan").field("at", &self.at).finish_non_exhaustive()
    }
}

async fn timed<T>(at: &str, fut: impl Future<Output = std::io::Result<T>>) -> Result<T, ScanError> {
    match tokio::time::timeout(TIMEOUT, fut).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(source)) => Err(ScanError::Io { at: at.to_owned(), source }),
        Err(_) => Err(ScanError::Io {
            at: at.to_owned(),
            source: std::io::Error::new(std::io::ErrorKind::TimedOut, "no answer in 30 s"),
        }),
    }
}

async fn connect(at: &ScannerAt) -> Result<Option<(Box<dyn Conn>, String)>, ScanError> {
    let label = at.to_string();
    let conn: Box<dyn Conn> = match at {
        ScannerAt::None => return Ok(None),
        ScannerAt::Tcp(addr) => Box::new(timed(&label, tokio::net::TcpStream::connect(addr.as_str())).await?),
        #[cfg(unix)]
        ScannerAt::Unix(path) => Box::new(timed(&label, tokio::net::UnixStream::connect(path)).await?),
        #[cfg(not(unix))]
        ScannerAt::Unix(_) => {
            return Err(ScanError::Io {
                at: label,
                source: std::io::Error::new(std::io::ErrorKind::Unsupported, "no Unix sockets here"),
            });
        }
    };
    Ok(Some((conn, label)))
}

/// Reads clamd's NUL-terminated answer (at most 4 KiB).
async fn answer(conn: &mut Box<dyn Conn>, at: &str) -> Result<String, ScanError> {
    let mut buf = Vec::new();
    let read = async {
        let mut byte = [0u8; 256];
        loop {
            let n = conn.read(&mut byte).await?;
            if n == 0 {
                break;
            }
            buf.extend_from_slice(byte.get(..n).unwrap_or_default());
            if buf.contains(&0) || buf.len() > 4096 {
                break;
            }
        }
        Ok::<_, std::io::Error>(())
    };
    timed(at, read).await?;
    let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
    Ok(String::from_utf8_lossy(buf.get(..end).unwrap_or_default()).trim().to_owned())
}

impl Scan {
    /// Starts scanning a file; `None` when no scanner is configured.
    pub async fn start(at: &ScannerAt) -> Result<Option<Scan>, ScanError> {
        let Some((mut conn, at)) = connect(at).await? else {
            return Ok(None);
        };
        timed(&at, conn.write_all(b"zINSTREAM\0")).await?;
        Ok(Some(Scan { conn, at }))
    }

    /// Sends the next bytes of the file.
    pub async fn write(&mut self, data: &[u8]) -> Result<(), ScanError> {
        for piece in data.chunks(MAX_CHUNK) {
            let len = u32::try_from(piece.len()).unwrap_or(u32::MAX).to_be_bytes();
            let at = self.at.clone();
            let conn = &mut self.conn;
            timed(&at, async {
                conn.write_all(&len).await?;
                conn.write_all(piece).await
            })
            .await?;
        }
        Ok(())
    }

    /// Ends the file and reads the verdict.
    pub async fn finish(mut self) -> Result<Verdict, ScanError> {
        timed(&self.at, self.conn.write_all(&[0, 0, 0, 0])).await?;
        let text = answer(&mut self.conn, &self.at).await?;
        parse_answer(&text).ok_or(ScanError::Refused { at: self.at, answer: text })
    }
}

/// `stream: OK` is clean, `stream: <name> FOUND` is malware; anything else (an `ERROR`) is no verdict.
fn parse_answer(text: &str) -> Option<Verdict> {
    let rest = text.strip_prefix("stream:").map(str::trim)?;
    if rest == "OK" {
        return Some(Verdict::Clean);
    }
    rest.strip_suffix(" FOUND").map(|name| Verdict::Infected(name.trim().to_owned()))
}

/// Asks clamd whether it is up (`PING` → `PONG`), for readiness checks and the start-up log.
pub async fn ping(at: &ScannerAt) -> Result<bool, ScanError> {
    let Some((mut conn, label)) = connect(at).await? else {
        return Ok(false);
    };
    timed(&label, conn.write_all(b"zPING\0")).await?;
    Ok(answer(&mut conn, &label).await? == "PONG")
}

#[cfg(test)]
mod tests {
    use super::{ScannerAt, Verdict, parse_answer};

    #[test]
    fn addresses_and_answers() {
        assert_eq!(ScannerAt::parse(""), Ok(ScannerAt::None));
        assert_eq!(ScannerAt::parse("tcp://127.0.0.1:3310"), Ok(ScannerAt::Tcp("127.0.0.1:3310".into())));
        assert_eq!(
            ScannerAt::parse("unix:///run/clamav/clamd.ctl"),
            Ok(ScannerAt::Unix("/run/clamav/clamd.ctl".into()))
        );
        for bad in ["127.0.0.1:3310", "tcp://host", "tcp://:1", "tcp://h:99999", "unix://relative", "http://x:1"] {
            assert!(ScannerAt::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_answer("stream: OK"), Some(Verdict::Clean));
        assert_eq!(
            parse_answer("stream: Eicar-Test-Signature FOUND"),
            Some(Verdict::Infected("Eicar-Test-Signature".into()))
        );
        assert_eq!(parse_answer("INSTREAM size limit exceeded. ERROR"), None);
        assert_eq!(parse_answer(""), None);
    }
}
