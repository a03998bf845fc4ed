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

// The OpenTelemetry SDK is loaded only when telemetry is configured: its own
// file, required on first use, so activation never parses it.
const telemetryAsSibling = {
  name: 'telemetry-as-sibling',
  setup(build) {
    build.onResolve({ filter: /^\.\/otel-sdk$/ }, () => ({ path: './telemetry.js', external: true }));
  },
};

// The provider SDKs and the price library are ~85% of the extension bundle (esbuild
// metafile: @pydantic/genai-prices 38%, @anthropic-ai/sdk 34%, openai 12%) and nothing
// needs them before the first request or price lookup. Each group is bundled into its
// own sibling file; the main bundles get a stand-in module per specifier whose exports
// are getters that require() the sibling on first access (issue 15: no 50 ms stall when
// the extension loads). One sibling per SDK keeps its classes single (instanceof works).
const LAZY_LIBRARIES = [
  { file: 'lib-anthropic.js', specifiers: ['@anthropic-ai/sdk', '@anthropic-ai/sdk/core/streaming'] },
  { file: 'lib-openai.js', specifiers: ['openai', 'openai/streaming'] },
  { file: 'lib-genai-prices.js', specifiers: ['@pydantic/genai-prices'] },
];

/** Export names per specifier, as Node's ESM loader (the condition esbuild bundles) sees them. */
async function exportNames() {
  const names = new Map();
  for (const lib of LAZY_LIBRARIES) for (const s of lib.specifiers) names.set(s, Object.keys(await import(s)));
  return names;
}

function lazyLibraries(names) {
  const bySpecifier = new Map(LAZY_LIBRARIES.flatMap((lib) => lib.specifiers.map((s, i) => [s, { file: lib.file, member: `m${i}` }])));
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const filter = new RegExp(`^(${[...bySpecifier.keys()].map(escape).join('|')})$`);
  return {
    name: 'lazy-libraries',
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'lazy-library' }));
      build.onResolve({ filter: /^\.\/lib-[\w-]+\.js$/ }, (args) => ({ path: args.path, external: true }));
      build.onLoad({ filter: /.*/, namespace: 'lazy-library' }, (args) => {
        const { file, member } = bySpecifier.get(args.path);
        const contents = [
          `const names = ${JSON.stringify(names.get(args.path))};`,
          'let loaded;',
          `const load = () => (loaded ??= require('./${file}').${member});`,
          'const lazy = {};',
          'for (const name of names) Object.defineProperty(lazy, name, { enumerable: true, get: () => load()[name] });',
          "Object.defineProperty(lazy, '__esModule', { value: true });",
          'module.exports = lazy;',
        ].join('\n');
        return { contents, loader: 'js', resolveDir: __dirname };
      });
    },
  };
}

const libraryBuilds = LAZY_LIBRARIES.map((lib) => ({
  ...common,
  stdin: { contents: lib.specifiers.map((s, i) => `export * as m${i} from ${JSON.stringify(s)};`).join('\n'), resolveDir: __dirname, loader: 'js', sourcefile: lib.file },
  outfile: path.join(outdir, lib.file),
  platform: 'node',
  format: 'cjs',
  target: 'node20',
}));

const builds = (lazy) => [
  ...libraryBuilds,
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: path.join(outdir, 'extension.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [tokenizerAsSibling, telemetryAsSibling, lazy],
  },
  {
    ...common,
    entryPoints: ['src/core/index.ts'],
    outfile: path.join(outdir, 'core.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [tokenizerAsSibling, telemetryAsSibling, lazy],
  },
  {
    ...common,
    entryPoints: ['src/core/telemetry/otel-sdk.ts'],
    outfile: path.join(outdir, 'telemetry.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
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
  {
    ...common,
    entryPoints: ['src/webview/report/main.ts'],
    outfile: 'dist/report.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

// The chat's icons: @vscode/codicons' font and stylesheet, served from dist/ (the webview's resource root).
function copyCodicons() {
  const from = path.join(__dirname, 'node_modules', '@vscode', 'codicons', 'dist');
  const to = path.join(outdir, 'codicons');
  fs.mkdirSync(to, { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(from, file), path.join(to, file));
}

async function main() {
  copyCodicons();
  const all = builds(lazyLibraries(await exportNames()));
  const contexts = await Promise.all(all.map((b) => esbuild.context(b)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  const results = await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (metadir) {
    fs.mkdirSync(metadir, { recursive: true });
    results.forEach((r, i) => fs.writeFileSync(path.join(metadir, `${path.basename(all[i].outfile, '.js')}.meta.json`), JSON.stringify(r.metafile)));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
