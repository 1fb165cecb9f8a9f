export { median, finiteMedian } from './median.ts';
export { hostMoments, mean, sampleVariance, type HostMoments } from './moments.ts';
export {
  meanCI,
  meanDifferenceCI,
  welchDegreesOfFreedom,
  varianceCI,
  stdCI,
  pooledStdCI,
  pooledVarianceCI,
  stdRatioCI,
  proportionCI,
  medianCI,
  minimumSamplesForMedianCI,
  type Interval,
  type IntervalOptions,
  type Sided,
} from './intervals.ts';
export { ksTest, ksTwoSample, kolmogorovSurvival, uniformCdf, type KsResult } from './ksTest.ts';
export { ksTwoSamplePooled } from './ksTwoSamplePooled.ts';
export {
  trialsForMeanHalfWidth,
  trialsForStdRelativeHalfWidth,
  trialsForProportionLowerBound,
  trialsForStdRatioLowerBound,
  trialsForMeanDifferenceHalfWidth,
} from './sampleSize.ts';
