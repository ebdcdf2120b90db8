//! The interactive toplevel driven through a real pseudo-terminal, as a user at a keyboard
//! drives it: typing, completion with Tab, history with the arrow keys, in-line editing,
//! multi-line input, bracketed paste, errors that keep the session, and the history file that
//! outlives the session. Answers are read from the terminal with the line editor's escape
//! sequences removed.

use std::ffi::CStr;
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long to wait for an answer (debug builds on a loaded machine are slow).
const PATIENCE: Duration = Duration::from_secs(30);

struct Terminal {
    master: File,
    child: Child,
    /// Everything read so far, escape sequences removed.
    screen: String,
    /// How much of `screen` earlier expectations consumed.
    seen: usize,
}

/// A new pseudo-terminal pair: (master, slave).
fn open_pty() -> (OwnedFd, OwnedFd) {
    unsafe {
        let master = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY);
        assert!(master >= 0, "posix_openpt failed");
        assert_eq!(libc::grantpt(master), 0, "grantpt failed");
        assert_eq!(libc::unlockpt(master), 0, "unlockpt failed");
        let name = CStr::from_ptr(libc::ptsname(master)).to_owned();
        let slave = libc::open(name.as_ptr(), libc::O_RDWR | libc::O_NOCTTY);
        assert!(slave >= 0, "cannot open the slave side {:?}", name);
        let size = libc::winsize { ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0 };
        libc::ioctl(master, libc::TIOCSWINSZ, &size);
        (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave))
    }
}

/// Drops terminal control sequences (CSI `ESC [ ... final`, and two-byte `ESC x`), bells and
/// carriage returns, leaving the text a user reads.
fn strip_controls(raw: &str) -> String {
    let mut out = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => {
                if chars.peek() == Some(&'[') {
                    chars.next();
                    while let Some(c) = chars.next() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                } else {
                    chars.next();
                }
            }
            '\r' | '\x07' => {}
            c => out.push(c),
        }
    }
    out
}

impl Terminal {
    fn start(home: &std::path::Path) -> Terminal {
        let (master, slave) = open_pty();
        let stdin = File::from(slave.try_clone().expect("dup"));
        let stdout = File::from(slave.try_clone().expect("dup"));
        let stderr = File::from(slave);
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_ocaml-jit"));
        cmd.arg("-noinit")
            .env("HOME", home)
            .env("TERM", "xterm")
            .env_remove("XDG_CONFIG_HOME")
            .stdin(Stdio::from(stdin))
            .stdout(Stdio::from(stdout))
            .stderr(Stdio::from(stderr));
        unsafe {
            // A session of its own with the pseudo-terminal as controlling terminal, as a
            // terminal emulator starts a shell.
            cmd.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("start ocaml-jit");
        let master = File::from(master);
        unsafe {
            let fd = master.as_raw_fd();
            libc::fcntl(fd, libc::F_SETFL, libc::fcntl(fd, libc::F_GETFL) | libc::O_NONBLOCK);
        }
        Terminal { master, child, screen: String::new(), seen: 0 }
    }

    /// Reads what the program wrote, for at most `wait`.
    fn pump(&mut self, wait: Duration) -> bool {
        let mut fds = libc::pollfd { fd: self.master.as_raw_fd(), events: libc::POLLIN, revents: 0 };
        let ready = unsafe { libc::poll(&mut fds, 1, wait.as_millis() as i32) };
        if ready <= 0 {
            return true;
        }
        let mut buf = [0u8; 4096];
        match self.master.read(&mut buf) {
            Ok(0) => false,
            Ok(n) => {
                self.screen.push_str(&strip_controls(&String::from_utf8_lossy(&buf[..n])));
                true
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => true,
            // EIO: the program closed the terminal.
            Err(_) => false,
        }
    }

    /// Waits until `text` appears after what earlier expectations consumed.
    fn expect(&mut self, text: &str) {
        let start = Instant::now();
        loop {
            if let Some(i) = self.screen[self.seen..].find(text) {
                self.seen += i + text.len();
                return;
            }
            if start.elapsed() > PATIENCE || !self.pump(Duration::from_millis(50)) {
                panic!("waited for {:?}; the terminal shows after the last answer:\n{}", text, &self.screen[self.seen..]);
            }
        }
    }

    /// Waits for an answer, then for the next prompt: the editor prints it once it is back in
    /// raw mode, and keys typed before that could be dropped when it switches.
    fn answer(&mut self, text: &str) {
        self.expect(text);
        self.expect("# ");
    }

    /// Types keys (escape sequences included) the way a user would, a little at a time.
    fn keys(&mut self, keys: &str) {
        self.master.write_all(keys.as_bytes()).expect("write to the terminal");
        self.master.flush().expect("flush");
        // Let the editor redraw, so that a key sequence is not split by our next write.
        self.pump(Duration::from_millis(100));
    }

    fn wait_exit(mut self) -> std::process::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(start.elapsed() < PATIENCE, "the toplevel did not exit; screen:\n{}", self.screen);
            self.pump(Duration::from_millis(50));
        }
    }
}

const UP: &str = "\x1b[A";
const LEFT: &str = "\x1b[D";

#[test]
fn editing_completion_and_history_in_a_real_terminal() {
    let home = std::env::temp_dir().join(format!("ocaml-jit-terminal-{}", std::process::id()));
    std::fs::create_dir_all(&home).expect("temp home");

    let mut t = Terminal::start(&home);
    t.expect("# ");
    t.keys("let abc_value = 20 + 1;;\r");
    t.answer("val abc_value : int = 21");

    // Tab completes a name of the session, then a value inside a Stdlib module.
    t.keys("abc_v");
    t.keys("\t");
    t.keys(" * 2;;\r");
    t.answer("- : int = 42");
    t.keys("List.le");
    t.keys("\t");
    t.keys(" [1; 2; 3];;\r");
    t.answer("- : int = 3");

    // History: the previous line comes back with Up, and is edited before `;;`.
    t.keys(UP);
    t.keys(LEFT);
    t.keys(LEFT);
    t.keys(" + 10\r");
    t.answer("- : int = 13");

    // A phrase over several lines runs when `;;` ends it.
    t.keys("let y =\r");
    t.keys("  5;;\r");
    t.answer("val y : int = 5");

    // Pasted text holding two phrases runs both.
    t.keys("\x1b[200~let p1 = 1;;\nlet p2 = p1 + 1;;\x1b[201~");
    t.keys("\r");
    t.expect("val p1 : int = 1");
    t.answer("val p2 : int = 2");

    // An error keeps the session and its definitions.
    t.keys("undefined_name;;\r");
    t.answer("Error: Unbound value undefined_name");
    t.keys("y + abc_value;;\r");
    t.answer("- : int = 26");

    t.keys("#quit;;\r");
    let status = t.wait_exit();
    assert!(status.success(), "exit status {:?}", status);
    let history = std::fs::read_to_string(home.join(".ocaml-jit_history")).expect("history file written");
    assert!(history.contains("List.length [1; 2; 3] + 10;;"), "history file:\n{}", history);

    // A new session starts with the old history: two steps up is `y + abc_value;;`, whose
    // names this session does not know.
    let mut t = Terminal::start(&home);
    t.expect("# ");
    t.keys(UP);
    t.keys(UP);
    t.keys("\r");
    t.answer("Error: Unbound value y");
    // End of input (Ctrl-D on an empty line) leaves the toplevel.
    t.keys("\x04");
    let status = t.wait_exit();
    assert!(status.success(), "exit status {:?}", status);
    let _ = std::fs::remove_dir_all(&home);
}
