//! `-expect FILE.ml`: the expect tests of OCaml's own testsuite.
//!
//! The file is a sequence of phrases split into chunks by `[%%expect{|...|}]` items. Each
//! chunk's phrases run in the session; what the toplevel prints for them (a leading newline,
//! then the outputs, trailing spaces removed) is compared with the text of the block after them.
//! Locations count lines from the chunk's first phrase (`Line 1, characters ...`). A chunk stops
//! at its first phrase that fails. `FILE.ml.corrected` gets the file with every block holding
//! the actual output (and a new block after trailing phrases that printed something). Exit
//! code: 0 when nothing differs, 1 otherwise, 2 when the file cannot be read or parsed.
//! Output the phrases' code writes to stdout is not captured (as in OCaml's tool).

use crate::phrase_result::{Event, PhraseResult};
use crate::toplevel::{Source, SourceKind, Toplevel};
use compiler::parsing::asttypes::Constant;
use compiler::parsing::location::Position;
use compiler::parsing::parsetree::{ExpressionDesc, Payload, StructureItem, StructureItemDesc, ToplevelDirective, ToplevelPhrase};
use compiler::parsing::PhraseReader;
use std::ops::Range;

/// A `{tag|text|tag}` of an expect block.
#[derive(Debug, Clone, PartialEq)]
struct Quoted {
    text: String,
    tag: String,
}

/// One `[%%expect ...]` block.
#[derive(Debug, Clone)]
struct Expectation {
    /// Bytes of the payload (`{|...|}`, or `{|..|}, Principal{|..|}`) in the file; empty
    /// range just after `expect` when the block has no payload.
    payload: Range<usize>,
    normal: Quoted,
    /// The `Principal{|...|}` text, kept as written (ocaml-jit has no `-principal`).
    principal: Option<Quoted>,
}

enum Phrase {
    Item(StructureItem),
    Dir(ToplevelDirective),
}

struct Chunk {
    phrases: Vec<Phrase>,
    /// `None` for the phrases after the last block.
    expectation: Option<Expectation>,
}

fn quoted(e: &compiler::parsing::parsetree::Expression) -> Option<Quoted> {
    match &e.desc {
        ExpressionDesc::Constant(Constant::String(bytes, _, Some(tag))) => {
            Some(Quoted { text: String::from_utf8_lossy(bytes).into_owned(), tag: tag.clone() })
        }
        _ => None,
    }
}

/// `Some(Ok(..))` for an expect block, `Some(Err(..))` for a malformed one, `None` for
/// another item.
fn expectation(item: &StructureItem) -> Option<Result<Expectation, String>> {
    let StructureItemDesc::Extension((name, payload), _) = &item.desc else { return None };
    if name.txt != "expect" && name.txt != "ocaml.expect" {
        return None;
    }
    let invalid = || Err("invalid [%%expect payload]".to_string());
    Some(match payload {
        Payload::Str(items) if items.is_empty() => {
            let at = name.loc.end.cnum as usize;
            Ok(Expectation { payload: at..at, normal: Quoted { text: String::new(), tag: String::new() }, principal: None })
        }
        Payload::Str(items) => match items.as_slice() {
            [StructureItem { desc: StructureItemDesc::Eval(e, attrs), .. }] if attrs.is_empty() => {
                let payload = e.loc.start.cnum as usize..e.loc.end.cnum as usize;
                if let Some(q) = quoted(e) {
                    Ok(Expectation { payload, normal: q, principal: None })
                } else if let ExpressionDesc::Tuple(parts) = &e.desc {
                    match parts.as_slice() {
                        [a, b] => match (&b.desc, quoted(a)) {
                            (ExpressionDesc::Construct(c, Some(arg)), Some(normal)) if c.txt.to_string() == "Principal" => match quoted(arg) {
                                Some(p) => Ok(Expectation { payload, normal, principal: Some(p) }),
                                None => invalid(),
                            },
                            _ => invalid(),
                        },
                        _ => invalid(),
                    }
                } else {
                    invalid()
                }
            }
            _ => invalid(),
        },
        _ => invalid(),
    })
}

/// Splits the file's phrases into chunks, each ended by an expect block.
fn split_chunks(text: &str, fname: &str) -> Result<Vec<Chunk>, String> {
    let mut reader = PhraseReader::new(text, fname);
    reader.directive_ends_phrase = true;
    let mut chunks = Vec::new();
    let mut current: Vec<Phrase> = Vec::new();
    while let Some(phrase) = reader.next_phrase() {
        match phrase.map_err(|e| compiler::parsing::report_syntax_error(&e, Some(text.as_bytes())))? {
            ToplevelPhrase::Dir(d) => current.push(Phrase::Dir(d)),
            ToplevelPhrase::Def(items) => {
                for item in items {
                    match expectation(&item) {
                        Some(e) => {
                            let e = e.map_err(|m| format!("File \"{}\", line {}:\nError: {}\n", fname, item.loc.start.line, m))?;
                            chunks.push(Chunk { phrases: std::mem::take(&mut current), expectation: Some(e) });
                        }
                        None => current.push(Phrase::Item(item)),
                    }
                }
            }
        }
    }
    if !current.is_empty() {
        chunks.push(Chunk { phrases: current, expectation: None });
    }
    Ok(chunks)
}

/// Removes the spaces and tabs that end lines.
fn delete_eol_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(line.trim_end_matches([' ', '\t']));
    }
    out
}

/// Runs a chunk's phrases; returns the text its block should hold.
fn run_chunk(top: &mut Toplevel, text: &str, fname: &str, phrases: &[Phrase]) -> String {
    // Lines count from the chunk's first definition.
    let start: Position = phrases
        .iter()
        .find_map(|p| match p {
            Phrase::Item(i) => Some(i.loc.start.clone()),
            Phrase::Dir(_) => None,
        })
        .unwrap_or_else(|| Position::new(fname.into()));
    let source = Source { text: text.as_bytes(), fname, phrase_start: start, kind: SourceKind::Toplevel };
    let mut out = String::from("\n");
    for p in phrases {
        let mut nested = String::new();
        let mut collect = |ev: Event| {
            if let Event::Done(r) = ev {
                nested.push_str(&r.text());
            }
        };
        let result: PhraseResult = match p {
            Phrase::Item(item) => top.eval_phrase(&ToplevelPhrase::Def(vec![item.clone()]), &source, &mut collect),
            Phrase::Dir(d) => top.eval_phrase(&ToplevelPhrase::Dir(d.clone()), &source, &mut collect),
        };
        out.push_str(&nested);
        out.push_str(&result.text());
        if result.failed() || top.quit {
            break;
        }
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    delete_eol_spaces(&out)
}

/// The file with each block's payload replaced by the actual outputs.
fn corrected(text: &str, chunks: &[Chunk], outputs: &[String]) -> String {
    let mut out = String::new();
    let mut pos = 0;
    for (chunk, actual) in chunks.iter().zip(outputs) {
        let Some(e) = &chunk.expectation else {
            out.push_str(&text[pos..]);
            pos = text.len();
            if !actual.is_empty() {
                out.push_str(&format!("\n[%%expect{{|{}|}}]\n", actual));
            }
            continue;
        };
        if e.normal.text == *actual {
            continue;
        }
        out.push_str(&text[pos..e.payload.start]);
        out.push_str(&format!("{{{}|{}|{}}}", e.normal.tag, actual, e.normal.tag));
        if let Some(p) = &e.principal {
            out.push_str(&format!(", Principal{{{}|{}|{}}}", p.tag, p.text, p.tag));
        }
        pos = e.payload.end;
    }
    out.push_str(&text[pos.min(text.len())..]);
    out
}

/// `-expect FILE`: runs the test, writes `FILE.corrected`, returns the exit code.
pub fn run(top: &mut Toplevel, file: &str) -> i32 {
    let text = match std::fs::read(file) {
        Ok(b) => String::from_utf8_lossy(&b).replace("\r\n", "\n"),
        Err(_) => {
            eprintln!("Cannot find file {}.", file);
            return 2;
        }
    };
    // OCaml's tool reads the file under the empty name (`Match_failure ("", 1, 8)`).
    let chunks = match split_chunks(&text, "") {
        Ok(c) => c,
        Err(e) => {
            eprint!("{}", e);
            return 2;
        }
    };
    let mut outputs = Vec::new();
    let mut differs = false;
    for chunk in &chunks {
        let actual = run_chunk(top, &text, "", &chunk.phrases);
        match &chunk.expectation {
            Some(e) => differs |= e.normal.text != actual,
            None => differs = true,
        }
        outputs.push(actual);
    }
    runtime::io::flush_all();
    let fixed = corrected(&text, &chunks, &outputs);
    if let Err(e) = std::fs::write(format!("{}.corrected", file), compiler::raw_text::to_bytes(&fixed)) {
        eprintln!("ocaml-jit: cannot write {}.corrected: {}", file, e);
        return 2;
    }
    if differs {
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eol_spaces_go() {
        assert_eq!(delete_eol_spaces("a  \nb\t\n\nc "), "a\nb\n\nc");
    }

    #[test]
    fn blocks_split_chunks() {
        let src = "let x = 1\n[%%expect{|\nval x : int = 1\n|}];;\nlet y = 2;;\n[%%expect {tag|old|tag}, Principal{|p|}]\nlet z = 3\n";
        let chunks = split_chunks(src, "t.ml").unwrap_or_default();
        assert_eq!(chunks.len(), 3);
        let e = chunks[1].expectation.clone().map(|e| (e.normal, e.principal));
        assert_eq!(
            e,
            Some((Quoted { text: "old".into(), tag: "tag".into() }, Some(Quoted { text: "p".into(), tag: String::new() })))
        );
        assert!(chunks[2].expectation.is_none());
        let outputs = vec!["\nval x : int = 1\n".to_string(), "\nval y : int = 2\n".to_string(), "\nval z : int = 3\n".to_string()];
        let fixed = corrected(src, &chunks, &outputs);
        assert_eq!(
            fixed,
            "let x = 1\n[%%expect{|\nval x : int = 1\n|}];;\nlet y = 2;;\n[%%expect {tag|\nval y : int = 2\n|tag}, Principal{|p|}]\nlet z = 3\n\n[%%expect{|\nval z : int = 3\n|}]\n"
        );
    }
}
