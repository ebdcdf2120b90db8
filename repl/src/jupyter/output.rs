//! What a cell shows, in order, on IOPub: `stream` messages for what its code printed (and
//! the toplevel's warnings, on stderr), `execute_result` for the toplevel's answers
//! (`val x : int = 3`). Consecutive answers are merged into one result, so a cell of
//! definitions shows one `Out[n]`; output printed between two phrases splits them, so the
//! notebook shows everything in the order the toplevel would.

use super::wire::Message;
use serde_json::json;
use tokio::sync::mpsc::UnboundedSender;

pub struct CellOutput {
    iopub: UnboundedSender<Message>,
    session: String,
    /// The execute request being run (the parent of what is published).
    parent: Option<Message>,
    execution_count: u64,
    /// `silent` requests publish nothing but their status.
    silent: bool,
    /// Answers not published yet.
    answers: String,
}

impl CellOutput {
    pub fn new(iopub: UnboundedSender<Message>, session: String) -> CellOutput {
        CellOutput { iopub, session, parent: None, execution_count: 0, silent: false, answers: String::new() }
    }

    /// A new cell starts: what follows belongs to `parent`.
    pub fn begin(&mut self, parent: &Message, execution_count: u64, silent: bool) {
        self.parent = Some(parent.clone());
        self.execution_count = execution_count;
        self.silent = silent;
        self.answers.clear();
    }

    pub fn publish(&self, msg_type: &str, content: serde_json::Value) {
        let msg = Message::broadcast(&self.session, self.parent.as_ref(), msg_type, content);
        // The I/O threads are gone only when the kernel stops.
        let _ = self.iopub.send(msg);
    }

    /// Text the code wrote to stdout or stderr (`name`).
    pub fn stream(&mut self, name: &str, text: &str) {
        if self.silent || text.is_empty() {
            return;
        }
        self.flush_answers();
        self.publish("stream", json!({"name": name, "text": text}));
    }

    /// The toplevel's answer to a phrase.
    pub fn answer(&mut self, text: &str) {
        if !self.silent {
            self.answers.push_str(text);
        }
    }

    pub fn flush_answers(&mut self) {
        if self.answers.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.answers);
        // Notebooks add their own line break after a result.
        let text = text.strip_suffix('\n').unwrap_or(&text);
        self.publish(
            "execute_result",
            json!({"execution_count": self.execution_count, "data": {"text/plain": text}, "metadata": {}}),
        );
    }
}
