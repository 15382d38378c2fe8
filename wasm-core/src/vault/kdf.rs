//! Password-based key derivation: argon2id ([RFC 9106]) with validated, stored parameters.
//!
//! [`KdfParams`] are part of every vault header, so a vault opens with the parameters it was
//! written with, whatever today's defaults are. They are also read from files an attacker may
//! have written, so they are bounded both ways: never weaker than the floor below, never so
//! large that opening a hostile file allocates absurd memory or spins for minutes.
//!
//! The floor is OWASP's minimum for argon2id (m = 19 MiB, t = 2, p = 1); the defaults are
//! RFC 9106's second recommended option with one lane (m = 64 MiB, t = 3), because the engine
//! runs single-threaded in wasm.
//!
//! [RFC 9106]: https://www.rfc-editor.org/rfc/rfc9106

use core::fmt;
use core::time::Duration;

use aes_gcm::{Aes256Gcm, KeyInit};
use argon2::{Algorithm, Argon2, AssociatedData, Block, ParamsBuilder, Version};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::VaultError;

/// Validated argon2id parameters, with the salt they were used with.
///
/// Only argon2id (version 0x13) exists here; the algorithm is not a parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KdfParams {
    m_kib: u32,
    t: u32,
    p: u32,
    salt: Vec<u8>,
}

impl KdfParams {
    /// The default memory cost: 64 MiB.
    pub const DEFAULT_M_KIB: u32 = 64 * 1024;
    /// The default number of passes.
    pub const DEFAULT_T: u32 = 3;
    /// The default number of lanes (the engine is single-threaded).
    pub const DEFAULT_P: u32 = 1;
    /// The length of salts this wallet generates (RFC 9106 §3.1 recommends 16 bytes).
    pub const DEFAULT_SALT_LEN: usize = 16;

    /// The smallest memory cost accepted: 19 MiB.
    pub const MIN_M_KIB: u32 = 19 * 1024;
    /// The largest memory cost accepted: 1 GiB.
    pub const MAX_M_KIB: u32 = 1024 * 1024;
    /// The fewest passes accepted.
    pub const MIN_T: u32 = 2;
    /// The most passes accepted.
    pub const MAX_T: u32 = 64;
    /// The fewest lanes accepted.
    pub const MIN_P: u32 = 1;
    /// The most lanes accepted.
    pub const MAX_P: u32 = 16;
    /// The shortest salt accepted, in bytes.
    pub const MIN_SALT_LEN: usize = 16;
    /// The longest salt accepted, in bytes.
    pub const MAX_SALT_LEN: usize = 64;

    /// Checks and wraps argon2id parameters.
    ///
    /// # Errors
    /// [`VaultError::KdfParam`] when a value is outside the accepted range (see the `MIN_*`
    /// and `MAX_*` constants).
    pub fn new(m_kib: u32, t: u32, p: u32, salt: Vec<u8>) -> Result<Self, VaultError> {
        check(
            "m_kib",
            m_kib.into(),
            Self::MIN_M_KIB.into(),
            Self::MAX_M_KIB.into(),
        )?;
        check("t", t.into(), Self::MIN_T.into(), Self::MAX_T.into())?;
        check("p", p.into(), Self::MIN_P.into(), Self::MAX_P.into())?;
        check(
            "salt length",
            len_u64(salt.len()),
            len_u64(Self::MIN_SALT_LEN),
            len_u64(Self::MAX_SALT_LEN),
        )?;
        Ok(Self { m_kib, t, p, salt })
    }

    /// Makes the default parameters with a fresh random salt.
    ///
    /// # Errors
    /// [`VaultError::Random`] when the system's random number generator fails.
    pub fn generate() -> Result<Self, VaultError> {
        Self::new(
            Self::DEFAULT_M_KIB,
            Self::DEFAULT_T,
            Self::DEFAULT_P,
            random_salt()?,
        )
    }

    /// The memory cost, in KiB.
    pub fn m_kib(&self) -> u32 {
        self.m_kib
    }

    /// The number of passes.
    pub fn t(&self) -> u32 {
        self.t
    }

    /// The number of lanes.
    pub fn p(&self) -> u32 {
        self.p
    }

    /// The salt.
    pub fn salt(&self) -> &[u8] {
        &self.salt
    }
}

fn check(param: &'static str, value: u64, min: u64, max: u64) -> Result<(), VaultError> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(VaultError::KdfParam {
            param,
            value,
            min,
            max,
        })
    }
}

/// Lengths are tiny; saturating keeps the conversion total on any pointer width.
fn len_u64(len: usize) -> u64 {
    u64::try_from(len).unwrap_or(u64::MAX)
}

fn random_salt() -> Result<Vec<u8>, VaultError> {
    let mut salt = vec![0; KdfParams::DEFAULT_SALT_LEN];
    getrandom::fill(&mut salt).map_err(|_| VaultError::Random)?;
    Ok(salt)
}

/// The AES-256-GCM key that opens a vault, derived from the user's password.
///
/// It is what the engine keeps in `chrome.storage.session` while unlocked (never the password
/// or the mnemonic), so it converts explicitly to and from bytes; it is zeroized on drop, is
/// not `Clone`, and prints as `VaultKey(<redacted>)`. The bytes live on the heap so that
/// moving a key does not leave copies on the stack.
pub struct VaultKey {
    bytes: Box<[u8; VaultKey::LEN]>,
}

impl VaultKey {
    /// The key length in bytes.
    pub const LEN: usize = 32;

    fn zeroed() -> Self {
        Self {
            bytes: Box::new([0; Self::LEN]),
        }
    }

    /// Wraps key bytes, e.g. read back from session storage.
    ///
    /// # Errors
    /// [`VaultError::KeyLength`] when `bytes` is not [`VaultKey::LEN`] long.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, VaultError> {
        if bytes.len() != Self::LEN {
            return Err(VaultError::KeyLength {
                len: bytes.len(),
                expected: Self::LEN,
            });
        }
        let mut key = Self::zeroed();
        key.bytes.copy_from_slice(bytes);
        Ok(key)
    }

    /// Copies the key bytes out, in a buffer that zeroizes itself.
    pub fn to_bytes(&self) -> Zeroizing<[u8; VaultKey::LEN]> {
        Zeroizing::new(*self.bytes)
    }

    /// Encodes the key as standard base64, for string-valued session storage.
    pub fn to_base64(&self) -> Zeroizing<String> {
        let mut text = Zeroizing::new(String::with_capacity(BASE64_KEY_LEN));
        BASE64.encode_string(&self.bytes[..], &mut text);
        text
    }

    /// Decodes a key written by [`VaultKey::to_base64`].
    ///
    /// # Errors
    /// [`VaultError::KeyLength`] when the text is not base64 of exactly [`VaultKey::LEN`] bytes.
    pub fn from_base64(text: &str) -> Result<Self, VaultError> {
        // Decode into a fixed buffer, not a Vec that could reallocate and leave copies behind.
        let mut buf = Zeroizing::new([0u8; BASE64_KEY_LEN]);
        let len = BASE64
            .decode_slice(text.trim().as_bytes(), &mut buf[..])
            .map_err(|_| VaultError::KeyLength {
                len: 0,
                expected: Self::LEN,
            })?;
        Self::from_bytes(buf.get(..len).unwrap_or_default())
    }

    /// The AES-256-GCM instance for this key (its key schedule zeroizes itself on drop).
    pub(crate) fn cipher(&self) -> Aes256Gcm {
        let mut key = aes_gcm::Key::<Aes256Gcm>::default();
        key.copy_from_slice(&self.bytes[..]);
        let cipher = Aes256Gcm::new(&key);
        key.as_mut_slice().zeroize();
        cipher
    }
}

/// Base64 of 32 bytes is 44 characters; decoding needs room for the estimate (33 bytes).
const BASE64_KEY_LEN: usize = 48;

impl Drop for VaultKey {
    fn drop(&mut self) {
        self.bytes.zeroize();
    }
}

impl ZeroizeOnDrop for VaultKey {}

impl fmt::Debug for VaultKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("VaultKey(<redacted>)")
    }
}

/// Derives the vault key from a password with argon2id and `params`.
///
/// The password is used as given (the bytes of what the user typed); callers normalise it
/// first if they want to.
///
/// # Errors
/// [`VaultError::KdfOutOfMemory`] when the memory cost cannot be allocated.
pub fn derive(password: &[u8], params: &KdfParams) -> Result<VaultKey, VaultError> {
    let mut key = VaultKey::zeroed();
    argon2id(
        &Argon2Input {
            password,
            salt: &params.salt,
            secret: &[],
            associated_data: &[],
            m_kib: params.m_kib,
            t: params.t,
            p: params.p,
        },
        &mut key.bytes[..],
    )?;
    Ok(key)
}

/// Every input of argon2id (RFC 9106 §3.1). [`derive`] uses no secret and no associated
/// data; they are here so that the published test vectors, which use both, can be checked
/// through the same code path.
struct Argon2Input<'a> {
    password: &'a [u8],
    salt: &'a [u8],
    secret: &'a [u8],
    associated_data: &'a [u8],
    m_kib: u32,
    t: u32,
    p: u32,
}

/// Runs argon2id (version 0x13) into `out`, with the parameters unchecked beyond argon2's own
/// limits (the test vectors and the calibration probe sit below the wallet's floor).
///
/// The working memory is allocated fallibly and zeroized afterwards: it holds values from
/// which the output (the key) can be recomputed, and wasm memory is never returned to the
/// system, so it would otherwise linger.
fn argon2id(input: &Argon2Input<'_>, out: &mut [u8]) -> Result<(), VaultError> {
    let mut builder = ParamsBuilder::new();
    builder
        .m_cost(input.m_kib)
        .t_cost(input.t)
        .p_cost(input.p)
        .output_len(out.len());
    if !input.associated_data.is_empty() {
        builder.data(AssociatedData::new(input.associated_data).map_err(|_| VaultError::KdfRejected)?);
    }
    let params = builder.build().map_err(|_| VaultError::KdfRejected)?;
    let blocks = params.block_count();
    let context = Argon2::new_with_secret(input.secret, Algorithm::Argon2id, Version::V0x13, params)
        .map_err(|_| VaultError::KdfRejected)?;

    let mut memory: Zeroizing<Vec<Block>> = Zeroizing::new(Vec::new());
    memory
        .try_reserve_exact(blocks)
        .map_err(|_| VaultError::KdfOutOfMemory { m_kib: input.m_kib })?;
    memory.resize(blocks, Block::new());
    context
        .hash_password_into_with_memory(input.password, input.salt, out, memory.as_mut_slice())
        .map_err(|e| match e {
            argon2::Error::OutOfMemory => VaultError::KdfOutOfMemory { m_kib: input.m_kib },
            _ => VaultError::KdfRejected,
        })
}

/// A monotonic clock in milliseconds, so that calibration can be tested with a fake one.
pub trait Clock {
    /// Milliseconds since an arbitrary, fixed origin; never decreases.
    fn now_ms(&self) -> f64;
}

/// The platform's monotonic clock: `std::time::Instant` natively.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Copy, Debug)]
pub struct SystemClock {
    origin: std::time::Instant,
}

#[cfg(not(target_arch = "wasm32"))]
impl SystemClock {
    /// Starts a clock at zero.
    pub fn new() -> Self {
        Self {
            origin: std::time::Instant::now(),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Default for SystemClock {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Clock for SystemClock {
    fn now_ms(&self) -> f64 {
        self.origin.elapsed().as_secs_f64() * 1000.0
    }
}

/// The platform's monotonic clock: `performance.now()` in wasm (the service worker and pages
/// both have `performance`), falling back to `Date.now()` where it is missing.
#[cfg(target_arch = "wasm32")]
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

#[cfg(target_arch = "wasm32")]
impl SystemClock {
    /// Makes the clock.
    pub fn new() -> Self {
        Self
    }
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = performance, js_name = now)]
    fn performance_now() -> Result<f64, wasm_bindgen::JsValue>;
}

#[cfg(target_arch = "wasm32")]
impl Clock for SystemClock {
    fn now_ms(&self) -> f64 {
        performance_now().unwrap_or_else(|_| js_sys::Date::now())
    }
}

/// The unlock time [`calibrate`] aims at by default.
pub const DEFAULT_CALIBRATION_TARGET: Duration = Duration::from_millis(300);

/// The most passes [`calibrate`] picks: a vault calibrated on a fast machine must still open
/// in reasonable time on a slower one it is restored to.
pub const CALIBRATION_MAX_T: u32 = 16;

/// Picks argon2id parameters whose derivation takes about `target` on this machine, with a
/// fresh random salt.
///
/// It first runs one pass at m = 64 MiB and throws its time away: the first derivation in a
/// fresh worker pays for growing wasm memory to 64 MiB and for cold caches, which no later
/// derivation does (wasm memory is reused, never shrunk). Measuring that one made calibration
/// pick anywhere from 2 to 12 passes across launches of the same machine. Then it times t = 1
/// and t = 3: the difference over two passes is the cost of a pass, and what remains of t = 1
/// is a fixed cost (natively, each derivation's fresh 64 MiB allocation is touched again).
/// When noise makes that split implausible it assumes time ∝ passes. Memory stays at 64 MiB
/// because wasm memory never shrinks, so a larger m would stay reserved in the worker for its
/// whole life. The result is never below the floor (t ≥ 2) nor above [`CALIBRATION_MAX_T`]; if
/// the clock gives no usable measurement, it is the defaults.
///
/// # Errors
/// [`VaultError::Random`] when no salt can be drawn; [`VaultError::KdfOutOfMemory`] when the
/// 64 MiB probe cannot be allocated.
pub fn calibrate(target: Duration, clock: &impl Clock) -> Result<KdfParams, VaultError> {
    let salt = random_salt()?;
    let _warm_up = probe(&salt, 1, clock)?;
    let one_pass = probe(&salt, 1, clock)?;
    let three_passes = probe(&salt, 3, clock)?;
    let t = passes_for(target.as_secs_f64() * 1000.0, one_pass, three_passes);
    KdfParams::new(KdfParams::DEFAULT_M_KIB, t, KdfParams::DEFAULT_P, salt)
}

/// Times one derivation at the default memory cost with `t` passes, in milliseconds.
fn probe(salt: &[u8], t: u32, clock: &impl Clock) -> Result<f64, VaultError> {
    let mut out = Zeroizing::new([0u8; VaultKey::LEN]);
    let start = clock.now_ms();
    argon2id(
        &Argon2Input {
            password: b"formica calibration probe",
            salt,
            secret: &[],
            associated_data: &[],
            m_kib: KdfParams::DEFAULT_M_KIB,
            t,
            p: KdfParams::DEFAULT_P,
        },
        &mut out[..],
    )?;
    Ok(clock.now_ms() - start)
}

/// The pass count in `MIN_T..=CALIBRATION_MAX_T` whose estimated time is nearest the target
/// (ties go to more passes), from the times of a one-pass and a three-pass derivation.
fn passes_for(target_ms: f64, one_pass_ms: f64, three_passes_ms: f64) -> u32 {
    let usable = |x: f64| x.is_finite() && x > 0.0;
    if !(target_ms.is_finite() && usable(one_pass_ms) && usable(three_passes_ms)) {
        return KdfParams::DEFAULT_T;
    }
    let marginal = (three_passes_ms - one_pass_ms) / 2.0;
    // A pass costs no more than the whole one-pass time, and at least a third of it (natively
    // the fixed part, a fresh 64 MiB allocation touched again, is measured at ≈ 1.2 passes);
    // outside that the probes were disturbed: assume time ∝ passes.
    let (fixed, per_pass) = if usable(marginal) && marginal <= one_pass_ms && marginal >= one_pass_ms / 3.0 {
        (one_pass_ms - marginal, marginal)
    } else {
        (0.0, three_passes_ms / 3.0)
    };
    let estimate = |t: u32| (fixed + f64::from(t) * per_pass - target_ms).abs();
    let mut best = KdfParams::MIN_T;
    for t in KdfParams::MIN_T..=CALIBRATION_MAX_T {
        if estimate(t) <= estimate(best) {
            best = t;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    /// The RFC 9106 vectors, with where they come from.
    const RFC9106: &str = include_str!("../../../testdata/vault/argon2-rfc9106.json");

    fn hex_field(v: &serde_json::Value, name: &str) -> Vec<u8> {
        hex::decode(v[name].as_str().unwrap()).unwrap()
    }

    fn u32_field(v: &serde_json::Value, name: &str) -> u32 {
        u32::try_from(v[name].as_u64().unwrap()).unwrap()
    }

    #[test]
    fn rfc9106_argon2id_vector() {
        let doc: serde_json::Value = serde_json::from_str(RFC9106).unwrap();
        assert!(doc["source"].as_str().unwrap().contains("RFC 9106"));
        let vectors = doc["vectors"].as_array().unwrap();
        assert!(!vectors.is_empty());
        for v in vectors {
            assert_eq!(v["type"], "argon2id");
            assert_eq!(v["version"], 0x13);
            let (password, salt) = (hex_field(v, "password"), hex_field(v, "salt"));
            let (secret, ad) = (hex_field(v, "secret"), hex_field(v, "associated_data"));
            let tag = hex_field(v, "tag");
            let mut out = vec![0u8; tag.len()];
            argon2id(
                &Argon2Input {
                    password: &password,
                    salt: &salt,
                    secret: &secret,
                    associated_data: &ad,
                    m_kib: u32_field(v, "memory_kib"),
                    t: u32_field(v, "passes"),
                    p: u32_field(v, "parallelism"),
                },
                &mut out,
            )
            .unwrap();
            assert_eq!(hex::encode(&out), hex::encode(&tag));
        }
    }

    fn salt(len: usize) -> Vec<u8> {
        vec![7; len]
    }

    #[test]
    fn params_accept_the_bounds_and_reject_beyond() {
        use KdfParams as K;
        assert!(K::new(K::MIN_M_KIB, K::MIN_T, K::MIN_P, salt(K::MIN_SALT_LEN)).is_ok());
        assert!(K::new(K::MAX_M_KIB, K::MAX_T, K::MAX_P, salt(K::MAX_SALT_LEN)).is_ok());
        let floor = |m, t, p, s| K::new(m, t, p, salt(s)).unwrap_err();
        assert_eq!(
            floor(K::MIN_M_KIB - 1, 3, 1, 16),
            VaultError::KdfParam {
                param: "m_kib",
                value: 19455,
                min: 19456,
                max: 1 << 20
            }
        );
        assert!(matches!(
            floor(K::MAX_M_KIB + 1, 3, 1, 16),
            VaultError::KdfParam { param: "m_kib", .. }
        ));
        assert!(matches!(
            floor(K::DEFAULT_M_KIB, 1, 1, 16),
            VaultError::KdfParam { param: "t", .. }
        ));
        assert!(matches!(
            floor(K::DEFAULT_M_KIB, 65, 1, 16),
            VaultError::KdfParam { param: "t", .. }
        ));
        assert!(matches!(
            floor(K::DEFAULT_M_KIB, 3, 0, 16),
            VaultError::KdfParam { param: "p", .. }
        ));
        assert!(matches!(
            floor(K::DEFAULT_M_KIB, 3, 17, 16),
            VaultError::KdfParam { param: "p", .. }
        ));
        assert!(matches!(
            floor(K::DEFAULT_M_KIB, 3, 1, 15),
            VaultError::KdfParam {
                param: "salt length",
                ..
            }
        ));
        assert!(matches!(
            floor(K::DEFAULT_M_KIB, 3, 1, 65),
            VaultError::KdfParam {
                param: "salt length",
                ..
            }
        ));
    }

    #[test]
    fn defaults_are_the_named_values_with_fresh_salts() {
        assert_eq!(KdfParams::DEFAULT_M_KIB, 65536);
        assert_eq!((KdfParams::DEFAULT_T, KdfParams::DEFAULT_P), (3, 1));
        assert_eq!(
            (KdfParams::MIN_M_KIB, KdfParams::MIN_T, KdfParams::MIN_P),
            (19456, 2, 1)
        );
        let a = KdfParams::generate().unwrap();
        let b = KdfParams::generate().unwrap();
        assert_eq!((a.m_kib(), a.t(), a.p(), a.salt().len()), (65536, 3, 1, 16));
        assert_ne!(a.salt(), b.salt());
    }

    fn floor_params(salt_byte: u8) -> KdfParams {
        KdfParams::new(
            KdfParams::MIN_M_KIB,
            KdfParams::MIN_T,
            KdfParams::MIN_P,
            vec![salt_byte; 16],
        )
        .unwrap()
    }

    #[test]
    fn derive_is_deterministic_and_depends_on_password_and_salt() {
        let k1 = derive(b"hunter2", &floor_params(1)).unwrap();
        let k2 = derive(b"hunter2", &floor_params(1)).unwrap();
        let k3 = derive(b"hunter3", &floor_params(1)).unwrap();
        let k4 = derive(b"hunter2", &floor_params(2)).unwrap();
        assert_eq!(*k1.to_bytes(), *k2.to_bytes());
        assert_ne!(*k1.to_bytes(), *k3.to_bytes());
        assert_ne!(*k1.to_bytes(), *k4.to_bytes());
    }

    #[test]
    fn key_converts_to_bytes_and_base64_and_back() {
        let key = VaultKey::from_bytes(&[0xab; 32]).unwrap();
        assert_eq!(
            *VaultKey::from_bytes(&key.to_bytes()[..]).unwrap().to_bytes(),
            [0xab; 32]
        );
        let text = key.to_base64();
        assert_eq!(text.len(), 44);
        assert_eq!(*VaultKey::from_base64(&text).unwrap().to_bytes(), [0xab; 32]);
        assert_eq!(
            VaultKey::from_bytes(&[0; 31]).unwrap_err(),
            VaultError::KeyLength {
                len: 31,
                expected: 32
            }
        );
        assert!(VaultKey::from_base64("AAAA").is_err());
        assert!(VaultKey::from_base64("not base64!").is_err());
        assert!(VaultKey::from_base64(&BASE64.encode([1u8; 33])).is_err());
    }

    #[test]
    fn key_debug_is_redacted() {
        let key = VaultKey::from_bytes(&[0x5a; 32]).unwrap();
        let shown = format!("{key:?} {:#?}", key);
        assert_eq!(format!("{key:?}"), "VaultKey(<redacted>)");
        assert!(!shown.contains("90") && !shown.contains("5a") && !shown.contains("5A"));
    }

    /// A clock that returns scripted instants, one per call.
    struct FakeClock {
        times: Vec<f64>,
        next: Cell<usize>,
    }

    impl FakeClock {
        fn new(times: &[f64]) -> Self {
            Self {
                times: times.to_vec(),
                next: Cell::new(0),
            }
        }
    }

    impl Clock for FakeClock {
        fn now_ms(&self) -> f64 {
            let i = self.next.get();
            self.next.set(i + 1);
            self.times[i]
        }
    }

    #[test]
    fn calibration_scales_passes_to_the_target() {
        let target = DEFAULT_CALIBRATION_TARGET;
        let t_for = |times: &[f64]| calibrate(target, &FakeClock::new(times)).unwrap().t();
        // Each probe reads the clock twice: the warm-up (ignored), t = 1, then t = 3.
        let w = |one: f64, three: f64| [0.0, 900.0, 1000.0, 1000.0 + one, 2000.0, 2000.0 + three];
        // 50 ms per pass and no fixed cost → 6 passes = 300 ms; a slow warm-up changes nothing.
        let p = calibrate(target, &FakeClock::new(&w(50.0, 150.0))).unwrap();
        assert_eq!((p.m_kib(), p.t(), p.p(), p.salt().len()), (65536, 6, 1, 16));
        // As measured natively: 76 ms, then 144 ms → 34 ms per pass after 42 ms fixed → 8
        // passes (314 ms) beats 7 (280 ms). A single probe would have said 4.
        assert_eq!(t_for(&w(76.0, 144.0)), 8);
        // 70 ms per pass → 4 (280 ms) is nearer than 5 (350 ms).
        assert_eq!(t_for(&w(70.0, 210.0)), 4);
        // A slow machine still gets the floor of 2 passes; a very fast one is capped.
        assert_eq!(t_for(&w(400.0, 1200.0)), KdfParams::MIN_T);
        assert_eq!(t_for(&w(1.0, 3.0)), CALIBRATION_MAX_T);
        // Noise: t = 3 no slower than t = 1, or a pass apparently far cheaper than the fixed
        // part → proportional model on the three-pass probe (30 ms/pass → 10 passes).
        assert_eq!(t_for(&w(90.0, 90.0)), 10);
        assert_eq!(t_for(&w(80.0, 90.0)), 10);
        // A clock that does not move, goes backwards, or is NaN: the defaults.
        for bad in [
            [0.0, 1.0, 5.0, 5.0, 5.0, 5.0],
            [0.0, 1.0, 5.0, 4.0, 5.0, 4.0],
            [0.0, 1.0, f64::NAN, 1.0, 0.0, 2.0],
        ] {
            let p = calibrate(target, &FakeClock::new(&bad)).unwrap();
            assert_eq!(
                (p.m_kib(), p.t()),
                (KdfParams::DEFAULT_M_KIB, KdfParams::DEFAULT_T)
            );
        }
        // Each calibration draws its own salt.
        let a = calibrate(target, &FakeClock::new(&w(50.0, 150.0))).unwrap();
        let b = calibrate(target, &FakeClock::new(&w(50.0, 150.0))).unwrap();
        assert_ne!(a.salt(), b.salt());
    }

    #[test]
    fn calibration_with_the_real_clock_lands_in_range() {
        let p = calibrate(DEFAULT_CALIBRATION_TARGET, &SystemClock::new()).unwrap();
        assert!((KdfParams::MIN_T..=CALIBRATION_MAX_T).contains(&p.t()));
        assert_eq!(p.m_kib(), KdfParams::DEFAULT_M_KIB);
    }
}
