// Bundles the three artefacts: the extension host entry (Node, CommonJS, `vscode`
// external), the chat webview (browser IIFE) and the public core (`dist/core.js`,
// CommonJS, loadable from plain Node by scripts and benchmarks).
const esbuild = require('esbuild');

const path = require('node:path');
const fs = require('node:fs');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const option = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
// --outdir DIR: build somewhere other than dist/ (benchmarks measure a production build
// without replacing the dev one). --metafile DIR: write <bundle>.meta.json per bundle there
// (inputs and their bytes; analyse with esbuild's analyzeMetafile or bench/bundle.bench.ts).
const outdir = option('--outdir') ?? 'dist';
const metadir = option('--metafile');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  metafile: Boolean(metadir),
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

// The tokenizer's tables are ~2.7 MB of code: parsing them would double the
// extension's load time (P5). Bundles load it from its own file on first use.
const tokenizerAsSibling = {
  name: 'tokenizer-as-sibling',
  setup(build) {
    build.onResolve({ filter: /^gpt-tokenizer$/ }, () => ({ path: './tokenizer.js', external: true }));
  },
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: path.join(outdir, 'extension.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [tokenizerAsSibling],
  },
  {
    ...common,
    entryPoints: ['src/core/index.ts'],
    outfile: path.join(outdir, 'core.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [tokenizerAsSibling],
  },
  {
    ...common,
    entryPoints: ['gpt-tokenizer'],
    outfile: path.join(outdir, 'tokenizer.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: path.join(outdir, 'webview.js'),
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

async function main() {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  const results = await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (metadir) {
    fs.mkdirSync(metadir, { recursive: true });
    results.forEach((r, i) => fs.writeFileSync(path.join(metadir, `${path.basename(builds[i].outfile, '.js')}.meta.json`), JSON.stringify(r.metafile)));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
