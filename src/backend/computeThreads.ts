/**
 * TensorFlow's compute threads for each of `workers` processes sharing this machine. By default
 * each process's TensorFlow starts a thread per core, and two workers then share two cores four
 * ways (a 500-step 512² chain, two processes at once: 131 GFLOP/s together, 171 with one thread
 * each). The cores shared out, at least one; an explicit TF_NUM_INTRAOP_THREADS wins. tfjs-node
 * reads the variable when it loads, so it is set before the workers start.
 */
import { availableParallelism } from 'node:os';

export function tfThreadsPerWorker(workers: number, env: NodeJS.ProcessEnv = process.env): string {
  return env.TF_NUM_INTRAOP_THREADS ?? String(Math.max(1, Math.floor(availableParallelism() / workers)));
}
