//! NEO N3 (小蚁): the pure encoding layer. Bytes in, bytes out; no RPC, no storage.
//!
//! | module | spec |
//! |---|---|
//! | [`hash`] | `UInt160` / `UInt256` and their byte order |
//! | [`keys`] | P-256 keys, signatures, the single-signature verification script |
//! | [`address`] | N3 addresses (version `0x35`, Base58Check) |
//! | [`wif`] | WIF private keys |
//! | [`nep2`] | NEP-2 encrypted keys |
//! | [`nep6`] | NEP-6 wallet files |
//! | [`integer`], [`param`], [`script`] | NeoVM integers, contract parameters, the script builder |
//! | [`disassemble`] | reading a script back into its contract calls (for approvals) |
//! | [`transaction`] | N3 transactions, signers, witness rules, attributes, JSON |
//! | [`witness`] | witnesses and signing a transaction |
//! | [`multisig`] | m-of-n accounts and `ContractParametersContext` |
//! | [`message`] | NeoLine's signMessage formats |
//! | [`network`] | network magics |
//! | [`io`] | the binary reader/writer |
//!
//! Byte order, once for all: hashes are kept in wire order (as hashed and serialized) and
//! displayed reversed with `0x`; see [`hash`].

mod base58;

pub mod address;
pub mod disassemble;
pub mod hash;
pub mod integer;
pub mod io;
pub mod keys;
pub mod message;
pub mod multisig;
pub mod nep2;
pub mod nep6;
pub mod network;
pub mod param;
pub mod script;
pub mod transaction;
pub mod wif;
pub mod witness;

#[cfg(test)]
mod vectors;

pub use address::{ADDRESS_VERSION, Address, AddressError};
pub use disassemble::{PushedValue, ScriptCall, UndecodedScript};
pub use hash::{HashParseError, ScriptHash, UInt160, UInt256};
pub use integer::{Integer, IntegerError};
pub use io::DecodeError;
pub use keys::{KeyError, PrivateKey, PublicKey, Signature};
pub use message::{MessageFormat, SignedMessage};
pub use multisig::{ContractParametersContext, MultisigAccount, MultisigError};
pub use nep2::{Nep2Error, Nep2Key, ScryptParams};
pub use nep6::{Nep6Error, Nep6Wallet};
pub use network::NetworkMagic;
pub use param::{ByteArrayEncoding, ContractParameter, ParamError};
pub use script::{CallFlags, ScriptBuilder, ScriptError};
pub use transaction::{
    Signer, Transaction, TransactionAttribute, TransactionError, WitnessCondition, WitnessRule, WitnessScope,
};
pub use wif::WifError;
pub use witness::Witness;
