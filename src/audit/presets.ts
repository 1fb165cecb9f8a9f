/**
 * The init rules of popular model code, as name globs → scheme expressions (ruleExpr.ts), first
 * match wins. Each preset cites the source it follows. Its constants (initializer_range, n_layer,
 * hidden size, …) come from the config.json Hugging Face saves beside the weights when it is
 * there, else from the tensor names and shapes; the report says which.
 */
export interface Rule {
  glob: string;
  scheme: string;
}

export interface Preset {
  name: string;
  source: string;
  /** weights laid out [in, out] (GPT-2's Conv1D) */
  conv1d?: RegExp;
  /** constants the rules use, with where each came from */
  constants(config: Record<string, unknown> | undefined, names: readonly string[]): { values: Record<string, number>; from: string };
  rules: Rule[];
}

/** The largest N + 1 over names with `.<word>.<N>.`: a stack's depth from its tensor names. */
export function depthFromNames(names: readonly string[], stack: RegExp): number {
  let depth = 0;
  for (const name of names) {
    const m = stack.exec(name);
    if (m) depth = Math.max(depth, Number(m[1]) + 1);
  }
  return depth;
}

function fromConfig(
  config: Record<string, unknown> | undefined,
  names: readonly string[],
  keys: Record<string, { config: string[]; fallback: (names: readonly string[]) => number; fallbackFrom: string }>,
): { values: Record<string, number>; from: string } {
  const values: Record<string, number> = {};
  const from: string[] = [];
  for (const [key, spec] of Object.entries(keys)) {
    const found = spec.config.map((k) => config?.[k]).find((v) => typeof v === 'number');
    if (typeof found === 'number') {
      values[key] = found;
      from.push(`${key} = ${found} (config.json)`);
    } else {
      values[key] = spec.fallback(names);
      from.push(`${key} = ${values[key]} (${spec.fallbackFrom})`);
    }
  }
  return { values, from: from.join(', ') };
}

const range = (fallback = 0.02) => ({
  config: ['initializer_range'],
  fallback: () => fallback,
  fallbackFrom: `the code's default ${fallback}`,
});
const layers = (stack: RegExp) => ({
  config: ['n_layer', 'num_hidden_layers'],
  fallback: (names: readonly string[]) => depthFromNames(names, stack),
  fallbackFrom: 'the tensor names',
});

const TORCH_DEFAULT_RULES: Rule[] = [
  { glob: '*norm*.weight', scheme: 'ones' },
  { glob: '*ln*.weight', scheme: 'ones' },
  { glob: '*norm*.bias', scheme: 'zeros' },
  { glob: '*ln*.bias', scheme: 'zeros' },
  { glob: 'role:embedding', scheme: 'normal(0, 1)' },
  { glob: 'role:linear', scheme: 'torch-default' },
  { glob: 'role:conv', scheme: 'torch-default' },
  { glob: 'role:bias', scheme: 'uniform(-1/sqrt(fan_in), 1/sqrt(fan_in))' },
];

export const PRESETS: Record<string, Preset> = {
  'torch-default': {
    name: 'torch-default',
    source:
      'pytorch/pytorch torch/nn/modules/linear.py (Linear.reset_parameters: kaiming_uniform_(a=√5), bias U(±1/√fan_in)), conv.py (the same), sparse.py (Embedding: normal_), normalization.py (LayerNorm: ones, zeros)',
    constants: () => ({ values: {}, from: 'none needed' }),
    rules: TORCH_DEFAULT_RULES,
  },
  'hf-gpt2': {
    name: 'hf-gpt2',
    source:
      'huggingface/transformers src/transformers/models/gpt2/modeling_gpt2.py (GPT2PreTrainedModel._init_weights: Linear/Conv1D and Embedding N(0, initializer_range), LayerNorm ones/zeros, every c_proj.weight N(0, initializer_range/√(2·n_layer)))',
    conv1d: /(^|\.)(c_attn|c_proj|c_fc)\.weight$/,
    constants: (config, names) => fromConfig(config, names, { initializer_range: range(), n_layer: layers(/(?:^|\.)h\.(\d+)\./) }),
    rules: [
      { glob: '*ln_*.weight', scheme: 'ones' },
      { glob: '*ln_*.bias', scheme: 'zeros' },
      { glob: '*c_proj.weight', scheme: 'normal(0, initializer_range/sqrt(2*n_layer))' },
      { glob: '*.bias', scheme: 'zeros' },
      { glob: '*.weight', scheme: 'normal(0, initializer_range)' },
    ],
  },
  nanogpt: {
    name: 'nanogpt',
    source:
      'karpathy/nanoGPT model.py (GPT._init_weights: Linear N(0, 0.02), bias zeros, Embedding N(0, 0.02); then every c_proj.weight N(0, 0.02/√(2·n_layer)); LayerNorm ones/zeros)',
    constants: (config, names) => fromConfig(config, names, { n_layer: layers(/(?:^|\.)h\.(\d+)\./) }),
    rules: [
      { glob: '*ln_*.weight', scheme: 'ones' },
      { glob: '*ln_*.bias', scheme: 'zeros' },
      { glob: '*c_proj.weight', scheme: 'normal(0, 0.02/sqrt(2*n_layer))' },
      { glob: '*.bias', scheme: 'zeros' },
      { glob: '*.weight', scheme: 'normal(0, 0.02)' },
    ],
  },
  'hf-bert': {
    name: 'hf-bert',
    source:
      'huggingface/transformers src/transformers/models/bert/modeling_bert.py (BertPreTrainedModel._init_weights: Linear and Embedding N(0, initializer_range), biases zeros, LayerNorm ones/zeros)',
    constants: (config, names) =>
      fromConfig(config, names, { initializer_range: range(), num_hidden_layers: layers(/(?:^|\.)layer\.(\d+)\./) }),
    rules: [
      { glob: '*LayerNorm.weight', scheme: 'ones' },
      { glob: '*LayerNorm.bias', scheme: 'zeros' },
      { glob: '*.bias', scheme: 'zeros' },
      { glob: '*.weight', scheme: 'normal(0, initializer_range)' },
    ],
  },
  'hf-llama': {
    name: 'hf-llama',
    source:
      'huggingface/transformers src/transformers/models/llama/modeling_llama.py (LlamaPreTrainedModel._init_weights: Linear and Embedding N(0, initializer_range), LlamaRMSNorm weight ones)',
    constants: (config, names) =>
      fromConfig(config, names, { initializer_range: range(), num_hidden_layers: layers(/(?:^|\.)layers\.(\d+)\./) }),
    rules: [
      { glob: '*norm.weight', scheme: 'ones' },
      { glob: '*.bias', scheme: 'zeros' },
      { glob: '*.weight', scheme: 'normal(0, initializer_range)' },
    ],
  },
  'timm-vit': {
    name: 'timm-vit',
    source:
      "huggingface/pytorch-image-models timm/models/vision_transformer.py (init_weights_vit_timm: Linear trunc_normal_(std=.02) with timm's absolute bounds ±2, bias zeros; pos_embed trunc_normal_(std=.02); cls_token normal(std=1e-6); patch_embed.proj keeps torch's Conv2d default; LayerNorm ones/zeros)",
    constants: () => ({ values: {}, from: 'none needed' }),
    rules: [
      { glob: '*norm*.weight', scheme: 'ones' },
      { glob: '*norm*.bias', scheme: 'zeros' },
      { glob: 'cls_token', scheme: 'normal(0, 1e-6)' },
      { glob: 'pos_embed', scheme: 'trunc-normal(0, 0.02, -2, 2)' },
      { glob: 'patch_embed.proj.weight', scheme: 'torch-default' },
      { glob: 'patch_embed.proj.bias', scheme: 'uniform(-1/sqrt(fan_in), 1/sqrt(fan_in))' },
      { glob: '*.bias', scheme: 'zeros' },
      { glob: '*.weight', scheme: 'trunc-normal(0, 0.02, -2, 2)' },
    ],
  },
  'tfjs-default': {
    name: 'tfjs-default',
    source:
      "tensorflow/tfjs tfjs-layers/src/layers/core.ts and convolutional.ts (DEFAULT_KERNEL_INITIALIZER 'glorotNormal', bias 'zeros'), embeddings.ts ('randomUniform' ±0.05), normalization.ts (gamma ones, beta zeros); glorotNormal draws 0.8796× its documented std (tensorflow/tfjs#8594)",
    constants: () => ({ values: {}, from: 'none needed' }),
    rules: [
      { glob: '*gamma', scheme: 'ones' },
      { glob: '*beta', scheme: 'zeros' },
      { glob: '*moving_mean', scheme: 'zeros' },
      { glob: '*moving_variance', scheme: 'ones' },
      { glob: '*embeddings', scheme: 'uniform(-0.05, 0.05)' },
      { glob: '*bias', scheme: 'zeros' },
      { glob: '*kernel', scheme: 'tfjs:glorotNormal' },
    ],
  },
};

export const PRESET_NAMES = Object.keys(PRESETS);

/** `*` any run of characters (dots too), `?` one; `role:KIND` matches a tensor's role instead of its name. */
export function globMatches(glob: string, name: string, role: string): boolean {
  if (glob.startsWith('role:')) return glob.slice(5) === role;
  const re = new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(name);
}
