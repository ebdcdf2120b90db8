//! A pretty-printing engine with the same line-breaking behaviour as OCaml's `Format`
//! (boxes h/v/hv/hov/b, break hints, margin 78, max indentation 68), so that long types,
//! signatures and error messages wrap exactly where OCaml wraps them.
//!
//! It is the classic Oppen algorithm: tokens are queued with their sizes, and the size of a
//! box or break becomes known when the next break at the same level (or the box end) arrives,
//! or is taken as infinite once the pending text exceeds the space left on the line.

use std::collections::VecDeque;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoxKind {
    H,
    V,
    HV,
    HOV,
    /// OCaml's structural "b" box: like hov, but also breaks when that reduces indentation.
    B,
    /// Internal: a box that fits on the line.
    Fits,
}

#[derive(Clone, Debug)]
enum Token {
    Text(String),
    /// A break hint: what it prints when the line does not break (text, spaces, text) and
    /// when it does (text, offset, text).
    Break { fits: (String, isize, String), breaks: (String, isize, String) },
    /// Skips the next token unless a line was just broken.
    IfNewline,
    Begin { indent: isize, kind: BoxKind },
    End,
    Newline,
}

struct Elem {
    size: isize,
    token: Token,
    length: isize,
}

struct ScanElem {
    left_total: isize,
    /// Index into the queue (absolute, counting from `queue_base`); None for the sentinel.
    index: Option<usize>,
}

const INFINITY: isize = 1_000_000_010;

pub struct Formatter {
    margin: isize,
    max_indent: isize,
    space_left: isize,
    current_indent: isize,
    is_new_line: bool,
    left_total: isize,
    right_total: isize,
    curr_depth: usize,
    queue: VecDeque<Elem>,
    queue_base: usize,
    scan_stack: Vec<ScanElem>,
    format_stack: Vec<(BoxKind, isize)>,
    out: String,
}

impl Default for Formatter {
    fn default() -> Self {
        Formatter::new(78)
    }
}

impl Formatter {
    pub fn new(margin: isize) -> Formatter {
        let mut f = Formatter {
            margin,
            max_indent: margin - 10,
            space_left: margin,
            current_indent: 0,
            is_new_line: true,
            left_total: 1,
            right_total: 1,
            curr_depth: 0,
            queue: VecDeque::new(),
            queue_base: 0,
            scan_stack: Vec::new(),
            format_stack: Vec::new(),
            out: String::new(),
        };
        f.rinit();
        f
    }

    fn rinit(&mut self) {
        self.queue_base += self.queue.len();
        self.queue.clear();
        self.left_total = 1;
        self.right_total = 1;
        self.init_scan_stack();
        self.format_stack.clear();
        self.current_indent = 0;
        self.curr_depth = 0;
        self.space_left = self.margin;
        self.open_box(BoxKind::HOV, 0);
    }

    fn init_scan_stack(&mut self) {
        self.scan_stack.clear();
        self.scan_stack.push(ScanElem { left_total: -1, index: None });
    }

    /// The output so far (call `flush` first to get everything).
    pub fn contents(&self) -> &str {
        &self.out
    }

    pub fn take(&mut self) -> String {
        std::mem::take(&mut self.out)
    }

    // -- output primitives --------------------------------------------------------------------

    fn output_newline(&mut self) {
        self.out.push('\n');
    }

    fn output_spaces(&mut self, n: isize) {
        for _ in 0..n.max(0) {
            self.out.push(' ');
        }
    }

    fn text_if_any(&mut self, s: &str) {
        if !s.is_empty() {
            self.space_left -= crate::raw_text::byte_len(s) as isize;
            self.out.push_str(s);
            self.is_new_line = false;
        }
    }

    fn custom_new_line(&mut self, (before, offset, after): &(String, isize, String), width: isize) {
        self.text_if_any(before);
        self.break_new_line(*offset, width);
        self.text_if_any(after);
    }

    fn custom_same_line(&mut self, (before, spaces, after): &(String, isize, String)) {
        self.text_if_any(before);
        self.break_same_line(*spaces);
        self.text_if_any(after);
    }

    fn break_new_line(&mut self, offset: isize, width: isize) {
        self.output_newline();
        self.is_new_line = true;
        let indent = self.margin - width + offset;
        let real_indent = indent.min(self.max_indent);
        self.current_indent = real_indent;
        self.space_left = self.margin - self.current_indent;
        self.output_spaces(real_indent);
    }

    fn break_same_line(&mut self, width: isize) {
        self.space_left -= width;
        self.output_spaces(width);
    }

    fn force_break_line(&mut self) {
        match self.format_stack.last().copied() {
            None => self.output_newline(),
            Some((kind, width)) => {
                if width > self.space_left && !matches!(kind, BoxKind::Fits | BoxKind::H) {
                    self.break_new_line(0, width)
                }
            }
        }
    }

    fn format_token(&mut self, size: isize, token: Token) {
        match token {
            Token::Text(s) => {
                self.space_left -= size;
                self.out.push_str(&s);
                self.is_new_line = false;
            }
            Token::Begin { indent, kind } => {
                let insertion_point = self.margin - self.space_left;
                if insertion_point > self.max_indent {
                    self.force_break_line();
                }
                let width = self.space_left - indent;
                let kind = match kind {
                    BoxKind::V => BoxKind::V,
                    k => {
                        if size > self.space_left {
                            k
                        } else {
                            BoxKind::Fits
                        }
                    }
                };
                self.format_stack.push((kind, width));
            }
            Token::End => {
                self.format_stack.pop();
            }
            Token::Newline => match self.format_stack.last().copied() {
                Some((_, width)) => self.break_new_line(0, width),
                None => self.output_newline(),
            },
            Token::Break { fits, breaks } => {
                if let Some((kind, width)) = self.format_stack.last().copied() {
                    let offset = breaks.1;
                    let too_long = size + crate::raw_text::byte_len(&breaks.0) as isize > self.space_left;
                    match kind {
                        BoxKind::HOV => {
                            if too_long {
                                self.custom_new_line(&breaks, width)
                            } else {
                                self.custom_same_line(&fits)
                            }
                        }
                        BoxKind::B => {
                            if self.is_new_line {
                                self.custom_same_line(&fits)
                            } else if too_long || self.current_indent > self.margin - width + offset {
                                self.custom_new_line(&breaks, width)
                            } else {
                                self.custom_same_line(&fits)
                            }
                        }
                        BoxKind::HV | BoxKind::V => self.custom_new_line(&breaks, width),
                        BoxKind::Fits | BoxKind::H => self.custom_same_line(&fits),
                    }
                }
            }
            Token::IfNewline => {
                if self.current_indent != self.margin - self.space_left {
                    if let Some(skipped) = self.queue.pop_front() {
                        self.queue_base += 1;
                        self.left_total -= skipped.length;
                        self.space_left += skipped.size;
                    }
                }
            }
        }
    }

    fn advance_left(&mut self) {
        while let Some(front) = self.queue.front() {
            let pending = self.right_total - self.left_total;
            if front.size >= 0 || pending >= self.space_left {
                let Some(e) = self.queue.pop_front() else { break };
                self.queue_base += 1;
                let size = if e.size >= 0 { e.size } else { INFINITY };
                self.format_token(size, e.token);
                self.left_total += e.length;
            } else {
                break;
            }
        }
    }

    fn enqueue(&mut self, e: Elem) -> usize {
        self.right_total += e.length;
        self.queue.push_back(e);
        self.queue_base + self.queue.len() - 1
    }

    fn set_size(&mut self, is_break: bool) {
        let Some(top) = self.scan_stack.last() else { return };
        let Some(idx) = top.index else { return };
        if top.left_total < self.left_total {
            self.init_scan_stack();
            return;
        }
        if idx < self.queue_base {
            self.init_scan_stack();
            return;
        }
        let right_total = self.right_total;
        let qi = idx - self.queue_base;
        let Some(elem) = self.queue.get_mut(qi) else { return };
        let matches = match elem.token {
            Token::Break { .. } => is_break,
            Token::Begin { .. } => !is_break,
            _ => false,
        };
        if matches {
            elem.size += right_total;
            self.scan_stack.pop();
        }
    }

    fn scan_push(&mut self, is_break: bool, e: Elem) {
        let idx = self.enqueue(e);
        if is_break {
            self.set_size(true);
        }
        self.scan_stack.push(ScanElem { left_total: self.right_total, index: Some(idx) });
    }

    // -- public interface ---------------------------------------------------------------------

    pub fn open_box(&mut self, kind: BoxKind, indent: isize) {
        self.curr_depth += 1;
        let e = Elem { size: -self.right_total, token: Token::Begin { indent, kind }, length: 0 };
        self.scan_push(false, e);
    }

    pub fn close_box(&mut self) {
        if self.curr_depth > 1 {
            self.enqueue(Elem { size: 0, token: Token::End, length: 0 });
            self.set_size(true);
            self.set_size(false);
            self.curr_depth -= 1;
        }
    }

    pub fn string(&mut self, s: &str) {
        self.string_as(crate::raw_text::byte_len(s) as isize, s)
    }

    /// Text counted as `size` columns (`Format.pp_print_as`).
    pub fn string_as(&mut self, size: isize, s: &str) {
        self.enqueue(Elem { size, token: Token::Text(s.to_string()), length: size });
        self.advance_left();
    }

    pub fn brk(&mut self, width: isize, offset: isize) {
        self.custom_break((String::new(), width, String::new()), (String::new(), offset, String::new()))
    }

    /// `Format.pp_print_custom_break ~fits ~breaks`.
    pub fn custom_break(&mut self, fits: (String, isize, String), breaks: (String, isize, String)) {
        let length = crate::raw_text::byte_len(&fits.0) as isize + fits.1 + crate::raw_text::byte_len(&fits.2) as isize;
        let e = Elem { size: -self.right_total, token: Token::Break { fits, breaks }, length };
        self.scan_push(true, e);
    }

    /// `Format.pp_print_if_newline`: the next token is printed only right after a line break.
    pub fn if_newline(&mut self) {
        self.enqueue(Elem { size: 0, token: Token::IfNewline, length: 0 });
        self.advance_left();
    }

    pub fn space(&mut self) {
        self.brk(1, 0)
    }

    pub fn cut(&mut self) {
        self.brk(0, 0)
    }

    pub fn force_newline(&mut self) {
        self.enqueue(Elem { size: 0, token: Token::Newline, length: 0 });
        self.advance_left();
    }

    /// Closes all boxes and prints everything pending (`Format.pp_print_flush`).
    pub fn flush(&mut self) {
        while self.curr_depth > 1 {
            self.close_box();
        }
        self.right_total = INFINITY;
        self.advance_left();
        self.rinit();
    }

    /// Flush then newline (`@.`).
    pub fn newline(&mut self) {
        self.flush();
        self.output_newline();
    }

    /// Interprets a directive string with OCaml's `Format` notation, without arguments:
    /// `@[`, `@[<hov 2>`, `@]`, `@ `, `@,`, `@;<1 2>`, `@;`, `@\n`, `@.`, `@@`; other text is
    /// printed as is.
    pub fn p(&mut self, s: &str) {
        let b = s.as_bytes();
        let mut i = 0;
        let mut text = String::new();
        while i < b.len() {
            if b[i] == b'@' && i + 1 < b.len() {
                if !text.is_empty() {
                    self.string(&text);
                    text.clear();
                }
                let c = b[i + 1];
                i += 2;
                match c {
                    b'[' => {
                        let (kind, indent, used) = parse_box_spec(&s[i..]);
                        i += used;
                        self.open_box(kind, indent);
                    }
                    b']' => self.close_box(),
                    b' ' => self.space(),
                    b',' => self.cut(),
                    b'\n' => self.force_newline(),
                    b'.' => self.newline(),
                    b'@' => text.push('@'),
                    b';' => {
                        let (w, o, used) = parse_break_spec(&s[i..]);
                        i += used;
                        self.brk(w, o);
                    }
                    other => {
                        text.push('@');
                        text.push(other as char);
                    }
                }
            } else {
                // push one UTF-8 char
                let ch = s[i..].chars().next().unwrap_or(' ');
                text.push(ch);
                i += ch.len_utf8();
            }
        }
        if !text.is_empty() {
            self.string(&text);
        }
    }
}

fn parse_box_spec(s: &str) -> (BoxKind, isize, usize) {
    if !s.starts_with('<') {
        return (BoxKind::B, 0, 0);
    }
    let Some(end) = s.find('>') else { return (BoxKind::B, 0, 0) };
    let inner = &s[1..end];
    let mut parts = inner.split_whitespace();
    let kind_s = parts.next().unwrap_or("");
    let (kind, rest_indent) = match kind_s {
        "h" => (BoxKind::H, None),
        "v" => (BoxKind::V, None),
        "hv" => (BoxKind::HV, None),
        "hov" => (BoxKind::HOV, None),
        "b" => (BoxKind::B, None),
        n => (BoxKind::B, n.parse::<isize>().ok()),
    };
    let indent = rest_indent.or_else(|| parts.next().and_then(|x| x.parse().ok())).unwrap_or(0);
    (kind, indent, end + 1)
}

fn parse_break_spec(s: &str) -> (isize, isize, usize) {
    if !s.starts_with('<') {
        return (1, 0, 0);
    }
    let Some(end) = s.find('>') else { return (1, 0, 0) };
    let mut parts = s[1..end].split_whitespace();
    let w = parts.next().and_then(|x| x.parse().ok()).unwrap_or(1);
    let o = parts.next().and_then(|x| x.parse().ok()).unwrap_or(0);
    (w, o, end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hov_breaks_when_full() {
        let mut f = Formatter::new(20);
        f.p("@[<hov 2>aaaa bbbb@ cccc@ dddd@ eeee@ ffff@]");
        f.flush();
        assert_eq!(f.contents(), "aaaa bbbb cccc dddd\n  eeee ffff");
    }

    #[test]
    fn hv_all_or_nothing() {
        let mut f = Formatter::new(20);
        f.p("@[<hv 2>aaaa@ bbbb@ cccc@ dddd@ eeee@]");
        f.flush();
        assert_eq!(f.contents(), "aaaa\n  bbbb\n  cccc\n  dddd\n  eeee");
        let mut f = Formatter::new(80);
        f.p("@[<hv 2>aaaa@ bbbb@]");
        f.flush();
        assert_eq!(f.contents(), "aaaa bbbb");
    }
}
