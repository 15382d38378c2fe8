//! Typed structured data (`eth_signTypedData_v3` and `_v4`).
//!
//! The signed hash is `keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ hashStruct(message))`, with
//! `domainSeparator = hashStruct(EIP712Domain, domain)`; when the primary type is
//! `EIP712Domain` itself the message part is left out. `hashStruct(T, v)` is
//! `keccak256(typeHash(T) ‖ encodeData(v))`: `typeHash` hashes `encodeType(T)` — `T`'s
//! definition followed by those of every struct it references, sorted by name — and
//! `encodeData` writes each field as one 32-byte word (dynamic values and structs hashed,
//! arrays as the hash of their items' words).
//!
//! # Compatibility with MetaMask
//!
//! dApps test against MetaMask, whose hashing is `@metamask/eth-sig-util`
//! (`src/sign-typed-data.ts`), so for every input this module accepts it gives that
//! library's hash. That includes where V3 and V4 differ:
//!
//! | value | V3 | V4 |
//! |---|---|---|
//! | field missing from its object | left out of the encoding entirely | struct: 32 zero bytes; anything else: error |
//! | `null` struct | error | 32 zero bytes |
//! | `null` `string` / `bool` | hash of `""` / `false` | same |
//! | `null` of another type | error | error |
//! | arrays (any present value) | error | hash of the items' words; nested arrays recurse |
//!
//! Recursive types (a `Mail` with a `replyTo: Mail`) are accepted, as EIP-712 and
//! eth-sig-util allow: the data is finite, ending in a missing field (V3) or a `null` (V4).
//!
//! Where eth-sig-util accepts a value in a way that would let the approval show one thing
//! and sign another, this module refuses it instead (a refusal never produces a wrong
//! signature; the dApp just gets -32602):
//! - `bool` only takes `true`/`false` (eth-sig-util signs the string `"false"` as true);
//! - `string` only takes strings; `bytes` and `bytesN` only `0x` hex with an even number of
//!   digits (no text, no numbers); `bytesN` at most N bytes (right-padded, as eth-sig-util
//!   does);
//! - `address` takes `0x` and exactly 40 hex digits (any case; the checksum is not enforced,
//!   as eth-sig-util does not);
//! - integers are JSON numbers up to 2^53 - 1, decimal strings (`-` allowed for `intN`) or
//!   `0x` hex strings, and must fit the declared type exactly: `intN` in
//!   [-2^(N-1), 2^(N-1) - 1] (eth-sig-util lets `int8` take 255);
//! - fixed-size arrays must have their declared length;
//! - type names are identifiers, and no struct may be named like an atomic type;
//!   `EIP712Domain` may only have atomic fields (eth-sig-util hashes the domain without the
//!   other types).
//!
//! This is written here rather than taken from alloy's `dyn-abi` because alloy follows the
//! EIP strictly and cannot reproduce eth-sig-util's V3/V4 treatment of missing and `null`
//! values, which dApps rely on.
//!
//! Spec: <https://eips.ethereum.org/EIPS/eip-712>

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::primitives::{B256, U256, keccak256};
use super::quantity::{HexError, parse_data};

/// The `eth_signTypedData` flavour whose rules apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Eip712Version {
    /// `eth_signTypedData_v3`: no arrays; missing fields are left out.
    V3,
    /// `eth_signTypedData_v4`: arrays; missing or `null` structs are zero words.
    V4,
}

/// Why typed data cannot be hashed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TypedDataError {
    /// The text is not JSON.
    #[error("typed data is not valid json (line {line}, column {column})")]
    InvalidJson {
        /// Where parsing stopped.
        line: usize,
        /// Where parsing stopped.
        column: usize,
    },
    /// A part that must be a JSON object is not.
    #[error("{what} must be a json object")]
    NotAnObject {
        /// Which part: "typed data", "types", "domain" or "message".
        what: &'static str,
    },
    /// No `types`.
    #[error("typed data has no types")]
    MissingTypes,
    /// No `primaryType`, or not a string.
    #[error("typed data has no primaryType")]
    MissingPrimaryType,
    /// A type definition is not a list of `{name, type}` objects.
    #[error("types.{type_name} is not a list of {{name, type}} fields")]
    TypeDefinition {
        /// The struct.
        type_name: String,
    },
    /// A struct name that is not an identifier.
    #[error("{type_name:?} is not a valid struct name")]
    InvalidTypeName {
        /// The name.
        type_name: String,
    },
    /// A struct named like an atomic type, which would make `encodeData` ambiguous.
    #[error("a struct cannot be named {type_name}, which is an atomic type")]
    AtomicTypeName {
        /// The name.
        type_name: String,
    },
    /// A field name that is not an identifier.
    #[error("{type_name} has a field with an invalid name {field:?}")]
    InvalidFieldName {
        /// The struct.
        type_name: String,
        /// The name.
        field: String,
    },
    /// Two fields with one name.
    #[error("{type_name} has two fields named {field}")]
    DuplicateField {
        /// The struct.
        type_name: String,
        /// The name.
        field: String,
    },
    /// A field type that is neither atomic, dynamic, nor a defined struct.
    #[error("{type_name}.{field} has unknown type {field_type:?}")]
    UnknownType {
        /// The struct.
        type_name: String,
        /// The field.
        field: String,
        /// Its declared type.
        field_type: String,
    },
    /// An array length that is not a positive decimal number.
    #[error("{type_name}.{field} has an invalid array length in {field_type:?}")]
    InvalidArrayLength {
        /// The struct.
        type_name: String,
        /// The field.
        field: String,
        /// Its declared type.
        field_type: String,
    },
    /// `EIP712Domain` references a struct.
    #[error("EIP712Domain.{field} must have an atomic type")]
    DomainReferencesStruct {
        /// The field.
        field: String,
    },
    /// `primaryType` is not defined in `types`.
    #[error("primaryType {primary_type} is not defined in types")]
    UnknownPrimaryType {
        /// The name.
        primary_type: String,
    },
    /// `EIP712Domain` has fields but there is no `domain`.
    #[error("typed data has no domain")]
    MissingDomain,
    /// The primary type has fields but there is no `message`.
    #[error("typed data has no message")]
    MissingMessage,
    /// An array in `eth_signTypedData_v3`.
    #[error("{path}: arrays need eth_signTypedData_v4")]
    ArraysNeedV4 {
        /// Where.
        path: String,
    },
    /// A field is missing (V4, a non-struct field).
    #[error("{path}: missing value of type {field_type}")]
    MissingValue {
        /// Where.
        path: String,
        /// Its declared type.
        field_type: String,
    },
    /// A value of the wrong JSON type.
    #[error("{path}: expected {expected}")]
    WrongValueType {
        /// Where.
        path: String,
        /// What it must be.
        expected: &'static str,
    },
    /// An integer that cannot be read.
    #[error("{path}: not an integer (a number up to 2^53 - 1, or a decimal or 0x hex string)")]
    InvalidNumber {
        /// Where.
        path: String,
    },
    /// An integer outside its type's range.
    #[error("{path}: value out of range for {field_type}")]
    OutOfRange {
        /// Where.
        path: String,
        /// Its declared type.
        field_type: String,
    },
    /// Malformed hex.
    #[error("{path}: {source}")]
    InvalidHex {
        /// Where.
        path: String,
        /// What is wrong.
        source: HexError,
    },
    /// A value of the wrong size: an address, `bytesN`, or a fixed-size array.
    #[error("{path}: expected {expected} {unit}, found {found}")]
    WrongLength {
        /// Where.
        path: String,
        /// Size required (at most, for `bytesN`).
        expected: usize,
        /// Size given.
        found: usize,
        /// "bytes" or "items".
        unit: &'static str,
    },
    /// The data nests deeper than [`MAX_DEPTH`].
    #[error("{path}: the data nests too deeply")]
    TooDeep {
        /// Where.
        path: String,
    },
}

/// How deeply structs and arrays may nest in the data.
pub const MAX_DEPTH: usize = 64;

/// The largest integer a JSON number may carry here (`Number.MAX_SAFE_INTEGER`): dApps
/// build JSON in JavaScript, where larger numbers have already lost precision.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

const DOMAIN: &str = "EIP712Domain";

/// An atomic or dynamic EIP-712 type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Atomic {
    Bool,
    Address,
    String,
    Bytes,
    /// `bytes1` … `bytes32`.
    FixedBytes(usize),
    /// `uint8` … `uint256`.
    Uint(usize),
    /// `int8` … `int256`.
    Int(usize),
}

impl Atomic {
    fn parse(name: &str) -> Option<Self> {
        let sized = |digits: &str, min: usize, max: usize, step: usize| {
            if digits.starts_with('0') {
                return None;
            }
            let n: usize = digits.parse().ok()?;
            (min..=max).contains(&n).then_some(n).filter(|n| n % step == 0)
        };
        Some(match name {
            "bool" => Self::Bool,
            "address" => Self::Address,
            "string" => Self::String,
            "bytes" => Self::Bytes,
            _ => {
                if let Some(d) = name.strip_prefix("bytes") {
                    Self::FixedBytes(sized(d, 1, 32, 1)?)
                } else if let Some(d) = name.strip_prefix("uint") {
                    Self::Uint(sized(d, 8, 256, 8)?)
                } else if let Some(d) = name.strip_prefix("int") {
                    Self::Int(sized(d, 8, 256, 8)?)
                } else {
                    return None;
                }
            }
        })
    }
}

/// A field's type, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
enum FieldType {
    Atomic(Atomic),
    Struct(String),
    /// Items' type and, for `T[n]`, the length.
    Array(Box<FieldType>, Option<usize>),
}

impl FieldType {
    /// The struct named at the bottom of the type, if any.
    fn struct_name(&self) -> Option<&str> {
        match self {
            Self::Atomic(_) => None,
            Self::Struct(name) => Some(name),
            Self::Array(inner, _) => inner.struct_name(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Field {
    name: String,
    /// The type as declared, for `encodeType`.
    declared: String,
    ty: FieldType,
}

/// Whether `name` is an identifier: ASCII letters, digits and `_`, not starting with a digit.
/// (eth-sig-util finds referenced types with `/^\w*/`, so nothing else can be allowed in a
/// struct name.)
fn is_type_identifier(name: &str) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Field names may also contain `$`, as Solidity identifiers can.
fn is_field_identifier(name: &str) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_alphabetic() || b == b'_' || b == b'$')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
}

/// The struct definitions of typed data (`types`), validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Eip712Types {
    structs: BTreeMap<String, Vec<Field>>,
}

impl Eip712Types {
    /// Reads and checks `types`. `EIP712Domain` is taken as empty if not defined.
    ///
    /// # Errors
    /// [`TypedDataError`] for malformed definitions, bad names, duplicate fields, unknown
    /// types or bad array lengths.
    pub fn from_value(types: &Value) -> Result<Self, TypedDataError> {
        let object = types
            .as_object()
            .ok_or(TypedDataError::NotAnObject { what: "types" })?;
        let names: BTreeSet<&str> = object.keys().map(String::as_str).collect();
        let mut structs = BTreeMap::new();
        for (type_name, definition) in object {
            if !is_type_identifier(type_name) {
                return Err(TypedDataError::InvalidTypeName {
                    type_name: type_name.clone(),
                });
            }
            if Atomic::parse(type_name).is_some() || type_name == "function" {
                return Err(TypedDataError::AtomicTypeName {
                    type_name: type_name.clone(),
                });
            }
            let bad_definition = || TypedDataError::TypeDefinition {
                type_name: type_name.clone(),
            };
            let entries = definition.as_array().ok_or_else(bad_definition)?;
            let mut fields: Vec<Field> = Vec::with_capacity(entries.len());
            for entry in entries {
                let name = entry
                    .get("name")
                    .and_then(Value::as_str)
                    .ok_or_else(bad_definition)?;
                let declared = entry
                    .get("type")
                    .and_then(Value::as_str)
                    .ok_or_else(bad_definition)?;
                if !is_field_identifier(name) {
                    return Err(TypedDataError::InvalidFieldName {
                        type_name: type_name.clone(),
                        field: name.to_owned(),
                    });
                }
                if fields.iter().any(|f| f.name == name) {
                    return Err(TypedDataError::DuplicateField {
                        type_name: type_name.clone(),
                        field: name.to_owned(),
                    });
                }
                let ty = parse_field_type(declared, &names, type_name, name)?;
                if type_name == DOMAIN && ty.struct_name().is_some() {
                    return Err(TypedDataError::DomainReferencesStruct {
                        field: name.to_owned(),
                    });
                }
                fields.push(Field {
                    name: name.to_owned(),
                    declared: declared.to_owned(),
                    ty,
                });
            }
            structs.insert(type_name.clone(), fields);
        }
        structs.entry(DOMAIN.to_owned()).or_default();
        Ok(Self { structs })
    }

    fn fields(&self, type_name: &str) -> Option<&[Field]> {
        self.structs.get(type_name).map(Vec::as_slice)
    }

    /// Whether a struct of this name is defined.
    pub fn contains(&self, type_name: &str) -> bool {
        self.structs.contains_key(type_name)
    }

    /// `encodeType`: `Name(type1 name1,…)` for the struct, then for each struct it
    /// references, directly or not, sorted by name.
    ///
    /// # Errors
    /// [`TypedDataError::UnknownPrimaryType`] if the struct is not defined.
    pub fn encode_type(&self, type_name: &str) -> Result<String, TypedDataError> {
        if !self.contains(type_name) {
            return Err(TypedDataError::UnknownPrimaryType {
                primary_type: type_name.to_owned(),
            });
        }
        let mut found = BTreeSet::new();
        let mut pending = vec![type_name];
        while let Some(name) = pending.pop() {
            if !found.insert(name) {
                continue;
            }
            for field in self.fields(name).unwrap_or_default() {
                if let Some(referenced) = field.ty.struct_name() {
                    pending.push(referenced);
                }
            }
        }
        found.remove(type_name);
        let mut out = String::new();
        // `found` is a BTreeSet of ASCII names: byte order, which is also the UTF-16 code
        // unit order JavaScript's default sort uses.
        for name in std::iter::once(type_name).chain(found) {
            out.push_str(name);
            out.push('(');
            for (i, field) in self.fields(name).unwrap_or_default().iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&field.declared);
                out.push(' ');
                out.push_str(&field.name);
            }
            out.push(')');
        }
        Ok(out)
    }

    /// `typeHash`: Keccak-256 of [`Self::encode_type`].
    ///
    /// # Errors
    /// As [`Self::encode_type`].
    pub fn type_hash(&self, type_name: &str) -> Result<B256, TypedDataError> {
        self.encode_type(type_name).map(keccak256)
    }

    /// `encodeData` with its type hash in front: the bytes `hashStruct` hashes.
    ///
    /// # Errors
    /// [`TypedDataError`] for a value that does not fit its type (see the module docs).
    pub fn encode_data(
        &self,
        type_name: &str,
        data: &Value,
        version: Eip712Version,
    ) -> Result<Vec<u8>, TypedDataError> {
        let object = data
            .as_object()
            .ok_or(TypedDataError::NotAnObject { what: "message" })?;
        self.encode_struct(type_name, object, version, "message", 0)
    }

    /// `hashStruct`: Keccak-256 of [`Self::encode_data`].
    ///
    /// # Errors
    /// As [`Self::encode_data`].
    pub fn hash_struct(
        &self,
        type_name: &str,
        data: &Value,
        version: Eip712Version,
    ) -> Result<B256, TypedDataError> {
        self.encode_data(type_name, data, version).map(keccak256)
    }

    fn encode_struct(
        &self,
        type_name: &str,
        data: &Map<String, Value>,
        version: Eip712Version,
        path: &str,
        depth: usize,
    ) -> Result<Vec<u8>, TypedDataError> {
        if depth > MAX_DEPTH {
            return Err(TypedDataError::TooDeep {
                path: path.to_owned(),
            });
        }
        let fields = self
            .fields(type_name)
            .ok_or_else(|| TypedDataError::UnknownPrimaryType {
                primary_type: type_name.to_owned(),
            })?;
        let mut out = Vec::with_capacity(32 * (fields.len() + 1));
        out.extend_from_slice(self.type_hash(type_name)?.as_bytes());
        for field in fields {
            let field_path = format!("{path}.{}", field.name);
            match data.get(&field.name) {
                // eth-sig-util V3 skips a field whose value is `undefined`; JSON cannot
                // carry `undefined`, so that is a missing key.
                None if version == Eip712Version::V3 => continue,
                None => match field.ty {
                    FieldType::Struct(_) => out.extend_from_slice(&[0; 32]),
                    _ => {
                        return Err(TypedDataError::MissingValue {
                            path: field_path,
                            field_type: field.declared.clone(),
                        });
                    }
                },
                Some(value) => {
                    let word =
                        self.encode_value(&field.ty, &field.declared, value, version, &field_path, depth)?;
                    out.extend_from_slice(&word);
                }
            }
        }
        Ok(out)
    }

    fn encode_value(
        &self,
        ty: &FieldType,
        declared: &str,
        value: &Value,
        version: Eip712Version,
        path: &str,
        depth: usize,
    ) -> Result<[u8; 32], TypedDataError> {
        match ty {
            FieldType::Atomic(atomic) => encode_atomic(*atomic, declared, value, path),
            FieldType::Struct(name) => match value {
                Value::Null if version == Eip712Version::V4 => Ok([0; 32]),
                Value::Object(object) => {
                    let encoded = self.encode_struct(name, object, version, path, depth + 1)?;
                    Ok(*keccak256(encoded).as_bytes())
                }
                _ => Err(TypedDataError::WrongValueType {
                    path: path.to_owned(),
                    expected: "an object",
                }),
            },
            FieldType::Array(item, length) => {
                if version == Eip712Version::V3 {
                    return Err(TypedDataError::ArraysNeedV4 {
                        path: path.to_owned(),
                    });
                }
                if depth + 1 > MAX_DEPTH {
                    return Err(TypedDataError::TooDeep {
                        path: path.to_owned(),
                    });
                }
                let items = value.as_array().ok_or_else(|| TypedDataError::WrongValueType {
                    path: path.to_owned(),
                    expected: "an array",
                })?;
                if let Some(expected) = *length
                    && items.len() != expected
                {
                    return Err(TypedDataError::WrongLength {
                        path: path.to_owned(),
                        expected,
                        found: items.len(),
                        unit: "items",
                    });
                }
                let item_declared = declared.rfind('[').map_or(declared, |at| &declared[..at]);
                let mut words = Vec::with_capacity(32 * items.len());
                for (i, item_value) in items.iter().enumerate() {
                    let item_path = format!("{path}[{i}]");
                    let word =
                        self.encode_value(item, item_declared, item_value, version, &item_path, depth + 1)?;
                    words.extend_from_slice(&word);
                }
                Ok(*keccak256(words).as_bytes())
            }
        }
    }
}

/// Parses a declared field type: an atomic type, a struct in `names`, or either followed by
/// `[]` / `[n]` groups (the last group is the outermost array).
fn parse_field_type(
    declared: &str,
    names: &BTreeSet<&str>,
    type_name: &str,
    field: &str,
) -> Result<FieldType, TypedDataError> {
    if let Some(open) = declared.rfind('[')
        && declared.ends_with(']')
    {
        let digits = &declared[open + 1..declared.len() - 1];
        let length = if digits.is_empty() {
            None
        } else {
            let n = digits
                .parse::<usize>()
                .ok()
                .filter(|n| *n > 0 && !digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit()))
                .ok_or_else(|| TypedDataError::InvalidArrayLength {
                    type_name: type_name.to_owned(),
                    field: field.to_owned(),
                    field_type: declared.to_owned(),
                })?;
            Some(n)
        };
        let inner = parse_field_type(&declared[..open], names, type_name, field).map_err(|e| match e {
            TypedDataError::UnknownType { .. } => TypedDataError::UnknownType {
                type_name: type_name.to_owned(),
                field: field.to_owned(),
                field_type: declared.to_owned(),
            },
            other => other,
        })?;
        return Ok(FieldType::Array(Box::new(inner), length));
    }
    if let Some(atomic) = Atomic::parse(declared) {
        return Ok(FieldType::Atomic(atomic));
    }
    if names.contains(declared) && is_type_identifier(declared) {
        return Ok(FieldType::Struct(declared.to_owned()));
    }
    Err(TypedDataError::UnknownType {
        type_name: type_name.to_owned(),
        field: field.to_owned(),
        field_type: declared.to_owned(),
    })
}

/// An integer read from JSON: sign and magnitude.
struct Integer {
    negative: bool,
    magnitude: U256,
}

fn parse_integer(value: &Value, path: &str) -> Result<Integer, TypedDataError> {
    let invalid = || TypedDataError::InvalidNumber {
        path: path.to_owned(),
    };
    match value {
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                if u > MAX_SAFE_INTEGER {
                    return Err(invalid());
                }
                Ok(Integer {
                    negative: false,
                    magnitude: U256::from(u),
                })
            } else if let Some(i) = n.as_i64() {
                let magnitude = i.unsigned_abs();
                if magnitude > MAX_SAFE_INTEGER {
                    return Err(invalid());
                }
                Ok(Integer {
                    negative: i < 0,
                    magnitude: U256::from(magnitude),
                })
            } else {
                // A fraction or an exponent: JavaScript writes neither for a safe integer.
                Err(invalid())
            }
        }
        Value::String(s) => {
            let (negative, digits, radix) =
                if let Some(hex) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
                    (false, hex, 16)
                } else if let Some(dec) = s.strip_prefix('-') {
                    (true, dec, 10)
                } else {
                    (false, s.as_str(), 10)
                };
            let valid_digits = !digits.is_empty()
                && digits.bytes().all(|b| {
                    if radix == 16 {
                        b.is_ascii_hexdigit()
                    } else {
                        b.is_ascii_digit()
                    }
                });
            if !valid_digits {
                return Err(invalid());
            }
            let magnitude = U256::from_str_radix(digits, radix).map_err(|_| TypedDataError::OutOfRange {
                path: path.to_owned(),
                field_type: "uint256".to_owned(),
            })?;
            Ok(Integer { negative, magnitude })
        }
        _ => Err(TypedDataError::WrongValueType {
            path: path.to_owned(),
            expected: "an integer (a number, or a decimal or 0x hex string)",
        }),
    }
}

/// `2^bits - 1`.
fn max_for_bits(bits: usize) -> U256 {
    if bits >= 256 {
        U256::MAX
    } else {
        (U256::from(1u64) << bits) - U256::from(1u64)
    }
}

fn hex_bytes(value: &Value, path: &str, expected: &'static str) -> Result<Vec<u8>, TypedDataError> {
    let text = value.as_str().ok_or_else(|| TypedDataError::WrongValueType {
        path: path.to_owned(),
        expected,
    })?;
    parse_data(text).map_err(|source| TypedDataError::InvalidHex {
        path: path.to_owned(),
        source,
    })
}

fn encode_atomic(
    atomic: Atomic,
    declared: &str,
    value: &Value,
    path: &str,
) -> Result<[u8; 32], TypedDataError> {
    let out_of_range = || TypedDataError::OutOfRange {
        path: path.to_owned(),
        field_type: declared.to_owned(),
    };
    let mut word = [0u8; 32];
    match atomic {
        Atomic::Bool => match value {
            Value::Bool(b) => word[31] = u8::from(*b),
            // eth-sig-util encodes `Boolean(null)`.
            Value::Null => {}
            _ => {
                return Err(TypedDataError::WrongValueType {
                    path: path.to_owned(),
                    expected: "true or false",
                });
            }
        },
        Atomic::String => match value {
            Value::String(s) => word = *keccak256(s.as_bytes()).as_bytes(),
            // eth-sig-util hashes `value ?? ''`.
            Value::Null => word = *keccak256([]).as_bytes(),
            _ => {
                return Err(TypedDataError::WrongValueType {
                    path: path.to_owned(),
                    expected: "a string",
                });
            }
        },
        Atomic::Bytes => word = *keccak256(hex_bytes(value, path, "0x hex data")?).as_bytes(),
        Atomic::FixedBytes(n) => {
            let bytes = hex_bytes(value, path, "0x hex data")?;
            if bytes.len() > n {
                return Err(TypedDataError::WrongLength {
                    path: path.to_owned(),
                    expected: n,
                    found: bytes.len(),
                    unit: "bytes",
                });
            }
            word[..bytes.len()].copy_from_slice(&bytes);
        }
        Atomic::Address => {
            let bytes = hex_bytes(value, path, "a 0x address")?;
            if bytes.len() != 20 {
                return Err(TypedDataError::WrongLength {
                    path: path.to_owned(),
                    expected: 20,
                    found: bytes.len(),
                    unit: "bytes",
                });
            }
            word[12..].copy_from_slice(&bytes);
        }
        Atomic::Uint(bits) => {
            let n = parse_integer(value, path)?;
            if (n.negative && !n.magnitude.is_zero()) || n.magnitude > max_for_bits(bits) {
                return Err(out_of_range());
            }
            word = n.magnitude.to_be_bytes();
        }
        Atomic::Int(bits) => {
            let n = parse_integer(value, path)?;
            let half = U256::from(1u64) << (bits - 1);
            let fits = if n.negative {
                n.magnitude <= half
            } else {
                n.magnitude < half
            };
            if !fits {
                return Err(out_of_range());
            }
            // Two's complement in 256 bits.
            let encoded = if n.negative {
                U256::ZERO.wrapping_sub(n.magnitude)
            } else {
                n.magnitude
            };
            word = encoded.to_be_bytes();
        }
    }
    Ok(word)
}

/// Typed data as `eth_signTypedData_v3`/`_v4` receive it: types, primary type, domain and
/// message, with the types checked. Values are checked when hashing, since the rules
/// depend on the version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypedData {
    types: Eip712Types,
    primary_type: String,
    domain: Option<Map<String, Value>>,
    message: Option<Map<String, Value>>,
}

fn optional_object(
    object: &Map<String, Value>,
    key: &str,
    what: &'static str,
) -> Result<Option<Map<String, Value>>, TypedDataError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(map)) => Ok(Some(map.clone())),
        Some(_) => Err(TypedDataError::NotAnObject { what }),
    }
}

impl TypedData {
    /// Parses typed data from its JSON text (how dApps usually pass it).
    ///
    /// # Errors
    /// [`TypedDataError::InvalidJson`], or as [`Self::from_value`].
    pub fn from_json(text: &str) -> Result<Self, TypedDataError> {
        let value: Value = serde_json::from_str(text).map_err(|e| TypedDataError::InvalidJson {
            line: e.line(),
            column: e.column(),
        })?;
        Self::from_value(&value)
    }

    /// Reads typed data from a JSON value. Keys other than `types`, `primaryType`, `domain`
    /// and `message` are ignored; `null` counts as absent.
    ///
    /// # Errors
    /// [`TypedDataError`] for a malformed structure or type definitions, or a primary type
    /// that is not defined.
    pub fn from_value(value: &Value) -> Result<Self, TypedDataError> {
        let object = value
            .as_object()
            .ok_or(TypedDataError::NotAnObject { what: "typed data" })?;
        let types = match object.get("types") {
            None | Some(Value::Null) => return Err(TypedDataError::MissingTypes),
            Some(types) => Eip712Types::from_value(types)?,
        };
        let primary_type = object
            .get("primaryType")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .ok_or(TypedDataError::MissingPrimaryType)?
            .to_owned();
        if !types.contains(&primary_type) {
            return Err(TypedDataError::UnknownPrimaryType { primary_type });
        }
        Ok(Self {
            types,
            primary_type,
            domain: optional_object(object, "domain", "domain")?,
            message: optional_object(object, "message", "message")?,
        })
    }

    /// The struct definitions.
    pub const fn types(&self) -> &Eip712Types {
        &self.types
    }

    /// The primary type.
    pub fn primary_type(&self) -> &str {
        &self.primary_type
    }

    /// The domain object, if any.
    pub const fn domain(&self) -> Option<&Map<String, Value>> {
        self.domain.as_ref()
    }

    /// The message object, if any.
    pub const fn message(&self) -> Option<&Map<String, Value>> {
        self.message.as_ref()
    }

    /// The domain's `chainId`, if it has one, read as a number or a decimal or hex string,
    /// so the provider can refuse a request for another chain.
    ///
    /// # Errors
    /// [`TypedDataError::InvalidNumber`] or [`TypedDataError::OutOfRange`] for a `chainId`
    /// that is not a non-negative integer.
    pub fn domain_chain_id(&self) -> Result<Option<U256>, TypedDataError> {
        let Some(value) = self.domain.as_ref().and_then(|d| d.get("chainId")) else {
            return Ok(None);
        };
        if value.is_null() {
            return Ok(None);
        }
        let n = parse_integer(value, "domain.chainId")?;
        if n.negative && !n.magnitude.is_zero() {
            return Err(TypedDataError::OutOfRange {
                path: "domain.chainId".to_owned(),
                field_type: "uint256".to_owned(),
            });
        }
        Ok(Some(n.magnitude))
    }

    /// The domain separator: `hashStruct(EIP712Domain, domain)`.
    ///
    /// # Errors
    /// [`TypedDataError::MissingDomain`], or a domain value that does not fit its type.
    pub fn domain_separator(&self, version: Eip712Version) -> Result<B256, TypedDataError> {
        let empty = Map::new();
        let domain = match &self.domain {
            Some(domain) => domain,
            None if self.types.fields(DOMAIN).is_none_or(<[Field]>::is_empty) => &empty,
            None => return Err(TypedDataError::MissingDomain),
        };
        self.types
            .encode_struct(DOMAIN, domain, version, "domain", 0)
            .map(keccak256)
    }

    /// `hashStruct(primaryType, message)`, or `None` when the primary type is
    /// `EIP712Domain` (the message is then not part of the signature).
    ///
    /// # Errors
    /// [`TypedDataError::MissingMessage`], or a message value that does not fit its type.
    pub fn message_hash(&self, version: Eip712Version) -> Result<Option<B256>, TypedDataError> {
        if self.primary_type == DOMAIN {
            return Ok(None);
        }
        let empty = Map::new();
        let message = match &self.message {
            Some(message) => message,
            None if self
                .types
                .fields(&self.primary_type)
                .is_none_or(<[Field]>::is_empty) =>
            {
                &empty
            }
            None => return Err(TypedDataError::MissingMessage),
        };
        self.types
            .encode_struct(&self.primary_type, message, version, "message", 0)
            .map(|encoded| Some(keccak256(encoded)))
    }

    /// The hash to sign: `keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(message))`.
    ///
    /// # Errors
    /// As [`Self::domain_separator`] and [`Self::message_hash`].
    pub fn signing_hash(&self, version: Eip712Version) -> Result<B256, TypedDataError> {
        let mut payload = Vec::with_capacity(66);
        payload.extend_from_slice(&[0x19, 0x01]);
        payload.extend_from_slice(self.domain_separator(version)?.as_bytes());
        if let Some(message) = self.message_hash(version)? {
            payload.extend_from_slice(message.as_bytes());
        }
        Ok(keccak256(payload))
    }
}

#[cfg(test)]
mod tests;
