//! The lexer: bytes to tokens with OCaml's positions, errors and warnings.
//!
//! Works on bytes (OCaml sources are byte strings); offsets are byte offsets.
//! Comments are skipped; documentation comments `(** ... *)` are kept in `docstrings`.

use std::rc::Rc;

use super::error::{SyntaxError, Warning};
use super::location::{Location, Position};
use super::token::{keyword, Token};

/// A token with its source range.
#[derive(Debug, Clone)]
pub struct Spanned {
    pub tok: Token,
    pub start: Position,
    pub end: Position,
}

/// A documentation comment: its text (without `(**` and `*)`) and location.
#[derive(Debug, Clone)]
pub struct Docstring {
    pub text: String,
    pub loc: Location,
}

pub struct Lexer<'a> {
    src: &'a [u8],
    pos: usize,
    line: u32,
    bol: u32,
    fname: Rc<str>,
    pub warnings: Vec<Warning>,
    pub docstrings: Vec<Docstring>,
    /// Byte ranges of the comments met so far (to the end of the input when unterminated).
    pub comments: Vec<std::ops::Range<usize>>,
}

fn is_symbolchar(c: u8) -> bool {
    matches!(
        c,
        b'!' | b'$' | b'%' | b'&' | b'*' | b'+' | b'-' | b'.' | b'/' | b':' | b'<' | b'=' | b'>' | b'?' | b'@' | b'^' | b'|' | b'~'
    )
}

fn is_dotsymbolchar(c: u8) -> bool {
    matches!(c, b'!' | b'$' | b'%' | b'&' | b'*' | b'+' | b'-' | b'/' | b':' | b'=' | b'>' | b'?' | b'@' | b'^' | b'|')
}

fn is_kwdopchar(c: u8) -> bool {
    matches!(c, b'$' | b'&' | b'*' | b'+' | b'-' | b'/' | b'<' | b'=' | b'>' | b'@' | b'^' | b'|')
}

pub fn is_identchar(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'\''
}

fn is_lowercase_start(c: u8) -> bool {
    c.is_ascii_lowercase() || c == b'_'
}

/// OCaml's `Char.escaped`, used in "Illegal character" messages.
pub fn char_escaped(c: u8) -> String {
    match c {
        b'\'' => "\\'".into(),
        b'\\' => "\\\\".into(),
        b'\n' => "\\n".into(),
        b'\t' => "\\t".into(),
        b'\r' => "\\r".into(),
        8 => "\\b".into(),
        b' '..=b'~' => (c as char).to_string(),
        _ => format!("\\{:03}", c),
    }
}

type LexResult<T> = Result<T, SyntaxError>;

impl<'a> Lexer<'a> {
    pub fn new(src: &'a [u8], fname: &str) -> Lexer<'a> {
        Lexer {
            src,
            pos: 0,
            line: 1,
            bol: 0,
            fname: Rc::from(fname),
            warnings: Vec::new(),
            docstrings: Vec::new(),
            comments: Vec::new(),
        }
    }

    /// Restart lexing at byte `pos` (which must be the start of a line or follow a token),
    /// keeping line numbering consistent. Used by the toplevel to resynchronise.
    pub fn offset(&self) -> usize {
        self.pos
    }

    pub fn fname(&self) -> Rc<str> {
        self.fname.clone()
    }

    pub fn position(&self) -> Position {
        Position { fname: self.fname.clone(), line: self.line, bol: self.bol, cnum: self.pos as u32 }
    }

    fn position_at(&self, cnum: usize) -> Position {
        Position { fname: self.fname.clone(), line: self.line, bol: self.bol, cnum: cnum as u32 }
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn peek_at(&self, k: usize) -> Option<u8> {
        self.src.get(self.pos + k).copied()
    }

    fn newline(&mut self) {
        // self.pos is just after the '\n'
        self.line += 1;
        self.bol = self.pos as u32;
    }

    fn loc(&self, start: Position, end: Position) -> Location {
        Location { start, end, ghost: false }
    }

    fn err(&self, start: Position, end: Position, msg: impl Into<String>) -> SyntaxError {
        SyntaxError::new(self.loc(start, end), msg)
    }

    fn warn(&mut self, start: Position, end: Position, number: u32, name: &'static str, msg: &str) {
        let loc = self.loc(start, end);
        self.warnings.push(Warning { loc, number, name, message: msg.to_string() });
    }

    /// Skips blanks, newlines, comments and line directives.
    fn skip_trivia(&mut self) -> LexResult<()> {
        loop {
            match self.peek() {
                Some(b' ') | Some(b'\t') | Some(12) => self.pos += 1,
                Some(b'\r') if self.peek_at(1) == Some(b'\n') => {
                    self.pos += 2;
                    self.newline();
                }
                Some(b'\n') => {
                    self.pos += 1;
                    self.newline();
                }
                Some(b'(') if self.peek_at(1) == Some(b'*') => {
                    let start = self.pos;
                    let r = self.comment();
                    self.comments.push(start..if r.is_ok() { self.pos } else { self.src.len() });
                    r?;
                }
                Some(b'#') if self.pos as u32 == self.bol => {
                    if !self.line_directive() {
                        return Ok(());
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    /// `# 12 "file.ml"` at the start of a line. Returns false (consuming nothing) if the
    /// text is not a line directive.
    fn line_directive(&mut self) -> bool {
        let s = self.src;
        let mut i = self.pos + 1;
        while i < s.len() && (s[i] == b' ' || s[i] == b'\t') {
            i += 1;
        }
        let dstart = i;
        while i < s.len() && s[i].is_ascii_digit() {
            i += 1;
        }
        if i == dstart {
            return false;
        }
        let num: u32 = match std::str::from_utf8(&s[dstart..i]).ok().and_then(|t| t.parse().ok()) {
            Some(n) => n,
            None => return false,
        };
        while i < s.len() && (s[i] == b' ' || s[i] == b'\t') {
            i += 1;
        }
        let mut name = None;
        if i < s.len() && s[i] == b'"' {
            let nstart = i + 1;
            let mut j = nstart;
            while j < s.len() && s[j] != b'"' && s[j] != b'\n' && s[j] != b'\r' {
                j += 1;
            }
            if j >= s.len() || s[j] != b'"' {
                return false;
            }
            name = Some(String::from_utf8_lossy(&s[nstart..j]).into_owned());
            i = j + 1;
        }
        while i < s.len() && s[i] != b'\n' && s[i] != b'\r' {
            i += 1;
        }
        if i >= s.len() {
            return false;
        }
        if s[i] == b'\r' && i + 1 < s.len() && s[i + 1] == b'\n' {
            i += 1;
        } else if s[i] == b'\r' {
            return false;
        }
        self.pos = i + 1;
        self.bol = self.pos as u32;
        self.line = num;
        if let Some(n) = name {
            self.fname = Rc::from(n.as_str());
        }
        true
    }

    /// A comment starting at `(*`; nested comments, strings and quoted strings inside.
    fn comment(&mut self) -> LexResult<()> {
        let start = self.position();
        // `(*)` warns: it is probably meant as the operator `( * )`.
        if self.peek_at(2) == Some(b')') {
            let end = self.position_at(self.pos + 3);
            self.warn(
                start.clone(),
                end,
                1,
                "comment-start",
                "this `(*' is the start of a comment.\nHint: Did you forget spaces when writing the infix operator `( * )'?",
            );
        }
        let is_doc = self.peek_at(2) == Some(b'*') && self.peek_at(3) != Some(b'*') && self.peek_at(3) != Some(b')');
        self.pos += 2;
        if is_doc {
            self.pos += 1;
        }
        let body_start = self.pos;
        let mut stack = vec![start.clone()];
        let mut body_end = self.pos;
        while let Some(c) = self.peek() {
            match c {
                b'(' if self.peek_at(1) == Some(b'*') => {
                    stack.push(self.position());
                    self.pos += 2;
                }
                b'*' if self.peek_at(1) == Some(b')') => {
                    body_end = self.pos;
                    self.pos += 2;
                    stack.pop();
                    if stack.is_empty() {
                        break;
                    }
                }
                b'"' => {
                    let sstart = self.position();
                    self.pos += 1;
                    let mut buf = Vec::new();
                    if let Err(e) = self.string_body(&mut buf, true) {
                        if e.message == "String literal not terminated" {
                            let mut err = self.err(
                                stack[0].clone(),
                                Position { cnum: stack[0].cnum + 2, ..stack[0].clone() },
                                "This comment contains an unterminated string literal",
                            );
                            let send = Position { cnum: sstart.cnum + 1, ..sstart.clone() };
                            err.notes.push((self.loc(sstart, send), "String literal begins here".into()));
                            return Err(err);
                        }
                        return Err(e);
                    }
                }
                b'{' => {
                    // A quoted string {id|...|id} inside a comment.
                    let mut j = self.pos + 1;
                    while j < self.src.len() && (self.src[j].is_ascii_lowercase() || self.src[j] == b'_') {
                        j += 1;
                    }
                    if j < self.src.len() && self.src[j] == b'|' {
                        let id = String::from_utf8_lossy(&self.src[self.pos + 1..j]).into_owned();
                        let qstart = self.position();
                        self.pos = j + 1;
                        if self.quoted_string_body(&id).is_none() {
                            let mut err = self.err(
                                stack[0].clone(),
                                Position { cnum: stack[0].cnum + 2, ..stack[0].clone() },
                                "This comment contains an unterminated string literal",
                            );
                            let qend = Position { cnum: qstart.cnum + 1, ..qstart.clone() };
                            err.notes.push((self.loc(qstart, qend), "String literal begins here".into()));
                            return Err(err);
                        }
                    } else {
                        self.pos += 1;
                    }
                }
                b'\'' => {
                    // Skip character literals so that '"' does not start a string.
                    let s = self.src;
                    let p = self.pos;
                    if p + 2 < s.len() && s[p + 1] != b'\\' && s[p + 2] == b'\'' {
                        if s[p + 1] == b'\n' {
                            self.pos += 2;
                            self.newline();
                            self.pos += 1;
                        } else {
                            self.pos += 3;
                        }
                    } else if p + 3 < s.len() && s[p + 1] == b'\\' && s[p + 3] == b'\'' && matches!(s[p + 2], b'\\' | b'"' | b'\'' | b'n' | b't' | b'b' | b'r' | b' ') {
                        self.pos += 4;
                    } else if p + 5 < s.len() && s[p + 1] == b'\\' && s[p + 2].is_ascii_digit() && s[p + 5] == b'\'' {
                        self.pos += 6;
                    } else if p + 5 < s.len() && s[p + 1] == b'\\' && (s[p + 2] == b'x' || s[p + 2] == b'o') && s[p + 5] == b'\'' {
                        self.pos += 6;
                    } else {
                        self.pos += 1;
                    }
                }
                b'\n' => {
                    self.pos += 1;
                    self.newline();
                }
                _ => self.pos += 1,
            }
        }
        if !stack.is_empty() {
            let open = stack[0].clone();
            let end = Position { cnum: open.cnum + 2, ..open.clone() };
            return Err(self.err(open, end, "Comment not terminated"));
        }
        if is_doc {
            let text = String::from_utf8_lossy(&self.src[body_start..body_end]).into_owned();
            let loc = self.loc(start, self.position());
            self.docstrings.push(Docstring { text, loc });
        }
        Ok(())
    }

    /// Reads the body of a `{id|...|id}` string after the opening `|`; returns the contents
    /// or None if unterminated.
    fn quoted_string_body(&mut self, id: &str) -> Option<(Vec<u8>, usize)> {
        let start = self.pos;
        loop {
            let c = self.peek()?;
            if c == b'|' && self.src[self.pos + 1..].starts_with(id.as_bytes()) && self.src.get(self.pos + 1 + id.len()) == Some(&b'}') {
                let contents = self.src[start..self.pos].to_vec();
                let end = self.pos;
                self.pos += 2 + id.len();
                return Some((contents, end));
            }
            self.pos += 1;
            if c == b'\n' {
                self.newline();
            }
        }
    }

    /// Body of a "..." string after the opening quote, with escapes resolved.
    /// In comments (`in_comment`) escapes are not checked.
    fn string_body(&mut self, buf: &mut Vec<u8>, in_comment: bool) -> LexResult<()> {
        let open = Position { cnum: self.pos as u32 - 1, ..self.position() };
        loop {
            let c = match self.peek() {
                Some(c) => c,
                None => {
                    let end = Position { cnum: open.cnum + 1, ..open.clone() };
                    return Err(self.err(open, end, "String literal not terminated"));
                }
            };
            match c {
                b'"' => {
                    self.pos += 1;
                    return Ok(());
                }
                b'\\' => {
                    let esc_start = self.position();
                    match self.peek_at(1) {
                        Some(b'\n') => {
                            self.pos += 2;
                            self.newline();
                            self.skip_string_indent();
                        }
                        Some(b'\r') if self.peek_at(2) == Some(b'\n') => {
                            self.pos += 3;
                            self.newline();
                            self.skip_string_indent();
                        }
                        Some(e @ (b'\\' | b'"' | b'\'' | b'n' | b't' | b'b' | b'r' | b' ')) => {
                            buf.push(match e {
                                b'n' => b'\n',
                                b't' => b'\t',
                                b'b' => 8,
                                b'r' => b'\r',
                                other => other,
                            });
                            self.pos += 2;
                        }
                        Some(d) if d.is_ascii_digit() && self.peek_at(2).map_or(false, |c| c.is_ascii_digit()) && self.peek_at(3).map_or(false, |c| c.is_ascii_digit()) => {
                            let text = &self.src[self.pos + 1..self.pos + 4];
                            let v = (text[0] - b'0') as u32 * 100 + (text[1] - b'0') as u32 * 10 + (text[2] - b'0') as u32;
                            self.pos += 4;
                            if v > 255 && !in_comment {
                                let t = String::from_utf8_lossy(text).into_owned();
                                return Err(self.err(
                                    esc_start,
                                    self.position(),
                                    format!("Illegal backslash escape in string or character (\\{}): {} is outside the range of legal characters (0-255).", t, t),
                                ));
                            }
                            buf.push(v as u8);
                        }
                        Some(b'o') if (2..5).all(|k| self.peek_at(k).map_or(false, |c| (b'0'..=b'7').contains(&c))) => {
                            let text = &self.src[self.pos + 2..self.pos + 5];
                            let v = text.iter().fold(0u32, |a, c| a * 8 + (c - b'0') as u32);
                            self.pos += 5;
                            if v > 255 && !in_comment {
                                let t = String::from_utf8_lossy(text).into_owned();
                                return Err(self.err(
                                    esc_start,
                                    self.position(),
                                    format!("Illegal backslash escape in string or character (\\o{}): o{} (={}) is outside the range of legal characters (0-255).", t, t, v),
                                ));
                            }
                            buf.push(v as u8);
                        }
                        Some(b'x') if (2..4).all(|k| self.peek_at(k).map_or(false, |c| c.is_ascii_hexdigit())) => {
                            let text = std::str::from_utf8(&self.src[self.pos + 2..self.pos + 4]).unwrap_or("0");
                            buf.push(u8::from_str_radix(text, 16).unwrap_or(0));
                            self.pos += 4;
                        }
                        Some(b'u') if self.peek_at(2) == Some(b'{') => {
                            let mut j = self.pos + 3;
                            while j < self.src.len() && self.src[j].is_ascii_hexdigit() {
                                j += 1;
                            }
                            if j > self.pos + 3 && j < self.src.len() && self.src[j] == b'}' {
                                let hex = String::from_utf8_lossy(&self.src[self.pos + 3..j]).into_owned();
                                self.pos = j + 1;
                                let v = if hex.len() > 6 { None } else { u32::from_str_radix(&hex, 16).ok() };
                                match v.and_then(char::from_u32) {
                                    Some(ch) => {
                                        let mut b = [0u8; 4];
                                        buf.extend_from_slice(ch.encode_utf8(&mut b).as_bytes());
                                    }
                                    None if in_comment => {}
                                    None => {
                                        let msg = if hex.len() > 6 {
                                            format!("Illegal backslash escape in string or character (\\u{{{}}}): too many digits, expected 1 to 6 hexadecimal digits", hex)
                                        } else {
                                            format!("Illegal backslash escape in string or character (\\u{{{}}}): {} is not a Unicode scalar value", hex, hex)
                                        };
                                        return Err(self.err(esc_start, self.position(), msg));
                                    }
                                }
                            } else {
                                self.illegal_string_escape(buf, in_comment, esc_start);
                            }
                        }
                        _ => self.illegal_string_escape(buf, in_comment, esc_start),
                    }
                }
                b'\n' | b'\r' => {
                    if !in_comment && (c == b'\n' || self.peek_at(1) == Some(b'\n')) {
                        let here = self.position();
                        let end = Position { cnum: here.cnum + 1, ..here.clone() };
                        self.warn(here, end, 29, "eol-in-string", "unescaped end-of-line in a string constant (non-portable code)");
                    }
                    buf.push(c);
                    self.pos += 1;
                    if c == b'\n' {
                        self.newline();
                    }
                }
                _ => {
                    buf.push(c);
                    self.pos += 1;
                }
            }
        }
    }

    fn illegal_string_escape(&mut self, buf: &mut Vec<u8>, in_comment: bool, esc_start: Position) {
        // OCaml keeps the backslash and the character, with warning 14.
        buf.push(b'\\');
        self.pos += 1;
        if let Some(c) = self.peek() {
            buf.push(c);
            self.pos += 1;
            if c == b'\n' {
                self.newline();
            }
        }
        if !in_comment {
            let end = self.position();
            self.warn(esc_start, end, 14, "illegal-backslash", "illegal backslash escape in string.");
        }
    }

    fn skip_string_indent(&mut self) {
        while let Some(b' ') | Some(b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    /// The next token.
    pub fn next_token(&mut self) -> LexResult<Spanned> {
        self.skip_trivia()?;
        let start = self.position();
        let tok = self.token(&start)?;
        Ok(Spanned { tok, start, end: self.position() })
    }

    fn word(&mut self) -> &'a str {
        let s = self.pos;
        while self.peek().map_or(false, is_identchar) {
            self.pos += 1;
        }
        // identchar is ASCII so this is valid UTF-8
        std::str::from_utf8(&self.src[s..self.pos]).unwrap_or("")
    }

    fn symbol_run(&mut self, from: usize, pred: fn(u8) -> bool) -> String {
        self.pos = from;
        while self.peek().map_or(false, pred) {
            self.pos += 1;
        }
        String::from_utf8_lossy(&self.src[from..self.pos]).into_owned()
    }

    fn token(&mut self, start: &Position) -> LexResult<Token> {
        use Token::*;
        let p = self.pos;
        let c = match self.peek() {
            None => return Ok(Eof),
            Some(c) => c,
        };
        let c1 = self.peek_at(1);
        let c2 = self.peek_at(2);
        let tok = match c {
            b'a'..=b'z' | b'_' => {
                let w = self.word();
                if w == "_" {
                    return Ok(Underscore);
                }
                if (w == "let" || w == "and") && self.peek().map_or(false, is_kwdopchar) {
                    let op = self.symbol_run(p + 3, is_dotsymbolchar);
                    let text = format!("{}{}", w, op);
                    return Ok(if w == "let" { LetOp(text) } else { AndOp(text) });
                }
                match keyword(w) {
                    Some(k) => k,
                    None => Lident(w.to_string()),
                }
            }
            b'A'..=b'Z' => Uident(self.word().to_string()),
            b'0'..=b'9' => return self.number(start),
            b'"' => {
                self.pos += 1;
                let cstart = self.position();
                let mut buf = Vec::new();
                self.string_body(&mut buf, false)?;
                let cend = self.position_at(self.pos - 1);
                String(buf, self.loc(cstart, cend), None)
            }
            b'{' => {
                // {id|...|id}, {%ext|...|}, {%%ext id|...|id}
                if let Some(t) = self.try_quoted_string(start)? {
                    return Ok(t);
                }
                self.pos += 1;
                if self.peek() == Some(b'<') {
                    self.pos += 1;
                    LBraceLess
                } else {
                    LBrace
                }
            }
            b'\'' => return self.char_literal(start),
            b'~' => {
                if c1.map_or(false, is_lowercase_start) {
                    let s = p + 1;
                    self.pos = s;
                    let w = self.word();
                    if self.peek() == Some(b':') {
                        self.pos += 1;
                        return self.label(w, start, true);
                    }
                    self.pos = p + 1;
                    Tilde
                } else if c1.map_or(false, |c| is_symbolchar(c) || c == b'#') {
                    PrefixOp(self.symbol_run(p, |c| is_symbolchar(c) || c == b'#'))
                } else {
                    self.pos += 1;
                    Tilde
                }
            }
            b'?' => {
                if c1.map_or(false, is_lowercase_start) {
                    self.pos = p + 1;
                    let w = self.word();
                    if self.peek() == Some(b':') {
                        self.pos += 1;
                        return self.label(w, start, false);
                    }
                    self.pos = p + 1;
                    Question
                } else if c1.map_or(false, |c| is_symbolchar(c) || c == b'#') {
                    PrefixOp(self.symbol_run(p, |c| is_symbolchar(c) || c == b'#'))
                } else {
                    self.pos += 1;
                    Question
                }
            }
            b'!' => {
                if c1 == Some(b'=') && !c2.map_or(false, is_symbolchar) {
                    self.pos += 2;
                    InfixOp0("!=".into())
                } else if c1.map_or(false, |c| is_symbolchar(c) || c == b'#') {
                    PrefixOp(self.symbol_run(p, |c| is_symbolchar(c) || c == b'#'))
                } else {
                    self.pos += 1;
                    Bang
                }
            }
            b'(' => {
                self.pos += 1;
                LParen
            }
            b')' => {
                self.pos += 1;
                RParen
            }
            b'[' => {
                self.pos += 1;
                match c1 {
                    Some(b'|') => {
                        self.pos += 1;
                        LBracketBar
                    }
                    Some(b'<') => {
                        self.pos += 1;
                        LBracketLess
                    }
                    Some(b'>') => {
                        self.pos += 1;
                        LBracketGreater
                    }
                    Some(b'%') => {
                        self.pos += 1;
                        if c2 == Some(b'%') {
                            self.pos += 1;
                            LBracketPercentPercent
                        } else {
                            LBracketPercent
                        }
                    }
                    Some(b'@') => {
                        self.pos += 1;
                        if c2 == Some(b'@') {
                            self.pos += 1;
                            if self.peek() == Some(b'@') {
                                self.pos += 1;
                                LBracketAtAtAt
                            } else {
                                LBracketAtAt
                            }
                        } else {
                            LBracketAt
                        }
                    }
                    _ => LBracket,
                }
            }
            b']' => {
                self.pos += 1;
                RBracket
            }
            b'}' => {
                self.pos += 1;
                RBrace
            }
            b',' => {
                self.pos += 1;
                Comma
            }
            b'`' => {
                self.pos += 1;
                Backquote
            }
            b';' => {
                self.pos += 1;
                if c1 == Some(b';') {
                    self.pos += 1;
                    SemiSemi
                } else {
                    Semi
                }
            }
            b'#' => {
                if c1.map_or(false, |c| is_symbolchar(c) || c == b'#') {
                    HashOp(self.symbol_run(p, |c| is_symbolchar(c) || c == b'#'))
                } else {
                    self.pos += 1;
                    Hash
                }
            }
            b'.' => {
                if c1 == Some(b'.') {
                    self.pos += 2;
                    DotDot
                } else if c1.map_or(false, is_dotsymbolchar) {
                    self.pos = p + 2;
                    while self.peek().map_or(false, is_symbolchar) {
                        self.pos += 1;
                    }
                    DotOp(std::string::String::from_utf8_lossy(&self.src[p + 1..self.pos]).into_owned())
                } else {
                    self.pos += 1;
                    Dot
                }
            }
            b':' => {
                self.pos += 1;
                match c1 {
                    Some(b':') => {
                        self.pos += 1;
                        ColonColon
                    }
                    Some(b'=') => {
                        self.pos += 1;
                        ColonEqual
                    }
                    Some(b'>') => {
                        self.pos += 1;
                        ColonGreater
                    }
                    _ => Colon,
                }
            }
            b'=' | b'<' | b'>' | b'|' | b'&' | b'$' | b'@' | b'^' | b'+' | b'-' | b'*' | b'/' | b'%' => {
                let op = self.symbol_run(p, is_symbolchar);
                // Fixed tokens that end where a symbol run would continue.
                if let Some(t) = self.fixed_operator(p, &op) {
                    return Ok(t);
                }
                match c {
                    b'=' | b'<' | b'>' | b'|' | b'&' | b'$' => InfixOp0(op),
                    b'@' | b'^' => InfixOp1(op),
                    b'+' | b'-' => InfixOp2(op),
                    b'*' if c1 == Some(b'*') => InfixOp4(op),
                    _ => InfixOp3(op),
                }
            }
            _ => {
                self.pos += 1;
                let end = self.position();
                return Err(self.err(start.clone(), end, format!("Illegal character ({})", char_escaped(c))));
            }
        };
        Ok(tok)
    }

    /// Operator-like tokens with a fixed spelling, chosen by longest match as ocamllex does.
    /// `op` is the maximal symbol-character run starting at `p`; `self.pos` is its end.
    fn fixed_operator(&mut self, p: usize, op: &str) -> Option<Token> {
        use Token::*;
        // Tokens made of a symbol followed by a non-symbol: `|]`, `>]`, `>}`, `*)`.
        let b = op.as_bytes();
        let next = self.src.get(p + 1).copied();
        if b.len() == 1 {
            match (b[0], next) {
                (b'|', Some(b']')) => {
                    self.pos = p + 2;
                    return Some(BarRBracket);
                }
                (b'>', Some(b']')) => {
                    self.pos = p + 2;
                    return Some(GreaterRBracket);
                }
                (b'>', Some(b'}')) => {
                    self.pos = p + 2;
                    return Some(GreaterRBrace);
                }
                (b'*', Some(b')')) => {
                    // A stray comment end: warn, then lex `*` alone (the `)` comes next).
                    let start = self.position_at(p);
                    let end = self.position_at(p + 2);
                    self.warn(start, end, 2, "comment-not-end", "this is not the end of a comment.");
                    self.pos = p + 1;
                    return Some(Star);
                }
                _ => {}
            }
        }
        let whole = match op {
            "=" => Some(Equal),
            "<" => Some(Less),
            ">" => Some(Greater),
            "|" => Some(Bar),
            "||" => Some(BarBar),
            "&" => Some(Ampersand),
            "&&" => Some(AmperAmper),
            "+" => Some(Plus),
            "+." => Some(PlusDot),
            "+=" => Some(PlusEq),
            "-" => Some(Minus),
            "-." => Some(MinusDot),
            "->" => Some(MinusGreater),
            "<-" => Some(LessMinus),
            "*" => Some(Star),
            "%" => Some(Percent),
            _ => None,
        };
        whole
    }

    fn label(&mut self, name: &str, start: &Position, labelled: bool) -> LexResult<Token> {
        if keyword(name).map_or(false, |k| !matches!(k, Token::InfixOp3(_) | Token::InfixOp4(_))) || matches!(name, "lor" | "lxor" | "mod" | "land" | "lsl" | "lsr" | "asr") {
            let end = self.position();
            return Err(self.err(start.clone(), end, format!("`{}' is a keyword, it cannot be used as label name", name)));
        }
        Ok(if labelled { Token::Label(name.to_string()) } else { Token::OptLabel(name.to_string()) })
    }

    fn try_quoted_string(&mut self, start: &Position) -> LexResult<Option<Token>> {
        let s = self.src;
        let p = self.pos;
        let mut j = p + 1;
        // Extension forms: {%id|, {%%id |, {%id id|
        let mut ext: Option<(bool, String, Location)> = None;
        if j < s.len() && s[j] == b'%' {
            let item = j + 1 < s.len() && s[j + 1] == b'%';
            j += if item { 2 } else { 1 };
            let estart = j;
            // extension names: lowercase/uppercase identifiers separated by dots
            while j < s.len() && (is_identchar(s[j]) || s[j] == b'.') {
                j += 1;
            }
            if j == estart || !(s[estart].is_ascii_alphabetic() || s[estart] == b'_') {
                return Ok(None);
            }
            let name = String::from_utf8_lossy(&s[estart..j]).into_owned();
            let loc = self.loc(self.position_at(estart), self.position_at(j));
            ext = Some((item, name, loc));
            // optional blank then delimiter id
            if j < s.len() && s[j] == b' ' {
                while j < s.len() && s[j] == b' ' {
                    j += 1;
                }
            }
        }
        let id_start = j;
        while j < s.len() && (s[j].is_ascii_lowercase() || s[j] == b'_') {
            j += 1;
        }
        if j >= s.len() || s[j] != b'|' {
            return Ok(None);
        }
        let id = String::from_utf8_lossy(&s[id_start..j]).into_owned();
        self.pos = j + 1;
        let cstart = self.position();
        match self.quoted_string_body(&id) {
            None => {
                let end = Position { cnum: start.cnum + 1, ..start.clone() };
                Err(self.err(start.clone(), end, "String literal not terminated"))
            }
            Some((contents, cend)) => {
                let cloc = self.loc(cstart, self.position_at_line_of(cend));
                Ok(Some(match ext {
                    None => Token::String(contents, cloc, Some(id)),
                    Some((false, name, nloc)) => Token::QuotedStringExpr(name, nloc, contents, cloc, Some(id)),
                    Some((true, name, nloc)) => Token::QuotedStringItem(name, nloc, contents, cloc, Some(id)),
                }))
            }
        }
    }

    /// Position of byte `cnum` on the current line (the lexer has not crossed a newline since).
    fn position_at_line_of(&self, cnum: usize) -> Position {
        self.position_at(cnum)
    }

    fn char_literal(&mut self, start: &Position) -> LexResult<Token> {
        let s = self.src;
        let p = self.pos;
        let at = |k: usize| s.get(p + k).copied();
        // 'c'
        if let (Some(c), Some(b'\'')) = (at(1), at(2)) {
            if c != b'\\' {
                self.pos = p + 3;
                if c == b'\n' {
                    self.pos = p + 2;
                    self.newline();
                    self.pos = p + 3;
                }
                return Ok(Token::Char(c));
            }
        }
        if at(1) == Some(b'\r') && at(2) == Some(b'\n') && at(3) == Some(b'\'') {
            self.pos = p + 3;
            self.newline();
            self.pos = p + 4;
            return Ok(Token::Char(b'\n'));
        }
        if at(1) == Some(b'\\') {
            if let (Some(e), Some(b'\'')) = (at(2), at(3)) {
                let v = match e {
                    b'\\' | b'\'' | b'"' | b' ' => Some(e),
                    b'n' => Some(b'\n'),
                    b't' => Some(b'\t'),
                    b'b' => Some(8),
                    b'r' => Some(b'\r'),
                    _ => None,
                };
                if let Some(v) = v {
                    self.pos = p + 4;
                    return Ok(Token::Char(v));
                }
            }
            if at(2).map_or(false, |c| c.is_ascii_digit()) && at(3).map_or(false, |c| c.is_ascii_digit()) && at(4).map_or(false, |c| c.is_ascii_digit()) && at(5) == Some(b'\'') {
                let v = (s[p + 2] - b'0') as u32 * 100 + (s[p + 3] - b'0') as u32 * 10 + (s[p + 4] - b'0') as u32;
                self.pos = p + 6;
                if v > 255 {
                    let t = String::from_utf8_lossy(&s[p..p + 6]).into_owned();
                    let d = String::from_utf8_lossy(&s[p + 2..p + 5]).into_owned();
                    let end = self.position();
                    return Err(self.err(
                        start.clone(),
                        end,
                        format!("Illegal backslash escape in string or character ({}): {} is outside the range of legal characters (0-255).", t, d),
                    ));
                }
                return Ok(Token::Char(v as u8));
            }
            if at(2) == Some(b'o') && (3..6).all(|k| at(k).map_or(false, |c| (b'0'..=b'7').contains(&c))) && at(6) == Some(b'\'') {
                let v = s[p + 3..p + 6].iter().fold(0u32, |a, c| a * 8 + (c - b'0') as u32);
                self.pos = p + 7;
                if v > 255 {
                    let t = String::from_utf8_lossy(&s[p..p + 7]).into_owned();
                    let d = String::from_utf8_lossy(&s[p + 3..p + 6]).into_owned();
                    let end = self.position();
                    return Err(self.err(
                        start.clone(),
                        end,
                        format!("Illegal backslash escape in string or character ({}): o{} (={}) is outside the range of legal characters (0-255).", t, d, v),
                    ));
                }
                return Ok(Token::Char(v as u8));
            }
            if at(2) == Some(b'x') && at(3).map_or(false, |c| c.is_ascii_hexdigit()) && at(4).map_or(false, |c| c.is_ascii_hexdigit()) && at(5) == Some(b'\'') {
                let t = std::str::from_utf8(&s[p + 3..p + 5]).unwrap_or("0");
                self.pos = p + 6;
                return Ok(Token::Char(u8::from_str_radix(t, 16).unwrap_or(0)));
            }
            // '\ followed by anything else: illegal escape covering the backslash and one char
            if let Some(c) = at(2) {
                self.pos = p + 3;
                let end = self.position();
                return Err(self.err(
                    start.clone(),
                    end,
                    format!("Illegal backslash escape in string or character (\\{})", char_escaped_for_escape(c)),
                ));
            }
        }
        if at(1) == Some(b'\'') {
            self.pos = p + 2;
            let end = self.position();
            return Err(self.err(start.clone(), end, "Illegal empty character literal ''\n  Hint: Did you mean ' ' or a type variable 'a?"));
        }
        self.pos = p + 1;
        Ok(Token::Quote)
    }

    fn number(&mut self, start: &Position) -> LexResult<Token> {
        let s = self.src;
        let p = self.pos;
        let mut j = p;
        let is_hex;
        let mut is_float = false;
        if s[j] == b'0' && matches!(s.get(j + 1), Some(b'x' | b'X')) && s.get(j + 2).map_or(false, |c| c.is_ascii_hexdigit()) {
            is_hex = true;
            j += 3;
            while j < s.len() && (s[j].is_ascii_hexdigit() || s[j] == b'_') {
                j += 1;
            }
            if j < s.len() && s[j] == b'.' {
                is_float = true;
                j += 1;
                while j < s.len() && (s[j].is_ascii_hexdigit() || s[j] == b'_') {
                    j += 1;
                }
            }
            if j < s.len() && (s[j] == b'p' || s[j] == b'P') {
                let mut k = j + 1;
                if k < s.len() && (s[k] == b'+' || s[k] == b'-') {
                    k += 1;
                }
                if k < s.len() && s[k].is_ascii_digit() {
                    is_float = true;
                    j = k + 1;
                    while j < s.len() && (s[j].is_ascii_digit() || s[j] == b'_') {
                        j += 1;
                    }
                }
            }
        } else if s[j] == b'0' && matches!(s.get(j + 1), Some(b'o' | b'O')) && s.get(j + 2).map_or(false, |c| (b'0'..=b'7').contains(c)) {
            is_hex = false;
            j += 3;
            while j < s.len() && ((b'0'..=b'7').contains(&s[j]) || s[j] == b'_') {
                j += 1;
            }
        } else if s[j] == b'0' && matches!(s.get(j + 1), Some(b'b' | b'B')) && s.get(j + 2).map_or(false, |c| *c == b'0' || *c == b'1') {
            is_hex = false;
            j += 3;
            while j < s.len() && (s[j] == b'0' || s[j] == b'1' || s[j] == b'_') {
                j += 1;
            }
        } else {
            is_hex = false;
            while j < s.len() && (s[j].is_ascii_digit() || s[j] == b'_') {
                j += 1;
            }
            if j < s.len() && s[j] == b'.' {
                is_float = true;
                j += 1;
                while j < s.len() && (s[j].is_ascii_digit() || s[j] == b'_') {
                    j += 1;
                }
            }
            if j < s.len() && (s[j] == b'e' || s[j] == b'E') {
                let mut k = j + 1;
                if k < s.len() && (s[k] == b'+' || s[k] == b'-') {
                    k += 1;
                }
                if k < s.len() && s[k].is_ascii_digit() {
                    is_float = true;
                    j = k + 1;
                    while j < s.len() && (s[j].is_ascii_digit() || s[j] == b'_') {
                        j += 1;
                    }
                }
            }
        }
        let _ = is_hex;
        let lit = String::from_utf8_lossy(&s[p..j]).into_owned();
        let mut modifier = None;
        if j < s.len() && (s[j].is_ascii_alphabetic() && (s[j].to_ascii_lowercase() >= b'g')) {
            modifier = Some(s[j] as char);
            j += 1;
        }
        if j < s.len() && is_identchar(s[j]) {
            // Invalid literal: the longest run of identifier characters.
            let mut k = j;
            while k < s.len() && is_identchar(s[k]) {
                k += 1;
            }
            self.pos = k;
            let text = String::from_utf8_lossy(&s[p..k]).into_owned();
            let end = self.position();
            return Err(self.err(start.clone(), end, format!("Invalid literal {}", text)));
        }
        self.pos = j;
        Ok(if is_float { Token::Float(lit, modifier) } else { Token::Int(lit, modifier) })
    }
}

fn char_escaped_for_escape(c: u8) -> String {
    if (b' '..=b'~').contains(&c) {
        (c as char).to_string()
    } else {
        char_escaped(c)
    }
}
