//! Channels. (Buffered channels are being written; until then output is unbuffered.)

/// Flush every open output channel (at exit, and before a fatal error is printed).
pub fn flush_all() {
    use std::io::Write;
    let _ = std::io::stdout().flush();
}
