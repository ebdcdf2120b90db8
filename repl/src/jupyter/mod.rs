//! The Jupyter kernel front end: `ocaml-jit -jupyter CONNECTION_FILE` serves the toplevel
//! engine over the Jupyter messaging protocol (5.3); `ocaml-jit -jupyter-install` writes the
//! kernelspec.
//!
//! Threads: the main thread owns the toplevel and answers shell requests in order
//! (`handlers.rs`, `execute.rs`); a tokio runtime serves the sockets, the heartbeat and the
//! control channel (`sockets.rs`); a reader thread publishes what OCaml code prints
//! (`capture.rs`). Messages are signed and checked in `wire.rs`.

mod capture;
mod code_text;
mod connection;
mod execute;
mod handlers;
mod kernelspec;
mod log;
mod output;
mod sockets;
mod wire;

use crate::toplevel::Toplevel;
use std::sync::{Arc, Mutex};

/// Runs the kernel until it is shut down; the process's exit code.
pub fn run(top: &mut Toplevel, connection_file: &str) -> i32 {
    let info = match connection::ConnectionInfo::read(connection_file) {
        Ok(i) => i,
        Err(e) => {
            log::log(&e);
            return 2;
        }
    };
    // Interrupts (`interrupt_mode: signal`) stop the running cell with `Interrupted.`; the
    // handler is in place before any socket can ask for one.
    runtime::signals::install_sigint();
    let session = uuid::Uuid::new_v4().to_string();
    let (runtime, channels) = match sockets::start(&info, &session) {
        Ok(r) => r,
        Err(e) => {
            log::log(&e);
            return 2;
        }
    };
    let output = Arc::new(Mutex::new(output::CellOutput::new(channels.iopub.clone(), session.clone())));
    let capture = match capture::Capture::install(output.clone()) {
        Ok((capture, log_fd)) => {
            log::set_fd(log_fd);
            capture
        }
        Err(e) => {
            log::log(&format!("cannot capture the output: {}", e));
            return 2;
        }
    };
    top.stop_on_error = true;
    let _ = channels.iopub.send(wire::Message::broadcast(&session, None, "status", serde_json::json!({"execution_state": "starting"})));
    log::log(&format!("listening on {} (shell port {})", info.ip, info.shell_port));
    let mut kernel = handlers::Kernel { top, session, channels, output, capture, execution_count: 0, failed_stop_on_error: false, history: Vec::new() };
    kernel.run();
    // Let the last replies leave before the sockets close.
    std::thread::sleep(std::time::Duration::from_millis(200));
    runtime.shutdown_timeout(std::time::Duration::from_millis(500));
    0
}

/// `ocaml-jit -jupyter-install [--user | --prefix DIR]`.
pub fn install(args: &[String]) -> i32 {
    match kernelspec::install(args) {
        Ok(dir) => {
            println!("Installed the Jupyter kernel `{}` in {}", kernelspec::KERNEL_NAME, dir.display());
            0
        }
        Err(e) => {
            eprintln!("ocaml-jit: {}", e);
            2
        }
    }
}
