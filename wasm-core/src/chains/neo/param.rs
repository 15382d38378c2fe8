//! Contract parameters as dApps send them: the `{ "type": …, "value": … }` JSON of NEP-21
//! `InvocationArguments.args`, NeoLine's `invoke({args})` and neon-js `ContractParam`.
//!
//! Values are read as neon-js `ContractParam.fromJson` reads them, with a few deliberate
//! refusals where neon-js would silently change what the dApp asked for:
//!
//! | type | value accepted | pushed as |
//! |---|---|---|
//! | `Any` | `null` / absent, or a hex string | `PUSHNULL`, or the bytes |
//! | `Boolean` | `true` / `false` (neon-js would turn the string `"false"` into true: refused) | `PUSHT`/`PUSHF` |
//! | `Integer` | decimal string or JSON integer, any sign, ≤ 256 bits (a fraction is refused; neon-js drops it) | `PUSH*`/`PUSHINT*` |
//! | `ByteArray` | base64 (neon-js, NEP-21, the RPC); hex only when the caller says so ([`ByteArrayEncoding::Hex`]) | the bytes |
//! | `String` | string | UTF-8 bytes |
//! | `Hash160` | 40 hex digits (optional `0x`, display order) or an N3 address | the hash, wire order |
//! | `Hash256` | 64 hex digits (optional `0x`, display order) | the hash, wire order |
//! | `PublicKey` | 33- or 65-byte hex key (pushed compressed; neon-js would push a 65-byte key under a 33-byte length) | 33 bytes |
//! | `Array` | array of parameters | items, count, `PACK` |
//! | `Map` | array of `{key, value}` (keys of primitive types) | value, key…, count, `PACKMAP` |
//!
//! `Signature`, `Void` and `InteropInterface` cannot be pushed by neon-js either and are
//! refused. Nesting is limited to [`MAX_DEPTH`] levels.
//!
//! Spec: `Neo.SmartContract.ContractParameter` (`FromJson`/`ToJson`) in
//! <https://github.com/neo-project/neo>; NEP-21 (`Argument`)

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value, json};

use super::address::Address;
use super::hash::{UInt160, UInt256};
use super::integer::{Integer, IntegerError};
use super::keys::PublicKey;

/// How deep arrays and maps may nest.
pub const MAX_DEPTH: usize = 32;

/// How a `ByteArray` string value is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ByteArrayEncoding {
    /// Base64, as neon-js, NEP-21 and the Neo RPC write it. The default.
    #[default]
    Base64,
    /// Hex (optionally `0x`), for callers whose dApp is known to send hex (NEO 2-era code).
    Hex,
}

/// A contract parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContractParameter {
    /// `Any`: null, or raw bytes.
    Any(Option<Vec<u8>>),
    /// `Boolean`.
    Boolean(bool),
    /// `Integer`.
    Integer(Integer),
    /// `ByteArray`.
    ByteArray(Vec<u8>),
    /// `String`.
    String(String),
    /// `Hash160`.
    Hash160(UInt160),
    /// `Hash256`.
    Hash256(UInt256),
    /// `PublicKey`.
    PublicKey(PublicKey),
    /// `Array`.
    Array(Vec<ContractParameter>),
    /// `Map`, entries in order.
    Map(Vec<(ContractParameter, ContractParameter)>),
}

/// Why JSON is not a contract parameter. `path` says where, like `args[2].value[0]`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParamError {
    /// Not an object with a string `type`.
    #[error("{path}: a parameter is an object with a \"type\" and a \"value\"")]
    NotAnObject {
        /// Where.
        path: String,
    },
    /// The type is not one we can push.
    #[error("{path}: parameter type \"{found}\" is not supported")]
    UnknownType {
        /// Where.
        path: String,
        /// The type given (at most 32 characters of it).
        found: String,
    },
    /// The value does not fit the type.
    #[error("{path}: a {kind} parameter needs {expected}")]
    BadValue {
        /// Where.
        path: String,
        /// The parameter type.
        kind: &'static str,
        /// What the value must be.
        expected: &'static str,
    },
    /// An integer value is not acceptable.
    #[error("{path}: {source}")]
    Integer {
        /// Where.
        path: String,
        /// Why.
        source: IntegerError,
    },
    /// A map key has a type that cannot be a key.
    #[error("{path}: a map key cannot be of type {kind}")]
    MapKey {
        /// Where.
        path: String,
        /// The key's type.
        kind: &'static str,
    },
    /// Nested deeper than [`MAX_DEPTH`].
    #[error("{path}: parameters nest more than {MAX_DEPTH} levels deep")]
    TooDeep {
        /// Where.
        path: String,
    },
}

fn strip_0x(text: &str) -> &str {
    text.strip_prefix("0x")
        .or_else(|| text.strip_prefix("0X"))
        .unwrap_or(text)
}

impl ContractParameter {
    /// The NEO type name.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Any(_) => "Any",
            Self::Boolean(_) => "Boolean",
            Self::Integer(_) => "Integer",
            Self::ByteArray(_) => "ByteArray",
            Self::String(_) => "String",
            Self::Hash160(_) => "Hash160",
            Self::Hash256(_) => "Hash256",
            Self::PublicKey(_) => "PublicKey",
            Self::Array(_) => "Array",
            Self::Map(_) => "Map",
        }
    }

    /// Whether NeoVM (and neon-js) accept this type as a map key.
    pub fn is_map_key(&self) -> bool {
        !matches!(self, Self::Any(_) | Self::Array(_) | Self::Map(_))
    }

    /// Parses `{type, value}` JSON with base64 `ByteArray`s.
    ///
    /// # Errors
    /// A [`ParamError`] naming where the problem is.
    pub fn from_json(value: &Value) -> Result<Self, ParamError> {
        Self::from_json_with(value, ByteArrayEncoding::Base64)
    }

    /// Parses `{type, value}` JSON.
    ///
    /// # Errors
    /// A [`ParamError`] naming where the problem is.
    pub fn from_json_with(value: &Value, encoding: ByteArrayEncoding) -> Result<Self, ParamError> {
        parse(value, encoding, "param", 0)
    }

    /// Parses a JSON array of parameters (a call's `args`).
    ///
    /// # Errors
    /// A [`ParamError`]; `path` is `args[i]…`.
    pub fn list_from_json(value: &Value, encoding: ByteArrayEncoding) -> Result<Vec<Self>, ParamError> {
        let items = value
            .as_array()
            .ok_or_else(|| ParamError::NotAnObject { path: "args".into() })?;
        items
            .iter()
            .enumerate()
            .map(|(i, item)| parse(item, encoding, &format!("args[{i}]"), 0))
            .collect()
    }

    /// The JSON form neon-js `ContractParam.toJson()` writes (base64 byte arrays, display-order
    /// hashes without `0x`, integers as strings).
    pub fn to_json(&self) -> Value {
        match self {
            Self::Any(None) => json!({"type": "Any", "value": null}),
            Self::Any(Some(bytes)) => json!({"type": "Any", "value": hex::encode(bytes)}),
            Self::Boolean(v) => json!({"type": "Boolean", "value": v}),
            Self::Integer(v) => json!({"type": "Integer", "value": v.to_string()}),
            Self::ByteArray(bytes) => json!({"type": "ByteArray", "value": STANDARD.encode(bytes)}),
            Self::String(text) => json!({"type": "String", "value": text}),
            Self::Hash160(hash) => json!({"type": "Hash160", "value": hash.to_neon_hex()}),
            Self::Hash256(hash) => json!({"type": "Hash256", "value": hash.to_neon_hex()}),
            Self::PublicKey(key) => json!({"type": "PublicKey", "value": key.to_string()}),
            Self::Array(items) => {
                json!({"type": "Array", "value": items.iter().map(Self::to_json).collect::<Vec<_>>()})
            }
            Self::Map(entries) => json!({
                "type": "Map",
                "value": entries.iter().map(|(k, v)| json!({"key": k.to_json(), "value": v.to_json()})).collect::<Vec<_>>(),
            }),
        }
    }
}

fn bad(path: &str, kind: &'static str, expected: &'static str) -> ParamError {
    ParamError::BadValue {
        path: path.to_owned(),
        kind,
        expected,
    }
}

fn parse(
    value: &Value,
    encoding: ByteArrayEncoding,
    path: &str,
    depth: usize,
) -> Result<ContractParameter, ParamError> {
    if depth > MAX_DEPTH {
        return Err(ParamError::TooDeep {
            path: path.to_owned(),
        });
    }
    let object: &Map<String, Value> = value.as_object().ok_or_else(|| ParamError::NotAnObject {
        path: path.to_owned(),
    })?;
    let kind = object
        .get("type")
        .and_then(Value::as_str)
        .ok_or_else(|| ParamError::NotAnObject {
            path: path.to_owned(),
        })?;
    let v = object.get("value").unwrap_or(&Value::Null);
    let vpath = format!("{path}.value");
    Ok(match kind {
        "Any" => match v {
            Value::Null => ContractParameter::Any(None),
            Value::String(text) => ContractParameter::Any(Some(
                hex::decode(strip_0x(text)).map_err(|_| bad(path, "Any", "null or a hex string"))?,
            )),
            _ => return Err(bad(path, "Any", "null or a hex string")),
        },
        "Boolean" => {
            ContractParameter::Boolean(v.as_bool().ok_or_else(|| bad(path, "Boolean", "true or false"))?)
        }
        "Integer" => ContractParameter::Integer(match v {
            Value::String(text) => text.parse().map_err(|source| ParamError::Integer {
                path: path.to_owned(),
                source,
            })?,
            Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    Integer::from(i)
                } else if let Some(u) = n.as_u64() {
                    Integer::from(u)
                } else {
                    return Err(ParamError::Integer {
                        path: path.to_owned(),
                        source: IntegerError::Fractional,
                    });
                }
            }
            _ => return Err(bad(path, "Integer", "a decimal string or an integer")),
        }),
        "ByteArray" => {
            let text = v.as_str().ok_or_else(|| bad(path, "ByteArray", "a string"))?;
            ContractParameter::ByteArray(match encoding {
                ByteArrayEncoding::Base64 => STANDARD
                    .decode(text)
                    .map_err(|_| bad(path, "ByteArray", "base64 text"))?,
                ByteArrayEncoding::Hex => {
                    hex::decode(strip_0x(text)).map_err(|_| bad(path, "ByteArray", "hex text"))?
                }
            })
        }
        "String" => ContractParameter::String(
            v.as_str()
                .ok_or_else(|| bad(path, "String", "a string"))?
                .to_owned(),
        ),
        "Hash160" => {
            let text = v
                .as_str()
                .ok_or_else(|| bad(path, "Hash160", "40 hex digits or an N3 address"))?;
            let hash = match text.parse::<UInt160>() {
                Ok(hash) => hash,
                Err(_) => text
                    .parse::<Address>()
                    .map_err(|_| bad(path, "Hash160", "40 hex digits or an N3 address"))?
                    .script_hash(),
            };
            ContractParameter::Hash160(hash)
        }
        "Hash256" => ContractParameter::Hash256(
            v.as_str()
                .and_then(|t| t.parse().ok())
                .ok_or_else(|| bad(path, "Hash256", "64 hex digits"))?,
        ),
        "PublicKey" => ContractParameter::PublicKey(
            v.as_str()
                .and_then(|t| t.parse().ok())
                .ok_or_else(|| bad(path, "PublicKey", "a hex secp256r1 public key"))?,
        ),
        "Array" => {
            let items = v
                .as_array()
                .ok_or_else(|| bad(path, "Array", "an array of parameters"))?;
            ContractParameter::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| parse(item, encoding, &format!("{vpath}[{i}]"), depth + 1))
                    .collect::<Result<_, _>>()?,
            )
        }
        "Map" => {
            let entries = v
                .as_array()
                .ok_or_else(|| bad(path, "Map", "an array of {key, value} objects"))?;
            let mut out = Vec::with_capacity(entries.len());
            for (i, entry) in entries.iter().enumerate() {
                let epath = format!("{vpath}[{i}]");
                let (Some(key), Some(value)) = (entry.get("key"), entry.get("value")) else {
                    return Err(bad(&epath, "Map", "entries with a key and a value"));
                };
                let key = parse(key, encoding, &format!("{epath}.key"), depth + 1)?;
                if !key.is_map_key() {
                    return Err(ParamError::MapKey {
                        path: format!("{epath}.key"),
                        kind: key.type_name(),
                    });
                }
                let value = parse(value, encoding, &format!("{epath}.value"), depth + 1)?;
                out.push((key, value));
            }
            ContractParameter::Map(out)
        }
        other => {
            return Err(ParamError::UnknownType {
                path: path.to_owned(),
                found: other.chars().take(32).collect(),
            });
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(v: Value) -> Result<ContractParameter, ParamError> {
        ContractParameter::from_json(&v)
    }

    #[test]
    fn parses_every_type_and_round_trips_json() {
        let cases = [
            json!({"type": "Any", "value": null}),
            json!({"type": "Any", "value": "0102"}),
            json!({"type": "Boolean", "value": true}),
            json!({"type": "Integer", "value": "-12345678901234567890"}),
            json!({"type": "ByteArray", "value": "AQID"}),
            json!({"type": "String", "value": "小蚁"}),
            json!({"type": "Hash160", "value": "a7cbfee3f01f89d58c042644b0b6df2d59a6eb26"}),
            json!({"type": "Hash256", "value": "22ffa2d8680cea4928e2e74ceee560eedfa6e35f199640a7fe725c1f9da0b19e"}),
            json!({"type": "PublicKey", "value": "02028a99826edc0c97d18e22b6932373d908d323aa7f92656a77ec26e8861699ef"}),
            json!({"type": "Array", "value": [{"type": "Integer", "value": "1"}, {"type": "Array", "value": []}]}),
            json!({"type": "Map", "value": [{"key": {"type": "String", "value": "k"}, "value": {"type": "Any", "value": null}}]}),
        ];
        for case in cases {
            let param = p(case.clone()).unwrap();
            assert_eq!(param.to_json(), case);
        }
        // Other accepted spellings.
        assert_eq!(p(json!({"type": "Any"})).unwrap(), ContractParameter::Any(None));
        assert_eq!(
            p(json!({"type": "Integer", "value": 42})).unwrap(),
            ContractParameter::Integer(42i64.into())
        );
        assert_eq!(
            p(json!({"type": "Hash160", "value": "NPTmAHDxo6Pkyic8Nvu3kwyXoYJCvcCB6i"})).unwrap(),
            p(json!({"type": "Hash160", "value": "0xa7cbfee3f01f89d58c042644b0b6df2d59a6eb26"})).unwrap()
        );
        assert_eq!(
            ContractParameter::from_json_with(
                &json!({"type": "ByteArray", "value": "0x010203"}),
                ByteArrayEncoding::Hex
            )
            .unwrap(),
            ContractParameter::ByteArray(vec![1, 2, 3])
        );
    }

    #[test]
    fn clear_errors() {
        let err = |v: Value| p(v).unwrap_err().to_string();
        assert_eq!(
            err(json!({"type": "Boolean", "value": "false"})),
            "param: a Boolean parameter needs true or false"
        );
        assert_eq!(
            err(json!({"type": "Integer", "value": "1.5"})),
            "param: an integer cannot have a fractional part"
        );
        assert_eq!(
            err(json!({"type": "Integer", "value": 1.5})),
            "param: an integer cannot have a fractional part"
        );
        assert_eq!(
            err(json!({"type": "Signature", "value": "00"})),
            "param: parameter type \"Signature\" is not supported"
        );
        assert_eq!(
            err(json!({"type": "Hash160", "value": "abc"})),
            "param: a Hash160 parameter needs 40 hex digits or an N3 address"
        );
        assert_eq!(
            err(json!("x")),
            "param: a parameter is an object with a \"type\" and a \"value\""
        );
        assert_eq!(
            err(
                json!({"type": "Map", "value": [{"key": {"type": "Array", "value": []}, "value": {"type": "Any"}}]})
            ),
            "param.value[0].key: a map key cannot be of type Array"
        );
        assert_eq!(
            err(json!({"type": "Array", "value": [{"type": "Integer", "value": "x"}]})),
            "param.value[0]: an integer is written as decimal digits with an optional leading minus sign"
        );
        let mut deep = json!({"type": "Any"});
        for _ in 0..40 {
            deep = json!({"type": "Array", "value": [deep]});
        }
        assert!(matches!(p(deep), Err(ParamError::TooDeep { .. })));
    }
}
