/**
 * The two machine numbers a performance row needs, on the active backend, as one JSON line:
 * the 512² float32 matmul's best GFLOP/s over its operand layouts and the denormal penalty's
 * worst ratio (kernels.ts, denormalPenalty.ts). Run as a child of `npm run bench -- --record`,
 * one backend per process.
 */
import { describeBackend } from '../backend/describe.ts';
import { useBackend } from '../backend/select.ts';
import { denormalPenaltyTable } from './denormalPenalty.ts';
import { matmulTable } from './kernels.ts';

await useBackend();
const gflops = Math.max(...matmulTable().map((row) => Number(row['GFLOP/s'])));
const penalty = denormalPenaltyTable().worst;
console.log(JSON.stringify({ backend: describeBackend().name, gflops, penalty }));
