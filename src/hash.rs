//! Hashing that must give the same answer on every machine and Rust version: the record
//! of a build's inputs, page keys and the stamps of translations all compare hashes made
//! by different runs. A leaf: it knows nothing of the rest of the crate.

/// FNV-1a, 64 bits: stable across Rust versions and platforms (unlike `DefaultHasher`),
/// and fast enough for the ~1 MB of inputs.
///
/// [`Fnv::wide`] takes eight bytes a step instead of one, for page keys (a few kilobytes
/// of context for each of ~16k pages, where FNV byte by byte was 6% of a build) and the
/// input files (read by every build, the most of what a no-op rebuild does): its values
/// differ from FNV's, so it is never used for what is stored across versions of the
/// generator (translation stamps); page keys and input hashes change with it anyway.
#[derive(Debug, Clone, Copy)]
pub struct Fnv {
    state: u64,
    wide: bool,
}

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv::new()
    }
}

impl Fnv {
    pub fn new() -> Fnv {
        Fnv {
            state: 0xcbf2_9ce4_8422_2325,
            wide: false,
        }
    }

    /// A hash of eight bytes a step (see [`Fnv`]).
    pub fn wide() -> Fnv {
        Fnv {
            wide: true,
            ..Fnv::new()
        }
    }

    pub fn finish(self) -> u64 {
        self.state
    }

    pub fn write(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        if self.wide {
            let mut words = bytes.chunks_exact(8);
            for word in &mut words {
                let mut eight = [0; 8];
                eight.copy_from_slice(word);
                self.state = (self.state ^ u64::from_le_bytes(eight))
                    .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                    .rotate_left(29);
            }
            rest = words.remainder();
        }
        for &byte in rest {
            self.state ^= u64::from(byte);
            self.state = self.state.wrapping_mul(0x0000_0100_0000_01b3);
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
        self.write_json_leaving(value, None, &mut |_, _| false);
    }

    /// [`Fnv::write_json`], except that a string for which `leave(name, text)` is true
    /// (`name`: the key it is under, in an object) adds only a mark of its place: the hash
    /// of a value's shape, whatever those strings say.
    pub fn write_json_leaving<'v, F>(
        &mut self,
        value: &'v serde_json::Value,
        name: Option<&str>,
        leave: &mut F,
    ) where
        F: FnMut(Option<&str>, &'v str) -> bool,
    {
        use serde_json::Value;
        match value {
            Value::Null => self.write(b"n"),
            Value::Bool(b) => self.write(if *b { b"t" } else { b"f" }),
            Value::Number(n) => {
                self.write(b"#");
                self.write_str(&n.to_string());
            }
            Value::String(text) if leave(name, text) => self.write(b"S"),
            Value::String(text) => {
                self.write(b"s");
                self.write_str(text);
            }
            Value::Array(items) => {
                self.write(b"[");
                self.write_u64(items.len() as u64);
                for item in items {
                    self.write_json_leaving(item, None, leave);
                }
            }
            Value::Object(map) => {
                self.write(b"{");
                self.write_u64(map.len() as u64);
                for (name, item) in map {
                    self.write_str(name);
                    self.write_json_leaving(item, Some(name), leave);
                }
            }
        }
    }
}

/// [`Fnv::wide`] as a [`std::hash::Hasher`], for the sets of a build's paths (200k at
/// 200k pages, where SipHash was most of what a no-op rebuild spent on them).
#[derive(Debug, Clone, Copy)]
pub struct WideFnv(Fnv);

impl Default for WideFnv {
    fn default() -> WideFnv {
        WideFnv(Fnv::wide())
    }
}

impl std::hash::Hasher for WideFnv {
    fn write(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
    }

    fn finish(&self) -> u64 {
        self.0.finish()
    }
}

/// A `HashSet` or `HashMap` hashed with [`WideFnv`].
pub type BuildWideFnv = std::hash::BuildHasherDefault<WideFnv>;

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
        let cases = [
            (["ab", "c"], ["a", "bc"]),
            (["abcdefghij", "k"], ["abcdefghi", "jk"]),
        ];
        for new in [Fnv::new, Fnv::wide] {
            for (one, other) in cases {
                let (mut a, mut b) = (new(), new());
                one.iter().for_each(|s| a.write_str(s));
                other.iter().for_each(|s| b.write_str(s));
                assert_ne!(a.finish(), b.finish(), "{one:?} {other:?}");
            }
        }
    }

    #[test]
    fn fnv_is_fnv_1a_and_wide_hashing_sees_every_byte() {
        let mut h = Fnv::new();
        h.write(b"a");
        assert_eq!(h.finish(), 0xaf63_dc4c_8601_ec8c);
        let text = b"0123456789abcdefghij".to_vec();
        let of = |bytes: &[u8]| {
            let mut h = Fnv::wide();
            h.write(bytes);
            h.finish()
        };
        for at in 0..text.len() {
            let mut changed = text.clone();
            changed[at] ^= 1;
            assert_ne!(of(&text), of(&changed), "byte {at}");
        }
    }
}
