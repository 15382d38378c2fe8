//! EVM chains: addresses, built-in networks, and the pure encoding layer — transactions
//! (legacy/EIP-155, EIP-2930, EIP-1559), JSON-RPC transaction requests, the signer,
//! EIP-191 and EIP-712 messages, and ERC-20/721/1155 calldata. Nothing here does I/O.
//!
//! | module | spec |
//! |---|---|
//! | [`primitives`] | U256, 32-byte hashes, Keccak-256 |
//! | [`quantity`] | JSON-RPC hex quantities and data |
//! | [`signer`] | secp256k1 ECDSA, `v` conventions (EIP-2, EIP-155) |
//! | [`eip155`] | legacy transactions |
//! | [`eip2930`] | access lists, type 1 transactions |
//! | [`eip1559`] | type 2 transactions |
//! | [`transaction`] | the EIP-2718 envelope and raw transaction decoding |
//! | [`eip3085`] | `wallet_addEthereumChain` params and endpoint rules |
//! | [`eip5792`] | call batches (`wallet_sendCalls`, `wallet_getCallsStatus`) |
//! | [`eip191`] | `personal_sign` messages |
//! | [`eip712`] | typed data (`eth_signTypedData_v3`/`_v4`) |
//! | [`erc20`] | ERC-20/721/1155 calldata and return values |
//! | [`fees`] | fee levels from `eth_feeHistory` / `eth_gasPrice` |
//! | [`units`] | amounts in whole units (ether, token units), written and parsed exactly |
//! | [`request`] | JSON-RPC transaction requests (`eth_sendTransaction`) |

mod address;
pub mod eip155;
pub mod eip1559;
pub mod eip191;
pub mod eip2930;
pub mod eip3085;
pub mod eip5792;
pub mod eip712;
pub mod erc20;
pub mod fees;
mod networks;
pub mod primitives;
pub mod quantity;
pub mod request;
mod rlp;
pub mod signer;
pub mod transaction;
pub mod units;

pub use address::{Address, AddressError};
pub use eip155::LegacyTransaction;
pub use eip712::{Eip712Types, Eip712Version, TypedData, TypedDataError};
pub use eip1559::Eip1559Transaction;
pub use eip2930::{AccessListItem, Eip2930Transaction};
pub use erc20::{AbiError, TokenCall};
pub use fees::{FeeHistory, FeeLevel, FeeLevels, GasPrice};
pub use networks::{BUILTIN_NETWORKS, DEFAULT_CHAIN_ID, Network, builtin_network};
pub use primitives::{B256, U256, keccak256};
pub use quantity::HexError;
pub use request::{RequestError, TransactionRequest};
pub use signer::{Signature, SignatureError};
pub use transaction::{DecodeError, SignedTransaction, TxType, TypedTransaction};
