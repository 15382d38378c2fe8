// The same dApp operations written three times, the way each library's docs say to: ethers v6,
// viem 2 and web3.js 4. Exposed as `window.formicaLibs[name].op(...)`; the e2e suite runs the
// same scenario against each, so a difference between what the libraries expect from a wallet
// shows up as a failing library, not as a silently skipped one.
import * as ethers from 'ethers';
import { createWalletClient, createPublicClient, custom, erc20Abi } from 'viem';
import { Web3 } from 'web3';

const eth = () => window.ethereum;
const ERC20_TRANSFER_ABI = erc20Abi;

const viaEthers = {
  async connect() {
    return new ethers.BrowserProvider(eth()).send('eth_requestAccounts', []);
  },
  async accounts() {
    return (await new ethers.BrowserProvider(eth()).listAccounts()).map((s) => s.address);
  },
  async chainId() {
    return `0x${(await new ethers.BrowserProvider(eth()).getNetwork()).chainId.toString(16)}`;
  },
  async signMessage(from, message) {
    return (await new ethers.BrowserProvider(eth()).getSigner(from)).signMessage(message);
  },
  async signTypedData(from, { domain, types, message }) {
    return (await new ethers.BrowserProvider(eth()).getSigner(from)).signTypedData(domain, types, message);
  },
  async sendEth(from, to, wei) {
    const signer = await new ethers.BrowserProvider(eth()).getSigner(from);
    return (await signer.sendTransaction({ to, value: BigInt(wei) })).hash;
  },
  async transferToken(from, token, to, amount) {
    const signer = await new ethers.BrowserProvider(eth()).getSigner(from);
    const contract = new ethers.Contract(token, ['function transfer(address to, uint256 amount) returns (bool)'], signer);
    return (await contract.transfer(to, BigInt(amount))).hash;
  },
  async switchChain(chainId) {
    return new ethers.BrowserProvider(eth()).send('wallet_switchEthereumChain', [{ chainId }]);
  },
  async ethSign(from) {
    return new ethers.BrowserProvider(eth()).send('eth_sign', [from, `0x${'11'.repeat(32)}`]);
  },
};

const wallet = () => createWalletClient({ transport: custom(eth()) });
const viaViem = {
  async connect() {
    return wallet().requestAddresses();
  },
  async accounts() {
    return wallet().getAddresses();
  },
  async chainId() {
    return `0x${(await createPublicClient({ transport: custom(eth()) }).getChainId()).toString(16)}`;
  },
  async signMessage(from, message) {
    return wallet().signMessage({ account: from, message });
  },
  async signTypedData(from, { domain, types, primaryType, message }) {
    return wallet().signTypedData({ account: from, domain, types, primaryType, message });
  },
  async sendEth(from, to, wei) {
    return wallet().sendTransaction({ account: from, chain: null, to, value: BigInt(wei) });
  },
  async transferToken(from, token, to, amount) {
    return wallet().writeContract({
      account: from, chain: null, address: token, abi: ERC20_TRANSFER_ABI, functionName: 'transfer', args: [to, BigInt(amount)],
    });
  },
  async switchChain(chainId) {
    return wallet().switchChain({ id: Number.parseInt(chainId, 16) });
  },
  async ethSign(from) {
    return wallet().request({ method: 'eth_sign', params: [from, `0x${'11'.repeat(32)}`] });
  },
};

// web3.js waits for the receipt by default; these calls return at the hash (web3's
// PromiEvent 'transactionHash'), so every library is measured at the same point.
const sentHash = (promiEvent) => new Promise((resolve, reject) => {
  promiEvent.on('transactionHash', resolve);
  promiEvent.catch(reject);
});
const viaWeb3 = {
  async connect() {
    return new Web3(eth()).eth.requestAccounts();
  },
  async accounts() {
    return new Web3(eth()).eth.getAccounts();
  },
  async chainId() {
    return `0x${(await new Web3(eth()).eth.getChainId()).toString(16)}`;
  },
  async signMessage(from, message) {
    const web3 = new Web3(eth());
    return web3.eth.personal.sign(web3.utils.utf8ToHex(message), from, '');
  },
  async signTypedData(from, typedData) {
    return new Web3(eth()).eth.signTypedData(from, typedData);
  },
  async sendEth(from, to, wei) {
    return sentHash(new Web3(eth()).eth.sendTransaction({ from, to, value: BigInt(wei) }));
  },
  async transferToken(from, token, to, amount) {
    const web3 = new Web3(eth());
    const contract = new web3.eth.Contract(ERC20_TRANSFER_ABI, token);
    return sentHash(contract.methods.transfer(to, BigInt(amount)).send({ from }));
  },
  async switchChain(chainId) {
    return eth().request({ method: 'wallet_switchEthereumChain', params: [{ chainId }] });
  },
  async ethSign(from) {
    return new Web3(eth()).eth.sign(`0x${'11'.repeat(32)}`, from);
  },
};

export const LIBRARIES = { ethers: viaEthers, viem: viaViem, web3: viaWeb3 };
