//! The shell requests, answered on the main thread, which owns the toplevel session: every
//! request is framed by `busy` and `idle` statuses on IOPub, as Jupyter clients expect.

use super::capture::Capture;
use super::code_text;
use super::execute;
use super::log::log;
use super::output::CellOutput;
use super::sockets::{Channels, Request};
use super::wire::{Message, PROTOCOL_VERSION};
use crate::phrase_result::Body;
use crate::toplevel::Toplevel;
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

pub fn kernel_info() -> Value {
    json!({
        "status": "ok",
        "protocol_version": PROTOCOL_VERSION,
        "implementation": "ocaml-jit",
        "implementation_version": env!("CARGO_PKG_VERSION"),
        "language_info": {
            "name": "ocaml",
            "version": "4.14",
            "mimetype": "text/x-ocaml",
            "file_extension": ".ml",
            "codemirror_mode": "ocaml",
            "pygments_lexer": "ocaml",
        },
        "banner": "OCaml (ocaml-jit): OCaml compiled to native code by Cranelift",
        "help_links": [],
    })
}

pub struct Kernel<'a> {
    pub top: &'a mut Toplevel,
    pub session: String,
    pub channels: Channels,
    pub output: Arc<Mutex<CellOutput>>,
    pub capture: Arc<Capture>,
    pub execution_count: u64,
    /// The last cell failed and asked to stop the ones queued after it.
    pub failed_stop_on_error: bool,
    /// The cells run with `store_history`, with their execution counts (this session only).
    pub history: Vec<(u64, String)>,
}

impl Kernel<'_> {
    /// Serves shell requests until a shutdown (or `#quit` in a cell).
    pub fn run(&mut self) {
        // Requests taken from the channel early, with whether an execution must be aborted.
        let mut queued: VecDeque<(Request, bool)> = VecDeque::new();
        loop {
            let (request, abort) = match queued.pop_front() {
                Some(q) => q,
                None => match self.channels.requests.recv() {
                    Ok(r) => (r, false),
                    Err(_) => return,
                },
            };
            let Request::Shell(msg) = request else { return };
            self.status(&msg, "busy");
            let stop = if abort && msg.msg_type() == "execute_request" {
                self.reply(&msg, "execute_reply", json!({"status": "aborted", "execution_count": self.execution_count}));
                false
            } else {
                self.handle_guarded(&msg)
            };
            if std::mem::take(&mut self.failed_stop_on_error) {
                // A failed cell aborts the executions already waiting ("Run all" stops
                // there), not those a client sends after seeing this request's `idle`.
                while let Ok(r) = self.channels.requests.try_recv() {
                    queued.push_back((r, true));
                }
            }
            self.status(&msg, "idle");
            if stop {
                return;
            }
        }
    }

    fn status(&self, parent: &Message, state: &str) {
        let _ = self.channels.iopub.send(Message::broadcast(&self.session, Some(parent), "status", json!({"execution_state": state})));
    }

    fn reply(&self, parent: &Message, msg_type: &str, content: Value) {
        let _ = self.channels.shell_replies.send(Message::reply(&self.session, parent, msg_type, content));
    }

    /// [`Kernel::handle`], surviving a panic of the engine (a bug, reported on stderr by the
    /// panic hook, hence in the notebook): the cell fails, the kernel goes on.
    fn handle_guarded(&mut self, msg: &Message) -> bool {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.handle(msg))) {
            Ok(stop) => stop,
            Err(_) => {
                log(&format!("internal error while answering {}", msg.msg_type()));
                if msg.msg_type() == "execute_request" {
                    let err = execute::CellError {
                        ename: "InternalError".into(),
                        evalue: "ocaml-jit failed on this cell (a bug)".into(),
                        traceback: vec!["Internal error: ocaml-jit failed on this cell (a bug)".into()],
                    };
                    if let Ok(out) = self.output.lock() {
                        out.publish("error", err.content());
                    }
                    let mut c = err.content();
                    c["status"] = json!("error");
                    c["execution_count"] = json!(self.execution_count);
                    self.reply(msg, "execute_reply", c);
                }
                false
            }
        }
    }

    /// Answers one request; true when the kernel must stop.
    fn handle(&mut self, msg: &Message) -> bool {
        let content = &msg.content;
        let text = |name: &str| content.get(name).and_then(Value::as_str).unwrap_or("").to_string();
        let cursor = content.get("cursor_pos").and_then(Value::as_u64).map(|p| p as usize);
        match msg.msg_type() {
            "kernel_info_request" => self.reply(msg, "kernel_info_reply", kernel_info()),
            "execute_request" => return self.execute(msg),
            "is_complete_request" => {
                let status = code_text::completeness(&text("code"));
                let mut reply = json!({"status": status});
                if status == "incomplete" {
                    reply["indent"] = json!("");
                }
                self.reply(msg, "is_complete_reply", reply);
            }
            "complete_request" => {
                let code = text("code");
                let reply = self.complete(&code, cursor.unwrap_or(usize::MAX));
                self.reply(msg, "complete_reply", reply);
            }
            "inspect_request" => {
                let code = text("code");
                let reply = self.inspect(&code, cursor.unwrap_or(usize::MAX));
                self.reply(msg, "inspect_reply", reply);
            }
            "history_request" => {
                let history = self.history_of(content);
                self.reply(msg, "history_reply", json!({"status": "ok", "history": history}));
            }
            "comm_info_request" => self.reply(msg, "comm_info_reply", json!({"status": "ok", "comms": {}})),
            "shutdown_request" => {
                let restart = content.get("restart").and_then(Value::as_bool).unwrap_or(false);
                self.reply(msg, "shutdown_reply", json!({"status": "ok", "restart": restart}));
                return true;
            }
            other => log(&format!("shell: ignored {}", other)),
        }
        false
    }

    fn execute(&mut self, msg: &Message) -> bool {
        let code = msg.content.get("code").and_then(Value::as_str).unwrap_or("").to_string();
        let flag = |name: &str, default: bool| msg.content.get(name).and_then(Value::as_bool).unwrap_or(default);
        let silent = flag("silent", false);
        let store_history = flag("store_history", true) && !silent;
        if store_history {
            self.execution_count += 1;
            self.history.push((self.execution_count, code.clone()));
        }
        let count = self.execution_count;
        if let Ok(mut out) = self.output.lock() {
            out.begin(msg, count, silent);
            if !silent {
                out.publish("execute_input", json!({"code": code, "execution_count": count}));
            }
        }
        let failure = execute::run_cell(self.top, &code, &self.capture, &self.output);
        let reply = match failure {
            None => json!({"status": "ok", "execution_count": count, "user_expressions": {}, "payload": []}),
            Some(err) => {
                self.failed_stop_on_error = flag("stop_on_error", true);
                let mut c = err.content();
                c["status"] = json!("error");
                c["execution_count"] = json!(count);
                c
            }
        };
        self.reply(msg, "execute_reply", reply);
        if self.top.quit {
            log("#quit: stopping the kernel");
        }
        self.top.quit
    }

    /// `history_request` over this session's cells: `tail` (the last `n`), `range` (counts
    /// `start` to `stop`, excluded), `search` (a `*` glob over the code). Entries are
    /// `[session, line, input]`, session 0 being the current one.
    fn history_of(&self, content: &Value) -> Vec<Value> {
        let num = |name: &str| content.get(name).and_then(Value::as_i64);
        let entries = self.history.iter();
        let picked: Vec<&(u64, String)> = match content.get("hist_access_type").and_then(Value::as_str) {
            Some("tail") => {
                let n = num("n").unwrap_or(self.history.len() as i64).max(0) as usize;
                self.history.iter().skip(self.history.len().saturating_sub(n)).collect()
            }
            Some("range") => {
                let start = num("start").unwrap_or(0);
                let stop = num("stop").filter(|&s| s > 0).unwrap_or(i64::MAX);
                entries.filter(|(line, _)| (*line as i64) >= start && (*line as i64) < stop).collect()
            }
            Some("search") => {
                let pattern = content.get("pattern").and_then(Value::as_str).unwrap_or("*");
                let mut found: Vec<_> = entries.filter(|(_, code)| glob_match(pattern, code)).collect();
                if let Some(n) = num("n") {
                    found = found.split_off(found.len().saturating_sub(n.max(0) as usize));
                }
                found
            }
            _ => Vec::new(),
        };
        picked.into_iter().map(|(line, code)| json!([0, line, code])).collect()
    }

    /// Completion from the session's environment: values, modules and constructors in scope
    /// (`List.ma` among the contents of `List`), directives after `#`.
    fn complete(&self, code: &str, cursor: usize) -> Value {
        let end = code_text::byte_offset(code, cursor);
        let start = code_text::word_start(code, end);
        let prefix = &code[start..end];
        let mut matches: Vec<String> = if prefix.is_empty() {
            Vec::new()
        } else {
            let directive = prefix.strip_prefix('#');
            let names = (self.top.completer())(prefix);
            names
                .into_iter()
                .map(|n| match directive {
                    Some(_) if !n.starts_with('#') => format!("#{}", n),
                    _ => n,
                })
                .filter(|n| n.starts_with(prefix))
                .collect()
        };
        matches.sort();
        matches.dedup();
        json!({
            "status": "ok",
            "matches": matches,
            "cursor_start": code_text::char_offset(code, start),
            "cursor_end": code_text::char_offset(code, end),
            "metadata": {},
        })
    }

    /// What `#show` says about the name under the cursor.
    fn inspect(&mut self, code: &str, cursor: usize) -> Value {
        let byte = code_text::byte_offset(code, cursor);
        let shown = code_text::name_at(code, byte).and_then(|name| {
            let results = self.top.eval_text(&format!("#show {};;", name), "//toplevel//");
            match results.first().map(|r| &r.body) {
                // `#show` answers an unbound name with this text rather than an error.
                Some(Body::Directive(t)) if !t.is_empty() && t != "Unknown element.\n" => Some(t.trim_end().to_string()),
                _ => None,
            }
        });
        match shown {
            Some(t) => json!({"status": "ok", "found": true, "data": {"text/plain": t}, "metadata": {}}),
            None => json!({"status": "ok", "found": false, "data": {}, "metadata": {}}),
        }
    }
}

/// Whether `text` matches `pattern`, where `*` stands for any text and `?` for one character
/// (IPython's history search patterns).
fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    // matched[j]: the pattern so far matches t[..j].
    let mut matched = vec![false; t.len() + 1];
    matched[0] = true;
    for &c in &p {
        let mut next = vec![false; t.len() + 1];
        for j in 0..=t.len() {
            next[j] = match c {
                '*' => matched[j] || (j > 0 && next[j - 1]),
                '?' => j > 0 && matched[j - 1],
                c => j > 0 && matched[j - 1] && t[j - 1] == c,
            };
        }
        matched = next;
    }
    matched[t.len()]
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn history_search_patterns() {
        assert!(glob_match("*", ""));
        assert!(glob_match("let*", "let x = 1"));
        assert!(glob_match("*x = ?", "let x = 1"));
        assert!(!glob_match("let", "let x = 1"));
        assert!(!glob_match("*y*", "let x = 1"));
    }
}
