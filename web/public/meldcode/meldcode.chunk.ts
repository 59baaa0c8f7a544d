// Entry of the lazily loaded meldcode chunk: the tool and the pharmacy counter route are not
// part of the public site's first load (100 KB budget); their texts arrive with them
// (meldcode-shared.tsx registers them on first use).
export { CodewordPage } from './codeword.page.tsx';
export { MeldcodeToolPage } from './meldcode-tool.page.tsx';
