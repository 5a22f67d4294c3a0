//! Hashing that must give the same answer on every machine and Rust version: the record
//! of a build's inputs, page keys and the stamps of translations all compare hashes made
//! by different runs. A leaf: it knows nothing of the rest of the crate.

/// FNV-1a, 64 bits: stable across Rust versions and platforms (unlike `DefaultHasher`),
/// and fast enough for the ~1 MB of inputs and the few kilobytes of each page's context.
#[derive(Debug, Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv::new()
    }
}

impl Fnv {
    pub fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    pub fn finish(self) -> u64 {
        self.0
    }

    pub fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    pub fn write_u64(&mut self, value: u64) {
        self.write(&value.to_le_bytes());
    }

    /// A string and its length, so ("ab", "c") and ("a", "bc") hash differently.
    pub fn write_str(&mut self, text: &str) {
        self.write_u64(text.len() as u64);
        self.write(text.as_bytes());
    }

    /// A JSON value, tagged by type and with lengths, so that different values (a string
    /// "1" and a number 1, `["a", "b"]` and `["ab"]`) hash differently.
    pub fn write_json(&mut self, value: &serde_json::Value) {
        use serde_json::Value;
        match value {
            Value::Null => self.write(b"n"),
            Value::Bool(b) => self.write(if *b { b"t" } else { b"f" }),
            Value::Number(n) => {
                self.write(b"#");
                self.write_str(&n.to_string());
            }
            Value::String(text) => {
                self.write(b"s");
                self.write_str(text);
            }
            Value::Array(items) => {
                self.write(b"[");
                self.write_u64(items.len() as u64);
                for item in items {
                    self.write_json(item);
                }
            }
            Value::Object(map) => {
                self.write(b"{");
                self.write_u64(map.len() as u64);
                for (name, item) in map {
                    self.write_str(name);
                    self.write_json(item);
                }
            }
        }
    }
}

/// This executable: its version, size and modification time. Any rebuild of the generator
/// changes it, so pages are never reused across changes to the code that renders them.
/// Where the executable cannot be inspected, a value that never repeats disables reuse.
pub fn generator_id() -> String {
    let exe = std::env::current_exe().and_then(std::fs::metadata);
    let modified = exe
        .as_ref()
        .ok()
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
    match (exe, modified) {
        (Ok(meta), Some(modified)) => format!(
            "{} {} {}",
            env!("CARGO_PKG_VERSION"),
            meta.len(),
            modified.as_nanos()
        ),
        _ => format!(
            "unknown {:?} {}",
            std::time::SystemTime::now(),
            std::process::id()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_values_of_different_shapes_hash_differently() {
        use serde_json::json;
        let values = [
            json!(null),
            json!(1),
            json!("1"),
            json!(["a", "b"]),
            json!(["ab"]),
            json!({"a": "b"}),
            json!({"ab": ""}),
            json!([[], []]),
            json!([[[]]]),
            json!(true),
        ];
        let hashes: std::collections::HashSet<u64> = values
            .iter()
            .map(|v| {
                let mut h = Fnv::new();
                h.write_json(v);
                h.finish()
            })
            .collect();
        assert_eq!(hashes.len(), values.len());
    }

    #[test]
    fn lengths_separate_strings() {
        let (mut a, mut b) = (Fnv::new(), Fnv::new());
        a.write_str("ab");
        a.write_str("c");
        b.write_str("a");
        b.write_str("bc");
        assert_ne!(a.0, b.0);
    }
}
