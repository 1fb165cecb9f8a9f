import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 120_000,
    // initspec's claims reporter: every matcher's numbers in reports/claims.{md,json,html}
    reporters: ['default', 'initspec/reporter'],
  },
});
