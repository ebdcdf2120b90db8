//! The connection file Jupyter writes for a kernel: where to bind the five sockets and the key
//! that signs messages.

use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub struct ConnectionInfo {
    pub transport: String,
    pub ip: String,
    pub shell_port: u16,
    pub iopub_port: u16,
    pub stdin_port: u16,
    pub control_port: u16,
    pub hb_port: u16,
    /// The HMAC key; empty means messages are not signed.
    pub key: String,
}

impl ConnectionInfo {
    pub fn read(path: &str) -> Result<ConnectionInfo, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read connection file {}: {}", path, e))?;
        ConnectionInfo::parse(&text).map_err(|e| format!("bad connection file {}: {}", path, e))
    }

    pub fn parse(text: &str) -> Result<ConnectionInfo, String> {
        let v: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let str_field = |name: &str, default: &str| -> Result<String, String> {
            match v.get(name) {
                None | Some(Value::Null) => Ok(default.to_string()),
                Some(Value::String(s)) => Ok(s.clone()),
                Some(_) => Err(format!("`{}` is not a string", name)),
            }
        };
        let port = |name: &str| -> Result<u16, String> {
            v.get(name)
                .and_then(Value::as_u64)
                .and_then(|p| u16::try_from(p).ok())
                .ok_or_else(|| format!("`{}` is missing or not a port number", name))
        };
        let scheme = str_field("signature_scheme", "hmac-sha256")?;
        if scheme != "hmac-sha256" {
            return Err(format!("unsupported signature_scheme `{}` (only hmac-sha256)", scheme));
        }
        let transport = str_field("transport", "tcp")?;
        if transport != "tcp" {
            return Err(format!("unsupported transport `{}` (only tcp)", transport));
        }
        Ok(ConnectionInfo {
            transport,
            ip: str_field("ip", "127.0.0.1")?,
            shell_port: port("shell_port")?,
            iopub_port: port("iopub_port")?,
            stdin_port: port("stdin_port")?,
            control_port: port("control_port")?,
            hb_port: port("hb_port")?,
            key: str_field("key", "")?,
        })
    }

    /// `tcp://IP:PORT`, the address one socket binds.
    pub fn endpoint(&self, port: u16) -> String {
        format!("{}://{}:{}", self.transport, self.ip, port)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_jupyter_writes() {
        let text = r#"{"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004,
            "hb_port": 5005, "ip": "127.0.0.1", "key": "abc", "transport": "tcp",
            "signature_scheme": "hmac-sha256", "kernel_name": "ocaml-jit"}"#;
        let c = ConnectionInfo::parse(text).unwrap();
        assert_eq!((c.shell_port, c.hb_port, c.key.as_str()), (5001, 5005, "abc"));
        assert_eq!(c.endpoint(c.iopub_port), "tcp://127.0.0.1:5002");
    }

    #[test]
    fn rejects_bad_files() {
        assert!(ConnectionInfo::parse("not json").is_err());
        assert!(ConnectionInfo::parse(r#"{"shell_port": 1}"#).is_err());
        let other = r#"{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5,
            "signature_scheme": "hmac-md5"}"#;
        assert!(ConnectionInfo::parse(other).unwrap_err().contains("hmac-md5"));
        assert!(ConnectionInfo::parse(r#"{"shell_port": 70000, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5}"#).is_err());
    }
}
