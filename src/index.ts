/** initspec's public API. */
export { calculateGain, NONLINEARITIES, DEFAULT_LEAKY_SLOPE, type Nonlinearity } from './init/gain.ts';
export { computeFans, FAN_MODES, type Fans, type FanMode } from './init/fans.ts';
export { uniform, normal, truncNormal, type UniformOptions, type NormalOptions, type TruncNormalOptions } from './init/distributions.ts';
export {
  xavierUniform,
  xavierNormal,
  kaimingUniform,
  kaimingNormal,
  torchDefaultWeight,
  type XavierOptions,
  type KaimingOptions,
} from './init/scaled.ts';
export { orthogonal } from './init/orthogonal.ts';
export { randnScaled, SCHEMES, SCHEME_NAMES, initByName, type SchemeName } from './init/schemes.ts';
export {
  useBackend,
  activateBackend,
  chooseBackend,
  backendChoice,
  requestedBackend,
  installedBackends,
  BACKEND_NAMES,
  BackendUnavailableError,
  type BackendName,
} from './backend/select.ts';
export { describeBackend, formatBackend, type BackendDescription } from './backend/describe.ts';
export {
  probeUnderflow,
  FLOAT32_SMALLEST_NORMAL,
  FLOAT32_SMALLEST_DENORMAL,
  FLOAT32_MAX,
  type UnderflowProbe,
} from './backend/underflowProbe.ts';
export { seedFor, masterSeed, parseSeed, deriveSeed, assertSeed, DEFAULT_MASTER_SEED } from './rng/seed.ts';
export * from './stats/index.ts';
export * from './theory/index.ts';
export * from './claim/index.ts';
export { lsuv, type LsuvResult } from './init/lsuv.ts';
