//! Printing errors and warnings as OCaml does: the location line, the source excerpt with
//! carets, then `Error: ...` or `Warning N [name]: ...`.

use super::errors::{TypeError, Warning};
use crate::parsing::location::Location;

/// `File "a.ml", line 2, characters 4-7:` plus the excerpt (when the source is known).
pub fn location_header(loc: &Location, src: Option<&[u8]>) -> String {
    let fname = &loc.start.fname;
    let l1 = loc.start.line;
    let l2 = loc.end.line;
    let c1 = loc.start.column();
    let c2 = if l1 == l2 { loc.end.column() } else { loc.end.cnum as i64 - loc.start.bol as i64 };
    let mut out = if l1 == l2 {
        format!("File \"{}\", line {}, characters {}-{}:\n", fname, l1, c1, c2)
    } else {
        format!("File \"{}\", lines {}-{}, characters {}-{}:\n", fname, l1, l2, c1, loc.end.column())
    };
    if let Some(src) = src {
        out.push_str(&excerpt(loc, src));
    }
    out
}

/// `File "f.ml", line 1, characters 4-9:` for a location inside a message; None in the
/// toplevel, whose phrase-relative lines only the report's header knows.
pub fn file_location(loc: &Location) -> Option<String> {
    let fname = &*loc.start.fname;
    if matches!(fname, "" | "_none_" | "//toplevel//") || loc.start.line == 0 {
        return None;
    }
    let c2 = loc.end.cnum as i64 - loc.start.bol as i64;
    Some(format!("File \"{}\", line {}, characters {}-{}:", fname, loc.start.line, loc.start.column(), c2))
}

fn line_at(src: &[u8], bol: usize) -> &[u8] {
    let end = src[bol.min(src.len())..].iter().position(|c| *c == b'\n').map(|i| bol + i).unwrap_or(src.len());
    &src[bol.min(src.len())..end]
}

fn excerpt(loc: &Location, src: &[u8]) -> String {
    let l1 = loc.start.line;
    let l2 = loc.end.line;
    let mut out = String::new();
    if l1 == l2 {
        let line = line_at(src, loc.start.bol as usize);
        let prefix = format!("{} | ", l1);
        out.push_str(&prefix);
        out.push_str(&String::from_utf8_lossy(line));
        out.push('\n');
        let c1 = loc.start.column().max(0) as usize;
        let c2 = (loc.end.column().max(0) as usize).max(c1 + 1).min(line.len().max(c1 + 1));
        out.push_str(&" ".repeat(prefix.len() + c1));
        out.push_str(&"^".repeat(c2 - c1));
        out.push('\n');
    } else {
        // Several lines: each prefixed with its number, the first from the start column.
        let width = l2.to_string().len();
        let mut bol = loc.start.bol as usize;
        for ln in l1..=l2 {
            let line = line_at(src, bol);
            let text: String = if ln == l1 {
                let c1 = (loc.start.column().max(0) as usize).min(line.len());
                format!("{}{}", ".".repeat(c1), String::from_utf8_lossy(&line[c1..]))
            } else if ln == l2 {
                let c2 = (loc.end.column().max(0) as usize).min(line.len());
                format!("{}{}", String::from_utf8_lossy(&line[..c2]), ".".repeat(line.len() - c2))
            } else {
                String::from_utf8_lossy(line).to_string()
            };
            out.push_str(&format!("{:>width$} | {}\n", ln, text, width = width));
            bol += line.len() + 1;
        }
    }
    out
}

/// The full error report.
pub fn report_error(e: &TypeError, src: Option<&[u8]>) -> String {
    let mut s = if e.loc.start.cnum == u32::MAX { String::new() } else { location_header(&e.loc, src) };
    s.push_str("Error: ");
    s.push_str(&e.message());
    s.push('\n');
    s
}

/// The full warning report.
pub fn report_warning(w: &Warning, src: Option<&[u8]>) -> String {
    let mut s = location_header(&w.loc, src);
    s.push_str(&w.header_and_message());
    s.push('\n');
    s
}
