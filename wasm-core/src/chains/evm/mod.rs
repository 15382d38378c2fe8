//! EVM chains.

mod address;
mod networks;
pub mod primitives;
pub mod quantity;
pub mod signer;

pub use address::{Address, AddressError};
pub use networks::{BUILTIN_NETWORKS, DEFAULT_CHAIN_ID, Network, builtin_network};
pub use primitives::{B256, U256, keccak256};
pub use quantity::HexError;
pub use signer::{Signature, SignatureError};
