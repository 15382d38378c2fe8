// Differential test: every case that formica-core's `neo_cases` example wrote is checked with
// @cityofzion/neon-core. See README.md for the two commands.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { createHash } from "node:crypto";
import { sc, tx, u, wallet } from "@cityofzion/neon-core";

const here = dirname(fileURLToPath(import.meta.url));
const casesPath = process.env.NEO_CASES ?? join(here, "..", "..", "target", "neo-cases.jsonl");

const sha256 = (hex) => createHash("sha256").update(Buffer.from(hex, "hex")).digest("hex");
const b64hex = (b64) => Buffer.from(b64, "base64").toString("hex");
const varint = (n) => u.num2VarInt(n);
const le32 = (n) => u.num2hexstring(n, 4, true);

// neon-core 5.10.1 cannot round-trip attributes: the Transaction constructor drops them, its
// OracleResponse deserializer reads the id unreversed and the result as hex-then-base64, and
// NotValidBefore, Conflicts and NotaryAssisted are unknown to it. So the attribute section is
// read here, by the N3 layout (Neo's TransactionAttribute classes), into objects with the
// serialize()/size/toJson() neon's Transaction uses; HighPriority and OracleResponse are then
// also rebuilt with neon's own classes (from JSON) and must serialize identically.
function readAttribute(ss) {
  const type = ss.read(1);
  switch (type) {
    case "01":
      return { hex: "01", json: { type: "HighPriority" } };
    case "11": {
      const idLe = ss.read(8);
      const code = ss.read(1);
      const len = ss.readVarInt();
      const result = ss.read(len);
      return { hex: "11" + idLe + code + varint(len) + result, oracle: { idLe, code, result } };
    }
    case "20":
      return { hex: "20" + ss.read(4) };
    case "21":
      return { hex: "21" + ss.read(32) };
    case "22":
      return { hex: "22" + ss.read(1) };
    default:
      throw new Error(`unknown attribute type ${type}`);
  }
}

// Deserializes with neon-core's parsers for everything it supports.
function neonDeserialize(hex) {
  const ss = new u.StringStream(hex);
  const version = parseInt(ss.read(1), 16);
  const nonce = parseInt(u.reverseHex(ss.read(4)), 16);
  const systemFee = u.BigInteger.fromTwos(ss.read(8), true);
  const networkFee = u.BigInteger.fromTwos(ss.read(8), true);
  const validUntilBlock = parseInt(u.reverseHex(ss.read(4)), 16);
  const signers = u.deserializeArrayOf(tx.Signer.deserialize, ss);
  const attributes = u.deserializeArrayOf(readAttribute, ss);
  const script = ss.readVarBytes();
  const witnesses = u.deserializeArrayOf(tx.Witness.fromStream, ss);
  assert.ok(ss.isEmpty(), "trailing bytes");
  const t = new tx.Transaction({ version, nonce, systemFee, networkFee, validUntilBlock, signers, script, witnesses });
  t.attributes = attributes.map((a) => ({ serialize: () => a.hex, size: a.hex.length / 2, toJson: () => a.json }));
  return { t, attributes };
}

// A contract parameter (neon-js JSON) as the value NeoVM gets: bytes as wire-order hex, integers
// as decimal text. `pushOrder`: the map entries are in the order neon pushed them, which PACKMAP
// reads back last first.
function pushed(p, pushOrder) {
  const utf8hex = (s) => Buffer.from(s, "utf8").toString("hex");
  switch (p.type) {
    case "Any":
      return p.value == null ? null : { bytes: p.value };
    case "Boolean":
      return { bool: p.value };
    case "Integer":
      return { int: BigInt(p.value).toString() };
    case "ByteArray":
      return { bytes: b64hex(p.value) };
    case "String":
      return { bytes: utf8hex(p.value) };
    case "Hash160":
    case "Hash256":
      return { bytes: u.reverseHex(p.value) };
    case "PublicKey":
      return { bytes: p.value };
    case "Array":
      return { array: p.value.map((x) => pushed(x, pushOrder)) };
    case "Map": {
      const entries = p.value.map((e) => [pushed(e.key, pushOrder), pushed(e.value, pushOrder)]);
      return { map: pushOrder ? entries.reverse() : entries };
    }
    default:
      throw new Error(`unexpected parameter type ${p.type}`);
  }
}

function checkTransaction(c) {
  const { t, attributes } = neonDeserialize(c.hex);
  assert.equal(t.serialize(true), c.hex, "neon re-serializes the same bytes");
  assert.equal(t.hash(), c.hash, "same hash");
  assert.equal(t.script.toBigEndian(), c.script);

  // neon's own attribute classes, where it has them.
  for (const a of attributes) {
    if (a.json) assert.equal(tx.TransactionAttribute.fromJson(a.json).serialize(), a.hex);
    if (a.oracle && a.oracle.code === "00") {
      const attr = new tx.OracleResponseAttribute(
        parseInt(u.reverseHex(a.oracle.idLe), 16),
        0,
        Buffer.from(a.oracle.result, "hex").toString("base64"),
      );
      if (Number.isSafeInteger(attr.id)) assert.equal(attr.serialize(), a.hex);
    }
  }
  // Without attributes, neon's one-call deserializer and fromJson(our JSON) must agree too.
  if (attributes.length === 0) {
    const direct = tx.Transaction.deserialize(c.hex);
    assert.equal(direct.serialize(true), c.hex);
    assert.equal(direct.hash(), c.hash);
    const fromJson = tx.Transaction.fromJson(c.json);
    assert.equal(fromJson.serialize(true), c.hex, "neon fromJson(our toJson) gives the same bytes");
  }
  // Our JSON agrees with neon's view of the fields.
  assert.equal(c.json.hash, "0x" + c.hash);
  assert.equal(c.json.size, c.hex.length / 2);
  assert.equal(c.json.sysfee, t.systemFee.toString());
  assert.equal(c.json.netfee, t.networkFee.toString());
  assert.equal(c.json.nonce, t.nonce);
  assert.equal(c.json.validuntilblock, t.validUntilBlock);
  assert.equal(b64hex(c.json.script), c.script);
  assert.deepEqual(c.json.signers.map((s) => s.scopes), t.signers.map((s) => tx.toString(s.scopes)));
  assert.equal(c.json.sender, wallet.getAddressFromScriptHash(t.signers[0].account.toBigEndian()));

  // The script is what neon's createScript builds for the same calls.
  assert.equal(sc.createScript(...c.calls), c.script, "createScript gives the same script");
  // And the approval's script reader (chains::neo::disassemble) reads neon's bytes back into
  // the same calls, value for value as NeoVM sees them (a script has no parameter types).
  assert.deepEqual(
    c.decoded.map((d) => [d.scriptHash, d.operation, d.callFlags, d.args.map((a) => pushed(a, false))]),
    c.calls.map((d) => [d.scriptHash, d.operation, d.callFlags, d.args.map((a) => pushed(a, true))]),
    "the script reads back into the calls",
  );

  // Every witness: neon verifies the signature over getMessageForSigning, and neon's own
  // signature with the same key is byte-identical (RFC 6979, low s).
  const message = t.getMessageForSigning(c.network);
  assert.equal(message, le32(c.network) + sha256(t.serialize(false)));
  assert.equal(t.witnesses.length, t.signers.length);
  t.witnesses.forEach((w, i) => {
    const inv = w.invocationScript.toBigEndian();
    assert.equal(inv.slice(0, 4), "0c40");
    const sig = inv.slice(4);
    const publicKey = wallet.getPublicKeyFromVerificationScript(w.verificationScript.toBigEndian());
    assert.equal(w.scriptHash, t.signers[i].account.toBigEndian(), "witness order follows signers");
    assert.ok(wallet.verify(message, sig, publicKey), "signature verifies");
    const key = c.keys.find((k) => k.publicKey === publicKey);
    assert.ok(key, "signed by one of the case's keys");
    assert.equal(wallet.getPublicKeyFromPrivateKey(key.privateKey), publicKey);
    assert.equal(wallet.sign(message, key.privateKey), sig, "same signature as neon");
  });
}

// NeoLine's formats, rebuilt here from NeoLine's source (neo3-signature*.component.ts).
function neolinePayload(format, str) {
  const hex = Buffer.from(str, "utf8").toString("hex");
  const body = varint(hex.length / 2) + hex;
  if (format === "V1") return "010001f0" + body + "0000";
  const fakeTx = "00".repeat(25) + "01" + "00".repeat(20) + "00" + "00" + body;
  return le32(0) + sha256(fakeTx);
}

function checkMessage(c) {
  const { signed, format, key } = c;
  const str = (signed.salt ?? "") + signed.message;
  if (signed.salt !== undefined) assert.match(signed.salt, /^[0-9a-f]{32}$/);
  assert.equal(signed.publicKey, key.publicKey);
  const payload = neolinePayload(format, str);
  assert.ok(wallet.verify(payload, signed.data, signed.publicKey), `${format} signature verifies`);
  assert.equal(wallet.sign(payload, key.privateKey), signed.data, "same signature as NeoLine would make");
  const other = neolinePayload(format === "V1" ? "V2" : "V1", str);
  assert.ok(!wallet.verify(other, signed.data, signed.publicKey), "not valid in the other format");
}

function checkMultisig(c) {
  assert.equal(wallet.constructMultiSigVerificationScript(c.threshold, c.keys), c.script);
  assert.deepEqual(wallet.getPublicKeysFromVerificationScript(c.script), c.keys);
  assert.equal(wallet.getSigningThresholdFromVerificationScript(c.script), c.threshold);
  assert.equal(wallet.getAddressFromScriptHash(wallet.getScriptHashFromVerificationScript(c.script)), c.address);
  // Neo sorts multisig keys by x then y; the script must list them that way.
  const sorted = [...c.keys].sort((a, b) => {
    const ua = wallet.getPublicKeyUnencoded(a).slice(2);
    const ub = wallet.getPublicKeyUnencoded(b).slice(2);
    return ua < ub ? -1 : ua > ub ? 1 : 0;
  });
  assert.deepEqual(c.keys, sorted);

  const t = tx.Transaction.deserialize(c.hex);
  assert.equal(t.serialize(true), c.hex);
  const message = t.getMessageForSigning(c.network);
  const ctx = c.context;
  assert.equal(ctx.type, "Neo.Network.P2P.Payloads.Transaction");
  assert.equal(ctx.network, c.network);
  assert.equal(b64hex(ctx.data), t.serialize(false));
  assert.equal(ctx.hash, "0x" + t.hash());
  for (const [hash, item] of Object.entries(ctx.items)) {
    assert.equal(hash, "0x" + wallet.getScriptHashFromVerificationScript(b64hex(item.script)));
    for (const [pub, sig] of Object.entries(item.signatures)) {
      assert.ok(wallet.verify(message, b64hex(sig), pub), "context signature verifies");
    }
  }
  if (c.partialContext) {
    const item = c.partialContext.items["0x" + wallet.getScriptHashFromVerificationScript(c.script)];
    assert.equal(Object.keys(item.signatures).length, 1);
  }
  // The multisig witness equals neon's buildMultiSig from the same signatures.
  const index = t.signers.findIndex(
    (s) => s.account.toBigEndian() === wallet.getScriptHashFromVerificationScript(c.script),
  );
  assert.equal(index, 0);
  const w = t.witnesses[0];
  assert.equal(w.verificationScript.toBigEndian(), c.script);
  const item = ctx.items["0x" + wallet.getScriptHashFromVerificationScript(c.script)];
  const sigs = Object.values(item.signatures).map(b64hex);
  const built = tx.Witness.buildMultiSig(message, sigs, c.script);
  assert.equal(w.invocationScript.toBigEndian(), built.invocationScript.toBigEndian());
  // Any other signer is a single-signature account whose witness verifies.
  t.witnesses.slice(1).forEach((other) => {
    const pub = wallet.getPublicKeyFromVerificationScript(other.verificationScript.toBigEndian());
    assert.ok(wallet.verify(message, other.invocationScript.toBigEndian().slice(4), pub));
  });
}

test("formica-core NEO cases agree with neon-core", { timeout: 120_000 }, () => {
  assert.ok(existsSync(casesPath), `${casesPath} is missing: run the cargo example first (see README.md)`);
  const lines = readFileSync(casesPath, "utf8").split("\n").filter(Boolean);
  const counts = { tx: 0, message: 0, multisig: 0 };
  const failures = [];
  lines.forEach((line, i) => {
    const c = JSON.parse(line);
    try {
      if (c.kind === "tx") checkTransaction(c);
      else if (c.kind === "message") checkMessage(c);
      else if (c.kind === "multisig") checkMultisig(c);
      else throw new Error(`unknown kind ${c.kind}`);
      counts[c.kind] += 1;
    } catch (e) {
      failures.push(`line ${i + 1} (${c.kind}): ${e.message}`);
    }
  });
  console.log(`neo differential: ${JSON.stringify(counts)}, ${failures.length} mismatches`);
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} mismatches`);
  assert.ok(counts.tx >= 1000, `at least 1000 transactions (found ${counts.tx})`);
  assert.ok(counts.message > 0 && counts.multisig > 0);
});
