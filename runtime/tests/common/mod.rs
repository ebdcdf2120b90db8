//! Helpers shared by the primitive tests: reading the expected-output files made by real OCaml
//! (see data/regen.sh).
#![allow(dead_code)]

pub mod values;

use std::sync::Mutex;

/// The runtime has one heap for the process: tests in one file take turns.
pub static HEAP: Mutex<()> = Mutex::new(());

pub fn lock() -> std::sync::MutexGuard<'static, ()> {
    let g = HEAP.lock().unwrap_or_else(|e| e.into_inner());
    runtime::init();
    g
}

/// Lines of a data file, split on tabs.
pub fn data(name: &str) -> Vec<Vec<String>> {
    let path = format!("{}/tests/data/{}", env!("CARGO_MANIFEST_DIR"), name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines().filter(|l| !l.is_empty()).map(|l| l.split('\t').map(String::from).collect()).collect()
}

/// Undo OCaml's `String.escaped`.
pub fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            let c = b[i + 1];
            i += 2;
            match c {
                b'n' => out.push(b'\n'),
                b't' => out.push(b'\t'),
                b'r' => out.push(b'\r'),
                b'b' => out.push(8),
                b'\\' | b'"' | b'\'' => out.push(c),
                b'0'..=b'9' => {
                    let n: u32 = std::str::from_utf8(&b[i - 1..i + 2]).unwrap().parse().unwrap();
                    out.push(n as u8);
                    i += 2;
                }
                _ => panic!("unknown escape \\{}", c as char),
            }
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

pub fn float_of_bits_hex(s: &str) -> f64 {
    f64::from_bits(u64::from_str_radix(s, 16).expect("bits"))
}

/// Collects mismatches and fails once with all of them listed.
#[derive(Default)]
pub struct Mismatches(pub Vec<String>, pub usize);

impl Mismatches {
    pub fn check(&mut self, what: String, got: &str, want: &str) {
        self.1 += 1;
        if got != want {
            self.0.push(format!("{what}: got {got:?}, want {want:?}"));
        }
    }
    pub fn finish(self) {
        assert!(self.1 > 0, "no cases checked");
        if !self.0.is_empty() {
            panic!("{} of {} cases differ:\n{}", self.0.len(), self.1, self.0[..self.0.len().min(40)].join("\n"));
        }
    }
}
