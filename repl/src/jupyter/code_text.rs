//! Reading a cell's text for the requests that are not executions: is it complete, which
//! word is under the cursor. Jupyter counts cursor positions in Unicode code points.

use compiler::parsing::PhraseReader;

/// `is_complete_reply`'s status: `complete` when every phrase parses (the end of the cell
/// ends the last phrase, as when it runs), `incomplete` when the parser stops at the end of
/// the text (`let x =`, an open comment or string), `invalid` for another syntax error.
pub fn completeness(code: &str) -> &'static str {
    let end = code.trim_end().len();
    let mut reader = PhraseReader::new(code, "//toplevel//");
    while let Some(phrase) = reader.next_phrase() {
        if let Err(e) = phrase {
            let at_end = e.loc.start.cnum as usize >= end;
            let unterminated = e.message.contains("not terminated");
            return if at_end || unterminated { "incomplete" } else { "invalid" };
        }
    }
    "complete"
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '\'' || c == '.'
}

/// Byte offset of the `pos`-th code point (the end if past it).
pub fn byte_offset(code: &str, pos: usize) -> usize {
    code.char_indices().nth(pos).map(|(i, _)| i).unwrap_or(code.len())
}

pub fn char_offset(code: &str, byte: usize) -> usize {
    code[..byte].chars().count()
}

/// The start (byte offset) of the word that ends at `byte`: a name, possibly a module path
/// (`List.ma`), or a directive (`#us`) at the start of a line.
pub fn word_start(code: &str, byte: usize) -> usize {
    let before = &code[..byte];
    let start = before.char_indices().rev().find(|&(_, c)| !is_word_char(c)).map(|(i, c)| i + c.len_utf8()).unwrap_or(0);
    let line_start = before[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    if start > 0 && before[..start].ends_with('#') && before[line_start..start - 1].trim().is_empty() {
        return start - 1;
    }
    start
}

/// The name around the cursor (`List.map` with the cursor anywhere in it), if any.
pub fn name_at(code: &str, byte: usize) -> Option<&str> {
    let start = word_start(code, byte);
    let end = code[byte..].find(|c: char| !is_word_char(c)).map(|i| byte + i).unwrap_or(code.len());
    let name = code[start..end].trim_matches('.');
    let valid = name.starts_with(|c: char| c.is_alphabetic() || c == '_') && !name.contains("..");
    valid.then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complete_cells_need_no_double_semicolon() {
        assert_eq!(completeness("let x = 1;;"), "complete");
        assert_eq!(completeness("let x = 1\nlet y = 2"), "complete");
        assert_eq!(completeness(""), "complete");
        assert_eq!(completeness("let x ="), "incomplete");
        assert_eq!(completeness("let f x =\n  match x with\n"), "incomplete");
        assert_eq!(completeness("(* a comment"), "incomplete");
        assert_eq!(completeness("let s = \"abc"), "incomplete");
        assert_eq!(completeness("let x = ) 1;;"), "invalid");
    }

    #[test]
    fn words_before_the_cursor() {
        let code = "let y = List.ma";
        assert_eq!(&code[word_start(code, code.len())..], "List.ma");
        assert_eq!(word_start("#us", 3), 0);
        assert_eq!(word_start("a #us", 5), 3);
        assert_eq!(name_at("f (List.map g) l", 6), Some("List.map"));
        assert_eq!(name_at("x + 1", 2), None);
        assert_eq!(word_start("«List.ma", "«List.ma".len()), "«".len());
        assert_eq!(name_at("→f", "→".len()), Some("f"));
    }

    #[test]
    fn cursor_positions_count_code_points() {
        let code = "\"é\" ^ Stri";
        assert_eq!(byte_offset(code, 10), code.len());
        assert_eq!(char_offset(code, code.len()), 10);
        assert_eq!(byte_offset(code, 99), code.len());
    }
}
