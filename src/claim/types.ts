/** The vocabulary of a claim: what a trial measures, what a check decides, what a run reports. */
import type { PlotData } from './plotData.ts';

/** One trial's measurements: scalars, or arrays to be pooled across trials. */
export type Observation = number | ArrayLike<number>;
export type Observations = Record<string, Observation>;

/** The keys of an observation type whose values are numbers (one per trial) … */
export type ScalarKey<O> = { [K in keyof O]-?: O[K] extends number ? K : never }[keyof O] & string;
/** … and those whose values are arrays (pooled across trials, or one entry per position). */
export type ArrayKey<O> = { [K in keyof O]-?: O[K] extends number ? never : O[K] extends ArrayLike<number> ? K : never }[keyof O] & string;

export interface TrialContext {
  trial: number;
  seed: number;
}

export type Measure<O extends Observations = Observations> = (trial: TrialContext) => O | Promise<O>;

/** A theory number with the formula it came from (computed in src/theory, never typed in). */
export interface TheoryValue {
  value: number;
  formula: string;
}

/** A number the notebook printed, from fixtures/notebook.json. */
export interface NotebookValue {
  cell: string;
  key: string;
  value: number;
  what: string;
}

export interface CheckResult {
  label: string;
  method: string;
  pass: boolean;
  estimate: number;
  lower?: number;
  upper?: number;
  confidence: number;
  /** The acceptance region is [target - margin, target + margin] (absolute units). */
  target?: number;
  margin?: number;
  theory?: TheoryValue;
  notebook?: NotebookValue;
  /** One sentence with the numbers. */
  detail: string;
  /** Reported, not decided on (e.g. where the notebook's single draw falls). */
  informational?: boolean;
  /**
   * The data show an error larger than the tolerance: the interval lies wholly outside the
   * acceptance region (or a goodness-of-fit test rejects). What a power control must reach.
   */
  showsError?: boolean;
}

/**
 * One decision inside a claim; a claim holds when all its checks pass. S and A are the
 * observation keys it reads as numbers and as arrays: a claim accepts a check only if its
 * measure returns those keys with those types, so a misspelled `of:` is a compile error.
 */
export interface Check<S extends string = string, A extends string = string> {
  /** Type-level only: the keys the check reads (never set at run time). */
  readonly reads?: { scalars: readonly S[]; arrays: readonly A[] };
  label: string;
  /** Reported but not decided on: it spends no α and needs no trials. */
  informational?: boolean;
  /** Trials this check needs at this confidence, from the src/stats sample-size helpers. */
  trialsNeeded(confidence: number): number;
  /** Why that many at this confidence, in words. */
  trialsBasis(confidence: number): string;
  /**
   * A second stage (Stein's two-stage design): the trials this check needs now that it has seen
   * these, sized on their spread alone, never on their mean or the verdict, so adding them
   * cannot select for a pass. Undefined when the planned trials suffice.
   */
  trialsAfter?(observations: readonly Observations[], confidence: number): { trials: number; why: string } | undefined;
  evaluate(observations: readonly Observations[], confidence: number): CheckResult;
}

export interface ControlSpec<O extends Observations = Observations> {
  /** The deliberately wrong input, e.g. "scale 1/dim". */
  label: string;
  measure: Measure<O>;
  /**
   * The same wrong input measured by the claim's cheapest decisive check alone (a chain's float64
   * growth probe, without the float32 chain): the control looks at it first and stops once it is
   * rejected. Without it, the looks use `measure`.
   */
  screen?: Measure<O>;
}

/**
 * Power, stated like α: the smallest init-scale error δ the claim must catch (weights × (1 ± δ)),
 * proved by running the claim's own measurement with its init scaled by 1 + δ and 1 - δ.
 */
export interface PowerSpec<O extends Observations = Observations> {
  delta: number;
  /** Why this δ: the default for the claim's kind, or why it departs from it. */
  basis: string;
  /** The claim's measurement with its own init scaled by `factor`. */
  scaled: (factor: number) => Measure<O>;
  /** What the factor changes, where it is not the init's scale (e.g. "learning rates × m^(+0.25)"); default "init ×factor". */
  describe?: (factor: number) => string;
}

/** A claim that no init-scale error can move, by nature, says so instead. */
export interface NoPower {
  delta: null;
  why: string;
}

/**
 * A claim over trials that each return an O. The checks, controls and power controls are
 * typed by the measure (NoInfer: O comes from `measure` alone), so every `of:` key is checked.
 */
export interface ClaimSpec<O extends Observations = Observations> {
  /** Stable id, e.g. "C8"; seeds and the α ledger are keyed by it. */
  id: string;
  /**
   * The claim's α when it is not in initspec's own ledger: a user's assertion (the matchers)
   * states its own. initspec's claims leave it unset and take their line in ALPHA_LEDGER.
   */
  alpha?: number;
  /** The claim in words, as the notebook would say it. */
  statement: string;
  /** The notebook cell it encodes, e.g. "In [160]". */
  cell?: string;
  /** For a claim beyond the notebook: the paper and equation it checks, e.g. "Poole et al. 2016, eq. 3". */
  source?: string;
  measure: Measure<O>;
  checks: Array<Check<NoInfer<ScalarKey<O>>, NoInfer<ArrayKey<O>>>>;
  /** A floor on the trial count (e.g. the notebook's own repeat count: In [159] ran 100). */
  minTrials?: number;
  controls: Array<ControlSpec<NoInfer<O>>>;
  /**
   * Set when the notebook's claim is known to be false here: the checks (by label) that are
   * expected to fail, with the measured evidence. Every other decisive check must still pass.
   */
  expectedFailure?: ExpectedFailure;
  /** δ and how the claim detects it (or why it cannot). */
  power: PowerSpec<NoInfer<O>> | NoPower;
  /**
   * Why the claim does not run here (e.g. "this backend flushes denormals"): its tests are listed
   * as skipped with the reason in their names, never passed silently.
   */
  notApplicable?: string;
  /** Charts of the claim's trials (not its controls'): name → SVG text. */
  plots?: (observations: readonly NoInfer<O>[]) => Record<string, PlotData>;
}

export interface ExpectedFailure {
  checks: string[];
  why: string;
}

export type Role = 'claim' | 'control' | 'power';

export interface ClaimResult {
  id: string;
  role: Role;
  control?: string;
  /** A power control's scale factor on the claim's init (1 ± δ). */
  factor?: number;
  /** The claim's δ (null: it cannot detect a scale error by nature, with why). */
  delta: number | null;
  deltaBasis: string;
  statement: string;
  cell?: string;
  source?: string;
  verdict: 'holds' | 'fails' | 'rejected' | 'accepted' | 'detected' | 'missed';
  /**
   * Whether the test passed: the claim held (or failed in exactly its expected checks), the
   * control was rejected, or the power control was detected.
   */
  ok: boolean;
  expectedFailure?: ExpectedFailure;
  alpha: number;
  checkConfidence: number;
  trials: number;
  trialsBasis: string;
  masterSeed: number;
  /** INITSPEC_TIER in the process that ran the claim (a merged report's own process may differ). */
  tier: string;
  seeds: string;
  backend: string;
  checks: CheckResult[];
  wallMs: number;
  /** Of wallMs, the time in each measured phase (src/clock/phaseClock.ts); the rest is "other". */
  phaseMs?: Partial<Record<string, number>>;
  /** Float32 chain matmuls the trials did, when they report a `matmuls` count. */
  matmuls?: number;
  /** Of those, the ones whose operand x was below float32's smallest normal (max|x| < 2^-126). */
  denormalMatmuls?: number;
  /** n of those n×n matmuls. */
  matmulDim?: number;
  /** Chart files written for this claim (reports/plots/…svg). */
  plots?: string[];
}
