//! The files separate compilation writes beside a unit's object (`ocaml-jit -c`), in this
//! project's own formats (OCaml's `.cmi`/`.cmx` may sit in the same directories):
//!
//! - `.cji`, a compiled interface: magic, format version, unit name, the signature encoded by
//!   `typing::sigfile`, its digest, and the digests of the interfaces it was typed against.
//! - `.cjx`, a unit's link information: magic, format version, unit name, the digest of its
//!   interface, the digests of the interfaces it was compiled against, the units whose code it
//!   uses (they must be linked before it), and the version of the object tables its `.o` holds.
//!
//! Strings and lists are length-prefixed (LEB128), digests are 16 bytes (MD5). Decoding checks
//! every length and returns an error on anything else; it never panics.

use crate::typing::types::Signature;
use md5::{Digest as _, Md5};

const CJI_MAGIC: &[u8] = b"OCJ-CJI\0";
const CJX_MAGIC: &[u8] = b"OCJ-CJX\0";
/// Bumped whenever either layout changes; other versions are refused.
const FORMAT_VERSION: u64 = 1;

/// The digest of a compiled interface: MD5 of the unit name and the encoded signature.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Digest(pub [u8; 16]);

impl Digest {
    /// MD5 of `parts`, each length-prefixed (so that no two lists of parts collide).
    pub fn of_parts<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> Digest {
        let mut h = Md5::new();
        for p in parts {
            h.update((p.len() as u64).to_le_bytes());
            h.update(p);
        }
        Digest(h.finalize().into())
    }

    fn of_interface(name: &str, encoded_signature: &[u8]) -> Digest {
        let mut h = Md5::new();
        h.update(name.as_bytes());
        h.update([0u8]);
        h.update(encoded_signature);
        Digest(h.finalize().into())
    }
}

impl std::fmt::Display for Digest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{:02x}", b))
    }
}

/// (unit name, digest of the interface it was seen with).
pub type Import = (String, Digest);

/// The contents of a `.cji`.
#[derive(Clone, Debug)]
pub struct CompiledInterface {
    pub name: String,
    /// The signature as `typing::sigfile` encodes it (decoded on demand).
    pub signature_bytes: Vec<u8>,
    pub digest: Digest,
    pub imports: Vec<Import>,
}

impl CompiledInterface {
    pub fn new(name: &str, signature: &Signature, imports: Vec<Import>) -> Result<CompiledInterface, String> {
        let signature_bytes = crate::typing::sigfile::encode(signature)?;
        let digest = Digest::of_interface(name, &signature_bytes);
        Ok(CompiledInterface { name: name.to_string(), signature_bytes, digest, imports })
    }

    /// The digest `signature` would have in a `.cji` of unit `name`.
    pub fn digest_of(name: &str, signature: &Signature) -> Result<Digest, String> {
        Ok(CompiledInterface::new(name, signature, Vec::new())?.digest)
    }

    pub fn signature(&self) -> Result<Signature, String> {
        crate::typing::sigfile::decode(&self.signature_bytes)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer(CJI_MAGIC.to_vec());
        w.u(FORMAT_VERSION);
        w.str(&self.name);
        w.bytes(&self.signature_bytes);
        w.digest(&self.digest);
        w.imports(&self.imports);
        w.0
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<CompiledInterface, FileError> {
        let mut r = Reader::open(bytes, CJI_MAGIC)?;
        let name = r.str()?;
        let signature_bytes = r.bytes()?.to_vec();
        let digest = r.digest()?;
        let imports = r.imports()?;
        r.end()?;
        // A file whose digest does not match its contents was damaged or forged.
        if Digest::of_interface(&name, &signature_bytes) != digest {
            return Err(FileError::Corrupted);
        }
        Ok(CompiledInterface { name, signature_bytes, digest, imports })
    }
}

/// The contents of a `.cjx`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitInfo {
    pub name: String,
    pub interface_digest: Digest,
    /// Other units' interfaces this unit was compiled against.
    pub imports: Vec<Import>,
    /// Units whose code this unit's code refers to (Stdlib units included).
    pub requires: Vec<String>,
    /// `aot::TABLES_VERSION` of the object file beside it.
    pub tables_version: u64,
}

impl UnitInfo {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer(CJX_MAGIC.to_vec());
        w.u(FORMAT_VERSION);
        w.str(&self.name);
        w.digest(&self.interface_digest);
        w.imports(&self.imports);
        w.u(self.requires.len() as u64);
        for r in &self.requires {
            w.str(r);
        }
        w.u(self.tables_version);
        w.0
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<UnitInfo, FileError> {
        let mut r = Reader::open(bytes, CJX_MAGIC)?;
        let name = r.str()?;
        let interface_digest = r.digest()?;
        let imports = r.imports()?;
        let n = r.count()?;
        let mut requires = Vec::with_capacity(n);
        for _ in 0..n {
            requires.push(r.str()?);
        }
        let tables_version = r.u()?;
        r.end()?;
        Ok(UnitInfo { name, interface_digest, imports, requires, tables_version })
    }
}

/// Why a file could not be read as a `.cji` or `.cjx`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    /// Not a file of this kind at all (wrong magic).
    WrongKind,
    /// Written by another version of ocaml-jit.
    OtherVersion,
    Corrupted,
}

struct Writer(Vec<u8>);

impl Writer {
    fn u(&mut self, v: u64) {
        crate::typing::sigfile::push_varint(&mut self.0, v)
    }

    fn bytes(&mut self, b: &[u8]) {
        self.u(b.len() as u64);
        self.0.extend_from_slice(b);
    }

    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes())
    }

    fn digest(&mut self, d: &Digest) {
        self.0.extend_from_slice(&d.0)
    }

    fn imports(&mut self, imports: &[Import]) {
        self.u(imports.len() as u64);
        for (name, d) in imports {
            self.str(name);
            self.digest(d);
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn open(bytes: &'a [u8], magic: &[u8]) -> Result<Reader<'a>, FileError> {
        let rest = bytes.strip_prefix(magic).ok_or(FileError::WrongKind)?;
        let mut r = Reader { bytes: rest, pos: 0 };
        if r.u().map_err(|_| FileError::OtherVersion)? != FORMAT_VERSION {
            return Err(FileError::OtherVersion);
        }
        Ok(r)
    }

    fn u(&mut self) -> Result<u64, FileError> {
        crate::typing::sigfile::read_varint(self.bytes, &mut self.pos).ok_or(FileError::Corrupted)
    }

    /// A length or count, never more than the bytes left (bounds allocations on bad input).
    fn count(&mut self) -> Result<usize, FileError> {
        let n = usize::try_from(self.u()?).map_err(|_| FileError::Corrupted)?;
        if n > self.bytes.len() - self.pos {
            return Err(FileError::Corrupted);
        }
        Ok(n)
    }

    fn bytes(&mut self) -> Result<&'a [u8], FileError> {
        let n = self.count()?;
        let s = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn str(&mut self) -> Result<String, FileError> {
        String::from_utf8(self.bytes()?.to_vec()).map_err(|_| FileError::Corrupted)
    }

    fn digest(&mut self) -> Result<Digest, FileError> {
        let end = self.pos.checked_add(16).filter(|e| *e <= self.bytes.len()).ok_or(FileError::Corrupted)?;
        let mut d = [0u8; 16];
        d.copy_from_slice(&self.bytes[self.pos..end]);
        self.pos = end;
        Ok(Digest(d))
    }

    fn imports(&mut self) -> Result<Vec<Import>, FileError> {
        let n = self.count()?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            let name = self.str()?;
            v.push((name, self.digest()?));
        }
        Ok(v)
    }

    fn end(&self) -> Result<(), FileError> {
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            Err(FileError::Corrupted)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info() -> UnitInfo {
        UnitInfo {
            name: "Geometry".into(),
            interface_digest: Digest([7; 16]),
            imports: vec![("Shape".into(), Digest([1; 16]))],
            requires: vec!["Shape".into(), "Stdlib__List".into()],
            tables_version: 2,
        }
    }

    #[test]
    fn unit_info_round_trips() {
        let i = info();
        assert_eq!(UnitInfo::from_bytes(&i.to_bytes()), Ok(i));
    }

    #[test]
    fn every_truncation_of_a_unit_info_is_an_error() {
        let bytes = info().to_bytes();
        for n in 0..bytes.len() {
            assert!(UnitInfo::from_bytes(&bytes[..n]).is_err(), "prefix of {} bytes accepted", n);
        }
    }

    #[test]
    fn kinds_and_versions_are_told_apart() {
        let bytes = info().to_bytes();
        assert_eq!(CompiledInterface::from_bytes(&bytes).err(), Some(FileError::WrongKind));
        let mut other = bytes.clone();
        other[CJX_MAGIC.len()] = 99;
        assert_eq!(UnitInfo::from_bytes(&other).err(), Some(FileError::OtherVersion));
    }

    #[test]
    fn a_compiled_interface_round_trips_and_checks_its_digest() {
        let sg: Signature = Vec::new();
        let cji = CompiledInterface::new("Empty", &sg, vec![("Other".into(), Digest([3; 16]))]).unwrap();
        let back = CompiledInterface::from_bytes(&cji.to_bytes()).unwrap();
        assert_eq!((back.digest, back.imports.clone()), (cji.digest, cji.imports.clone()));
        assert!(back.signature().unwrap().is_empty());
        // The same signature under another unit name has another digest.
        assert_ne!(CompiledInterface::digest_of("Other", &sg).unwrap(), cji.digest);
        // Flip a bit of the encoded signature (after magic, version, name and length).
        let mut damaged = cji.to_bytes();
        let at = CJI_MAGIC.len() + 1 + 6 + 1 + 2;
        damaged[at] ^= 1;
        assert!(CompiledInterface::from_bytes(&damaged).is_err());
    }
}
