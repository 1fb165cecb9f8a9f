/**
 * `npx initspec audit --model PATH [--preset NAME | --rules FILE] [--alpha A] [--json] [--markdown FILE]`:
 * a whole model at init (src/audit/modelAudit.ts). Prints a table (name, shape, dtype, role,
 * fitted, expected, verdict, flags) and a summary line, or JSON; `--markdown FILE` also writes the
 * report for a pull request or a GitHub job summary. Exit 0 when every tensor is as expected,
 * 1 when any differs or is anomalous, 2 when the input or the rules can't be read (one line).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { auditModel, DEFAULT_MODEL_ALPHA, presetByName, readRulesFile } from '../audit/modelAudit.ts';
import { PRESET_NAMES } from '../audit/presets.ts';
import { modelAuditMarkdown, modelAuditTable } from '../audit/modelReport.ts';

export const MODEL_AUDIT_HELP = `initspec audit --model — is every tensor of a model initialized as its code says?

Usage:
  npx initspec audit --model PATH [--preset NAME | --rules FILE] [--alpha 0.001] [--json] [--markdown FILE]

  --model     a .safetensors file or a folder of shards (model.safetensors.index.json), a torch.save
              .pt/.pth/.bin (its pickle read as data: only a state_dict's globals), .npy, .npz, or a
              tfjs model.json with its weight shards
  --preset    ${PRESET_NAMES.join(', ')} (default torch-default)
  --rules     a JSON file: { "constants": { "n_layer": 12 }, "conv1d": "regex", "rules": [["*.c_proj.weight",
              "normal(0, 0.02/sqrt(2*n_layer))"], ["*ln*.weight", "ones"], …] }; first matching glob wins;
              "role:linear" matches a role
  --alpha     the model's false-fail probability, split over its drawn tensors (default ${DEFAULT_MODEL_ALPHA})
Exit: 0 as expected, 1 a tensor differs or is anomalous, 2 the input can't be read.
`;

export async function modelAuditMain(argv: string[]): Promise<{ text: string; code: number }> {
  const { values } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string' },
      preset: { type: 'string' },
      rules: { type: 'string' },
      alpha: { type: 'string', default: String(DEFAULT_MODEL_ALPHA) },
      json: { type: 'boolean', default: false },
      markdown: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return { text: MODEL_AUDIT_HELP, code: 0 };
  if (values.model === undefined) return { text: MODEL_AUDIT_HELP, code: 2 };
  if (values.preset !== undefined && values.rules !== undefined) throw new RangeError('--preset and --rules: give one');
  const alpha = Number(values.alpha);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`--alpha must be a number in (0, 1), got "${values.alpha}"`);
  const preset = values.rules !== undefined ? readRulesFile(values.rules) : presetByName(values.preset ?? 'torch-default');
  const report = await auditModel(values.model, preset, alpha);
  if (values.markdown !== undefined) writeFileSync(values.markdown, modelAuditMarkdown(report));
  const text = values.json
    ? `${JSON.stringify(
        {
          model: report.model,
          format: report.format,
          preset: report.preset,
          source: report.source,
          constants: report.constants,
          alpha: report.alpha,
          alphaMethod: report.alphaMethod,
          tensors: report.tensors.map(({ name, shape, dtype, role, fitted, expected, verdict, flags, reasons }) => ({
            name,
            shape,
            dtype,
            role,
            fitted,
            expected,
            verdict,
            flags,
            reasons,
          })),
          skipped: report.skipped,
          summary: report.summary,
          ok: report.ok,
        },
        null,
        2,
      )}\n`
    : modelAuditTable(report);
  return { text, code: report.ok ? 0 : 1 };
}
