export { FEATURES, chiMoment, matVecStatistic, type Feature, type StatisticMoments } from './gaussianMatVec.ts';
export { uniformStd, torchDefaultBound, kaimingUniformBound } from './uniform.ts';
