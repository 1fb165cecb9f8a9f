/**
 * `npx tsx src/tools/makeTfjsFixture.ts`: the tfjs fixtures of the model audit
 * (fixtures/models/tfjs/), made by tfjs-layers itself: a small Dense stack whose kernels are drawn
 * as Glorot's published normal (randomNormal with stddev √(2/(fan_in+fan_out))), saved as
 * model.json + weights.bin; and the same stack with one Dense left at tfjs's default initializer
 * (glorotNormal, which draws 0.8796× that std: tensorflow/tfjs#8594). Run once; the files are
 * committed. rules-glorot.json says what the kernels should be.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';

const DIR = path.join('fixtures', 'models', 'tfjs');
const UNITS = [256, 128, 128, 64];

function build(defaultAt: number | undefined, seed: number): tfl.Sequential {
  const model = tfl.sequential({ name: 'tiny' });
  UNITS.slice(1).forEach((units, i) => {
    const fanIn = UNITS[i] as number;
    const kernelInitializer =
      i === defaultAt ? undefined : tfl.initializers.randomNormal({ mean: 0, stddev: Math.sqrt(2 / (fanIn + units)), seed: seed + i });
    model.add(
      tfl.layers.dense({
        units,
        ...(i === 0 ? { inputShape: [fanIn] } : {}),
        ...(kernelInitializer ? { kernelInitializer } : {}),
        name: `dense_${i}`,
      }),
    );
  });
  return model;
}

async function save(model: tfl.Sequential, name: string): Promise<void> {
  const dir = path.join(DIR, name);
  mkdirSync(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      writeFileSync(path.join(dir, 'weights.bin'), Buffer.from(artifacts.weightData as ArrayBuffer));
      writeFileSync(
        path.join(dir, 'model.json'),
        `${JSON.stringify({ modelTopology: artifacts.modelTopology, format: 'layers-model', weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }] }, null, 1)}\n`,
      );
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
}

await tf.setBackend('cpu');
await save(build(undefined, 7), 'clean');
await save(build(1, 7), 'default-dense');
writeFileSync(
  path.join(DIR, 'rules-glorot.json'),
  `${JSON.stringify(
    {
      rules: [
        ['*kernel', 'xavier-normal'],
        ['*bias', 'zeros'],
      ],
    },
    null,
    1,
  )}\n`,
);
console.log(`tfjs fixtures written under ${DIR}: clean, default-dense (dense_1 left at tfjs's default)`);
