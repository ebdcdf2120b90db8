//! `Sys` primitives: process arguments and exit, environment, files and directories, time,
//! configuration constants, commands, file descriptors (`caml_sys_open`), signals.

use super::{prim, sys_error, Error, PResult, Primitive};
use crate::alloc::{alloc_block, copy_bytes, copy_double, copy_string};
use crate::gc::{self, LocalRoots};
use crate::value::*;
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::sync::Mutex;

static ARGV: Mutex<Vec<String>> = Mutex::new(Vec::new());
/// The OCaml array `Sys.argv` (one array for the whole run, since programs may modify it).
static mut ARGV_VALUE: Value = UNIT;

/// Set the program's arguments as OCaml sees them (`Sys.argv`), before running OCaml code.
pub fn set_argv(args: Vec<String>) {
    *ARGV.lock().unwrap_or_else(|e| e.into_inner()) = args;
    unsafe { ARGV_VALUE = UNIT };
}

pub fn argv() -> Vec<String> {
    ARGV.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

/// An OCaml string array from Rust byte strings.
pub fn string_array(items: &[Vec<u8>]) -> Value {
    if items.is_empty() {
        return crate::alloc::atom(0);
    }
    let mut r = LocalRoots::new();
    let idx: Vec<usize> = items.iter().map(|s| r.add(copy_bytes(s))).collect();
    let arr = gc::alloc(items.len(), 0);
    for (i, &k) in idx.iter().enumerate() {
        unsafe { arr.set_field(i, r.get(k)) };
    }
    arr
}

#[no_mangle]
pub extern "C" fn caml_sys_argv(_unit: Value) -> Value {
    unsafe {
        if ARGV_VALUE == UNIT {
            let args: Vec<Vec<u8>> = argv().into_iter().map(String::into_bytes).collect();
            ARGV_VALUE = string_array(&args);
            static ONCE: std::sync::Once = std::sync::Once::new();
            ONCE.call_once(|| gc::register_global_roots(std::ptr::addr_of_mut!(ARGV_VALUE), 1));
        }
        ARGV_VALUE
    }
}

/// `(executable name, argv)`.
#[no_mangle]
pub extern "C" fn caml_sys_get_argv(unit: Value) -> Value {
    let mut r = LocalRoots::new();
    let a = r.add(caml_sys_argv(unit));
    let n = r.add(caml_sys_executable_name(unit));
    alloc_block(0, &[r.get(n), r.get(a)])
}

#[no_mangle]
pub extern "C" fn caml_sys_modify_argv(new: Value) -> Value {
    unsafe { ARGV_VALUE = new };
    UNIT
}

#[no_mangle]
pub extern "C" fn caml_sys_executable_name(_unit: Value) -> Value {
    let name = std::env::current_exe()
        .map(|p| p.as_os_str().as_bytes().to_vec())
        .unwrap_or_else(|_| argv().first().cloned().unwrap_or_default().into_bytes());
    copy_bytes(&name)
}

/// Exit after flushing every output channel (OCaml's `exit` has already run `at_exit`).
#[no_mangle]
pub extern "C" fn caml_sys_exit(code: Value) -> Value {
    crate::io::flush_all();
    use std::io::Write;
    let _ = std::io::stdout().flush();
    std::process::exit(code.int() as i32)
}

fn c_path(v: Value) -> PResult<CString> {
    let b = unsafe { v.bytes() };
    CString::new(b).map_err(|_| {
        Error::SysError(format!("{}: {}", String::from_utf8_lossy(b), super::errno_message(libc::ENOENT)))
    })
}

fn name_of(v: Value) -> String {
    unsafe { v.to_rust_string() }
}

pub fn getenv(name: &[u8]) -> PResult<Vec<u8>> {
    let k = CString::new(name).map_err(|_| Error::NotFound)?;
    let p = unsafe { libc::getenv(k.as_ptr()) };
    if p.is_null() {
        return Err(Error::NotFound);
    }
    Ok(unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes().to_vec())
}

#[no_mangle]
pub extern "C" fn caml_sys_getenv(name: Value) -> Value {
    let r = getenv(unsafe { name.bytes() });
    super::ret(r.map(|s| copy_bytes(&s)))
}
#[no_mangle]
pub extern "C" fn caml_sys_unsafe_getenv(name: Value) -> Value {
    caml_sys_getenv(name)
}

fn stat(path: &CString) -> Option<libc::stat> {
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    (unsafe { libc::stat(path.as_ptr(), &mut st) } == 0).then_some(st)
}

#[no_mangle]
pub extern "C" fn caml_sys_file_exists(name: Value) -> Value {
    Value::of_bool(c_path(name).ok().and_then(|p| stat(&p)).is_some())
}

pub fn is_directory(name: Value) -> PResult<bool> {
    let p = c_path(name)?;
    match stat(&p) {
        Some(st) => Ok(st.st_mode & libc::S_IFMT == libc::S_IFDIR),
        None => sys_error(Some(&name_of(name))),
    }
}

#[no_mangle]
pub extern "C" fn caml_sys_is_directory(name: Value) -> Value {
    super::ret(is_directory(name).map(Value::of_bool))
}

/// Run a libc call on a path; Sys_error "path: message" when it returns -1.
fn path_call(name: Value, f: impl FnOnce(&CString) -> i32) -> PResult<()> {
    let p = c_path(name)?;
    if f(&p) == -1 {
        return sys_error(Some(&name_of(name)));
    }
    Ok(())
}

fn unit(r: PResult<()>) -> Value {
    super::ret(r.map(|()| UNIT))
}

pub fn remove(name: Value) -> PResult<()> {
    path_call(name, |p| unsafe { libc::unlink(p.as_ptr()) })
}
pub fn chdir(name: Value) -> PResult<()> {
    path_call(name, |p| unsafe { libc::chdir(p.as_ptr()) })
}
pub fn mkdir(name: Value, perm: i64) -> PResult<()> {
    path_call(name, |p| unsafe { libc::mkdir(p.as_ptr(), perm as libc::mode_t) })
}
pub fn rmdir(name: Value) -> PResult<()> {
    path_call(name, |p| unsafe { libc::rmdir(p.as_ptr()) })
}

#[no_mangle]
pub extern "C" fn caml_sys_remove(name: Value) -> Value {
    unit(remove(name))
}
#[no_mangle]
pub extern "C" fn caml_sys_chdir(name: Value) -> Value {
    unit(chdir(name))
}
#[no_mangle]
pub extern "C" fn caml_sys_mkdir(name: Value, perm: Value) -> Value {
    unit(mkdir(name, perm.int()))
}
#[no_mangle]
pub extern "C" fn caml_sys_rmdir(name: Value) -> Value {
    unit(rmdir(name))
}

pub fn rename(from: Value, to: Value) -> PResult<()> {
    let (a, b) = (c_path(from)?, c_path(to)?);
    if unsafe { libc::rename(a.as_ptr(), b.as_ptr()) } == -1 {
        return sys_error(None);
    }
    Ok(())
}

#[no_mangle]
pub extern "C" fn caml_sys_rename(from: Value, to: Value) -> Value {
    unit(rename(from, to))
}

pub fn read_directory(name: Value) -> PResult<Vec<Vec<u8>>> {
    let n = name_of(name);
    let err = |e: std::io::Error| {
        Error::SysError(format!("{n}: {}", super::errno_message(e.raw_os_error().unwrap_or(0))))
    };
    let path = std::ffi::OsStr::from_bytes(unsafe { name.bytes() });
    let mut out = Vec::new();
    for entry in std::fs::read_dir(path).map_err(err)? {
        out.push(entry.map_err(err)?.file_name().as_bytes().to_vec());
    }
    Ok(out)
}

#[no_mangle]
pub extern "C" fn caml_sys_read_directory(name: Value) -> Value {
    super::ret(read_directory(name).map(|v| string_array(&v)))
}

#[no_mangle]
pub extern "C" fn caml_sys_getcwd(_unit: Value) -> Value {
    let r = std::env::current_dir()
        .map(|p| p.as_os_str().as_bytes().to_vec())
        .map_err(|e| Error::SysError(super::errno_message(e.raw_os_error().unwrap_or(0))));
    super::ret(r.map(|b| copy_bytes(&b)))
}

/// Processor time used by the process, in seconds.
pub fn cpu_time() -> f64 {
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    let t = |tv: libc::timeval| tv.tv_sec as f64 + tv.tv_usec as f64 / 1e6;
    t(ru.ru_utime) + t(ru.ru_stime)
}

#[no_mangle]
pub extern "C" fn caml_sys_time(_unit: Value) -> Value {
    copy_double(cpu_time())
}

#[no_mangle]
pub extern "C" fn caml_sys_system_command(cmd: Value) -> Value {
    let r = (|| {
        let c = CString::new(unsafe { cmd.bytes() }).map_err(|_| Error::SysError(name_of(cmd)))?;
        let status = unsafe { libc::system(c.as_ptr()) };
        if status == -1 {
            return sys_error(Some(&name_of(cmd)));
        }
        Ok(if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) as i64 } else { 255 })
    })();
    super::ret(r.map(Value::of_int))
}

/// 12 bytes from /dev/urandom (or the clock and pid), as OCaml's `Random.self_init` expects.
#[no_mangle]
pub extern "C" fn caml_sys_random_seed(_unit: Value) -> Value {
    use std::io::Read;
    let mut buf = [0u8; 12];
    let got = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut buf)).is_ok();
    if !got {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        let mix = now.as_nanos() as u64 ^ ((std::process::id() as u64) << 32);
        buf[..8].copy_from_slice(&mix.to_le_bytes());
    }
    let arr = gc::alloc(12, 0);
    for (i, &b) in buf.iter().enumerate() {
        unsafe { arr.init_field(i, Value::of_int(b as i64)) };
    }
    arr
}

#[no_mangle]
pub extern "C" fn caml_sys_get_config(_unit: Value) -> Value {
    let s = copy_string("Unix");
    alloc_block(0, &[s, Value::of_int(64), FALSE])
}

macro_rules! consts {
    ($($name:ident = $v:expr),* $(,)?) => {
        $( #[no_mangle] pub extern "C" fn $name(_unit: Value) -> Value { $v } )*
        fn const_prims() -> Vec<Primitive> { vec![$(prim!(1, $name, false)),*] }
    };
}
consts! {
    caml_sys_const_word_size = Value::of_int(64),
    caml_sys_const_int_size = Value::of_int(63),
    caml_sys_const_max_wosize = Value::of_int(MAX_WOSIZE as i64),
    caml_sys_const_big_endian = FALSE,
    caml_sys_const_ostype_unix = TRUE,
    caml_sys_const_ostype_win32 = FALSE,
    caml_sys_const_ostype_cygwin = FALSE,
    // Sys.Native
    caml_sys_const_backend_type = Value::of_int(0),
    caml_sys_const_naked_pointers_checked = FALSE,
}

#[no_mangle]
pub extern "C" fn caml_runtime_variant(_unit: Value) -> Value {
    copy_string("")
}
#[no_mangle]
pub extern "C" fn caml_runtime_parameters(_unit: Value) -> Value {
    copy_string("")
}

/// OCaml's `open_flag` constructors, in declaration order.
const OPEN_FLAGS: [libc::c_int; 9] = [
    libc::O_RDONLY,
    libc::O_WRONLY,
    libc::O_APPEND | libc::O_WRONLY,
    libc::O_CREAT,
    libc::O_TRUNC,
    libc::O_EXCL,
    0, // Open_binary
    0, // Open_text
    libc::O_NONBLOCK,
];

pub fn sys_open(path: Value, flags: Value, perm: i64) -> PResult<i64> {
    let p = c_path(path)?;
    let mut f = libc::O_CLOEXEC;
    let mut l = flags;
    while l.is_block() {
        let k = unsafe { l.field(0) }.int();
        f |= *OPEN_FLAGS.get(k as usize).unwrap_or(&0);
        l = unsafe { l.field(1) };
    }
    let fd = unsafe { libc::open(p.as_ptr(), f, perm as libc::c_uint) };
    if fd == -1 {
        return sys_error(Some(&name_of(path)));
    }
    Ok(fd as i64)
}

#[no_mangle]
pub extern "C" fn caml_sys_open(path: Value, flags: Value, perm: Value) -> Value {
    super::ret(sys_open(path, flags, perm.int()).map(Value::of_int))
}

#[no_mangle]
pub extern "C" fn caml_sys_close(fd: Value) -> Value {
    unsafe { libc::close(fd.int() as i32) };
    UNIT
}

#[no_mangle]
pub extern "C" fn caml_sys_isatty(ch: Value) -> Value {
    let fd = super::channels::channel(ch).fd;
    Value::of_bool(unsafe { libc::isatty(fd) } == 1)
}

/// `Sys.signal`. Only what the toplevel and `Sys.catch_break` need: SIGINT handled raises
/// `Sys.Break`; other OCaml handlers are not supported yet (accepted, never called).
#[no_mangle]
pub extern "C" fn caml_install_signal_handler(signo: Value, action: Value) -> Value {
    const OCAML_SIGINT: i64 = -6;
    if signo.int() == OCAML_SIGINT {
        if action.is_block() {
            crate::signals::install_sigint();
        } else {
            let h = if action.int() == 1 { libc::SIG_IGN } else { libc::SIG_DFL };
            unsafe { libc::signal(libc::SIGINT, h) };
        }
    }
    Value::of_int(0) // Signal_default
}

pub fn prims() -> Vec<Primitive> {
    let mut v = vec![
        prim!(1, caml_sys_argv, true),
        prim!(1, caml_sys_get_argv, true),
        prim!(1, caml_sys_modify_argv, false),
        prim!(1, caml_sys_executable_name, true),
        prim!(1, caml_sys_exit, true),
        prim!(1, caml_sys_getenv, true),
        prim!(1, caml_sys_unsafe_getenv, true),
        prim!(1, caml_sys_file_exists, false),
        prim!(1, caml_sys_is_directory, true),
        prim!(1, caml_sys_remove, true),
        prim!(1, caml_sys_chdir, true),
        prim!(2, caml_sys_mkdir, true),
        prim!(1, caml_sys_rmdir, true),
        prim!(2, caml_sys_rename, true),
        prim!(1, caml_sys_read_directory, true),
        prim!(1, caml_sys_getcwd, true),
        prim!(1, caml_sys_time, true),
        prim!(1, caml_sys_system_command, true),
        prim!(1, caml_sys_random_seed, true),
        prim!(1, caml_sys_get_config, true),
        prim!(1, caml_runtime_variant, true),
        prim!(1, caml_runtime_parameters, true),
        prim!(3, caml_sys_open, true),
        prim!(1, caml_sys_close, false),
        prim!(1, caml_sys_isatty, false),
        prim!(2, caml_install_signal_handler, true),
    ];
    v.extend(const_prims());
    v
}
