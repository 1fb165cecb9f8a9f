export { FEATURES, chiMoment, matVecStatistic, type Feature, type StatisticMoments } from './gaussianMatVec.ts';
export { uniformStd, torchDefaultBound, kaimingUniformBound } from './uniform.ts';
export {
  circularLawRate,
  circularLawEnd,
  endOfTrajectory,
  float32Window,
  thresholdWindow,
  type ChainWindow,
  log10MaxOverRms,
  type PredictedEnd,
  type ChainActivation,
} from './chainSteps.ts';
export { schemeStd } from './schemeStd.ts';
export { secondMomentFactor, secondMomentRatioThroughDepth, deepChainLog10Std } from './deepNet.ts';
export { truncatedStdRatio } from './truncatedNormal.ts';
export { gaussianExpectation, meanFieldTrajectory, type MeanFieldLayer } from './meanField.ts';
export { digamma, trigamma, ratioMoments, logRatioVariance, log10RatioPlanningSd } from './finiteWidth.ts';
export { xavierVariance, forwardFactor, backwardFactor, heVariance, lecunVariance, reluMlpLog10Factors } from './layerFactors.ts';
export {
  PUBLISHED_SCHEMES,
  FAN_PROBE_SHAPES,
  publishedFans,
  publishedGain,
  publishedScheme,
  type PublishedScheme,
  type SchemeOptions,
  type SchemeTheory,
  type SchemeFamily,
  type WeightLayout,
} from './publishedSchemes.ts';
export { gaussianProductSpectrum, type SpectrumMoments } from './jacobianSpectrum.ts';
export {
  TANH,
  LINEAR,
  RELU,
  slopeMoment,
  lengthMap,
  lengthTrajectory,
  lengthFixedPoint,
  chi1,
  criticalWeightVariance,
  type Activation1D,
  type NetworkVariances,
} from './edgeOfChaos.ts';
export {
  PAIR_QUADRATURE_MAX_Q,
  gaussianPairExpectation,
  covarianceMap,
  correlationTrajectory,
  correlationMap,
  correlationFixedPoint,
  correlationMapSlope,
  weightVarianceForDepthScale,
  type PairCovariance,
  type CorrelationFixedPoint,
} from './correlationMap.ts';
export { WEIGHT_S1, freeJacobianSpread, type WeightFamily, type FreeJacobianSpread } from './nonlinearJacobian.ts';
