import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from './src/backend/select.ts';
import { initByName } from './src/init/schemes.ts';
await useBackend();
const M = initByName('randn/√dim', [512, 512], 1);
const Mt = tf.transpose(M);
let x = tf.clone(M);
const time = (label: string, f: () => void) => { for (let i = 0; i < 20; i++) f(); const t = performance.now(); for (let i = 0; i < 200; i++) f(); console.log(label, ((performance.now() - t) / 200).toFixed(3), 'ms'); };
for (let r = 0; r < 2; r++) {
time('matMul(M,x)', () => { const y = tf.matMul(M, x); x.dispose(); x = y; });
time('matMul(x,Mt)', () => { const y = tf.matMul(x, Mt); x.dispose(); x = y; });
time('matMul(x,M,false,true)', () => { const y = tf.matMul(x, M, false, true); x.dispose(); x = y; });
}
