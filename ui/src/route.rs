//! Hash routes: the action popup, the onboarding tab and approval windows load the same page.

/// A screen of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// Whatever the wallet's state calls for (onboarding, unlock or home).
    Start,
    /// The onboarding choice, opened in a tab on install.
    Onboarding,
    /// Creating a new wallet.
    Create,
    /// Importing an existing wallet.
    Import,
    /// Settings.
    Settings,
    /// Sending from the selected account.
    Send,
    /// The transactions the wallet broadcast.
    Activity,
    /// Settings → networks: the list, adding and removing custom networks.
    Networks,
    /// NEO multisig: kept accounts, proposing, signing and sending contexts.
    Multisig,
    /// The approval of queued request `id`.
    Approval(String),
}

impl Route {
    /// Reads a `location.hash` such as `#/approval/42`. Anything unknown is [`Route::Start`].
    pub fn from_hash(hash: &str) -> Self {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        match path.split_once('/') {
            Some(("approval", id)) if !id.is_empty() && !id.contains('/') => Self::Approval(id.to_owned()),
            Some(_) => Self::Start,
            None => match path {
                "onboarding" => Self::Onboarding,
                "create" => Self::Create,
                "import" => Self::Import,
                "settings" => Self::Settings,
                "send" => Self::Send,
                "activity" => Self::Activity,
                "networks" => Self::Networks,
                "multisig" => Self::Multisig,
                _ => Self::Start,
            },
        }
    }

    /// The hash that leads to this route.
    pub fn hash(&self) -> String {
        match self {
            Self::Start => "#/".to_owned(),
            Self::Onboarding => "#/onboarding".to_owned(),
            Self::Create => "#/create".to_owned(),
            Self::Import => "#/import".to_owned(),
            Self::Settings => "#/settings".to_owned(),
            Self::Send => "#/send".to_owned(),
            Self::Activity => "#/activity".to_owned(),
            Self::Networks => "#/networks".to_owned(),
            Self::Multisig => "#/multisig".to_owned(),
            Self::Approval(id) => format!("#/approval/{id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hashes() {
        assert_eq!(Route::from_hash(""), Route::Start);
        assert_eq!(Route::from_hash("#/onboarding"), Route::Onboarding);
        assert_eq!(Route::from_hash("#/create"), Route::Create);
        assert_eq!(Route::from_hash("#/approval/7"), Route::Approval("7".into()));
        assert_eq!(Route::from_hash("#/approval/"), Route::Start);
        assert_eq!(Route::from_hash("#/approval/7/x"), Route::Start);
        assert_eq!(Route::from_hash("#/nowhere"), Route::Start);
    }

    #[test]
    fn hashes_round_trip() {
        for r in [
            Route::Onboarding,
            Route::Create,
            Route::Import,
            Route::Settings,
            Route::Send,
            Route::Activity,
            Route::Networks,
            Route::Multisig,
            Route::Approval("a1".into()),
        ] {
            assert_eq!(Route::from_hash(&r.hash()), r);
        }
    }
}
