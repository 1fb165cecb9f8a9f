/**
 * A tensor's role and fans, from the model itself: torch names and shapes (Linear [out, in],
 * Conv [out, in, k…], Embedding [num, dim], 1-D norm weights and biases; GPT-2's Conv1D is
 * [in, out], named by the preset), or a tfjs layer's class. Where the role cannot be told, it is
 * 'unknown' and the report says so; a rule can still decide the tensor.
 */
import type { TensorFans } from '../theory/ruleSchemes.ts';

export type RoleKind = 'linear' | 'conv1d' | 'conv' | 'embedding' | 'norm-weight' | 'norm-bias' | 'bias' | 'unknown';

export interface Role {
  kind: RoleKind;
  fans?: TensorFans;
  why: string;
}

const NORM = /(^|[._])(ln|ln_\w+|norm|\w*_norm|\w*layernorm|layer_norm|bn|batchnorm|LayerNorm|\w*_layernorm|rms_norm)([._]|$)/i;
const EMBEDDING =
  /(^|[._])(wte|wpe|embed\w*|\w*_embeddings?|embeddings|tok_embeddings|word_embeddings|position_embeddings|token_type_embeddings)([._]|$)/i;

/** Fans of a weight laid out [out, in, …kernel] (torch) or [in, out] (GPT-2's Conv1D, tfjs Dense). */
export function fansOf(shape: readonly number[], layout: 'out-in' | 'in-out'): TensorFans {
  if (layout === 'in-out') {
    const receptive = shape.slice(0, -2).reduce((p, d) => p * d, 1);
    const fanIn = (shape[shape.length - 2] as number) * receptive;
    const fanOut = (shape[shape.length - 1] as number) * receptive;
    return { fanIn, fanOut, rows: fanIn, cols: shape[shape.length - 1] as number };
  }
  const receptive = shape.slice(2).reduce((p, d) => p * d, 1);
  return {
    fanIn: (shape[1] as number) * receptive,
    fanOut: (shape[0] as number) * receptive,
    rows: shape[0] as number,
    cols: (shape[1] as number) * receptive,
  };
}

/**
 * The role of a torch state_dict tensor. `conv1d` names the weights a preset knows to be laid
 * out [in, out] (GPT-2's Conv1D); `weightShapes` gives a bias its weight's fans.
 */
export function torchRole(
  name: string,
  shape: readonly number[],
  conv1d: RegExp | undefined,
  weightShapes: ReadonlyMap<string, readonly number[]>,
): Role {
  const leaf = name.split('.').pop() ?? name;
  const owner = name.slice(0, -leaf.length - 1);
  if (leaf === 'bias' && shape.length === 1) {
    if (NORM.test(owner)) return { kind: 'norm-bias', why: 'a 1-D bias of a norm layer' };
    const weight = weightShapes.get(`${owner}.weight`);
    const fans = weight && weight.length >= 2 ? fansOf(weight, conv1d?.test(`${owner}.weight`) ? 'in-out' : 'out-in') : undefined;
    return { kind: 'bias', ...(fans ? { fans } : {}), why: fans ? `the bias of ${owner}.weight` : 'a 1-D bias' };
  }
  if (leaf === 'weight' || leaf === 'kernel') {
    if (shape.length === 1)
      return NORM.test(owner)
        ? { kind: 'norm-weight', why: 'a 1-D weight of a norm layer' }
        : { kind: 'unknown', why: 'a 1-D weight outside a norm layer' };
    if (shape.length === 2 && EMBEDDING.test(owner))
      return { kind: 'embedding', fans: fansOf(shape, 'out-in'), why: 'an embedding [num, dim]' };
    if (shape.length === 2 && conv1d?.test(name)) return { kind: 'conv1d', fans: fansOf(shape, 'in-out'), why: "GPT-2's Conv1D [in, out]" };
    if (shape.length === 2) return { kind: 'linear', fans: fansOf(shape, 'out-in'), why: 'a Linear weight [out, in]' };
    if (shape.length >= 3) return { kind: 'conv', fans: fansOf(shape, 'out-in'), why: `a Conv${shape.length - 2}d weight [out, in, k…]` };
  }
  return { kind: 'unknown', why: `"${leaf}" of shape [${shape.join(', ')}]: no role from its name and shape` };
}

/** The role of a tfjs-layers weight from its layer's class (weights named `<layer>/kernel`, `/bias`, …). */
export function tfjsRole(name: string, shape: readonly number[], layerClass: string): Role {
  const leaf = name.split('/').pop() ?? name;
  if (leaf === 'kernel' && shape.length >= 2) {
    const fans = fansOf(shape, 'in-out');
    return /Conv/.test(layerClass)
      ? { kind: 'conv', fans, why: `${layerClass} kernel [k…, in, out]` }
      : { kind: 'linear', fans, why: `${layerClass} kernel [in, out]` };
  }
  if (leaf === 'bias') return { kind: 'bias', why: `${layerClass} bias` };
  if (leaf === 'embeddings') return { kind: 'embedding', fans: fansOf(shape, 'out-in'), why: `${layerClass} embeddings [num, dim]` };
  if (leaf === 'gamma' || leaf === 'moving_variance') return { kind: 'norm-weight', why: `${layerClass} ${leaf}` };
  if (leaf === 'beta' || leaf === 'moving_mean') return { kind: 'norm-bias', why: `${layerClass} ${leaf}` };
  return { kind: 'unknown', why: `${layerClass} weight "${leaf}": no role from its class` };
}
