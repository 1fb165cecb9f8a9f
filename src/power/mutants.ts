/**
 * Semantic mutants: realistic bugs in an init library, each a wrapper of one src/init module's
 * exports, or, for init code no import of ours reaches (tfjs-layers' own initializers), a patch
 * of it in place; and one bug per family of the literature's claims in the code that family
 * rests on (μP's readout, the kernels' recursion, a residual branch's scale, attention's 1/√d_k and skip). `npm run power` applies one at a time (spec/setup/mutants.ts) and runs the
 * claims against it; src is never edited. Every mutant counts its calls, so a claim that never
 * reached the mutated code reads "not applicable" rather than "missed".
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type * as Distributions from '../init/distributions.ts';
import type * as Fans from '../init/fans.ts';
import type * as Gain from '../init/gain.ts';
import { haarWeights } from '../init/haarOrthogonal.ts';
import type * as Orthogonal from '../init/orthogonal.ts';
import type * as Scaled from '../init/scaled.ts';
import type * as CoordCheck from '../experiments/coordCheck.ts';
import type * as ResidualStack from '../experiments/residualStack.ts';
import type * as AttentionLogits from '../experiments/attentionLogits.ts';
import type * as AttentionStack from '../experiments/attentionStack.ts';
import type * as ReluKernels from '../theory/reluKernels.ts';
import { elementCount, type Shape } from '../init/validate.ts';
import { normalValues } from '../rng/draw.ts';

/** The modules a mutant may wrap: by their path under src/init, or under src/ for the literature's families. */
export interface InitModules {
  'distributions.ts': typeof Distributions;
  'fans.ts': typeof Fans;
  'gain.ts': typeof Gain;
  'scaled.ts': typeof Scaled;
  'orthogonal.ts': typeof Orthogonal;
  'experiments/coordCheck.ts': typeof CoordCheck;
  'experiments/residualStack.ts': typeof ResidualStack;
  'experiments/attentionLogits.ts': typeof AttentionLogits;
  'experiments/attentionStack.ts': typeof AttentionStack;
  'theory/reluKernels.ts': typeof ReluKernels;
}
type ModuleName = keyof InitModules;

/** A mutant's module as a path under src/. */
export function mutantModulePath(module: ModuleName): string {
  return module.includes('/') ? module : `init/${module}`;
}

/** The NNGP and NTK recursion with ReLU's expectations replaced by the identity's: E[φ(u)φ(v)] = q_ab, E[φ'φ'] = 1. */
function identityKernels(
  r: typeof ReluKernels,
  options: Parameters<typeof ReluKernels.reluKernels>[0],
): ReturnType<typeof ReluKernels.reluKernels> {
  const first = r.reluKernels({ ...options, hidden: 1 })[0] as ReluKernels.ReluKernelPoint;
  const s2 = options.weightVariance;
  const out = [first];
  for (let layer = 2; layer <= options.hidden + 1; layer++) {
    const p = out[out.length - 1] as ReluKernels.ReluKernelPoint;
    const [qa, qb, qab] = [s2 * p.qa, s2 * p.qb, s2 * p.qab];
    out.push({ layer, qa, qb, qab, correlation: qab / Math.sqrt(qa * qb), ntkAa: qa + s2 * p.ntkAa, ntkAb: qab + s2 * p.ntkAb });
  }
  return out;
}

/** A bug in one src/init module, applied by wrapping its exports (vi.doMock). */
export interface ModuleMutant {
  name: string;
  /** The bug in words, as a reviewer would file it. */
  bug: string;
  module: ModuleName;
  /**
   * The module's exports with the bug in; `hit` counts a call into the mutated code. `original`
   * is the module named by `module` (each mutant annotates which one it takes).
   */
  mutate(original: any, hit: () => void): Record<string, unknown>;
}

/**
 * A bug in init code outside src/init that no import of ours reaches (tfjs-layers resolves a
 * layer's default initializer inside its own module): applied once per worker by patching it.
 */
export interface PatchMutant {
  name: string;
  bug: string;
  patch(hit: () => void): void;
}

export type Mutant = ModuleMutant | PatchMutant;

const scaleDistributions =
  (factor: number): ModuleMutant['mutate'] =>
  (d: typeof Distributions, hit) => ({
    ...d,
    uniform: (shape: Shape, o: Distributions.UniformOptions) => {
      hit();
      return d.uniform(shape, { ...o, low: (o.low ?? 0) * factor, high: (o.high ?? 1) * factor });
    },
    normal: (shape: Shape, o: Distributions.NormalOptions) => {
      hit();
      return d.normal(shape, { ...o, std: (o.std ?? 1) * factor });
    },
    truncNormal: (shape: Shape, o: Distributions.TruncNormalOptions) => {
      hit();
      const std = o.std ?? 1;
      return d.truncNormal(shape, { ...o, std: std * factor, a: (o.a ?? -2) * factor, b: (o.b ?? 2) * factor });
    },
  });

/** orthogonal() as src/init/orthogonal.ts, but Q taken as it comes out of Householder QR. */
function orthogonalWithoutSignCorrection(shape: Shape, { gain = 1, seed }: { gain?: number; seed: number }): tf.Tensor {
  const rows = shape[0] as number;
  return tf.tensor(haarWeights(rows, elementCount(shape) / rows, { gain, seed, signCorrection: false }), [...shape], 'float32');
}

/** calculateGain(nonlinearity) returns 1 (the linear gain) instead of its own; every other gain as is. */
function gainOfOne(nonlinearity: Gain.Nonlinearity, documented: string): ModuleMutant {
  return {
    name: `${nonlinearity}-gain-1`,
    bug: `calculateGain('${nonlinearity}') returns 1 instead of ${documented}`,
    module: 'gain.ts',
    mutate: (g: typeof Gain, hit) => ({
      ...g,
      calculateGain: (asked: Gain.Nonlinearity, param?: number) => {
        if (asked !== nonlinearity) return g.calculateGain(asked, param);
        hit();
        return 1;
      },
    }),
  };
}

/**
 * tfjs-layers' VarianceScaling with mode 'fanAvg' (Glorot: glorotNormal, the default kernel
 * initializer of Dense, Conv and recurrent layers, and glorotUniform) scaling by fan_in instead:
 * Glorot turns into LeCun on every non-square kernel.
 */
function tfjsFanAvgAsFanIn(hit: () => void): void {
  const varianceScaling = Object.getPrototypeOf(Object.getPrototypeOf(tfl.initializers.glorotNormal({}))) as {
    apply(this: { mode: string }, shape: number[], dtype?: string): tf.Tensor;
  };
  const original = varianceScaling.apply;
  varianceScaling.apply = function (shape, dtype) {
    if (this.mode !== 'fanAvg') return original.call(this, shape, dtype);
    hit();
    this.mode = 'fanIn';
    try {
      return original.call(this, shape, dtype);
    } finally {
      this.mode = 'fanAvg';
    }
  };
}

/**
 * A function whose options are changed where the bug applies: `run` as is elsewhere, and with
 * `changed(options)` where `applies(options)`, counting a hit. The family mutants are this shape.
 */
function changedOptions<O, R>(run: (o: O) => R, applies: (o: O) => boolean, changed: (o: O) => O, hit: () => void): (o: O) => R {
  return (o) => {
    if (!applies(o)) return run(o);
    hit();
    return run(changed(o));
  };
}

export const MUTANTS: readonly Mutant[] = [
  { name: 'std×1.1', bug: 'every uniform bound and normal std 10% too large', module: 'distributions.ts', mutate: scaleDistributions(1.1) },
  { name: 'std×0.9', bug: 'every uniform bound and normal std 10% too small', module: 'distributions.ts', mutate: scaleDistributions(0.9) },
  gainOfOne('relu', '√2'),
  {
    name: 'fan-out-for-fan-in',
    bug: 'computeFans swaps fan_in and fan_out (fan_out used where fan_in was meant)',
    module: 'fans.ts',
    mutate: (f: typeof Fans, hit) => ({
      ...f,
      computeFans: (shape: Shape) => {
        const { fanIn, fanOut } = f.computeFans(shape);
        if (fanIn !== fanOut) hit();
        return { fanIn: fanOut, fanOut: fanIn };
      },
    }),
  },
  {
    name: 'xavier-n_in-only',
    bug: 'Xavier variance 1/n_in (only fan_in) instead of 2/(n_in + n_out)',
    module: 'scaled.ts',
    mutate: (s: typeof Scaled, hit) => {
      // rescale the correct draw: std gain·√(1/n_in) instead of gain·√(2/(n_in + n_out))
      const factor = (shape: Shape) => {
        const [out, inputs, ...kernel] = shape as number[];
        const field = elementCount(kernel);
        return Math.sqrt(((inputs as number) * field + (out as number) * field) / (2 * (inputs as number) * field));
      };
      const wrap = (draw: (shape: Shape, o: Scaled.XavierOptions) => tf.Tensor) => (shape: Shape, o: Scaled.XavierOptions) => {
        hit();
        return tf.tidy(() => tf.mul(draw(shape, o), factor(shape)));
      };
      return { ...s, xavierUniform: wrap(s.xavierUniform), xavierNormal: wrap(s.xavierNormal) };
    },
  },
  {
    name: 'kaiming-a-sqrt5',
    bug: 'kaiming_* uses a = √5 (torch-default gain √(1/3)) where a = 0 was asked',
    module: 'scaled.ts',
    mutate: (s: typeof Scaled, hit) => {
      const wrap = (draw: typeof s.kaimingUniform) => (shape: Shape, o: Scaled.KaimingOptions) => {
        const asked = o.a ?? 0;
        if (asked === 0 && (o.nonlinearity ?? 'leaky_relu') === 'leaky_relu') hit();
        return draw(shape, { ...o, a: asked === 0 ? Math.sqrt(5) : asked });
      };
      return { ...s, kaimingUniform: wrap(s.kaimingUniform), kaimingNormal: wrap(s.kaimingNormal) };
    },
  },
  {
    name: 'uniform-bound-b',
    bug: 'uniform variants draw U(±std) where U(±√3·std) was meant (bound b instead of b·√3)',
    module: 'scaled.ts',
    mutate: (s: typeof Scaled, hit) => {
      const wrap =
        <O>(draw: (shape: Shape, o: O) => tf.Tensor) =>
        (shape: Shape, o: O) => {
          hit();
          return tf.tidy(() => tf.mul(draw(shape, o), 1 / Math.sqrt(3)));
        };
      return { ...s, kaimingUniform: wrap(s.kaimingUniform), xavierUniform: wrap(s.xavierUniform) };
    },
  },
  {
    name: 'trunc-normal-unscaled',
    bug: 'normal() draws N(0, σ²) truncated at ±2σ without rescaling: std 0.88σ (tfjs-layers, tensorflow/tfjs#8594)',
    module: 'distributions.ts',
    mutate: (d: typeof Distributions, hit) => ({
      ...d,
      normal: (shape: Shape, o: Distributions.NormalOptions) => {
        const [mean, std] = [o.mean ?? 0, o.std ?? 1];
        if (std === 0) return d.normal(shape, o);
        hit();
        return d.truncNormal(shape, { mean, std, a: mean - 2 * std, b: mean + 2 * std, seed: o.seed });
      },
    }),
  },
  gainOfOne('tanh', '5/3'),
  {
    name: 'orthogonal-as-gaussian',
    bug: 'orthogonal() returns a Gaussian of the same scale (entries N(0, gain²/cols)): the right second moment, not orthogonal',
    module: 'orthogonal.ts',
    mutate: (_o: typeof Orthogonal, hit) => ({
      orthogonal: (shape: Shape, { gain = 1, seed }: { gain?: number; seed: number }) => {
        hit();
        const rows = shape[0] as number;
        const cols = elementCount(shape) / rows;
        return tf.tensor(normalValues(rows * cols, 0, gain / Math.sqrt(Math.max(rows, cols)), seed), [...shape], 'float32');
      },
    }),
  },
  {
    name: 'orthogonal-no-sign',
    bug: "orthogonal() keeps Householder QR's Q without the sign(diag R) correction: orthogonal, but not Haar",
    module: 'orthogonal.ts',
    mutate: (_o: typeof Orthogonal, hit) => ({
      orthogonal: (shape: Shape, options: { gain?: number; seed: number }) => {
        hit();
        return orthogonalWithoutSignCorrection(shape, options);
      },
    }),
  },
  {
    name: 'mup-readout-multiplier-dropped',
    bug: "μP's MuReadout without its 1/m forward multiplier (init and learning rates as μP's)",
    module: 'experiments/coordCheck.ts',
    mutate: (c: typeof CoordCheck, hit) => ({
      ...c,
      coordCheck: changedOptions(
        c.coordCheck,
        (o) => o.parametrization === 'mup' && !o.readoutMultiplierAsSp,
        (o) => ({ ...o, readoutMultiplierAsSp: true }),
        hit,
      ),
    }),
  },
  {
    name: 'arc-cosine-relu-as-identity',
    bug: "the NNGP and NTK recursion takes ReLU as the identity: E[φ(u)φ(v)] = q_ab and E[φ'φ'] = 1",
    module: 'theory/reluKernels.ts',
    mutate: (r: typeof ReluKernels, hit) => ({
      ...r,
      reluKernels: (o: Parameters<typeof ReluKernels.reluKernels>[0]) => {
        hit();
        return identityKernels(r, o);
      },
    }),
  },
  {
    name: 'residual-branch-unscaled',
    bug: 'a residual block ignores its branch scale (x + F(x) where x + s·F(x) was asked)',
    module: 'experiments/residualStack.ts',
    mutate: (r: typeof ResidualStack, hit) => ({
      ...r,
      residualStack: changedOptions(
        r.residualStack,
        (o) => o.branchScale !== 1,
        (o) => ({ ...o, branchScale: 1 }),
        hit,
      ),
    }),
  },
  {
    name: 'attention-scale-twice',
    bug: 'attention multiplies the logits by 1/√d_k twice',
    module: 'experiments/attentionLogits.ts',
    mutate: (a: typeof AttentionLogits, hit) => {
      const scaled = (o: AttentionLogits.AttentionHead) => o.logitScale !== 1;
      const twice = (o: AttentionLogits.AttentionHead) => ({ ...o, logitScale: o.logitScale / Math.sqrt(o.keyDim) });
      return {
        ...a,
        attentionLogitMeanSquare: changedOptions(a.attentionLogitMeanSquare, scaled, twice, hit),
        attentionSoftmaxStats: changedOptions(a.attentionSoftmaxStats, scaled, twice, hit),
      };
    },
  },
  {
    name: 'attention-skip-dropped',
    bug: 'an attention block returns a·SA(x) where x + a·SA(x) was asked (the skip connection dropped)',
    module: 'experiments/attentionStack.ts',
    mutate: (a: typeof AttentionStack, hit) => ({
      ...a,
      attentionStack: changedOptions(
        a.attentionStack,
        (o) => o.skipGain !== 0,
        (o) => ({ ...o, skipGain: 0 }),
        hit,
      ),
    }),
  },
  {
    name: 'attention-stack-scale-twice',
    bug: 'a stacked attention layer multiplies its logits by 1/√d_k twice',
    module: 'experiments/attentionStack.ts',
    mutate: (a: typeof AttentionStack, hit) => ({
      ...a,
      attentionStack: changedOptions(
        a.attentionStack,
        (o) => o.logitScale !== 1,
        (o) => ({ ...o, logitScale: o.logitScale / Math.sqrt(o.keyDim) }),
        hit,
      ),
    }),
  },
  {
    name: 'tfjs-fan-avg-as-fan-in',
    bug: "tfjs-layers' glorotNormal/glorotUniform (VarianceScaling, mode fanAvg) scale by fan_in: Glorot becomes LeCun on non-square kernels",
    patch: tfjsFanAvgAsFanIn,
  },
];

export const MUTANT_NAMES = MUTANTS.map((m) => m.name);

/** The mutant named by INITSPEC_MUTANT, or undefined; an unknown name is an error naming the choices. */
export function requestedMutant(env: NodeJS.ProcessEnv = process.env): Mutant | undefined {
  const name = env.INITSPEC_MUTANT;
  if (name === undefined || name === '') return undefined;
  const mutant = MUTANTS.find((m) => m.name === name);
  if (!mutant) throw new RangeError(`INITSPEC_MUTANT: unknown mutant "${name}"; choose one of ${MUTANT_NAMES.join(', ')}`);
  return mutant;
}
