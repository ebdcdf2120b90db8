#!/usr/bin/env python3
"""Drives `ocaml-jit -jupyter` with a real Jupyter client (jupyter_client, pyzmq).

Usage: python3 tests/jupyter/test_kernel.py PATH/TO/ocaml-jit
(`cargo test -p ocaml-jit --test jupyter` runs it with the built binary.)

The toplevel texts each cell must show come from real OCaml: cells.expected.json, written by
regen.py from cells.ml. What the kernel shows for a cell is the concatenation, in order, of its
`stream` texts, its `execute_result` texts (plus the line break notebooks add) and its error
tracebacks, which must equal what `ocaml` printed for the same phrases."""
import json
import os
import queue
import subprocess
import sys
import tempfile
import time
import traceback

import zmq
from jupyter_client.manager import KernelManager

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEOUT = 60
failures = []
passed = 0


def check(cond, what, detail=""):
    global passed
    if cond:
        passed += 1
    else:
        failures.append(what)
        print("FAIL: %s %s" % (what, detail), flush=True)


def run_cell(kc, code, **kw):
    """Executes `code`; returns (reply content, iopub messages of the request, in order)."""
    msg_id = kc.execute(code, **kw)
    return wait_cell(kc, msg_id)


def wait_cell(kc, msg_id):
    reply = None
    while reply is None:
        m = kc.get_shell_msg(timeout=TIMEOUT)
        if m["parent_header"].get("msg_id") == msg_id:
            reply = m["content"]
    msgs = []
    while True:
        m = kc.get_iopub_msg(timeout=TIMEOUT)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return reply, msgs
        msgs.append(m)


def shown_text(msgs):
    """The cell's output as the toplevel would print it."""
    out = ""
    for m in msgs:
        c = m["content"]
        if m["msg_type"] == "stream":
            out += c["text"]
        elif m["msg_type"] == "execute_result":
            out += c["data"]["text/plain"] + "\n"
        elif m["msg_type"] == "error":
            out += "\n".join(c["traceback"]) + "\n"
    return out


def of_type(msgs, t):
    return [m["content"] for m in msgs if m["msg_type"] == t]


def request(kc, send, reply_type):
    msg_id = send()
    while True:
        m = kc.get_shell_msg(timeout=TIMEOUT)
        if m["parent_header"].get("msg_id") == msg_id:
            check(m["msg_type"] == reply_type, "reply type " + reply_type, m["msg_type"])
            return m["content"]


def test_install(binary, prefix):
    out = subprocess.run([binary, "-jupyter-install", "--prefix", prefix], capture_output=True, text=True)
    check(out.returncode == 0, "-jupyter-install exits 0", out.stderr)
    spec_file = os.path.join(prefix, "share", "jupyter", "kernels", "ocaml-jit", "kernel.json")
    spec = json.load(open(spec_file))
    check(spec["argv"][1:] == ["-jupyter", "{connection_file}"], "kernelspec argv", spec["argv"])
    check(os.path.samefile(spec["argv"][0], binary), "kernelspec names this binary", spec["argv"][0])
    check(spec["language"] == "ocaml" and spec["interrupt_mode"] == "signal", "kernelspec language, interrupt_mode")
    bad = subprocess.run([binary, "-jupyter-install", "--bogus"], capture_output=True, text=True)
    check(bad.returncode != 0 and "usage" in bad.stderr, "-jupyter-install rejects a bad argument", bad.stderr)


def start(binary):
    km = KernelManager(kernel_name="ocaml-jit")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    return km, kc


def test_kernel_info(kc):
    info = request(kc, kc.kernel_info, "kernel_info_reply")
    li = info["language_info"]
    check(info["implementation"] == "ocaml-jit" and info["protocol_version"] == "5.3", "kernel_info implementation", info)
    check((li["name"], li["version"], li["mimetype"], li["file_extension"], li["codemirror_mode"])
          == ("ocaml", "4.14", "text/x-ocaml", ".ml", "ocaml"), "kernel_info language_info", li)


def test_oracle_cells(kc):
    """Every cell of cells.ml shows what real OCaml printed for it; state persists across
    cells; execution_count goes up by one per cell; failures are error replies."""
    cells = json.load(open(os.path.join(HERE, "cells.expected.json"), encoding="utf-8"))
    count = None
    for cell in cells:
        code = cell["code"]
        if cell["no_semisemi"]:
            code = code.rstrip().removesuffix(";;")
        reply, msgs = run_cell(kc, code)
        check(shown_text(msgs) == cell["output"], "cell output: " + code.strip(),
              "\n--- got:\n%s--- expected:\n%s" % (shown_text(msgs), cell["output"]))
        inputs = of_type(msgs, "execute_input")
        check(len(inputs) == 1 and inputs[0]["code"] == code, "execute_input for " + code.strip())
        failed = "Error" in cell["output"] and "Warning" not in cell["output"] or "Exception:" in cell["output"]
        check(reply["status"] == ("error" if failed else "ok"), "reply status for " + code.strip(), reply)
        if count is not None:
            check(reply["execution_count"] == count + 1, "execution_count increments", reply)
        count = reply["execution_count"]
        if failed:
            errors = of_type(msgs, "error")
            check(len(errors) == 1 and errors[0]["traceback"] == reply["traceback"], "one error message", errors)
        for r in of_type(msgs, "execute_result"):
            check(r["execution_count"] == count, "execute_result execution_count", r)
    return count


def test_errors(kc):
    reply, msgs = run_cell(kc, 'raise Not_found;;')
    check((reply["status"], reply["ename"]) == ("error", "Not_found"), "exception ename", reply)
    check(reply["traceback"] == ["Exception: Not_found."], "exception traceback", reply["traceback"])
    reply, msgs = run_cell(kc, '1 + "a";;')
    check(reply["ename"] == "Error" and reply["evalue"].startswith("This expression has type string"), "type error evalue", reply)
    # A cell stops at its first failing phrase: `q` is never defined.
    reply, msgs = run_cell(kc, 'let p = 1;;\np + "a";;\nlet q = 2;;')
    check(reply["status"] == "error" and "val q" not in shown_text(msgs) and "val p" in shown_text(msgs),
          "a cell stops at its first error", shown_text(msgs))
    reply, msgs = run_cell(kc, "q;;")
    check(reply["status"] == "error" and "Unbound value q" in reply["evalue"], "later phrases of a failed cell did not run", reply)


def test_abort_queue(kc):
    """After a failing cell, the cells queued behind it are aborted ("Run all" stops)."""
    first = kc.execute("for i = 1 to 50_000_000 do () done;; raise Exit;;")
    second = kc.execute("let after_failure = 1;;")
    reply, _ = wait_cell(kc, first)
    check(reply["status"] == "error" and reply["ename"].endswith("Exit"), "the first queued cell fails", reply)
    reply, msgs = wait_cell(kc, second)
    check(reply["status"] == "aborted" and msgs == [m for m in msgs if m["msg_type"] == "status"],
          "the next queued cell is aborted", reply)
    reply, _ = run_cell(kc, "after_failure;;")
    check(reply["status"] == "error" and "Unbound value after_failure" in reply["evalue"], "an aborted cell did not run", reply)
    first = kc.execute("raise Exit;;", stop_on_error=False)
    second = kc.execute("let after_failure = 1;;")
    wait_cell(kc, first)
    reply, _ = wait_cell(kc, second)
    check(reply["status"] == "ok", "stop_on_error=False lets the next cell run", reply)


def test_silent(kc, count):
    reply, msgs = run_cell(kc, 'let hidden = 42;; print_string "quiet";;', silent=True)
    published = [m["msg_type"] for m in msgs if m["msg_type"] != "status"]
    check(reply["status"] == "ok" and published == [], "silent execution publishes nothing but its status", published)
    check(reply["execution_count"] == count, "silent execution keeps the count", reply)
    reply, msgs = run_cell(kc, "hidden = 42;;", store_history=False)
    check(reply["execution_count"] == count, "store_history=False keeps the count", reply)
    results = of_type(msgs, "execute_result")
    check(len(results) == 1 and results[0]["data"]["text/plain"].endswith("= true"), "silent definitions persist", msgs)


def test_is_complete(kc):
    for code, status in [("let x = 1;;", "complete"), ("let x = 1", "complete"), ("let x =", "incomplete"),
                         ("(* open comment", "incomplete"), ("let x = ) 1;;", "invalid")]:
        r = request(kc, lambda: kc.is_complete(code), "is_complete_reply")
        check(r["status"] == status, "is_complete %r" % code, r)


def test_complete(kc):
    code = "let l = List.ma"
    r = request(kc, lambda: kc.complete(code, len(code)), "complete_reply")
    check({"List.map", "List.mapi", "List.map2"} <= set(r["matches"]), "complete List.ma", r["matches"])
    check(all(m.startswith("List.ma") for m in r["matches"]), "completions extend the prefix", r["matches"])
    check((r["cursor_start"], r["cursor_end"]) == (8, len(code)), "completion cursor range", r)
    r = request(kc, lambda: kc.complete("let v = x + hid", 15), "complete_reply")
    check("hidden" in r["matches"], "completion sees session definitions", r["matches"])
    r = request(kc, lambda: kc.complete("#us", 3), "complete_reply")
    check("#use" in r["matches"], "directive completion", r["matches"])


def test_inspect(kc):
    r = request(kc, lambda: kc.inspect("List.map f l", 6), "inspect_reply")
    check(r["found"] and r["data"]["text/plain"].startswith("val map :"), "inspect List.map", r)
    r = request(kc, lambda: kc.inspect("nothing_here", 3), "inspect_reply")
    check(r["status"] == "ok" and not r["found"], "inspect an unknown name", r)


def test_other_requests(kc):
    run_cell(kc, "let in_history = 1;;")
    run_cell(kc, "let not_in_history = 1;;", store_history=False)
    r = request(kc, lambda: kc.history(hist_access_type="tail", n=2), "history_reply")
    hist = r["history"]
    check(r["status"] == "ok" and len(hist) == 2 and hist[-1][2] == "let in_history = 1;;", "history_reply tail", r)
    check(hist[1][1] == hist[0][1] + 1, "history lines are execution counts", hist)
    r = request(kc, lambda: kc.history(hist_access_type="search", pattern="let x*"), "history_reply")
    check([h[2] for h in r["history"]] == ["let x = 1 + 2;;\n"], "history_reply search", r)
    r = request(kc, lambda: kc.history(hist_access_type="range", session=0, start=1, stop=3), "history_reply")
    check([h[1] for h in r["history"]] == [1, 2], "history_reply range", r)
    r = request(kc, lambda: kc.comm_info(), "comm_info_reply")
    check(r["status"] == "ok" and r["comms"] == {}, "comm_info_reply", r)


def test_bad_messages(km, kc):
    """Garbage and forged messages on the shell socket are dropped; the kernel goes on."""
    ctx = zmq.Context.instance()
    sock = ctx.socket(zmq.DEALER)
    sock.linger = 2000
    sock.connect("%s://%s:%d" % (km.transport, km.ip, km.shell_port))
    sock.send_multipart([b"garbage"])
    header = json.dumps({"msg_id": "forged", "msg_type": "execute_request", "session": "x", "username": "x",
                         "date": "2024-01-01T00:00:00Z", "version": "5.3"}).encode()
    content = json.dumps({"code": "let forged = 1;;", "silent": False}).encode()
    sock.send_multipart([b"<IDS|MSG>", b"0" * 64, header, b"{}", b"{}", content])
    sock.send_multipart([b"<IDS|MSG>", b"", b"not json", b"{}", b"{}", b"{}"])
    # A good request on the same connection is answered: the bad ones before it were read.
    kc.session.send(sock, "kernel_info_request", {})
    answered = sock.poll(TIMEOUT * 1000) and kc.session.deserialize(kc.session.feed_identities(sock.recv_multipart())[1])
    check(answered and answered["msg_type"] == "kernel_info_reply", "a good request after bad ones is answered", answered)
    sock.close()
    test_kernel_info(kc)
    reply, msgs = run_cell(kc, "forged;;")
    check(reply["status"] == "error" and "Unbound value forged" in reply["evalue"], "a forged request did not run", reply)


def heartbeat_answers(km):
    ctx = zmq.Context.instance()
    sock = ctx.socket(zmq.REQ)
    sock.linger = 0
    sock.connect("%s://%s:%d" % (km.transport, km.ip, km.hb_port))
    sock.send(b"ping")
    ok = sock.poll(5000) and sock.recv() == b"ping"
    sock.close()
    return bool(ok)


def interrupt_until_done(kc, msg_id, interrupt):
    """Interrupts the running cell `msg_id` (again if the first interrupt came before the cell
    started: an interrupt while idle is forgotten); returns what wait_cell returns."""
    for _ in range(10):
        interrupt()
        try:
            m = kc.get_shell_msg(timeout=5)
        except queue.Empty:
            continue
        check(m["parent_header"].get("msg_id") == msg_id, "the reply is the interrupted cell's", m)
        msgs = []
        while True:
            s = kc.get_iopub_msg(timeout=TIMEOUT)
            if s["parent_header"].get("msg_id") != msg_id:
                continue
            if s["msg_type"] == "status" and s["content"]["execution_state"] == "idle":
                return m["content"], msgs
            msgs.append(s)
    raise queue.Empty()


def test_interrupt(km, kc):
    msg_id = kc.execute("while true do () done;;")
    time.sleep(1.0)
    check(heartbeat_answers(km), "the heartbeat answers while a cell runs")
    reply, msgs = interrupt_until_done(kc, msg_id, km.interrupt_kernel)
    # `Interrupted.` is what OCaml's toplevel prints when SIGINT stops a phrase.
    check(reply["status"] == "error" and reply["ename"] == "Interrupted", "interrupt stops the loop", reply)
    check(reply["traceback"] == ["Interrupted."], "interrupt traceback", reply)
    reply, msgs = run_cell(kc, "x;;")
    results = of_type(msgs, "execute_result")
    check(reply["status"] == "ok" and results and results[0]["data"]["text/plain"].endswith("= 3"),
          "the kernel keeps its state after an interrupt", msgs)
    # interrupt_request on the control channel (interrupt_mode "message") works too.
    msg_id = kc.execute("while true do () done;;")
    time.sleep(0.5)
    reply, msgs = interrupt_until_done(kc, msg_id, lambda: kc.control_channel.send(kc.session.msg("interrupt_request", {})))
    check(reply["status"] == "error" and reply["ename"] == "Interrupted", "interrupt_request stops the loop", reply)
    r = kc.get_control_msg(timeout=TIMEOUT)
    check(r["msg_type"] == "interrupt_reply" and r["content"]["status"] == "ok", "interrupt_reply", r)
    while True:  # one reply per interrupt sent
        try:
            kc.get_control_msg(timeout=0.5)
        except queue.Empty:
            break
    # An interrupt while idle must not stop the next cell.
    km.interrupt_kernel()
    time.sleep(0.3)
    reply, msgs = run_cell(kc, "x;;")
    check(reply["status"] == "ok", "an interrupt while idle is forgotten", reply)


def test_shutdown_control(km, kc):
    proc = km.provisioner.process
    kc.shutdown()  # on the control channel
    try:
        code = proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        code = None
    check(code == 0, "shutdown on control ends the kernel with exit code 0", code)
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def stop(km):
    """Kills the kernel if a failed check left it running."""
    try:
        if km.has_kernel and km.is_alive():
            km.shutdown_kernel(now=True)
    except Exception:  # noqa: BLE001
        pass


def test_shutdown_shell(binary):
    km, kc = start(binary)
    try:
        shutdown_on_shell(km, kc)
    finally:
        stop(km)


def shutdown_on_shell(km, kc):
    proc = km.provisioner.process
    msg = kc.session.msg("shutdown_request", {"restart": False})
    kc.shell_channel.send(msg)
    r = kc.get_shell_msg(timeout=TIMEOUT)
    check(r["msg_type"] == "shutdown_reply" and r["content"]["status"] == "ok", "shutdown_reply on shell", r)
    try:
        code = proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        code = None
    check(code == 0, "shutdown on shell ends the kernel with exit code 0", code)
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: test_kernel.py PATH/TO/ocaml-jit")
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as prefix:
        test_install(binary, prefix)
        os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")
        os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(prefix, "runtime")
        km, kc = start(binary)
        try:
            test_kernel_info(kc)
            count = test_oracle_cells(kc)
            test_silent(kc, count)
            test_errors(kc)
            test_abort_queue(kc)
            test_is_complete(kc)
            test_complete(kc)
            test_inspect(kc)
            test_other_requests(kc)
            test_bad_messages(km, kc)
            test_interrupt(km, kc)
            check(km.is_alive(), "the kernel is alive after all that")
            test_shutdown_control(km, kc)
        except Exception:  # noqa: BLE001 - a missing reply, a malformed one: a failure, not a crash
            check(False, "the session test ran to its end", traceback.format_exc())
        finally:
            stop(km)
        try:
            test_shutdown_shell(binary)
        except Exception:  # noqa: BLE001
            check(False, "the shell shutdown test ran to its end", traceback.format_exc())
    print("%d passed, %d failed" % (passed, len(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
