/** A vitest setup file: `setupFiles: ['initspec/vitest/setup']` registers the matchers. */
import { expect } from 'vitest';
import { initspecMatchers } from './matchers.ts';

expect.extend(initspecMatchers);
