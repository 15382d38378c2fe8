//! One file per provider method: its params check and its handler, with tests beside them.

pub(super) mod eth_chain_id;
pub(super) mod net_version;

use super::Params;
use crate::api::{ProviderError, ProviderErrorCode};

/// A request whose method is known and whose params were checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Call {
    /// `eth_chainId`.
    EthChainId,
    /// `net_version`.
    NetVersion,
}

/// Refuses any params for a method that takes none (`[]` and `{}` are accepted: libraries send them).
fn no_params(method: &str, params: &Params) -> Result<(), ProviderError> {
    if params.is_empty() {
        Ok(())
    } else {
        Err(ProviderError::new(
            ProviderErrorCode::InvalidParams,
            format!("{method} takes no params"),
        ))
    }
}
