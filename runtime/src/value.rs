//! OCaml's value representation: tagged integers and pointers to blocks with a header word.
//!
//! A block pointer points at the first field; the header is the word just before it:
//! `wosize << 10 | colour << 8 | tag`.

/// One OCaml value: a 63-bit integer with its low bit set, or a pointer to a block's first field.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug)]
#[repr(transparent)]
pub struct Value(pub u64);

pub type Header = u64;

pub const CLOSURE_TAG: u8 = 247;
pub const OBJECT_TAG: u8 = 248;
pub const INFIX_TAG: u8 = 249;
pub const FORWARD_TAG: u8 = 250;
pub const ABSTRACT_TAG: u8 = 251;
pub const STRING_TAG: u8 = 252;
pub const DOUBLE_TAG: u8 = 253;
pub const DOUBLE_ARRAY_TAG: u8 = 254;
pub const CUSTOM_TAG: u8 = 255;
pub const LAZY_TAG: u8 = 246;
/// Tags at or above this one hold no values the GC must scan.
pub const NO_SCAN_TAG: u8 = 251;

/// Header colours, as OCaml names them. Static blocks (outside the heap) are permanently black.
pub const WHITE: u64 = 0 << 8;
pub const GRAY: u64 = 1 << 8;
pub const BLUE: u64 = 2 << 8;
pub const BLACK: u64 = 3 << 8;
pub const COLOR_MASK: u64 = 3 << 8;

/// Largest block (in words, header excluded) allocated in the minor heap.
pub const MAX_YOUNG_WOSIZE: usize = 256;
pub const MAX_WOSIZE: usize = (1 << 54) - 1;

pub const UNIT: Value = Value(1);
pub const FALSE: Value = Value(1);
pub const TRUE: Value = Value(3);
pub const EMPTY_LIST: Value = Value(1);
pub const NONE: Value = Value(1);

#[inline(always)]
pub const fn make_header(wosize: usize, tag: u8, color: u64) -> Header {
    ((wosize as u64) << 10) | color | tag as u64
}
#[inline(always)]
pub const fn header_wosize(h: Header) -> usize {
    (h >> 10) as usize
}
#[inline(always)]
pub const fn header_tag(h: Header) -> u8 {
    h as u8
}

impl Value {
    #[inline(always)]
    pub const fn of_int(n: i64) -> Value {
        Value(((n << 1) | 1) as u64)
    }
    #[inline(always)]
    pub const fn of_bool(b: bool) -> Value {
        if b {
            TRUE
        } else {
            FALSE
        }
    }
    #[inline(always)]
    pub const fn int(self) -> i64 {
        (self.0 as i64) >> 1
    }
    #[inline(always)]
    pub const fn bool(self) -> bool {
        self.0 != FALSE.0
    }
    #[inline(always)]
    pub const fn is_int(self) -> bool {
        self.0 & 1 == 1
    }
    #[inline(always)]
    pub const fn is_block(self) -> bool {
        self.0 & 1 == 0
    }
    #[inline(always)]
    pub fn ptr(self) -> *mut Value {
        self.0 as *mut Value
    }
    #[inline(always)]
    pub fn from_ptr<T>(p: *const T) -> Value {
        Value(p as u64)
    }

    // ---- Block access. All of these require `self` to be a block. ----

    #[inline(always)]
    pub unsafe fn header_ptr(self) -> *mut Header {
        (self.0 as *mut Header).sub(1)
    }
    #[inline(always)]
    pub unsafe fn header(self) -> Header {
        *self.header_ptr()
    }
    #[inline(always)]
    pub unsafe fn wosize(self) -> usize {
        header_wosize(self.header())
    }
    #[inline(always)]
    pub unsafe fn tag(self) -> u8 {
        header_tag(self.header())
    }
    #[inline(always)]
    pub unsafe fn field(self, i: usize) -> Value {
        *self.ptr().add(i)
    }
    #[inline(always)]
    pub unsafe fn field_ptr(self, i: usize) -> *mut Value {
        self.ptr().add(i)
    }
    /// Store into a field of a block that was just allocated (no write barrier needed).
    #[inline(always)]
    pub unsafe fn init_field(self, i: usize, v: Value) {
        *self.ptr().add(i) = v
    }
    /// Store into a field of any block, with the write barrier.
    #[inline(always)]
    pub unsafe fn set_field(self, i: usize, v: Value) {
        crate::gc::modify(self.ptr().add(i), v)
    }
    #[inline(always)]
    pub unsafe fn double(self) -> f64 {
        *(self.0 as *const f64)
    }
    #[inline(always)]
    pub unsafe fn double_field(self, i: usize) -> f64 {
        *(self.0 as *const f64).add(i)
    }
    #[inline(always)]
    pub unsafe fn set_double_field(self, i: usize, f: f64) {
        *(self.0 as *mut f64).add(i) = f
    }

    // ---- Strings and bytes (Tag 252, padded as OCaml pads them). ----

    /// Length in bytes of a string or bytes value.
    #[inline]
    pub unsafe fn string_len(self) -> usize {
        let bytes = self.wosize() * 8;
        let pad = *(self.0 as *const u8).add(bytes - 1) as usize;
        bytes - 1 - pad
    }
    #[inline]
    pub unsafe fn bytes<'a>(self) -> &'a [u8] {
        std::slice::from_raw_parts(self.0 as *const u8, self.string_len())
    }
    #[inline]
    pub unsafe fn bytes_mut<'a>(self) -> &'a mut [u8] {
        std::slice::from_raw_parts_mut(self.0 as *mut u8, self.string_len())
    }
    /// The string's bytes as text, lossily (for messages).
    pub unsafe fn to_rust_string(self) -> String {
        String::from_utf8_lossy(self.bytes()).into_owned()
    }
}

/// Number of words (header excluded) of a string block holding `len` bytes.
#[inline(always)]
pub const fn string_wosize(len: usize) -> usize {
    (len + 8) / 8
}
