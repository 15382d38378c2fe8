//! `signMessage`, `signMessageV2`, `signMessageWithoutSalt` and `signMessageWithoutSaltV2` —
//! `{message, isJsonObject?}`; after the approval, answer `{publicKey, data, salt?, message}`
//! with the bytes exactly as `chains::neo::message` (V1 or V2, salted or not).

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::require;
use crate::api::ApprovalKind;
use crate::chains::neo::message::{self, MessageFormat};
use crate::provider::Origin;
use crate::provider::neo::{NeoError, NeoHost};

/// The text a message request signs: the message, or its JSON when `isJsonObject`.
fn message_text(params: &Value) -> Result<String, NeoError> {
    let json_object = params
        .get("isJsonObject")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    match params.get("message") {
        Some(Value::String(s)) if !json_object => Ok(s.clone()),
        Some(value) if json_object && !value.is_null() => Ok(value.to_string()),
        _ => Err(NeoError::malformed("message must be a string")),
    }
}

/// One of the four variants: `format` and `salted` say which, `name` is the method's name
/// (shown in the approval).
pub(super) async fn handle(
    params: &Value,
    origin: &Origin,
    host: &impl NeoHost,
    format: MessageFormat,
    salted: bool,
    name: &str,
) -> Result<Value, NeoError> {
    let text = message_text(params)?;
    let account = require(origin, host).await?;
    host.approve(
        origin,
        ApprovalKind::NeoSignMessage {
            address: account.address.to_string(),
            message: text.clone(),
            format: name.to_owned(),
        },
    )
    .await?;
    let salt = salted.then(|| {
        let random = host.random();
        message::salt_text(&random)
    });
    let signed = format!("{}{text}", salt.as_deref().unwrap_or(""));
    let digest: [u8; 32] = Sha256::digest(message::signed_bytes(format, &signed)).into();
    let (key, signature) = host.sign(origin, &digest)?;
    let mut out = json!({
        "publicKey": key.to_string(),
        "data": signature.to_string(),
        "message": text,
    });
    if let Some(salt) = salt {
        out["salt"] = Value::String(salt);
    }
    Ok(out)
}
