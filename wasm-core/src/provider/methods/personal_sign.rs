//! `personal_sign` — EIP-191 version 0x45: `[message, address]`; the approval shows the text
//! when it is printable UTF-8, the hex otherwise. <https://eips.ethereum.org/EIPS/eip-191>

use serde_json::Value;

use super::{Call, Params, invalid_params};
use crate::api::{ApprovalKind, ProviderError};
use crate::chains::evm::{Address, eip191};
use crate::provider::{Host, Origin};

pub(in crate::provider) fn validate(params: &Params) -> Result<Call, ProviderError> {
    let shape = || invalid_params("personal_sign takes [message, address]");
    let Params::Positional(items) = params else {
        return Err(shape());
    };
    // A third item (a password, from old geth) is accepted and ignored.
    let (Some(Value::String(message)), Some(Value::String(address)), true) =
        (items.first(), items.get(1), items.len() <= 3)
    else {
        return Err(shape());
    };
    let message = eip191::message_from_param(message).map_err(|e| invalid_params(format!("message: {e}")))?;
    let address = address
        .parse::<Address>()
        .map_err(|e| invalid_params(format!("address: {e}")))?;
    Ok(Call::PersonalSign { message, address })
}

pub(in crate::provider) async fn handle(
    origin: &Origin,
    host: &impl Host,
    message: Vec<u8>,
    address: Address,
) -> Result<Value, ProviderError> {
    let approval = ApprovalKind::SignMessage {
        address: address.to_string(),
        text: eip191::printable_text(&message).map(str::to_owned),
        hex: format!("0x{}", hex::encode(&message)),
    };
    let prehash = eip191::personal_message_hash(&message);
    Ok(Value::String(
        host.sign(origin, address, approval, prehash).await?,
    ))
}
