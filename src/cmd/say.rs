//! The binary's one way to print: stdout and stderr written without ever panicking (a
//! pipe closed early, `| head`, is not an error; the exit code stays the documented one).
//! `println!` and friends are refused by clippy (`clippy.toml`), so nothing else prints.

use std::io::Write;

/// Where a text goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    /// Results.
    Out,
    /// Problems, notes and help.
    Err,
}

/// Writes `bytes` to `stream` and flushes. A closed pipe is success (nobody reads any
/// more); any other failure (a full disk) is returned.
pub fn write(stream: Stream, bytes: &[u8]) -> std::io::Result<()> {
    let done = match stream {
        Stream::Out => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes).and_then(|_| out.flush())
        }
        Stream::Err => {
            let mut err = std::io::stderr().lock();
            err.write_all(bytes).and_then(|_| err.flush())
        }
    };
    match done {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// One line on stderr; a failure to write it is ignored (there is nowhere left to say it).
pub fn line(text: &str) {
    let mut bytes = Vec::with_capacity(text.len() + 1);
    bytes.extend_from_slice(text.as_bytes());
    bytes.push(b'\n');
    let _ = write(Stream::Err, &bytes);
}

/// Whether `stream` is a terminal (colours, a progress bar).
pub fn is_terminal(stream: Stream) -> bool {
    use std::io::IsTerminal;
    match stream {
        Stream::Out => std::io::stdout().is_terminal(),
        Stream::Err => std::io::stderr().is_terminal(),
    }
}
