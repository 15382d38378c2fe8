//! The approval queue: requests waiting for the user, owned by the engine and answered by id
//! from the approval window. One prompt per origin at a time: a second is refused, not stacked.

use std::collections::BTreeMap;

use futures::channel::oneshot;

use crate::api::{ApprovalKind, ApprovalView, ProviderError, ProviderErrorCode};
use crate::keyring::AccountId;
use crate::provider::Origin;

/// The user's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Approved; for a connect approval, with the accounts chosen.
    Approved {
        /// The accounts to grant (connect approvals only).
        accounts: Vec<AccountId>,
    },
    /// Rejected, or the window was closed.
    Rejected,
}

struct Pending {
    origin: Origin,
    kind: ApprovalKind,
    reply: oneshot::Sender<Decision>,
}

/// Requests waiting for the user. Memory only: if the worker stops, the requests are lost with
/// it, their pages' content scripts send them again, and fresh approvals open.
#[derive(Default)]
pub struct Approvals {
    next_id: u64,
    pending: BTreeMap<String, Pending>,
    /// Approved prompts whose payload the user could edit (fees): the final payload, until
    /// the waiting request takes it.
    approved_edits: BTreeMap<String, ApprovalKind>,
}

/// Whether the approval window may change part of `kind` (a transaction's fee, the NEO
/// account a site is connected to).
fn editable(kind: &ApprovalKind) -> bool {
    matches!(
        kind,
        ApprovalKind::Transaction { .. } | ApprovalKind::NeoConnect { .. }
    )
}

impl Approvals {
    /// Queues a prompt for `origin` and returns its id and the receiver of the answer.
    ///
    /// # Errors
    /// -32002 when `origin` already has a prompt open.
    pub fn open(
        &mut self,
        origin: &Origin,
        kind: ApprovalKind,
    ) -> Result<(String, oneshot::Receiver<Decision>), ProviderError> {
        // A prompt whose request went away (receiver dropped) does not block the origin.
        self.pending.retain(|_, p| !p.reply.is_canceled());
        if self.pending.values().any(|p| &p.origin == origin) {
            return Err(ProviderError::new(
                ProviderErrorCode::ResourceUnavailable,
                "a request from this site is already waiting for the user: answer it in Formica first",
            ));
        }
        self.next_id += 1;
        // Ids are unique across worker lives too: a window left over from a stopped worker
        // must never answer a new request that happens to get its number.
        let mut nonce = [0_u8; 8];
        let _ = getrandom::fill(&mut nonce);
        let id = format!("{}-{}", hex::encode(nonce), self.next_id);
        let (reply, receiver) = oneshot::channel();
        self.pending.insert(
            id.clone(),
            Pending {
                origin: origin.clone(),
                kind,
                reply,
            },
        );
        Ok((id, receiver))
    }

    /// What approval `id` asks, for the window.
    pub fn view(&self, id: &str) -> Option<ApprovalView> {
        self.pending
            .get(id)
            .filter(|p| !p.reply.is_canceled())
            .map(|p| ApprovalView {
                id: id.to_owned(),
                origin: p.origin.to_string(),
                origin_unicode: p.origin.unicode_host(),
                kind: p.kind.clone(),
            })
    }

    /// The origin and kind of approval `id`.
    pub fn get(&self, id: &str) -> Option<(Origin, ApprovalKind)> {
        self.pending.get(id).map(|p| (p.origin.clone(), p.kind.clone()))
    }

    /// Answers approval `id`; false when there is no such approval (already answered).
    pub fn resolve(&mut self, id: &str, decision: Decision) -> bool {
        match self.pending.remove(id) {
            Some(p) => {
                if matches!(decision, Decision::Approved { .. }) && editable(&p.kind) {
                    self.approved_edits.insert(id.to_owned(), p.kind);
                }
                p.reply.send(decision).is_ok()
            }
            None => false,
        }
    }

    /// Replaces what pending approval `id` shows (the user edited it); false when there is
    /// no such approval.
    pub fn update(&mut self, id: &str, kind: ApprovalKind) -> bool {
        match self.pending.get_mut(id) {
            Some(p) if !p.reply.is_canceled() => {
                p.kind = kind;
                true
            }
            _ => false,
        }
    }

    /// The payload of editable approval `id` as the user approved it.
    pub fn take_approved(&mut self, id: &str) -> Option<ApprovalKind> {
        self.approved_edits.remove(id)
    }

    /// The ids of pending approvals of `kind`.
    pub fn ids_of(&self, kind: &ApprovalKind) -> Vec<String> {
        self.pending
            .iter()
            .filter(|(_, p)| &p.kind == kind)
            .map(|(id, _)| id.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use futures::executor::block_on;

    use super::*;

    fn origin(s: &str) -> Origin {
        s.parse().unwrap()
    }

    #[test]
    fn one_prompt_per_origin_answered_by_id() {
        let mut q = Approvals::default();
        let a = origin("https://a.example");
        let (id, rx) = q.open(&a, ApprovalKind::Connect).unwrap();
        let again = q.open(&a, ApprovalKind::Connect).map(|_| ()).unwrap_err();
        assert_eq!(again.code, ProviderErrorCode::ResourceUnavailable);
        let (other, _rx2) = q
            .open(&origin("https://b.example"), ApprovalKind::Connect)
            .unwrap();
        assert_ne!(id, other);
        assert_eq!(q.view(&id).unwrap().origin, "https://a.example");
        assert!(q.resolve(&id, Decision::Rejected));
        assert!(!q.resolve(&id, Decision::Rejected), "answered once");
        assert_eq!(block_on(rx).unwrap(), Decision::Rejected);
        assert!(q.view(&id).is_none());
    }

    #[test]
    fn a_request_that_went_away_frees_its_origin() {
        let mut q = Approvals::default();
        let a = origin("https://a.example");
        let (id, rx) = q.open(&a, ApprovalKind::Connect).unwrap();
        drop(rx);
        assert!(q.view(&id).is_none());
        assert!(q.open(&a, ApprovalKind::Connect).is_ok());
    }
}
