/** Each worker activates its own backend and checks it is the one the run announced. */
import { inject } from 'vitest';
import { useBackend } from '../../src/backend/select.ts';

const announced = inject('backend');
const active = await useBackend();
if (active !== announced) {
  throw new Error(`initspec: this worker runs on '${active}' but the run announced '${announced}'`);
}
