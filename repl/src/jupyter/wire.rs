//! The Jupyter wire format (messaging protocol 5.3): a multipart message is the routing
//! identities, the `<IDS|MSG>` delimiter, the HMAC-SHA256 signature (hex) of the four JSON
//! parts that follow (header, parent header, metadata, content), then binary buffers.

use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

pub const PROTOCOL_VERSION: &str = "5.3";
const DELIMITER: &[u8] = b"<IDS|MSG>";

/// One message, decoded.
#[derive(Debug, Clone)]
pub struct Message {
    /// Routing frames (ROUTER sockets) or the topic (IOPub).
    pub identities: Vec<Vec<u8>>,
    pub header: Value,
    pub parent_header: Value,
    pub metadata: Value,
    pub content: Value,
    pub buffers: Vec<Vec<u8>>,
}

impl Message {
    pub fn msg_type(&self) -> &str {
        self.header.get("msg_type").and_then(Value::as_str).unwrap_or("")
    }

    /// A message of this kernel's `session`, answering (or caused by) `parent`: it goes back
    /// to the parent's sender on ROUTER sockets.
    pub fn reply(session: &str, parent: &Message, msg_type: &str, content: Value) -> Message {
        Message {
            identities: parent.identities.clone(),
            header: new_header(session, msg_type),
            parent_header: parent.header.clone(),
            metadata: json!({}),
            content,
            buffers: Vec::new(),
        }
    }

    /// An IOPub broadcast caused by `parent` (`None` for the first `starting` status).
    pub fn broadcast(session: &str, parent: Option<&Message>, msg_type: &str, content: Value) -> Message {
        Message {
            identities: vec![format!("kernel.{}", msg_type).into_bytes()],
            header: new_header(session, msg_type),
            parent_header: parent.map(|p| p.header.clone()).unwrap_or_else(|| json!({})),
            metadata: json!({}),
            content,
            buffers: Vec::new(),
        }
    }
}

fn new_header(session: &str, msg_type: &str) -> Value {
    json!({
        "msg_id": uuid::Uuid::new_v4().to_string(),
        "session": session,
        "username": "kernel",
        "date": iso8601_now(),
        "msg_type": msg_type,
        "version": PROTOCOL_VERSION,
    })
}

/// Signs and checks messages with the connection file's key (no key: no signatures).
#[derive(Clone)]
pub struct Signer {
    mac: Option<Hmac<Sha256>>,
}

impl Signer {
    pub fn new(key: &str) -> Signer {
        let mac = if key.is_empty() { None } else { Hmac::<Sha256>::new_from_slice(key.as_bytes()).ok() };
        Signer { mac }
    }

    fn mac_of(&self, parts: &[&[u8]]) -> Option<Hmac<Sha256>> {
        let mut mac = self.mac.clone()?;
        for p in parts {
            mac.update(p);
        }
        Some(mac)
    }

    pub fn sign(&self, parts: &[&[u8]]) -> String {
        match self.mac_of(parts) {
            Some(mac) => mac.finalize().into_bytes().iter().map(|b| format!("{:02x}", b)).collect(),
            None => String::new(),
        }
    }

    /// Constant-time check of a hex signature.
    pub fn verify(&self, signature: &[u8], parts: &[&[u8]]) -> bool {
        match self.mac_of(parts) {
            None => true,
            Some(mac) => match decode_hex(signature) {
                Some(bytes) => mac.verify_slice(&bytes).is_ok(),
                None => false,
            },
        }
    }
}

fn decode_hex(s: &[u8]) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    let digit = |c: u8| (c as char).to_digit(16);
    s.chunks(2).map(|p| Some((digit(p[0])? * 16 + digit(p[1])?) as u8)).collect()
}

/// Reads a multipart message; an error says what is wrong with it.
pub fn decode(frames: Vec<Vec<u8>>, signer: &Signer) -> Result<Message, String> {
    let delim = frames.iter().position(|f| f == DELIMITER).ok_or("no <IDS|MSG> delimiter")?;
    let mut rest = frames.into_iter();
    let identities: Vec<Vec<u8>> = rest.by_ref().take(delim).collect();
    rest.next(); // the delimiter
    let parts: Vec<Vec<u8>> = rest.collect();
    if parts.len() < 5 {
        return Err(format!("{} frames after the delimiter, expected at least 5", parts.len()));
    }
    let signed: Vec<&[u8]> = parts[1..5].iter().map(Vec::as_slice).collect();
    if !signer.verify(&parts[0], &signed) {
        return Err("bad signature".into());
    }
    let json = |i: usize, what: &str| -> Result<Value, String> {
        serde_json::from_slice(&parts[i]).map_err(|e| format!("{} is not JSON: {}", what, e))
    };
    let header = json(1, "header")?;
    if !header.is_object() || header.get("msg_type").and_then(Value::as_str).is_none() {
        return Err("header without msg_type".into());
    }
    Ok(Message {
        identities,
        header,
        parent_header: json(2, "parent header")?,
        metadata: json(3, "metadata")?,
        content: json(4, "content")?,
        buffers: parts[5..].to_vec(),
    })
}

/// The frames of a message, signed.
pub fn encode(msg: &Message, signer: &Signer) -> Vec<Vec<u8>> {
    let parts: Vec<Vec<u8>> =
        [&msg.header, &msg.parent_header, &msg.metadata, &msg.content].iter().map(|v| v.to_string().into_bytes()).collect();
    let signature = signer.sign(&parts.iter().map(Vec::as_slice).collect::<Vec<_>>());
    let mut frames = msg.identities.clone();
    frames.push(DELIMITER.to_vec());
    frames.push(signature.into_bytes());
    frames.extend(parts);
    frames.extend(msg.buffers.iter().cloned());
    frames
}

/// The current UTC time as ISO 8601 with microseconds (`2024-05-01T12:00:00.000000Z`).
pub fn iso8601_now() -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    iso8601(now.as_secs(), now.subsec_micros())
}

fn iso8601(secs: u64, micros: u32) -> String {
    let days = (secs / 86400) as i64;
    let rem = secs % 86400;
    let (y, m, d) = civil_from_days(days);
    format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", y, m, d, rem / 3600, rem % 3600 / 60, rem % 60, micros)
}

/// Year, month, day of the day `days` after 1970-01-01 (proleptic Gregorian calendar),
/// counting in 400-year eras that start on March 1st.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + if month <= 2 { 1 } else { 0 };
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Message {
        Message {
            identities: vec![b"peer".to_vec()],
            header: json!({"msg_id": "1", "msg_type": "kernel_info_request", "session": "s", "version": "5.3"}),
            parent_header: json!({}),
            metadata: json!({}),
            content: json!({}),
            buffers: vec![],
        }
    }

    #[test]
    fn signed_messages_round_trip() {
        let signer = Signer::new("secret");
        let frames = encode(&sample(), &signer);
        assert_eq!(frames[0], b"peer");
        assert_eq!(frames[2].len(), 64);
        let back = decode(frames, &signer).unwrap();
        assert_eq!(back.msg_type(), "kernel_info_request");
        assert_eq!(back.identities, vec![b"peer".to_vec()]);
    }

    #[test]
    fn signature_is_hmac_sha256_of_the_four_parts() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?", split in parts.
        let s = Signer::new("Jefe");
        let parts: [&[u8]; 4] = [b"what do ya", b" want ", b"for ", b"nothing?"];
        assert_eq!(s.sign(&parts), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    #[test]
    fn bad_messages_are_errors() {
        let signer = Signer::new("secret");
        let mut frames = encode(&sample(), &signer);
        frames[2] = b"00".to_vec();
        assert_eq!(decode(frames, &signer).unwrap_err(), "bad signature");
        let mut frames = encode(&sample(), &signer);
        frames[2] = b"zz".to_vec();
        assert!(decode(frames, &signer).is_err());
        assert!(decode(vec![b"x".to_vec()], &signer).is_err());
        assert!(decode(vec![DELIMITER.to_vec(), b"".to_vec()], &signer).is_err());
        let unsigned = Signer::new("");
        let mut frames = encode(&sample(), &unsigned);
        frames[3] = b"{not json".to_vec();
        assert!(decode(frames, &unsigned).unwrap_err().contains("header"));
    }

    #[test]
    fn dates_are_iso8601() {
        assert_eq!(iso8601(0, 0), "1970-01-01T00:00:00.000000Z");
        assert_eq!(iso8601(951_782_400 + 3661, 5), "2000-02-29T01:01:01.000005Z");
        assert_eq!(iso8601(1_700_000_000, 123_456), "2023-11-14T22:13:20.123456Z");
    }
}
