//! `signMessage(message, account?)` — `message` in base64, `account` (if given) the connected
//! one; after the approval, answers `{payload, signature (base64, over SHA-256 of the bytes),
//! account, pubkey}`.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::require;
use crate::api::ApprovalKind;
use crate::chains::neo::UInt160;
use crate::provider::Origin;
use crate::provider::neo::{NeoError, NeoErrorKind, NeoHost, tx};

pub(super) async fn handle(
    message: Option<&Value>,
    account: Option<&Value>,
    origin: &Origin,
    host: &impl NeoHost,
) -> Result<Value, NeoError> {
    let message = message
        .and_then(Value::as_str)
        .and_then(|m| STANDARD.decode(m).ok())
        .ok_or_else(|| NeoError::malformed("message must be base64"))?;
    let requested: Option<UInt160> = account
        .map(|a| tx::parse_account(Some(a), "account"))
        .transpose()?;
    let account = require(origin, host).await?;
    if requested.is_some_and(|r| r != account.address.script_hash()) {
        return Err(NeoError::new(
            NeoErrorKind::Unauthorized,
            "account is not the connected account",
        ));
    }
    host.approve(
        origin,
        ApprovalKind::NeoSignMessage {
            address: account.address.to_string(),
            message: String::from_utf8(message.clone())
                .unwrap_or_else(|_| format!("0x{}", hex::encode(&message))),
            format: "NEP-21 signMessage".into(),
        },
    )
    .await?;
    let digest: [u8; 32] = Sha256::digest(&message).into();
    let (key, signature) = host.sign(origin, &digest)?;
    Ok(json!({
        "payload": STANDARD.encode(&message),
        "signature": STANDARD.encode(signature.as_bytes()),
        "account": account.address.script_hash().to_string(),
        "pubkey": key.to_string(),
    }))
}
