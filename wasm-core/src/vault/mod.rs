//! The encrypted vault: file format (versioned), KDF (argon2id), AEAD (AES-256-GCM),
//! crash-safe generational storage, migrations, backup files.
