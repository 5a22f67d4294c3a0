//! A page's values written down once, as a flat list of events, instead of as Tera's
//! context (a tree of `serde_json::Value`s made for each value inserted, hashed, turned
//! back into one tree, walked again for its shape and dropped: 17% of a 200k-page build,
//! for pages most of which Tera never sees).
//!
//! Writing a value onto the tape ([`Tape::insert`]) does in one pass what a page needs of
//! it: the page's key (a hash of every value), its shape (the same without the strings
//! that are written into a stencil: see `stencil.rs`), and those strings, in order. A tree
//! is made from the tape only for a page that Tera renders ([`Tape::to_value`]): every page
//! of a template that is not stencilled, and the first page of each shape, whose sentinels
//! are numbered in the tape's order, so a stencil cut from them is filled from the tape.
//!
//! The tree is the one `serde_json::to_value` would make of the same values (tests below).

use serde::Serialize;
use serde::ser::{self, Impossible};
use serde_json::{Map, Number, Value};

use crate::hash::Fnv;

/// One step of a value, in the order `Serialize` gives them.
#[derive(Debug, Clone, PartialEq)]
enum Event {
    Null,
    Bool(bool),
    Number(Number),
    /// A string of [`Tape::text`]; `slot` when it is written into a stencil.
    Str {
        start: u32,
        end: u32,
        slot: bool,
    },
    /// The start of a list, ended by [`Event::End`].
    Seq,
    /// The start of an object: [`Event::Key`] and value pairs, ended by [`Event::End`].
    Map,
    Key {
        start: u32,
        end: u32,
    },
    End,
}

/// Values inserted by name (the top level of a template's context), as events.
#[derive(Debug, Clone)]
pub(super) struct Tape {
    /// Each top-level name and where its value's events start.
    names: Vec<(&'static str, usize)>,
    events: Vec<Event>,
    /// Every string and key, one after another.
    text: String,
    /// Every event and string: the page's key.
    key: Fnv,
    /// The same, with each slot string only marked: the page's shape.
    shape: Fnv,
    /// The slot strings, by their range in `text`, in order.
    slots: Vec<(u32, u32)>,
}

/// A value that could not be written as JSON (a map whose keys are not strings).
#[derive(Debug)]
pub(super) struct NotJson(String);

impl std::fmt::Display for NotJson {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotJson {}

impl ser::Error for NotJson {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        NotJson(msg.to_string())
    }
}

impl Tape {
    /// An empty tape whose key goes on from `key` (the locale's part of every page's key).
    pub(super) fn continuing(key: Fnv) -> Tape {
        Tape {
            names: Vec::new(),
            events: Vec::with_capacity(256),
            text: String::with_capacity(4096),
            key,
            shape: Fnv::wide(),
            slots: Vec::with_capacity(64),
        }
    }

    /// Adds `value` as `name`. A value that is not JSON (see [`NotJson`]) is left out
    /// whole (where Tera's `Context::insert` would panic); the views of this crate are all
    /// JSON.
    pub(super) fn insert<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        let mark = (self.events.len(), self.text.len(), self.slots.len());
        let (key, shape) = (self.key, self.shape);
        self.key.write_str(name);
        self.shape.write_str(name);
        let written = value.serialize(&mut Writer {
            tape: self,
            under_lang: name == "lang",
        });
        if written.is_ok() {
            self.names.push((name, mark.0));
        } else {
            self.events.truncate(mark.0);
            self.text.truncate(mark.1);
            self.slots.truncate(mark.2);
            (self.key, self.shape) = (key, shape);
        }
    }

    /// The hash of everything inserted (and of what the tape continued from).
    pub(super) fn key(&self) -> Fnv {
        self.key
    }

    /// The hash of the values' shape, from `seed`.
    pub(super) fn shape(&self, seed: u64) -> u64 {
        let mut shape = Fnv::wide();
        shape.write_u64(seed);
        shape.write_u64(self.shape.finish());
        shape.finish()
    }

    /// The slot strings, in order.
    pub(super) fn slots(&self) -> Vec<&str> {
        self.slots
            .iter()
            .map(|&(start, end)| &self.text[start as usize..end as usize])
            .collect()
    }

    /// The top-level names, in the order they were inserted (a name inserted twice is
    /// there twice).
    pub(super) fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.names.iter().map(|&(name, _)| name)
    }

    /// How many slot strings there are.
    pub(super) fn slot_count(&self) -> usize {
        self.slots.len()
    }

    /// The values as one JSON object (later values of a name replace earlier ones), each
    /// slot string replaced by `sentinel(n)` for the `n`-th slot when one is given.
    pub(super) fn to_value(&self, sentinel: Option<&dyn Fn(usize) -> String>) -> Value {
        let mut reader = Reader {
            tape: self,
            at: 0,
            slot: 0,
            sentinel,
        };
        let mut object = Map::new();
        for &(name, start) in &self.names {
            reader.at = start;
            object.insert(name.to_owned(), reader.value());
        }
        Value::Object(object)
    }

    fn push_str(&mut self, text: &str, under_lang: bool) {
        let start = self.text.len() as u32;
        self.text.push_str(text);
        let end = self.text.len() as u32;
        let slot = is_slot(under_lang, text);
        self.key.write(b"s");
        self.key.write_str(text);
        if slot {
            self.shape.write(b"S");
            self.slots.push((start, end));
        } else {
            self.shape.write(b"s");
            self.shape.write_str(text);
        }
        self.events.push(Event::Str { start, end, slot });
    }

    fn push_key(&mut self, key: &str) {
        let start = self.text.len() as u32;
        self.text.push_str(key);
        let end = self.text.len() as u32;
        for hash in [&mut self.key, &mut self.shape] {
            hash.write(b"k");
            hash.write_str(key);
        }
        self.events.push(Event::Key { start, end });
    }

    /// An event without a string: its mark goes into both hashes.
    fn push_plain(&mut self, event: Event, mark: &[u8]) {
        self.key.write(mark);
        self.shape.write(mark);
        self.events.push(event);
    }

    fn push_number(&mut self, number: Number) {
        let text = number.to_string();
        for hash in [&mut self.key, &mut self.shape] {
            hash.write(b"#");
            hash.write_str(&text);
        }
        self.events.push(Event::Number(number));
    }
}

/// Whether a string is written into the stencil rather than being part of the page's
/// shape: every non-empty string but one under the key `lang` (templates use those as
/// keys and as filter arguments).
fn is_slot(under_lang: bool, text: &str) -> bool {
    !text.is_empty() && !under_lang
}

/// Reads the tape back into a tree.
struct Reader<'t> {
    tape: &'t Tape,
    at: usize,
    slot: usize,
    sentinel: Option<&'t dyn Fn(usize) -> String>,
}

impl Reader<'_> {
    fn text(&self, start: u32, end: u32) -> &str {
        &self.tape.text[start as usize..end as usize]
    }

    fn next(&mut self) -> Option<&Event> {
        let event = self.tape.events.get(self.at);
        self.at += 1;
        event
    }

    fn value(&mut self) -> Value {
        let Some(event) = self.next().cloned() else {
            return Value::Null;
        };
        match event {
            Event::Null | Event::End | Event::Key { .. } => Value::Null,
            Event::Bool(b) => Value::Bool(b),
            Event::Number(n) => Value::Number(n),
            Event::Str { start, end, slot } => {
                let text = match (slot, self.sentinel) {
                    (true, Some(sentinel)) => sentinel(self.slot),
                    _ => self.text(start, end).to_owned(),
                };
                self.slot += usize::from(slot);
                Value::String(text)
            }
            Event::Seq => {
                let mut items = Vec::new();
                while self
                    .tape
                    .events
                    .get(self.at)
                    .is_some_and(|e| *e != Event::End)
                {
                    items.push(self.value());
                }
                self.at += 1;
                Value::Array(items)
            }
            Event::Map => {
                let mut map = Map::new();
                while let Some(&Event::Key { start, end }) = self.tape.events.get(self.at) {
                    self.at += 1;
                    let key = self.text(start, end).to_owned();
                    let value = self.value();
                    map.insert(key, value);
                }
                self.at += 1;
                Value::Object(map)
            }
        }
    }
}

/// Writes one value onto a tape; `under_lang` when it is an object's member named `lang`
/// (for [`is_slot`]).
struct Writer<'t> {
    tape: &'t mut Tape,
    under_lang: bool,
}

/// Writes the members of a list or an object.
struct Compound<'a, 't> {
    writer: &'a mut Writer<'t>,
    /// Whether the compound is wrapped in `{variant: …}`.
    variant: bool,
    /// In a map: whether the last key was `lang`.
    key_is_lang: bool,
}

impl Compound<'_, '_> {
    fn item<T: Serialize + ?Sized>(&mut self, under_lang: bool, value: &T) -> Result<(), NotJson> {
        let outer = std::mem::replace(&mut self.writer.under_lang, under_lang);
        let written = value.serialize(&mut *self.writer);
        self.writer.under_lang = outer;
        written
    }

    fn end(self) -> Result<(), NotJson> {
        self.writer.tape.push_plain(Event::End, b"}");
        if self.variant {
            self.writer.tape.push_plain(Event::End, b"}");
        }
        Ok(())
    }
}

impl<'a, 't> Writer<'t> {
    fn open(&'a mut self, event: Event, variant: Option<&'static str>) -> Compound<'a, 't> {
        if let Some(variant) = variant {
            self.tape.push_plain(Event::Map, b"{");
            self.tape.push_key(variant);
        }
        let mark: &[u8] = if event == Event::Seq { b"[" } else { b"{" };
        self.tape.push_plain(event, mark);
        Compound {
            writer: self,
            variant: variant.is_some(),
            key_is_lang: false,
        }
    }
}

impl<'a, 't> ser::Serializer for &'a mut Writer<'t> {
    type Ok = ();
    type Error = NotJson;
    type SerializeSeq = Compound<'a, 't>;
    type SerializeTuple = Compound<'a, 't>;
    type SerializeTupleStruct = Compound<'a, 't>;
    type SerializeTupleVariant = Compound<'a, 't>;
    type SerializeMap = Compound<'a, 't>;
    type SerializeStruct = Compound<'a, 't>;
    type SerializeStructVariant = Compound<'a, 't>;

    fn serialize_bool(self, v: bool) -> Result<(), NotJson> {
        self.tape
            .push_plain(Event::Bool(v), if v { b"t" } else { b"f" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), NotJson> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), NotJson> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), NotJson> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), NotJson> {
        self.tape.push_number(Number::from(v));
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), NotJson> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), NotJson> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), NotJson> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), NotJson> {
        self.tape.push_number(Number::from(v));
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), NotJson> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), NotJson> {
        // As serde_json: a number that JSON cannot hold is null.
        match Number::from_f64(v) {
            Some(number) => self.tape.push_number(number),
            None => self.tape.push_plain(Event::Null, b"n"),
        }
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), NotJson> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), NotJson> {
        self.tape.push_str(v, self.under_lang);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), NotJson> {
        let mut seq = self.open(Event::Seq, None);
        for byte in v {
            seq.item(false, byte)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), NotJson> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), NotJson> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), NotJson> {
        self.tape.push_plain(Event::Null, b"n");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), NotJson> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), NotJson> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), NotJson> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), NotJson> {
        self.tape.push_plain(Event::Map, b"{");
        self.tape.push_key(variant);
        let outer = std::mem::replace(&mut self.under_lang, variant == "lang");
        let written = value.serialize(&mut *self);
        self.under_lang = outer;
        written?;
        self.tape.push_plain(Event::End, b"}");
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a, 't>, NotJson> {
        Ok(self.open(Event::Seq, None))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a, 't>, NotJson> {
        Ok(self.open(Event::Seq, None))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 't>, NotJson> {
        Ok(self.open(Event::Seq, None))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 't>, NotJson> {
        Ok(self.open(Event::Seq, Some(variant)))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a, 't>, NotJson> {
        Ok(self.open(Event::Map, None))
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 't>, NotJson> {
        Ok(self.open(Event::Map, None))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 't>, NotJson> {
        Ok(self.open(Event::Map, Some(variant)))
    }
}

/// The four kinds of list serde has (sequences, tuples, tuple structs and variants) are
/// all JSON arrays: their items are written alike.
macro_rules! list_items {
    ($($kind:ident :: $method:ident),*) => {$(
        impl ser::$kind for Compound<'_, '_> {
            type Ok = ();
            type Error = NotJson;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NotJson> {
                self.item(false, value)
            }
            fn end(self) -> Result<(), NotJson> {
                Compound::end(self)
            }
        }
    )*};
}

list_items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = NotJson;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), NotJson> {
        let key = key.serialize(KeyText)?;
        self.key_is_lang = key == "lang";
        self.writer.tape.push_key(&key);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NotJson> {
        self.item(self.key_is_lang, value)
    }
    fn end(self) -> Result<(), NotJson> {
        Compound::end(self)
    }
}

/// Structs and struct variants are both JSON objects with `'static` field names.
macro_rules! struct_fields {
    ($($kind:ident),*) => {$(
        impl ser::$kind for Compound<'_, '_> {
            type Ok = ();
            type Error = NotJson;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), NotJson> {
                self.writer.tape.push_key(key);
                self.item(key == "lang", value)
            }
            fn end(self) -> Result<(), NotJson> {
                Compound::end(self)
            }
        }
    )*};
}

struct_fields!(SerializeStruct, SerializeStructVariant);

/// A map key as text, as serde_json writes keys: strings, characters, numbers and
/// booleans; anything else is [`NotJson`].
struct KeyText;

impl ser::Serializer for KeyText {
    type Ok = String;
    type Error = NotJson;
    type SerializeSeq = Impossible<String, NotJson>;
    type SerializeTuple = Impossible<String, NotJson>;
    type SerializeTupleStruct = Impossible<String, NotJson>;
    type SerializeTupleVariant = Impossible<String, NotJson>;
    type SerializeMap = Impossible<String, NotJson>;
    type SerializeStruct = Impossible<String, NotJson>;
    type SerializeStructVariant = Impossible<String, NotJson>;

    fn serialize_bool(self, v: bool) -> Result<String, NotJson> {
        Ok(v.to_string())
    }
    fn serialize_i8(self, v: i8) -> Result<String, NotJson> {
        Ok(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<String, NotJson> {
        Ok(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<String, NotJson> {
        Ok(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<String, NotJson> {
        Ok(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<String, NotJson> {
        Ok(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<String, NotJson> {
        Ok(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<String, NotJson> {
        Ok(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<String, NotJson> {
        Ok(v.to_string())
    }
    fn serialize_f32(self, _v: f32) -> Result<String, NotJson> {
        Err(NotJson("a map key that is a float".into()))
    }
    fn serialize_f64(self, _v: f64) -> Result<String, NotJson> {
        Err(NotJson("a map key that is a float".into()))
    }
    fn serialize_char(self, v: char) -> Result<String, NotJson> {
        Ok(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<String, NotJson> {
        Ok(v.to_owned())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<String, NotJson> {
        Err(NotJson("a map key that is bytes".into()))
    }
    fn serialize_none(self) -> Result<String, NotJson> {
        Err(NotJson("a map key that is null".into()))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<String, NotJson> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<String, NotJson> {
        Err(NotJson("a map key that is null".into()))
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<String, NotJson> {
        Err(NotJson("a map key that is null".into()))
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<String, NotJson> {
        Ok(variant.to_owned())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<String, NotJson> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<String, NotJson> {
        Err(NotJson("a map key that is an enum".into()))
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, NotJson> {
        Err(NotJson("a map key that is a list".into()))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, NotJson> {
        Err(NotJson("a map key that is a list".into()))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, NotJson> {
        Err(NotJson("a map key that is a list".into()))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, NotJson> {
        Err(NotJson("a map key that is a list".into()))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, NotJson> {
        Err(NotJson("a map key that is a map".into()))
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, NotJson> {
        Err(NotJson("a map key that is a map".into()))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, NotJson> {
        Err(NotJson("a map key that is a map".into()))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::*;
    use crate::render::views::{Alternate, PageMeta};

    #[derive(Serialize)]
    enum Kind {
        Unit,
        Newtype(u8),
        Tuple(u8, &'static str),
        Struct {
            lang: &'static str,
            text: &'static str,
        },
    }

    #[derive(Serialize)]
    struct Everything {
        text: &'static str,
        empty: String,
        lang: &'static str,
        number: u16,
        negative: i32,
        float: f64,
        not_a_number: f64,
        flag: bool,
        letter: char,
        nothing: Option<String>,
        something: Option<&'static str>,
        list: Vec<&'static str>,
        map: BTreeMap<String, &'static str>,
        kinds: Vec<Kind>,
        pair: (u8, &'static str),
        #[serde(skip)]
        _skipped: u8,
    }

    fn everything() -> Everything {
        Everything {
            text: "a <b> & \"c\"",
            empty: String::new(),
            lang: "ja",
            number: 4,
            negative: -3,
            float: 1.5,
            not_a_number: f64::NAN,
            flag: true,
            letter: 'é',
            nothing: None,
            something: Some("x"),
            list: vec!["one", "", "three"],
            map: [("lang".to_owned(), "en"), ("b".to_owned(), "y")].into(),
            kinds: vec![
                Kind::Unit,
                Kind::Newtype(7),
                Kind::Tuple(1, "t"),
                Kind::Struct {
                    lang: "en",
                    text: "s",
                },
            ],
            pair: (2, "p"),
            _skipped: 9,
        }
    }

    fn page_meta() -> PageMeta {
        PageMeta {
            title: "250 vs 251".into(),
            description: "d".into(),
            canonical: "https://x/en/250-vs-251/".into(),
            x_default: "https://x/en/250-vs-251/".into(),
            noindex: false,
            alternates: vec![Alternate {
                lang: "ja".into(),
                name: "日本語".into(),
                href: "/ja/250-vs-251/".into(),
                absolute: "https://x/ja/250-vs-251/".into(),
                current: false,
            }],
        }
    }

    fn tape_of(values: &[(&'static str, &dyn erased::Value)]) -> Tape {
        let mut tape = Tape::continuing(Fnv::wide());
        for (name, value) in values {
            value.insert_into(&mut tape, name);
        }
        tape
    }

    /// Inserting values of different types from one list.
    mod erased {
        use super::*;
        pub(super) trait Value {
            fn insert_into(&self, tape: &mut Tape, name: &'static str);
            fn json(&self) -> serde_json::Value;
        }
        impl<T: Serialize> Value for T {
            fn insert_into(&self, tape: &mut Tape, name: &'static str) {
                tape.insert(name, self);
            }
            fn json(&self) -> serde_json::Value {
                serde_json::to_value(self).unwrap()
            }
        }
    }

    #[test]
    fn the_tree_is_the_one_serde_json_makes() {
        let meta = page_meta();
        let everything = everything();
        let values: [(&'static str, &dyn erased::Value); 4] = [
            ("page", &meta),
            ("all", &everything),
            ("title", &"first"),
            ("title", &"second"),
        ];
        let tape = tape_of(&values);
        let mut expected = serde_json::Map::new();
        for (name, value) in &values {
            expected.insert((*name).to_owned(), value.json());
        }
        assert_eq!(tape.to_value(None), serde_json::Value::Object(expected));
    }

    /// The tree with each sentinel replaced by its slot's string.
    fn filled(value: &serde_json::Value, slots: &[&str]) -> serde_json::Value {
        match value {
            serde_json::Value::String(s) => {
                match s.strip_prefix('<').and_then(|s| s.strip_suffix('>')) {
                    Some(n) => json!(slots[n.parse::<usize>().unwrap()]),
                    None => value.clone(),
                }
            }
            serde_json::Value::Array(items) => {
                serde_json::Value::Array(items.iter().map(|i| filled(i, slots)).collect())
            }
            serde_json::Value::Object(map) => serde_json::Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), filled(v, slots)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    #[test]
    fn sentinels_are_numbered_as_the_slots_are_listed() {
        let (meta, everything) = (page_meta(), everything());
        let tape = tape_of(&[("page", &meta), ("all", &everything), ("lang", &"en")]);
        let sentinel = |n: usize| format!("<{n}>");
        let with_sentinels = tape.to_value(Some(&sentinel));
        let slots = tape.slots();
        assert_eq!(filled(&with_sentinels, &slots), tape.to_value(None));
        // Neither an empty string nor a `lang` (at any depth) is a slot.
        assert!(slots.iter().all(|s| !s.is_empty()));
        assert_eq!(with_sentinels["lang"], "en");
        assert_eq!(with_sentinels["all"]["lang"], "ja");
        assert_eq!(with_sentinels["all"]["map"]["lang"], "en");
        assert_eq!(with_sentinels["page"]["alternates"][0]["lang"], "ja");
        assert_eq!(with_sentinels["all"]["kinds"][3]["Struct"]["lang"], "en");
        assert_eq!(slots.len(), tape.slot_count());
        assert!(slots.contains(&"日本語") && slots.contains(&"a <b> & \"c\""));
    }

    #[test]
    fn strings_change_the_shape_only_where_templates_branch_on_them() {
        let shape = |value: serde_json::Value| {
            let mut tape = Tape::continuing(Fnv::wide());
            tape.insert("page", &value);
            tape.shape(0)
        };
        let one = json!({"title": "a", "lang": "en", "items": ["x"], "flag": true});
        let other = json!({"title": "b", "lang": "en", "items": ["y"], "flag": true});
        assert_eq!(shape(one.clone()), shape(other));
        for different in [
            json!({"title": "a", "lang": "ja", "items": ["x"], "flag": true}),
            json!({"title": "", "lang": "en", "items": ["x"], "flag": true}),
            json!({"title": "a", "lang": "en", "items": ["x", "y"], "flag": true}),
            json!({"title": "a", "lang": "en", "items": ["x"], "flag": false}),
            json!({"title": "a", "lang": "en", "items": "x", "flag": true}),
            json!({"name": "a", "lang": "en", "items": ["x"], "flag": true}),
        ] {
            assert_ne!(shape(one.clone()), shape(different.clone()), "{different}");
        }
    }

    #[test]
    fn the_key_changes_with_any_value_and_only_with_one() {
        let key = |title: &str, items: &[&str]| {
            let mut tape = Tape::continuing(Fnv::wide());
            tape.insert("title", title);
            tape.insert("items", items);
            tape.key().finish()
        };
        assert_eq!(key("a", &["b", "c"]), key("a", &["b", "c"]));
        assert_ne!(key("a", &["b", "c"]), key("a", &["bc"]));
        assert_ne!(key("a", &["b", "c"]), key("ab", &["c"]));
        assert_ne!(key("a", &["b", "c"]), key("a", &["b", "d"]));
    }

    #[test]
    fn a_value_that_is_not_json_is_left_out() {
        let mut tape = Tape::continuing(Fnv::wide());
        tape.insert("title", "kept");
        let before = (tape.key().finish(), tape.slot_count());
        let bad: BTreeMap<(u8, u8), &str> = [((1, 2), "x")].into();
        tape.insert("bad", &bad);
        assert_eq!((tape.key().finish(), tape.slot_count()), before);
        assert_eq!(tape.to_value(None), json!({"title": "kept"}));
    }
}
