//! The kernel's five ZeroMQ sockets, served by a small tokio runtime on threads of their own,
//! so the heartbeat and the control channel answer while a cell runs on the main thread.
//!
//! Shell requests go to the main thread (which owns the toplevel) in arrival order; its
//! replies and every IOPub message come back through channels to the tasks that own the
//! sockets. Control requests are answered here: interrupt raises SIGINT (which the runtime
//! turns into `Sys.Break` at the next poll point of the running code), shutdown replies and
//! asks the main thread to stop.

use super::connection::ConnectionInfo;
use super::log::log;
use super::wire::{self, Message, Signer};
use serde_json::json;
use std::sync::mpsc;
use std::time::Duration;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use zeromq::{PubSocket, RepSocket, RouterSocket, Socket, SocketRecv, SocketSend, ZmqMessage};

/// What the main thread is asked to do.
pub enum Request {
    /// A shell request, signature checked.
    Shell(Message),
    /// Stop (a shutdown request came on the control channel).
    Shutdown,
}

/// The main thread's ends of the channels.
pub struct Channels {
    pub requests: mpsc::Receiver<Request>,
    pub shell_replies: UnboundedSender<Message>,
    pub iopub: UnboundedSender<Message>,
}

/// What a socket task needs to answer control requests itself.
#[derive(Clone)]
struct Context {
    session: String,
    signer: Signer,
    iopub: UnboundedSender<Message>,
    requests: mpsc::Sender<Request>,
}

/// Binds every socket (an error if one cannot be bound) and starts serving them. The
/// runtime must be kept alive as long as the kernel runs.
pub fn start(info: &ConnectionInfo, session: &str) -> Result<(tokio::runtime::Runtime, Channels), String> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("jupyter-io")
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the I/O threads: {}", e))?;
    let (shell, control, stdin, iopub, hb) = rt.block_on(async {
        let bind_err = |name: &str, port: u16| {
            let endpoint = info.endpoint(port);
            let name = name.to_string();
            move |e: zeromq::ZmqError| format!("cannot bind the {} socket to {}: {}", name, endpoint, e)
        };
        let mut shell = RouterSocket::new();
        shell.bind(&info.endpoint(info.shell_port)).await.map_err(bind_err("shell", info.shell_port))?;
        let mut control = RouterSocket::new();
        control.bind(&info.endpoint(info.control_port)).await.map_err(bind_err("control", info.control_port))?;
        let mut stdin = RouterSocket::new();
        stdin.bind(&info.endpoint(info.stdin_port)).await.map_err(bind_err("stdin", info.stdin_port))?;
        let mut iopub = PubSocket::new();
        iopub.bind(&info.endpoint(info.iopub_port)).await.map_err(bind_err("iopub", info.iopub_port))?;
        let mut hb = RepSocket::new();
        hb.bind(&info.endpoint(info.hb_port)).await.map_err(bind_err("heartbeat", info.hb_port))?;
        Ok::<_, String>((shell, control, stdin, iopub, hb))
    })?;
    let signer = Signer::new(&info.key);
    let (requests_tx, requests) = mpsc::channel();
    let (iopub_tx, iopub_rx) = unbounded_channel();
    let (reply_tx, reply_rx) = unbounded_channel();
    let ctx = Context { session: session.to_string(), signer: signer.clone(), iopub: iopub_tx.clone(), requests: requests_tx };
    rt.spawn(heartbeat(hb));
    rt.spawn(publish(iopub, iopub_rx, signer.clone()));
    rt.spawn(ignore_stdin(stdin));
    rt.spawn(control_loop(control, ctx.clone()));
    let (shell_send, shell_recv) = shell.split();
    rt.spawn(send_replies(shell_send, reply_rx, signer));
    rt.spawn(shell_loop(shell_recv, ctx));
    Ok((rt, Channels { requests, shell_replies: reply_tx, iopub: iopub_tx }))
}

fn frames_of(msg: ZmqMessage) -> Vec<Vec<u8>> {
    msg.into_vec().into_iter().map(|b| b.to_vec()).collect()
}

fn zmq_message(frames: Vec<Vec<u8>>) -> Option<ZmqMessage> {
    ZmqMessage::try_from(frames.into_iter().map(bytes::Bytes::from).collect::<Vec<_>>()).ok()
}

/// Echoes every ping, whatever the main thread is doing.
async fn heartbeat(mut socket: RepSocket) {
    loop {
        match socket.recv().await {
            Ok(ping) => {
                if let Err(e) = socket.send(ping).await {
                    log(&format!("heartbeat: {}", e));
                }
            }
            Err(e) => {
                log(&format!("heartbeat: {}", e));
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

async fn publish(mut socket: PubSocket, mut queue: UnboundedReceiver<Message>, signer: Signer) {
    while let Some(msg) = queue.recv().await {
        if let Some(m) = zmq_message(wire::encode(&msg, &signer)) {
            if let Err(e) = socket.send(m).await {
                log(&format!("iopub: {}", e));
            }
        }
    }
}

async fn send_replies(mut socket: impl SocketSend, mut queue: UnboundedReceiver<Message>, signer: Signer) {
    while let Some(msg) = queue.recv().await {
        send(&mut socket, &msg, &signer).await;
    }
}

async fn send(socket: &mut impl SocketSend, msg: &Message, signer: &Signer) {
    if let Some(m) = zmq_message(wire::encode(msg, signer)) {
        if let Err(e) = socket.send(m).await {
            log(&format!("cannot send {}: {}", msg.msg_type(), e));
        }
    }
}

/// Receives the next valid message; malformed or badly signed ones are logged and dropped.
async fn next_message(socket: &mut impl SocketRecv, signer: &Signer, channel: &str) -> Option<Message> {
    loop {
        match socket.recv().await {
            Ok(m) => match wire::decode(frames_of(m), signer) {
                Ok(msg) => return Some(msg),
                Err(e) => log(&format!("{}: dropped a message: {}", channel, e)),
            },
            Err(zeromq::ZmqError::NoMessage) => return None,
            Err(e) => {
                log(&format!("{}: {}", channel, e));
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

async fn shell_loop(mut socket: impl SocketRecv, ctx: Context) {
    while let Some(msg) = next_message(&mut socket, &ctx.signer, "shell").await {
        if ctx.requests.send(Request::Shell(msg)).is_err() {
            return;
        }
    }
}

/// Input requests are not supported: OCaml code reading stdin sees end of file.
async fn ignore_stdin(mut socket: RouterSocket) {
    while let Some(msg) = next_message(&mut socket, &Signer::new(""), "stdin").await {
        log(&format!("stdin: ignored {}", msg.msg_type()));
    }
}

async fn control_loop(mut socket: RouterSocket, ctx: Context) {
    while let Some(msg) = next_message(&mut socket, &ctx.signer, "control").await {
        let status = |state: &str| Message::broadcast(&ctx.session, Some(&msg), "status", json!({"execution_state": state}));
        let _ = ctx.iopub.send(status("busy"));
        match msg.msg_type() {
            "interrupt_request" => {
                // The handler the toplevel installed marks the signal pending for the code
                // that runs on the main thread.
                unsafe { libc::raise(libc::SIGINT) };
                let reply = Message::reply(&ctx.session, &msg, "interrupt_reply", json!({"status": "ok"}));
                send(&mut socket, &reply, &ctx.signer).await;
            }
            "shutdown_request" => {
                let restart = msg.content.get("restart").and_then(|v| v.as_bool()).unwrap_or(false);
                let reply = Message::reply(&ctx.session, &msg, "shutdown_reply", json!({"status": "ok", "restart": restart}));
                send(&mut socket, &reply, &ctx.signer).await;
                let _ = ctx.iopub.send(status("idle"));
                tokio::time::sleep(Duration::from_millis(100)).await;
                let _ = ctx.requests.send(Request::Shutdown);
                // A cell still running never reads the request: stop without it.
                tokio::time::sleep(Duration::from_secs(2)).await;
                log("shutdown: the running cell did not stop, exiting");
                std::process::exit(0);
            }
            "kernel_info_request" => {
                let reply = Message::reply(&ctx.session, &msg, "kernel_info_reply", super::handlers::kernel_info());
                send(&mut socket, &reply, &ctx.signer).await;
            }
            other => log(&format!("control: ignored {}", other)),
        }
        let _ = ctx.iopub.send(status("idle"));
    }
}
