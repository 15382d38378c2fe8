//! `eth_sign` — refused: it signs an arbitrary 32-byte hash, which can be a transaction or a
//! permit the user cannot see. MetaMask disables it by default for the same reason.

use super::{Call, Params};
use crate::api::{ProviderError, ProviderErrorCode};

pub(in crate::provider) fn validate(_params: &Params) -> Result<Call, ProviderError> {
    Err(ProviderError::new(
        ProviderErrorCode::UnsupportedMethod,
        "eth_sign is disabled: it signs an opaque hash that can authorize anything. \
         Use personal_sign or eth_signTypedData_v4, which show the user what they sign.",
    ))
}
