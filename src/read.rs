//! Reads files that may be hostile or odd: a FIFO must not hang `faq`, and
//! `/dev/zero` must not fill its memory. Used for corpus files and the
//! config file alike.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// A FIFO, socket, device or directory: only regular files are read.
    NotRegular,
    /// More than the limit, in bytes, was there to read.
    TooLarge(u64),
    Io(io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotRegular => write!(f, "not a regular file"),
            ReadError::TooLarge(limit) => {
                write!(f, "file is larger than {} MiB", limit / 1024 / 1024)
            }
            ReadError::Io(err) => write!(f, "{}", crate::error::io_message(err)),
        }
    }
}

/// Reads the regular file at `path` into `buffer` (emptied first), at most
/// `limit` bytes. The file is opened without blocking (a FIFO would wait
/// for a writer forever) and its type checked on the open file; the limit
/// counts bytes actually read, not the size the file claimed (`/dev/zero`
/// says 0, a growing file says less than it ends up with).
pub fn read_regular(path: &Path, limit: u64, buffer: &mut Vec<u8>) -> Result<(), ReadError> {
    buffer.clear();
    let file = open_without_blocking(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    buffer.reserve(meta.len().min(limit) as usize + 1);
    file.take(limit + 1)
        .read_to_end(buffer)
        .map_err(ReadError::Io)?;
    if buffer.len() as u64 > limit {
        buffer.clear();
        buffer.shrink_to_fit();
        return Err(ReadError::TooLarge(limit));
    }
    Ok(())
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

/// A path as text that loses nothing: bytes that are not UTF-8 (possible
/// in Unix file names) are written `\xNN` rather than replaced by `�`, so
/// two such files keep apart in messages and in JSON `source`.
pub fn path_name(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for byte in chunk.invalid() {
                out.push_str(&format!("\\x{byte:02x}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}

/// Text with CRLF and lone-CR line endings made LF, and a leading byte
/// order mark dropped, in place: files from any editor parse alike.
pub fn normalise_line_endings(bytes: &mut Vec<u8>) {
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3);
    }
    if !bytes.contains(&b'\r') {
        return;
    }
    let mut write = 0;
    let mut read = 0;
    while read < bytes.len() {
        let byte = bytes[read];
        read += 1;
        if byte == b'\r' {
            if bytes.get(read) == Some(&b'\n') {
                read += 1;
            }
            bytes[write] = b'\n';
        } else {
            bytes[write] = byte;
        }
        write += 1;
    }
    bytes.truncate(write);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalised(text: &[u8]) -> Vec<u8> {
        let mut bytes = text.to_vec();
        normalise_line_endings(&mut bytes);
        bytes
    }

    #[test]
    #[cfg(unix)]
    fn file_names_that_are_not_utf8_keep_every_byte() {
        use std::os::unix::ffi::OsStrExt;
        let path = Path::new(std::ffi::OsStr::from_bytes(b"/tmp/caf\xe9-\xff.md"));
        assert_eq!(path_name(path), "/tmp/caf\\xe9-\\xff.md");
        assert_eq!(path_name(Path::new("/tmp/café.md")), "/tmp/café.md");
    }

    #[test]
    fn crlf_and_lone_cr_become_lf() {
        assert_eq!(normalised(b"a\r\nb\rc\n\r\n"), b"a\nb\nc\n\n");
        assert_eq!(normalised(b"\r\r\n\r"), b"\n\n\n");
    }

    #[test]
    fn a_byte_order_mark_is_dropped() {
        assert_eq!(normalised(b"\xef\xbb\xbf# Title\r\n"), b"# Title\n");
        assert_eq!(normalised("é\u{feff}".as_bytes()), "é\u{feff}".as_bytes());
    }

    #[test]
    #[cfg(unix)]
    fn devices_are_not_read() {
        let mut buffer = Vec::new();
        for device in ["/dev/zero", "/dev/urandom", "/dev/null"] {
            let err = read_regular(Path::new(device), 1024, &mut buffer).unwrap_err();
            assert!(matches!(err, ReadError::NotRegular), "{device}: {err}");
        }
        let err = read_regular(Path::new("/"), 1024, &mut buffer).unwrap_err();
        assert!(matches!(err, ReadError::NotRegular | ReadError::Io(_)));
    }

    #[test]
    fn the_limit_counts_bytes_read() {
        let path = std::env::temp_dir().join(format!("faq-read-{}.md", std::process::id()));
        std::fs::write(&path, vec![b'x'; 2048]).unwrap();
        let mut buffer = Vec::new();
        assert!(matches!(
            read_regular(&path, 1024, &mut buffer),
            Err(ReadError::TooLarge(1024))
        ));
        read_regular(&path, 4096, &mut buffer).unwrap();
        assert_eq!(buffer.len(), 2048);
        std::fs::remove_file(&path).unwrap();
    }
}
