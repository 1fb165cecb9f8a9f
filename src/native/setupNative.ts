/**
 * `npm run setup:native [-- --rebuild]`: the native TensorFlow backend without tfjs-node's own
 * download (its host answers 403, tensorflow/tfjs#8742). TensorFlow's C API comes out of PyPI's
 * tensorflow-cpu wheel (fetched by pip, never installed into Python), and tfjs-node's addon is
 * built against it from source. Idempotent: what it fetched and built is cached in
 * `.native-cache/` (git-ignored; INITSPEC_NATIVE_CACHE moves it), so a second run, or a rerun
 * after an `npm ci` removed tfjs-node, takes seconds. `npm install` in a clone runs it
 * (prepareNative.ts), without ever failing the install.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

/** The versions this path is known to work with (built and run here; see the README). */
export const NATIVE_VERSIONS = {
  tfjsNode: '4.22.0',
  tensorflowCpu: '2.21.0',
  // pip fetches this wheel whatever the local Python is: only its C library is used
  wheelTarget: ['--python-version', '3.11', '--implementation', 'cp', '--platform', 'manylinux_2_27_x86_64'],
  nodeGyp: '11.4.2',
  // tfjs-node's package.json offers N-API 3–8; node-pre-gyp loads the highest the runtime has
  napi: 8,
} as const;

export class SetupStepError extends Error {
  override name = 'SetupStepError';
  constructor(
    readonly step: string,
    problem: string,
    readonly advice: string,
  ) {
    super(`setup:native, step "${step}" failed: ${problem}\n  what to do: ${advice}`);
  }
}

interface Paths {
  root: string;
  cache: string;
  wheels: string;
  capi: string;
  addonCache: string;
  pkg: string;
}

function pathsFor(root: string, env: NodeJS.ProcessEnv): Paths {
  const cache = path.resolve(root, env.INITSPEC_NATIVE_CACHE ?? '.native-cache');
  const v = NATIVE_VERSIONS;
  return {
    root,
    cache,
    wheels: path.join(cache, 'wheels'),
    capi: path.join(cache, `tensorflow-c-api-${v.tensorflowCpu}`),
    addonCache: path.join(cache, `tfjs_binding-${v.tfjsNode}-tf${v.tensorflowCpu}-napi${v.napi}.node`),
    pkg: path.join(root, 'node_modules', '@tensorflow', 'tfjs-node'),
  };
}

/** Runs a command; its failure becomes a SetupStepError naming the step. */
function run(step: string, cmd: string, args: readonly string[], advice: string, cwd?: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  } catch (error) {
    const e = error as { code?: string; stderr?: string; message: string };
    const detail = e.code === 'ENOENT' ? `${cmd} is not on PATH` : (e.stderr?.trim().split('\n').slice(-8).join('\n    ') ?? e.message);
    throw new SetupStepError(step, `${cmd} ${args.join(' ')}\n    ${detail}`, advice);
  }
}

function checkPrerequisites(): { nodeDir: string } {
  const step = 'prerequisites';
  if (process.platform !== 'linux' || process.arch !== 'x64')
    throw new SetupStepError(
      step,
      `this path needs linux-x64, this is ${process.platform}-${process.arch}`,
      'the tensorflow-cpu wheel used here is manylinux x86_64; elsewhere initspec runs on wasm (INITSPEC_BACKEND=wasm, or leave it unset).',
    );
  run(
    step,
    'python3',
    ['-m', 'pip', '--version'],
    'install Python 3 with pip (Debian: apt-get install python3-pip); pip only downloads the wheel.',
  );
  run(step, 'g++', ['--version'], 'install a C++ compiler (Debian: apt-get install g++ make).');
  run(step, 'make', ['--version'], 'install make (Debian: apt-get install make).');
  // node-gyp builds against these headers instead of downloading them from nodejs.org
  const nodeDir = path.dirname(path.dirname(process.execPath));
  if (!existsSync(path.join(nodeDir, 'include', 'node', 'node_api.h')))
    throw new SetupStepError(
      step,
      `Node's headers are not at ${path.join(nodeDir, 'include', 'node')}`,
      'use a Node.js that ships its headers (Debian nodejs, the official tarballs and nvm all do).',
    );
  return { nodeDir };
}

function fetchWheel(p: Paths): string {
  const step = 'wheel';
  const find = () =>
    (existsSync(p.wheels) ? readdirSync(p.wheels) : []).find(
      (f) => f.startsWith(`tensorflow_cpu-${NATIVE_VERSIONS.tensorflowCpu}-`) && f.endsWith('.whl'),
    );
  let wheel = find();
  if (wheel === undefined) {
    mkdirSync(p.wheels, { recursive: true });
    console.log(`  pip download tensorflow-cpu==${NATIVE_VERSIONS.tensorflowCpu} (about 274 MB, once)`);
    run(
      step,
      'python3',
      [
        '-m',
        'pip',
        'download',
        '--no-deps',
        '--only-binary=:all:',
        ...NATIVE_VERSIONS.wheelTarget,
        `tensorflow-cpu==${NATIVE_VERSIONS.tensorflowCpu}`,
        '-d',
        p.wheels,
      ],
      'pip could not fetch the wheel: check that pip reaches PyPI or your configured index (`python3 -m pip config list`), and that it offers tensorflow-cpu for cp311 manylinux_2_27_x86_64.',
    );
    wheel = find();
    if (wheel === undefined)
      throw new SetupStepError(
        step,
        `pip succeeded but ${p.wheels} holds no tensorflow_cpu wheel`,
        'delete .native-cache/wheels and rerun.',
      );
  }
  return path.join(p.wheels, wheel);
}

function extractCApi(p: Paths, wheel: string): void {
  const stamp = path.join(p.capi, 'extracted');
  if (existsSync(stamp)) return;
  rmSync(p.capi, { recursive: true, force: true });
  const script = path.join(import.meta.dirname, 'extract_capi.py');
  console.log(
    run('extract', 'python3', [script, wheel, p.capi], 'the wheel may be truncated: delete .native-cache/wheels and rerun.')
      .trim()
      .replace(/^/, '  '),
  );
  writeFileSync(stamp, `${path.basename(wheel)}\n`);
}

function installTfjsNode(p: Paths): void {
  const manifest = path.join(p.pkg, 'package.json');
  const installed = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : undefined;
  if (installed === NATIVE_VERSIONS.tfjsNode) return;
  console.log(`  npm install --no-save --ignore-scripts @tensorflow/tfjs-node@${NATIVE_VERSIONS.tfjsNode}`);
  // --ignore-scripts: its install script is the download this whole setup replaces
  run(
    'tfjs-node',
    'npm',
    ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', `@tensorflow/tfjs-node@${NATIVE_VERSIONS.tfjsNode}`],
    'npm could not install @tensorflow/tfjs-node from the registry: check `npm ping`.',
    p.root,
  );
}

/** deps/ as tfjs-node's binding.gyp expects it, pointing into the cache (no 850 MB copy). */
function linkDeps(p: Paths): void {
  const deps = path.join(p.pkg, 'deps');
  rmSync(deps, { recursive: true, force: true });
  mkdirSync(path.join(deps, 'lib'), { recursive: true });
  const link = (target: string, at: string) => symlinkSync(path.relative(path.dirname(at), target), at);
  link(path.join(p.capi, 'include'), path.join(deps, 'include'));
  const cc = path.join(p.capi, 'lib', 'libtensorflow_cc.so.2');
  const framework = path.join(p.capi, 'lib', 'libtensorflow_framework.so.2');
  // the addon links -ltensorflow; the library's soname is libtensorflow_cc.so.2, so both names resolve
  link(cc, path.join(deps, 'lib', 'libtensorflow.so'));
  link(cc, path.join(deps, 'lib', 'libtensorflow_cc.so.2'));
  link(framework, path.join(deps, 'lib', 'libtensorflow_framework.so'));
  link(framework, path.join(deps, 'lib', 'libtensorflow_framework.so.2'));
}

function buildAddon(p: Paths, nodeDir: string, rebuild: boolean): void {
  const modulePath = `lib/napi-v${NATIVE_VERSIONS.napi}`;
  const target = path.join(p.pkg, modulePath, 'tfjs_binding.node');
  if (!rebuild && existsSync(p.addonCache)) {
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(p.addonCache, target);
    return;
  }
  console.log(`  node-gyp rebuild (compiles tfjs-node's binding against TensorFlow ${NATIVE_VERSIONS.tensorflowCpu}'s C API)`);
  run(
    'addon',
    'npx',
    [
      '--yes',
      `node-gyp@${NATIVE_VERSIONS.nodeGyp}`,
      'rebuild',
      `--nodedir=${nodeDir}`,
      '--module_name=tfjs_binding',
      `--module_path=${modulePath}`,
      `--napi_build_version=${NATIVE_VERSIONS.napi}`,
    ],
    'the compile failed: read the compiler lines above; `npm run setup:native -- --rebuild` retries from scratch.',
    p.pkg,
  );
  // gyp's copy step resolves module_path against build/, so take the addon from build/Release
  const built = path.join(p.pkg, 'build', 'Release', 'tfjs_binding.node');
  if (!existsSync(built)) throw new SetupStepError('addon', `node-gyp finished but wrote no ${built}`, 'rerun with --rebuild.');
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(built, target);
  copyFileSync(built, p.addonCache);
}

/** Loads the backend in a fresh process: a missing library or a bad addon shows up here. */
function verify(p: Paths): string {
  const script = `
    const tf = require('@tensorflow/tfjs-node');
    tf.setBackend('tensorflow').then(async () => {
      await tf.ready();
      const y = tf.matMul(tf.ones([64, 64]), tf.ones([64, 64])).dataSync()[0];
      if (tf.getBackend() !== 'tensorflow' || y !== 64) throw new Error('backend ' + tf.getBackend() + ', 1·1 matmul gave ' + y);
      console.log('tfjs-node ' + tf.version['tfjs-node'] + ' on TensorFlow ' + tf.backend().binding.TF_Version);
    });`;
  return run(
    'verify',
    process.execPath,
    ['-e', script],
    'the addon built but does not load: rerun with --rebuild; if a library is missing, delete .native-cache and rerun.',
    p.root,
  ).trim();
}

export function setupNative(root: string, opts: { rebuild: boolean }, env = process.env): void {
  const p = pathsFor(root, env);
  const steps: Array<[string, () => void]> = [];
  let nodeDir = '';
  let wheel = '';
  steps.push(['prerequisites: linux-x64, pip, g++, make, Node headers', () => ({ nodeDir } = checkPrerequisites())]);
  steps.push(['wheel: tensorflow-cpu through pip, download only', () => (wheel = fetchWheel(p))]);
  steps.push(['extract: the C API libraries and headers', () => extractCApi(p, wheel)]);
  steps.push([`tfjs-node ${NATIVE_VERSIONS.tfjsNode} without its install script`, () => installTfjsNode(p)]);
  steps.push(['deps: link the C API where binding.gyp looks', () => linkDeps(p)]);
  steps.push(['addon: build (or reuse the cached build)', () => buildAddon(p, nodeDir, opts.rebuild)]);
  steps.push(["verify: tf.getBackend() is 'tensorflow'", () => console.log(`  ${verify(p)}`)]);
  steps.forEach(([label, action], i) => {
    const started = performance.now();
    action();
    console.log(`[${i + 1}/${steps.length}] ${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  });
  console.log('native backend ready: npm test runs on it (INITSPEC_BACKEND=wasm npm test for wasm)');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { rebuild: { type: 'boolean', default: false } } });
  try {
    setupNative(process.cwd(), { rebuild: values.rebuild });
  } catch (error) {
    console.error(error instanceof SetupStepError ? error.message : error);
    process.exit(1);
  }
}
