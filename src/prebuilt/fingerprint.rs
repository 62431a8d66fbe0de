//! A fingerprint of the embedded FAQ's files. `build.rs` computes it for
//! the files being compiled in, the table generator for the files it read:
//! the tables are used only when the two agree. Plain `std`, so that the
//! build script can include this file as it is.

/// FNV-1a over each file's name and bytes, each preceded by its length so
/// that no two different sets of files run together into the same input.
/// `files` must come in path order.
pub fn fingerprint<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &byte in (bytes.len() as u64).to_le_bytes().iter().chain(bytes) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for (name, bytes) in files {
        feed(name.as_bytes());
        feed(bytes);
    }
    format!("{hash:016x}")
}
