// Loads the Leptos app (formica-ui); its start function mounts it on <body>.
import init from './ui/formica_ui.js';

const ext = globalThis.browser ?? globalThis.chrome;
document.documentElement.lang = ext.i18n.getUILanguage();
init();
